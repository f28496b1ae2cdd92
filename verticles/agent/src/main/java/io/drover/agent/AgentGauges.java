package io.drover.agent;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * The agent process's Mesos metrics ({@code slave/*}, as {@code /metrics/snapshot} shows them) as
 * Prometheus gauges, {@code slave/tasks_running} as {@code mesos_slave_tasks_running}: refreshed
 * from a snapshot just before each scrape, on the agent's context that also serves the scrape.
 */
final class AgentGauges {

  private final MeterRegistry registry;
  /** Each gauge's value; the map holds them strongly, as Micrometer holds a gauge's object weakly. */
  private final Map<String, double[]> values = new HashMap<>();

  AgentGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  void refresh(JsonObject snapshot) {
    for (Map.Entry<String, Object> metric : snapshot) {
      if (metric.getValue() instanceof Number number) {
        values.computeIfAbsent(metric.getKey(), this::register)[0] = number.doubleValue();
      }
    }
  }

  private double[] register(String name) {
    double[] value = new double[1];
    Gauge.builder("mesos." + name.replace('/', '.'), value, v -> v[0]).register(registry);
    return value;
  }
}
