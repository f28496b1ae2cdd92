package io.drover.master.http;

import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.MasterView;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /metrics/snapshot} with Mesos's metric names, as the Prometheus mesos_exporter reads them:
 * gauges taken from the view, counters from {@link io.drover.master.MasterMetrics}.
 */
public final class MetricsSnapshot {

  private MetricsSnapshot() {
  }

  public static JsonObject of(MasterView master) {
    List<AgentView> agents = master.agents();
    List<FrameworkView> frameworks = master.frameworks();
    JsonObject m = new JsonObject();
    m.put("master/elected", master.elected() ? 1 : 0);
    m.put("master/uptime_secs", System.currentTimeMillis() / 1000.0 - master.startTime());
    long active = agents.stream().filter(AgentView::reachable).count();
    m.put("master/slaves_active", active);
    m.put("master/slaves_inactive", agents.size() - active);
    m.put("master/slaves_unreachable", agents.size() - active);
    long connected = agents.stream().filter(AgentView::registeredThisTerm).count();
    m.put("master/slaves_connected", connected);
    m.put("master/slaves_disconnected", agents.size() - connected);
    long frameworksConnected = frameworks.stream().filter(FrameworkView::connected).count();
    m.put("master/frameworks_active", frameworks.stream().filter(f -> f.connected() && !f.suppressed()).count());
    m.put("master/frameworks_inactive", frameworks.stream().filter(f -> !f.connected() || f.suppressed()).count());
    m.put("master/frameworks_connected", frameworksConnected);
    m.put("master/frameworks_disconnected", frameworks.size() - frameworksConnected);
    Map<TaskState, Long> counts = master.taskCounts();
    for (TaskState taskState : TaskState.values()) {
      String name = taskState.name().substring("TASK_".length()).toLowerCase(Locale.ROOT);
      m.put("master/tasks_" + name, counts.getOrDefault(taskState, 0L));
    }
    m.put("master/outstanding_offers", master.offers().size());
    Resources total = agents.stream().filter(AgentView::reachable).map(a -> a.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    Resources used = master.tasks().stream().map(t -> t.info().resources())
      .reduce(Resources.EMPTY, Resources::plus);
    for (String name : new String[] {"cpus", "mem", "disk", "gpus"}) {
      double t = total.scalar(name);
      double u = used.scalar(name);
      m.put("master/" + name + "_total", t);
      m.put("master/" + name + "_used", u);
      m.put("master/" + name + "_percent", t == 0 ? 0 : u / t);
    }
    master.counters().forEach(m::put);
    return m;
  }
}
