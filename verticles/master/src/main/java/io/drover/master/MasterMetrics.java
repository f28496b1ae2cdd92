package io.drover.master;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what this master receives and sends, by Mesos's metric names (for example
 * {@code master/messages_status_update}), incremented where the message is handled and read by
 * {@code /metrics/snapshot}. They count from this master's start, as Mesos's do.
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
  /** Allocation passes run by this master's leaderships. */
  public static final String ALLOCATION_RUNS = "allocator/allocation_runs";

  /** Every counter, so a snapshot lists the ones still at zero too. */
  private static final String[] ALL = {REGISTER_SLAVE, STATUS_UPDATE, VALID_STATUS_UPDATES, INVALID_STATUS_UPDATES,
    DROPPED_MESSAGES, REGISTER_FRAMEWORK, LAUNCH_TASKS, DECLINE_OFFERS, REVIVE_OFFERS, SUPPRESS_OFFERS, KILL_TASK,
    ACKNOWLEDGE_STATUS_UPDATE, RECONCILE_TASKS, UNREGISTER_FRAMEWORK, ALLOCATION_RUNS};

  // read by the HTTP server's thread while the master's context increments them
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  public MasterMetrics() {
    for (String name : ALL) {
      counters.put(name, new LongAdder());
    }
  }

  /** Counts one more of {@code name}, one of the constants of this class. */
  public void increment(String name) {
    LongAdder counter = counters.get(name);
    if (counter == null) {
      throw new IllegalArgumentException("no master metric " + name);
    }
    counter.increment();
  }

  /** Every counter's value now, by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> values = new TreeMap<>();
    counters.forEach((name, counter) -> values.put(name, counter.sum()));
    return values;
  }
}
