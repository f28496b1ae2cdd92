package io.drover.master.http;

import io.drover.master.MasterVerticle;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.FrameworkRegistry.Framework;
import io.drover.master.state.MasterState;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.Json;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code /master/state} in the shape of Mesos's {@code /master/state}. */
public final class StateJson {

  static final String VERSION = "0.1.0";

  private StateJson() {
  }

  public static JsonObject state(MasterVerticle master, List<LeaderInfo> masters) {
    MasterState state = master.state();
    Map<String, Resources> used = state.tasks.usedByAgent();
    Map<String, Resources> offered = new HashMap<>();
    state.offers.all().forEach(o -> offered.merge(o.getAgentId(), o.resources(), Resources::plus));
    JsonObject json = new JsonObject()
      .put("version", VERSION)
      .put("id", master.settings().masterId())
      .put("hostname", master.settings().host())
      .put("start_time", master.startTime());
    master.leader().ifPresent(leader -> json
      .put("leader", "master@" + leader.address())
      .put("leader_info", leader.toJson()));
    master.leadership().ifPresent(l -> json.put("elected_time", l.leader().getElectedTime()));
    json.put("masters", Json.array(masters, LeaderInfo::toJson));

    JsonArray slaves = new JsonArray();
    JsonArray unreachable = new JsonArray();
    int active = 0;
    for (Agent agent : state.agents.all()) {
      slaves.add(agent(agent, used.getOrDefault(agent.id(), Resources.EMPTY),
        offered.getOrDefault(agent.id(), Resources.EMPTY)));
      if (agent.reachable()) {
        active++;
      } else {
        unreachable.add(new JsonObject().put("id", agent.id()).put("timestamp", agent.unreachableSince()));
      }
    }
    json.put("activated_slaves", active)
      .put("deactivated_slaves", state.agents.all().size() - active)
      .put("unreachable_slaves", unreachable.size())
      .put("slaves", slaves)
      .put("unreachable", unreachable);

    JsonArray frameworks = new JsonArray();
    for (Framework framework : state.frameworks.all()) {
      frameworks.add(frameworkWithTasks(framework, state));
    }
    json.put("frameworks", frameworks);
    JsonArray completed = new JsonArray();
    state.tasks.completed().forEach(t -> completed.add(task(t, state)));
    json.put("completed_tasks", completed);
    master.leadership().ifPresent(l -> {
      JsonObject reasons = new JsonObject();
      l.notOffered().forEach((id, why) -> reasons.put(id, new JsonObject()
        .put("reason", why.reason().name()).put("message", why.message())));
      json.put("not_offered", reasons);
    });
    return json;
  }

  /** An agent as {@code /master/state} lists it. */
  public static JsonObject agent(Agent agent, Resources used, Resources offered) {
    String address = agent.info().getHostname() + ":" + agent.info().getPort();
    return new JsonObject()
      .put("id", agent.id())
      .put("hostname", agent.info().getHostname())
      .put("port", agent.info().getPort())
      .put("pid", "slave(1)@" + address)
      .put("registered_time", agent.registeredTime())
      .put("active", agent.reachable())
      .put("registered", agent.registeredThisTerm())
      .put("resources", Json.resources(agent.info().resources()))
      .put("used_resources", Json.resources(used))
      .put("offered_resources", Json.resources(offered))
      .put("attributes", Json.attributes(agent.info().attributes()));
  }

  private static JsonObject frameworkWithTasks(Framework framework, MasterState state) {
    List<Task> tasks = state.tasks.ofFramework(framework.id());
    List<Offer> offers = state.offers.all().stream().filter(o -> o.getFrameworkId().equals(framework.id())).toList();
    JsonArray taskArray = new JsonArray();
    tasks.forEach(t -> taskArray.add(task(t, state)));
    return framework(framework, state).put("tasks", taskArray).put("offers", Json.array(offers, Offer::toJson));
  }

  /** A framework as {@code /master/state} lists it, without its tasks and offers. */
  public static JsonObject framework(Framework framework, MasterState state) {
    Resources used = state.tasks.ofFramework(framework.id()).stream().map(t -> t.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    Resources offered = state.offers.all().stream().filter(o -> o.getFrameworkId().equals(framework.id()))
      .map(Offer::resources).reduce(Resources.EMPTY, Resources::plus);
    return new JsonObject()
      .put("id", framework.id())
      .put("name", framework.info().getName())
      .put("user", framework.info().getUser())
      .put("hostname", framework.info().getHostname())
      .put("webui_url", framework.info().getWebuiUrl())
      .put("failover_timeout", framework.info().getFailoverTimeoutSeconds())
      .put("active", framework.connected() && !framework.suppressed())
      .put("connected", framework.connected())
      .put("suppressed", framework.suppressed())
      .put("registered_time", framework.registeredTime())
      .put("used_resources", Json.resources(used))
      .put("offered_resources", Json.resources(offered));
  }

  /** A task as {@code /master/state} lists it, with its agent's hostname, its labels and its health. */
  public static JsonObject task(Task task, MasterState state) {
    return new JsonObject()
      .put("id", task.info().getTaskId())
      .put("name", task.info().getName())
      .put("framework_id", task.frameworkId())
      .put("slave_id", task.agentId())
      .put("hostname", state.agents.get(task.agentId()).map(a -> a.info().getHostname()).orElse(null))
      .put("state", task.state().name())
      .put("resources", Json.resources(task.info().resources()))
      .put("labels", new JsonObject(new HashMap<>(task.info().getLabels())))
      .put("healthy", task.latest().getHealthy())
      .put("staged_time", task.knownSince())
      .put("statuses", new JsonArray().add(task.latest().toJson()));
  }
}
