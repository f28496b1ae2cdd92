package io.drover.agent;

import io.drover.protocol.AgentInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;

import java.nio.file.Path;
import java.util.List;

/**
 * One hosted agent as it was at one moment, for the HTTP API: nothing in it changes after.
 *
 * @param sandboxes the directory under which the agent's sandboxes live
 * @param tasks the tasks it has, until their terminal update is acknowledged
 * @param completed the finished tasks it remembers
 * @param counters what happened on it since the process started
 */
record AgentView(AgentInfo info, Resources used, long registeredEpoch, int pendingUpdates, Path sandboxes,
                 List<TaskView> tasks, List<TaskView> completed, AgentCounters.Totals counters) {

  AgentView {
    tasks = List.copyOf(tasks);
    completed = List.copyOf(completed);
  }

  String id() {
    return info.getId();
  }

  /**
   * A task of the agent and where its sandbox is; {@code executing} once an executor has it (its
   * URIs are fetched), until the agent forgets it.
   */
  record TaskView(TaskInfo info, TaskState state, Path sandbox, boolean executing) {
  }
}
