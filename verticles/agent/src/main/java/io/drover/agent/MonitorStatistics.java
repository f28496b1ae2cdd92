package io.drover.agent;

import io.drover.mesos.MesosJson;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.TaskInfo;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos.ResourceStatistics;

/**
 * One entry of {@code /monitor/statistics}, as Mesos's agent writes it for a task run by its
 * command executor: that executor takes the task's id as its own and as its {@code source}, and
 * its name tells the task and the command. The statistics are Mesos's own message, printed as Mesos
 * prints it.
 */
final class MonitorStatistics {

  private MonitorStatistics() {
  }

  static JsonObject entry(TaskInfo task, ResourceStatistics statistics) {
    return new JsonObject()
      .put("executor_id", task.getTaskId())
      .put("executor_name", executorName(task))
      .put("framework_id", task.getFrameworkId())
      .put("source", task.getTaskId())
      .put("statistics", new JsonObject(MesosJson.print(statistics)));
  }

  static String executorName(TaskInfo task) {
    CommandInfo command = task.getCommand();
    String name = "Command Executor (Task: " + task.getTaskId() + ")";
    if (command == null) {
      return name;
    }
    return name + " (Command: " + (command.isShell() ? "sh -c '" + command.getValue() + "'"
      : "[" + String.join(", ", command.getArguments()) + "]") + ")";
  }
}
