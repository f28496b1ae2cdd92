package io.drover.master.state;

import io.drover.protocol.CommandInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskMemoryTest {

  /** A task as it arrives off the wire: every string its own copy. */
  private static TaskInfo fromWire(String taskId) {
    TaskInfo task = new TaskInfo(taskId, "web.prod", "fw", "agent-1", Resources.parse("cpus:0.1;mem:32"),
      new CommandInfo("python3 -m http.server", true, List.of(), Map.of("MARATHON_APP_ID", "/prod/web"), null,
        List.of()), null, null, Map.of("MARATHON_APP_VERSION", "2026-12-06T00:00:00.000Z"), 3.0);
    return new TaskInfo(new JsonObject(task.toJson().encode()));
  }

  @Test
  void tasksOfOneAppShareTheirRepeatedStringsAndKeepTheirContent() {
    TaskInfo first = fromWire("web.1");
    TaskInfo second = fromWire("web.2");
    assertThat(first.getCommand().getValue()).isNotSameAs(second.getCommand().getValue());

    TaskInfo keptFirst = TaskMemory.compact(first);
    TaskInfo keptSecond = TaskMemory.compact(second);

    assertThat(keptFirst.toJson()).isEqualTo(first.toJson());
    assertThat(keptSecond.getCommand().getValue()).isSameAs(keptFirst.getCommand().getValue());
    assertThat(keptSecond.getCommand().getEnvironment().get("MARATHON_APP_ID"))
      .isSameAs(keptFirst.getCommand().getEnvironment().get("MARATHON_APP_ID"));
    assertThat(keptSecond.getLabels().get("MARATHON_APP_VERSION"))
      .isSameAs(keptFirst.getLabels().get("MARATHON_APP_VERSION"));
  }

  @Test
  void anUpdateSharesItsIdsWithItsTaskAndKeepsItsContent() {
    TaskInfo task = TaskMemory.compact(fromWire("web.1"));
    TaskStatus running = new TaskStatus(new JsonObject(TaskStatus.fromAgent(task, TaskState.TASK_RUNNING, null,
      "pid 12").toJson().encode()));

    TaskStatus kept = TaskMemory.compact(running, task);

    assertThat(kept.toJson()).isEqualTo(running.toJson());
    assertThat(kept.getTaskId()).isSameAs(task.getTaskId());
    assertThat(kept.getFrameworkId()).isSameAs(task.getFrameworkId());
    assertThat(kept.getAgentId()).isSameAs(task.getAgentId());
  }

  @Test
  void anUpdateALaterStateFollowedKeepsEverythingButItsUuid() {
    TaskInfo task = TaskMemory.compact(fromWire("web.1"));
    TaskStatus starting = TaskStatus.fromAgent(task, TaskState.TASK_STARTING, null, "starting");

    TaskStatus settled = TaskMemory.settled(starting);

    assertThat(settled.getUuid()).isNull();
    assertThat(settled.toJson().copy().put("uuid", starting.getUuid())).isEqualTo(starting.toJson());
  }
}
