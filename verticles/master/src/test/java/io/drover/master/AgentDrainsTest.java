package io.drover.master;

import io.drover.master.state.AgentDrain;
import io.drover.master.state.MasterState;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AgentDrainsTest {

  final MasterState state = new MasterState();
  final AgentDrains drains = new AgentDrains(null, null, state, null, agent -> Optional.empty());

  static TaskStatus update(String agentId, TaskState taskState) {
    return new TaskStatus("t1", "f1", agentId, taskState, TaskReason.REASON_COMMAND_EXECUTOR_FAILED, "", "SOURCE_EXECUTOR",
      "u1", 1.0, null);
  }

  @Test
  void theKillsOfADrainAreMarkedAsMesosMarksThem() {
    state.agents.register(new AgentInfo("a-1", "host", 5051, "node", Resources.parse("cpus:1"), Attributes.EMPTY), 0,
      true);
    state.agents.register(new AgentInfo("a-2", "host-2", 5051, "node", Resources.parse("cpus:1"), Attributes.EMPTY), 0,
      true);
    state.agents.setMaintenance("a-1", true, new AgentDrain(AgentDrain.State.DRAINING, null, false));

    TaskStatus killed = drains.marked(update("a-1", TaskState.TASK_KILLED));
    assertThat(killed.getReason()).isEqualTo(TaskReason.REASON_AGENT_DRAINING);
    assertThat(killed.getUuid()).as("the same update").isEqualTo("u1");
    assertThat(drains.marked(update("a-1", TaskState.TASK_FAILED)).getReason())
      .as("a task that failed by itself").isEqualTo(TaskReason.REASON_COMMAND_EXECUTOR_FAILED);
    assertThat(drains.marked(update("a-2", TaskState.TASK_KILLED)).getReason())
      .as("not draining").isEqualTo(TaskReason.REASON_COMMAND_EXECUTOR_FAILED);
  }
}
