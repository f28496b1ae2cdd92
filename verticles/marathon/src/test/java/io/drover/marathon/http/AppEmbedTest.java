package io.drover.marathon.http;

import static io.drover.marathon.http.AppEmbed.COUNTS;
import static io.drover.marathon.http.AppEmbed.DEPLOYMENTS;
import static io.drover.marathon.http.AppEmbed.LAST_TASK_FAILURE;
import static io.drover.marathon.http.AppEmbed.READINESS;
import static io.drover.marathon.http.AppEmbed.TASKS;
import static io.drover.marathon.http.AppEmbed.TASK_STATS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppEmbedTest {

  @Test
  void everyPrefixAndNoneAskForTheSame() {
    for (String prefix : List.of("", "app.", "apps.", "group.apps.")) {
      assertThat(AppEmbed.resolve(List.of(prefix + "counts"))).as(prefix).containsExactly(COUNTS);
      assertThat(AppEmbed.resolve(List.of(prefix + "readiness"))).as(prefix).containsExactly(READINESS);
      assertThat(AppEmbed.resolve(List.of(prefix + "taskStats"))).as(prefix).containsExactly(TASK_STATS);
      assertThat(AppEmbed.resolve(List.of(prefix + "lastTaskFailure"))).as(prefix).containsExactly(LAST_TASK_FAILURE);
    }
  }

  @Test
  void tasksBringDeploymentsAndFailuresBringTasksTooAsInMarathon() {
    assertThat(AppEmbed.resolve(List.of("app.tasks"))).containsExactlyInAnyOrder(TASKS, DEPLOYMENTS);
    assertThat(AppEmbed.resolve(List.of("apps.failures")))
      .containsExactlyInAnyOrder(TASKS, LAST_TASK_FAILURE, DEPLOYMENTS);
  }

  @Test
  void unknownValuesAreIgnoredAndCommaListsRead() {
    assertThat(AppEmbed.resolve(List.of("apps.nonsense", "group.groups"))).isEmpty();
    assertThat(AppEmbed.resolve(List.of("apps.counts,apps.deployments"))).containsExactlyInAnyOrder(COUNTS, DEPLOYMENTS);
  }
}
