package io.drover.agent.checkpoint;

import io.drover.agent.checkpoint.TaskCheckpoint.RecoveredTask;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentCheckpointTest {

  @TempDir
  Path dir;

  final TaskInfo task = TaskInfo.command("t", "a", Resources.parse("cpus:1"), "true").withFrameworkId("fw");

  TaskCheckpoint checkpointedTask(AgentCheckpoint agent) {
    TaskCheckpoint checkpoint = agent.task("fw", "t");
    checkpoint.writeTask(task, FrameworkInfo.named("f").withId("fw"));
    return checkpoint;
  }

  @Test
  void anAgentKeepsItsIdAcrossRestarts() {
    String first = AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.RECONNECT).agentId();
    assertThat(AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.RECONNECT).agentId()).isEqualTo(first);
    assertThat(AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.CLEANUP).agentId()).isNotEqualTo(first);
  }

  @Test
  void updatesAndAcknowledgementsAreReadBackInOrder() {
    AgentCheckpoint agent = AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.RECONNECT);
    TaskCheckpoint checkpoint = checkpointedTask(agent);
    TaskStatus starting = TaskStatus.fromAgent(task, TaskState.TASK_STARTING, null, null);
    TaskStatus running = TaskStatus.fromAgent(task, TaskState.TASK_RUNNING, null, null);
    TaskStatus finished = TaskStatus.fromAgent(task, TaskState.TASK_FINISHED, null, null);
    checkpoint.appendUpdate(starting);
    checkpoint.appendUpdate(running);
    checkpoint.appendAcknowledgement(starting.getUuid());
    checkpoint.appendUpdate(finished);

    List<RecoveredTask> recovered = AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.RECONNECT).recover();

    assertThat(recovered).hasSize(1);
    RecoveredTask back = recovered.get(0);
    assertThat(back.info().getTaskId()).isEqualTo("t");
    assertThat(back.latest().getState()).isEqualTo(TaskState.TASK_FINISHED);
    assertThat(back.unacknowledged()).extracting(TaskStatus::getUuid)
      .containsExactly(running.getUuid(), finished.getUuid());
  }

  @Test
  void aWriteCutShortByACrashIsIgnoredButDamageIsRefused() throws Exception {
    AgentCheckpoint agent = AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.RECONNECT);
    TaskCheckpoint checkpoint = checkpointedTask(agent);
    checkpoint.appendUpdate(TaskStatus.fromAgent(task, TaskState.TASK_RUNNING, null, null));
    Path log = checkpoint.dir().resolve("updates.log");
    Files.writeString(log, "{\"update\": {\"task_id\"", StandardOpenOption.APPEND);

    assertThat(agent.recover().get(0).updates()).hasSize(1);
    // the cut-off write was removed, so the next entry starts on a line of its own
    checkpoint.appendUpdate(TaskStatus.fromAgent(task, TaskState.TASK_FINISHED, null, null));
    assertThat(agent.recover().get(0).updates()).extracting(TaskStatus::getState)
      .containsExactly(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);

    Files.writeString(log, "{\"broken\n{\"ack\": \"x\"}\n", StandardOpenOption.APPEND);
    assertThatThrownBy(agent::recover).isInstanceOf(CheckpointException.class)
      .hasMessageContaining("damaged checkpoint").hasMessageContaining("updates.log");

    assertThat(AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.CLEANUP).recover()).isEmpty();
  }

  @Test
  void aForgottenTaskIsNotRecovered() {
    AgentCheckpoint agent = AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.RECONNECT);
    TaskCheckpoint checkpoint = checkpointedTask(agent);
    agent.forget(checkpoint);
    assertThat(agent.recover()).isEmpty();
  }

  @Test
  void aProcessIsFoundAgainOnlyWhileItIsTheSameProcess() throws Exception {
    TaskCheckpoint checkpoint = checkpointedTask(AgentCheckpoint.open(dir, AgentCheckpoint.Recovery.RECONNECT));
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      checkpoint.writeProcess(sleeper.toHandle());
      assertThat(checkpoint.liveProcess()).map(ProcessHandle::pid).contains(sleeper.pid());
    } finally {
      sleeper.destroyForcibly().waitFor();
    }
    assertThat(checkpoint.liveProcess()).isEmpty();
  }
}
