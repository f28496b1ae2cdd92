package io.drover.marathon.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Marathon's events counted by type for Prometheus, {@code marathon_events_total{event_type}}:
 * deployments begun, succeeded and failed, status updates, health changes. Follows the stream on
 * the scheduler's context.
 */
public final class EventCounter implements Consumer<EventStream.Event> {

  private final MeterRegistry registry;
  private final Map<String, Counter> byType = new HashMap<>();

  public EventCounter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void accept(EventStream.Event event) {
    byType.computeIfAbsent(event.type(), type -> Counter.builder("marathon.events").tag("event_type", type)
      .register(registry)).increment();
  }
}
