package io.drover.master.http;

import io.drover.common.BuildInfo;
import io.drover.master.mesos.MesosAnnouncement;
import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.MasterView;
import io.drover.master.view.TaskView;
import io.drover.protocol.Json;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The master's read endpoints in the shapes Mesos 1.11 writes them ({@code src/master/http.cpp}),
 * so mesos-dns, Traefik, mesos-consul and pymesos read them unchanged.
 */
final class StateJson {

  private StateJson() {
  }

  /** {@code /version}. */
  static JsonObject version() {
    return new JsonObject().put("version", MesosAnnouncement.MESOS_VERSION).put("git_sha", BuildInfo.CURRENT.commit())
      .put("drover_version", BuildInfo.CURRENT.version()).put("drover_build_time", BuildInfo.CURRENT.time());
  }

  /** {@code /flags}. */
  static JsonObject flags(MasterView master) {
    return new JsonObject().put("flags", Json.object(master.flags()));
  }

  /** {@code /master/state}. */
  static JsonObject state(MasterView master) {
    JsonObject json = summary(master)
      .put("start_time", master.startTime())
      .put("masters", Json.array(master.masters(), LeaderInfo::toJson));
    master.leader().ifPresent(leader -> json.put("leader_info", leaderInfo(leader)));
    master.term().ifPresent(term -> json.put("elected_time", term.getElectedTime()));

    JsonArray unreachable = new JsonArray();
    master.agents().stream().filter(a -> !a.reachable()).forEach(a ->
      unreachable.add(new JsonObject().put("id", a.id()).put("timestamp", a.unreachableSince())));
    json.put("slaves", slaves(master).getJsonArray("slaves"))
      .put("unreachable", unreachable)
      .put("frameworks", frameworks(master).getJsonArray("frameworks"))
      .put("completed_frameworks", new JsonArray())
      .put("unregistered_frameworks", new JsonArray())
      .put("orphan_tasks", new JsonArray())
      .put("completed_tasks", Json.array(master.completed(), TaskView::toJson))
      .put("flags", Json.object(master.flags()));
    if (master.elected()) {
      JsonObject reasons = new JsonObject();
      master.notOffered().forEach((id, why) -> reasons.put(id, new JsonObject()
        .put("reason", why.reason().name()).put("message", why.message())));
      json.put("not_offered", reasons);
    }
    return json;
  }

  /** {@code /master/state-summary}: the master, and its agents and frameworks with task counts. */
  static JsonObject stateSummary(MasterView master) {
    JsonArray slaves = Json.array(master.agents(), AgentView::toJson);
    JsonArray frameworks = new JsonArray();
    for (FrameworkView framework : master.frameworks()) {
      frameworks.add(framework.toJson().put("slave_ids", new JsonArray(framework.tasks().stream()
        .map(TaskView::agentId).distinct().toList())));
    }
    return summary(master).put("slaves", slaves).put("frameworks", frameworks);
  }

  /** {@code /master/slaves}. */
  static JsonObject slaves(MasterView master) {
    return new JsonObject().put("slaves", Json.array(master.agents(), AgentView::toJson))
      .put("recovered_slaves", new JsonArray());
  }

  /** {@code /master/frameworks}: each with its active and finished tasks and its offers. */
  static JsonObject frameworks(MasterView master) {
    Map<String, List<TaskView>> completed = master.completed().stream()
      .collect(Collectors.groupingBy(TaskView::frameworkId));
    JsonArray frameworks = new JsonArray();
    for (FrameworkView framework : master.frameworks()) {
      frameworks.add(framework.toJson()
        .put("tasks", Json.array(framework.tasks(), TaskView::toJson))
        .put("completed_tasks", Json.array(completed.getOrDefault(framework.id(), List.of()), TaskView::toJson))
        .put("offers", Json.array(framework.offers(), Offer::toJson)));
    }
    return new JsonObject().put("frameworks", frameworks)
      .put("completed_frameworks", new JsonArray())
      .put("unregistered_frameworks", new JsonArray());
  }

  /** {@code /master/tasks}: one page of the active, then the finished tasks. */
  static JsonObject tasks(MasterView master, TaskPage page) {
    List<TaskView> all = new ArrayList<>(master.tasks());
    all.addAll(master.completed());
    all.sort(Comparator.comparingDouble(TaskView::knownSince));
    return new JsonObject().put("tasks", Json.array(page.of(all), TaskView::toJson));
  }

  /** What {@code /master/state} and {@code /master/state-summary} share. */
  private static JsonObject summary(MasterView master) {
    long reachable = master.agents().stream().filter(AgentView::reachable).count();
    long active = master.agents().stream().filter(AgentView::active).count();
    JsonObject json = new JsonObject()
      .put("version", MesosAnnouncement.MESOS_VERSION)
      .put("drover_version", BuildInfo.CURRENT.version())
      .put("id", master.masterId())
      .put("hostname", master.hostname());
    master.masters().stream().filter(m -> m.getMasterId().equals(master.masterId())).findFirst()
      .ifPresent(self -> json.put("pid", "master@" + self.address()));
    master.leader().ifPresent(leader -> json.put("leader", "master@" + leader.address()));
    return json
      .put("activated_slaves", active)
      .put("deactivated_slaves", reachable - active)
      .put("unreachable_slaves", master.agents().size() - reachable);
  }

  /**
   * Drover's own fields of the leader (its epoch), with Mesos's {@code MasterInfo} fields beside
   * them.
   */
  private static JsonObject leaderInfo(LeaderInfo leader) {
    return leader.toJson()
      .put("id", leader.getMasterId())
      .put("pid", "master@" + leader.address())
      .put("version", MesosAnnouncement.MESOS_VERSION)
      .put("address", new JsonObject().put("hostname", leader.getHostname()).put("port", leader.getPort()));
  }
}
