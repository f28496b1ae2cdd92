package io.drover.agent.checkpoint;

import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskStatus;

import java.util.List;

/**
 * A task as its checkpoint tells it after an agent restart.
 *
 * @param info       what was launched
 * @param framework  whose it is
 * @param updates    every update the agent made for it, in order
 * @param unacknowledged the updates the framework has not acknowledged yet, in order
 * @param checkpoint where it is kept
 */
public record RecoveredTask(TaskInfo info, FrameworkInfo framework, List<TaskStatus> updates,
                            List<TaskStatus> unacknowledged, TaskCheckpoint checkpoint) {

  /** The latest update, or null when the agent stopped before it made one. */
  public TaskStatus latest() {
    return updates.isEmpty() ? null : updates.get(updates.size() - 1);
  }
}
