package io.drover.marathon.core;

import static io.drover.marathon.core.Fleet.task;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A task's verdict from all of its app's checks, as Marathon counts healthy and unhealthy tasks. */
class InstanceHealthTest {

  @Test
  void healthyOnlyOnceEveryCheckPassedAndUnhealthyAsSoonAsOneFails() {
    Instance task = task("t1 v1 running");

    task.health(0).passed(1);
    assertThat(task.judgeHealth(3)).isFalse();
    assertThat(task.healthy()).as("two of three checks found nothing yet").isNull();
    task.health(1).passed(2);
    task.health(2).passed(3);
    assertThat(task.judgeHealth(3)).isTrue();
    assertThat(task.healthy()).isTrue();

    task.health(1).failed(4, "connection refused");
    assertThat(task.judgeHealth(3)).isTrue();
    assertThat(task.healthy()).isFalse();
    assertThat(task.healthResults()).hasSize(3);
    assertThat(task.healthResults().get(1).toJson("t1").getString("lastFailureCause")).isEqualTo("connection refused");
  }
}
