package io.drover.master.http;

import io.drover.master.MasterVerticle;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.FrameworkRegistry.Framework;
import io.drover.master.state.MasterState;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.Map;

/** {@code /metrics/snapshot} with Mesos's metric names. */
final class MetricsSnapshot {

  private MetricsSnapshot() {
  }

  static JsonObject of(MasterVerticle master) {
    MasterState state = master.state();
    JsonObject m = new JsonObject();
    m.put("master/elected", master.leadership().isPresent() ? 1 : 0);
    m.put("master/uptime_secs", System.currentTimeMillis() / 1000.0 - master.startTime());
    long active = state.agents.all().stream().filter(Agent::reachable).count();
    m.put("master/slaves_active", active);
    m.put("master/slaves_inactive", state.agents.all().size() - active);
    m.put("master/slaves_unreachable", state.agents.all().size() - active);
    m.put("master/slaves_connected", state.agents.all().stream().filter(Agent::registeredThisTerm).count());
    long connected = state.frameworks.all().stream().filter(Framework::connected).count();
    m.put("master/frameworks_active", state.frameworks.all().stream()
      .filter(f -> f.connected() && !f.suppressed()).count());
    m.put("master/frameworks_inactive", state.frameworks.all().stream()
      .filter(f -> !f.connected() || f.suppressed()).count());
    m.put("master/frameworks_connected", connected);
    m.put("master/frameworks_disconnected", state.frameworks.all().size() - connected);
    Map<TaskState, Long> counts = state.tasks.countsByState();
    for (TaskState taskState : TaskState.values()) {
      String name = taskState.name().substring("TASK_".length()).toLowerCase(Locale.ROOT);
      m.put("master/tasks_" + name, counts.getOrDefault(taskState, 0L));
    }
    m.put("master/outstanding_offers", state.offers.size());
    Resources total = state.agents.all().stream().filter(Agent::reachable).map(a -> a.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    Resources used = state.tasks.usedByAgent().values().stream().reduce(Resources.EMPTY, Resources::plus);
    for (String name : new String[] {"cpus", "mem", "disk"}) {
      double t = total.scalar(name);
      double u = used.scalar(name);
      m.put("master/" + name + "_total", t);
      m.put("master/" + name + "_used", u);
      m.put("master/" + name + "_percent", t == 0 ? 0 : u / t);
    }
    return m;
  }
}
