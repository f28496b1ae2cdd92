package io.drover.agent;

import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusUpdateStreamTest {

  final List<TaskStatus> sent = new ArrayList<>();
  final StatusUpdateStream stream = new StatusUpdateStream(sent::add);
  final TaskInfo task = TaskInfo.command("t", "a", Resources.parse("cpus:1"), "true").withFrameworkId("fw");
  final String key = TaskInfo.key("fw", "t");

  TaskStatus update(TaskState state) {
    return TaskStatus.fromAgent(task, state, null, null);
  }

  @Test
  void oneUpdateInFlightPerTaskAndTheNextGoesOnAcknowledgement() {
    TaskStatus running = update(TaskState.TASK_RUNNING);
    TaskStatus finished = update(TaskState.TASK_FINISHED);
    stream.add(running, 0);
    stream.add(finished, 0);
    assertThat(sent).containsExactly(running);

    assertThat(stream.acknowledge(key, finished.getUuid(), 10)).isNull();
    assertThat(stream.acknowledge(key, running.getUuid(), 10)).isEqualTo(running);
    assertThat(sent).containsExactly(running, finished);
    assertThat(stream.acknowledge(key, running.getUuid(), 20)).isNull();
    assertThat(stream.acknowledge(key, finished.getUuid(), 20)).isEqualTo(finished);
    assertThat(stream.pending(key)).isFalse();
  }

  @Test
  void unacknowledgedUpdatesAreResentWithGrowingBackoff() {
    TaskStatus running = update(TaskState.TASK_RUNNING);
    stream.add(running, 0);

    stream.resendDue(StatusUpdateStream.INITIAL_BACKOFF_MS - 1);
    assertThat(sent).hasSize(1);
    stream.resendDue(StatusUpdateStream.INITIAL_BACKOFF_MS);
    assertThat(sent).hasSize(2);
    stream.resendDue(StatusUpdateStream.INITIAL_BACKOFF_MS * 2);
    assertThat(sent).hasSize(2);
    stream.resendDue(StatusUpdateStream.INITIAL_BACKOFF_MS * 3);
    assertThat(sent).hasSize(3).allMatch(s -> s.getUuid().equals(running.getUuid()));
  }
}
