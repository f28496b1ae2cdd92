package io.drover.master.view;

import io.drover.master.state.AgentRegistry;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.Json;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A task as the master saw it at one moment, with the hostname of its agent (null when the agent is gone).
 *
 * @param statuses the states the task reached, oldest first, {@code latest} last
 */
public record TaskView(TaskInfo info, TaskStatus latest, List<TaskStatus> statuses, double knownSince,
                       String hostname) {

  public TaskView {
    statuses = List.copyOf(statuses);
  }

  private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  public static TaskView of(Task task, AgentRegistry agents) {
    return new TaskView(task.info(), task.latest(), task.statuses(), task.knownSince(),
      agents.get(task.agentId()).map(a -> a.info().getHostname()).orElse(null));
  }

  public String id() {
    return info.getTaskId();
  }

  public String agentId() {
    return info.getAgentId();
  }

  public String frameworkId() {
    return info.getFrameworkId();
  }

  public TaskState state() {
    return latest.getState();
  }

  /** Mesos's {@code Labels}: a list of key and value pairs. */
  private JsonArray labels() {
    JsonArray labels = new JsonArray();
    info.getLabels().forEach((key, value) -> labels.add(new JsonObject().put("key", key).put("value", value)));
    return labels;
  }

  /** The task as {@code /master/state} lists it, with its agent's hostname, its labels and its health. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject()
      .put("id", id())
      .put("name", info.getName())
      .put("framework_id", frameworkId())
      .put("executor_id", "")
      .put("slave_id", agentId())
      .put("hostname", hostname)
      .put("state", state().name())
      .put("resources", Json.resources(info.resources()))
      .put("role", info.getRole())
      .put("labels", labels())
      .put("healthy", latest.getHealthy())
      .put("staged_time", knownSince)
      .put("statuses", new JsonArray(statuses.stream().map(this::status).toList()));
    if (info.getDiscovery() != null) {
      json.put("discovery", info.getDiscovery().toJson());
    }
    return json;
  }

  /**
   * A status with Mesos's {@code container_status} (mesos-dns's {@code netinfo} source reads it): a
   * container on a USER network has its own addresses and that network's name; any other task runs
   * on its agent's network, so its address is the agent's when the agent is known by an IP literal
   * (resolving a name here would block the reader).
   */
  private JsonObject status(TaskStatus update) {
    JsonObject status = update.toJson();
    status.remove("container_ips");
    JsonArray addresses = new JsonArray();
    update.getContainerIps().forEach(ip -> addresses.add(new JsonObject().put("ip_address", ip)));
    if (addresses.isEmpty() && hostname != null && IP_LITERAL.matcher(hostname).matches()) {
      addresses.add(new JsonObject().put("ip_address", hostname));
    }
    if (!addresses.isEmpty()) {
      JsonObject network = new JsonObject().put("ip_addresses", addresses);
      if (!update.getContainerIps().isEmpty() && info.getContainer() != null) {
        network.put("name", info.getContainer().getNetworkName());
      }
      status.put("container_status", new JsonObject().put("network_infos", new JsonArray().add(network)));
    }
    return status;
  }
}
