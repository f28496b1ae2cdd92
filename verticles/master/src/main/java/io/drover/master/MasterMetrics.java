package io.drover.master;

import io.drover.protocol.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counters of what this master receives and sends, by Mesos's metric names (for example
 * {@code master/messages_status_update}), incremented where the message is handled, timers of
 * its allocation runs and registry reads and writes, and task state transitions by state, source
 * and reason. They live in a Micrometer registry, so {@code /metrics} shows them to Prometheus
 * ({@code mesos_master_messages_status_update_total}, timers as histograms in seconds) and
 * {@code /metrics/snapshot} reads the same meters back under Mesos's names. They count from this
 * master's start, as Mesos's do.
 */
public final class MasterMetrics {

  /** An agent registered or re-registered. */
  public static final String REGISTER_SLAVE = "master/messages_register_slave";
  /** A status update arrived from an agent. */
  public static final String STATUS_UPDATE = "master/messages_status_update";
  /** A status update that moved a known task to a new state. */
  public static final String VALID_STATUS_UPDATES = "master/valid_status_updates";
  /** A status update for an unknown task, or for one that had ended already. */
  public static final String INVALID_STATUS_UPDATES = "master/invalid_status_updates";
  /** A message from an agent that could not be read. */
  public static final String DROPPED_MESSAGES = "master/dropped_messages";
  public static final String REGISTER_FRAMEWORK = "master/messages_register_framework";
  public static final String LAUNCH_TASKS = "master/messages_launch_tasks";
  public static final String DECLINE_OFFERS = "master/messages_decline_offers";
  public static final String REVIVE_OFFERS = "master/messages_revive_offers";
  public static final String SUPPRESS_OFFERS = "master/messages_suppress_offers";
  public static final String KILL_TASK = "master/messages_kill_task";
  public static final String ACKNOWLEDGE_STATUS_UPDATE = "master/messages_acknowledge_status_update";
  public static final String RECONCILE_TASKS = "master/messages_reconcile_tasks";
  public static final String UNREGISTER_FRAMEWORK = "master/messages_unregister_framework";
  /** Mesos's counters of framework messages, each way. */
  public static final String FRAMEWORK_TO_EXECUTOR_MESSAGES = "master/messages_framework_to_executor";
  public static final String EXECUTOR_TO_FRAMEWORK_MESSAGES = "master/messages_executor_to_framework";
  /** Messages this process's event bus delivered to it, replies included (Drover's own, for the launch path's cost). */
  public static final String BUS_MESSAGES_RECEIVED = "master/event_bus_messages_received";
  /** Messages this process's event bus sent, published or replied (Drover's own). */
  public static final String BUS_MESSAGES_SENT = "master/event_bus_messages_sent";
  /** Allocation passes run by this master's leaderships. */
  public static final String ALLOCATION_RUNS = "allocator/allocation_runs";

  /** How long an allocation pass took. */
  public static final String ALLOCATION_RUN_MS = "allocator/allocation_run_ms";
  /** How long reading the durable agent registry took when a term began. */
  public static final String STATE_FETCH_MS = "registrar/state_fetch_ms";
  /** How long a ZooKeeper write of the durable agent registry took, until ZooKeeper answered. */
  public static final String STATE_STORE_MS = "registrar/state_store_ms";
  /** From an agent's making a status update to the master's applying it (the agent's clock against the master's). */
  public static final String STATUS_UPDATE_LATENCY_MS = "master/status_update_latency_ms";
  /** Offers sent to frameworks. */
  public static final String OFFERS_SENT = "master/offers_sent";
  /** Offers taken back: timed out, unconfirmed, or their agent gone. */
  public static final String OFFERS_RESCINDED = "master/offers_rescinded";
  /** Terms this master began as the leader. */
  public static final String ELECTIONS_WON = "master/elections_won";
  /** Task state changes the master applied, tagged state, source and reason. */
  static final String TASK_TRANSITIONS = "master/task_transitions";

  /** Every counter, so a snapshot lists the ones still at zero too. */
  private static final String[] ALL = {REGISTER_SLAVE, STATUS_UPDATE, VALID_STATUS_UPDATES, INVALID_STATUS_UPDATES,
    DROPPED_MESSAGES, REGISTER_FRAMEWORK, LAUNCH_TASKS, DECLINE_OFFERS, REVIVE_OFFERS, SUPPRESS_OFFERS, KILL_TASK,
    FRAMEWORK_TO_EXECUTOR_MESSAGES, EXECUTOR_TO_FRAMEWORK_MESSAGES, ACKNOWLEDGE_STATUS_UPDATE, RECONCILE_TASKS, UNREGISTER_FRAMEWORK, ALLOCATION_RUNS, BUS_MESSAGES_RECEIVED,
    BUS_MESSAGES_SENT, OFFERS_SENT, OFFERS_RESCINDED, ELECTIONS_WON};

  private static final String[] TIMERS = {ALLOCATION_RUN_MS, STATE_FETCH_MS, STATE_STORE_MS, STATUS_UPDATE_LATENCY_MS};

  // read by the HTTP server's thread while the master's context and ZooKeeper's callbacks write them
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  /** A timer's last reading, which Mesos shows and a histogram does not keep. */
  private final Map<String, Double> lastMs = new ConcurrentHashMap<>();
  /** By Mesos's name for the transition, {@code master/task_<state>/source_<s>/reason_<r>}. */
  private final Map<String, Counter> transitions = new ConcurrentHashMap<>();

  public MasterMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String name : ALL) {
      counters.put(name, Counter.builder(meterName(name)).register(registry));
    }
    for (String name : TIMERS) {
      timers.put(name, Timer.builder(meterName(name.substring(0, name.length() - "_ms".length())))
        .publishPercentileHistogram().register(registry));
    }
  }

  /** On a registry of its own, for tests. */
  public MasterMetrics() {
    this(new SimpleMeterRegistry());
  }

  /** {@code master/messages_kill_task} is {@code mesos.master.messages_kill_task} (Prometheus: {@code mesos_master_messages_kill_task_total}). */
  static String meterName(String mesosName) {
    return "mesos." + mesosName.replace('/', '.');
  }

  /** Counts one more of {@code name}, one of the constants of this class. */
  public void increment(String name) {
    add(name, 1);
  }

  /** Counts {@code n} more of {@code name} (the messages of a batch). */
  public void add(String name, long n) {
    Counter counter = counters.get(name);
    if (counter == null) {
      throw new IllegalArgumentException("no master metric " + name);
    }
    counter.increment(n);
  }

  /** Records that {@code name}, one of the timers of this class, took {@code ms} this time. */
  public void time(String name, double ms) {
    Timer timer = timers.get(name);
    if (timer == null) {
      throw new IllegalArgumentException("no master timer " + name);
    }
    timer.record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
    lastMs.put(name, ms);
  }

  /** Counts a task state change the master applied, as Mesos's {@code master/task_<state>/source_<s>/reason_<r>}. */
  public void transition(TaskStatus status) {
    String state = status.getState().name().toLowerCase(Locale.ROOT).replace("task_", "");
    String source = status.getSource() == null ? "unknown" : status.getSource().toLowerCase(Locale.ROOT)
      .replace("source_", "");
    String reason = status.getReason() == null ? "none" : status.getReason().name().toLowerCase(Locale.ROOT)
      .replace("reason_", "");
    transitions.computeIfAbsent("master/task_" + state + "/source_" + source + "/reason_" + reason,
      mesosName -> Counter.builder(meterName(TASK_TRANSITIONS)).tag("state", state).tag("source", source)
        .tag("reason", reason).register(registry)).increment();
  }

  /**
   * Every counter's value now, by name; each timer that has run: its last reading under its name
   * and how many readings under {@code name/count}; each transition seen under Mesos's name for it.
   */
  public Map<String, Number> snapshot() {
    Map<String, Number> values = new TreeMap<>();
    counters.forEach((name, counter) -> values.put(name, (long) counter.count()));
    lastMs.forEach((name, ms) -> {
      values.put(name, ms);
      values.put(name + "/count", timers.get(name).count());
    });
    transitions.forEach((mesosName, counter) -> values.put(mesosName, (long) counter.count()));
    return values;
  }
}
