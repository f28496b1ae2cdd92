package io.drover.master.http;

import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.MasterView;
import io.drover.master.view.TaskView;
import io.drover.protocol.Json;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code /master/state} in the shape of Mesos's {@code /master/state}. */
final class StateJson {

  static final String VERSION = "0.1.0";

  private StateJson() {
  }

  static JsonObject state(MasterView master) {
    JsonObject json = new JsonObject()
      .put("version", VERSION)
      .put("id", master.masterId())
      .put("hostname", master.hostname())
      .put("start_time", master.startTime());
    master.leader().ifPresent(leader -> json
      .put("leader", "master@" + leader.address())
      .put("leader_info", leader.toJson()));
    master.term().ifPresent(term -> json.put("elected_time", term.getElectedTime()));
    json.put("masters", Json.array(master.masters(), LeaderInfo::toJson));

    JsonArray slaves = new JsonArray();
    JsonArray unreachable = new JsonArray();
    int active = 0;
    for (AgentView agent : master.agents()) {
      slaves.add(agent.toJson());
      if (agent.reachable()) {
        active++;
      } else {
        unreachable.add(new JsonObject().put("id", agent.id()).put("timestamp", agent.unreachableSince()));
      }
    }
    json.put("activated_slaves", active)
      .put("deactivated_slaves", master.agents().size() - active)
      .put("unreachable_slaves", unreachable.size())
      .put("slaves", slaves)
      .put("unreachable", unreachable);

    JsonArray frameworks = new JsonArray();
    for (FrameworkView framework : master.frameworks()) {
      frameworks.add(framework.toJson().put("tasks", Json.array(framework.tasks(), TaskView::toJson))
        .put("offers", Json.array(framework.offers(), Offer::toJson)));
    }
    json.put("frameworks", frameworks);
    json.put("completed_tasks", Json.array(master.completed(), TaskView::toJson));
    if (master.elected()) {
      JsonObject reasons = new JsonObject();
      master.notOffered().forEach((id, why) -> reasons.put(id, new JsonObject()
        .put("reason", why.reason().name()).put("message", why.message())));
      json.put("not_offered", reasons);
    }
    return json;
  }
}
