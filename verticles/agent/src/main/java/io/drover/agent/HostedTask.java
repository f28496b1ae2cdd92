package io.drover.agent;

import io.drover.agent.checkpoint.TaskCheckpoint;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.LaunchTrace;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.vertx.core.Future;

import java.nio.file.Path;
import java.util.Map;

/** A task on an agent, from launch until its terminal update is acknowledged. */
final class HostedTask {

  final TaskInfo info;
  final FrameworkInfo framework;
  final Path sandbox;
  final TaskCheckpoint checkpoint;
  TaskStatus latest;
  /** The last of its checkpoint writes: the next one starts after it. */
  Future<Void> journal = Future.succeededFuture();
  /** Its health check and its plain check while it runs; null when it has none. */
  TaskCheckRunner health;
  TaskCheckRunner check;
  /** The values of its secret variables, read at launch; null until read (after a recovery, for its checks). */
  Map<String, String> secrets;
  /** The executor has the task (launched or recovered), so a kill goes to it. */
  boolean executing;
  /** A kill came before the executor had the task. */
  boolean killRequested;
  /** The launch's hops so far, until they leave with its TASK_RUNNING; see {@link LaunchTrace}. */
  LaunchTrace trace = LaunchTrace.EMPTY;

  HostedTask(TaskInfo info, FrameworkInfo framework, Path sandbox, TaskCheckpoint checkpoint) {
    this.info = info;
    this.framework = framework;
    this.sandbox = sandbox;
    this.checkpoint = checkpoint;
  }

  /** Records that the launch passed {@code hop} now, if it is traced. */
  void passed(LaunchTrace.Hop hop) {
    if (!trace.isEmpty()) {
      trace = trace.at(hop);
    }
  }

  /** The update as it goes out: TASK_RUNNING takes the launch's hops along, once. */
  TaskStatus traced(TaskStatus update) {
    if (update.getState() != TaskState.TASK_RUNNING || trace.isEmpty()) {
      return update;
    }
    TaskStatus traced = update.withTrace(trace.at(LaunchTrace.Hop.RUNNING_SENT));
    trace = LaunchTrace.EMPTY;
    return traced;
  }

  String key() {
    return info.key();
  }

  TaskState state() {
    return latest == null ? TaskState.TASK_STAGING : latest.getState();
  }

  AgentView.TaskView view() {
    return new AgentView.TaskView(info, state(), sandbox, executing);
  }

  void stopChecks() {
    if (health != null) {
      health.stop();
    }
    if (check != null) {
      check.stop();
    }
  }
}
