package io.drover.protocol;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * When a task passed each hop of its launch, in microseconds since the epoch: Marathon stamps its
 * hops on the {@link TaskInfo}, the master and the agent add theirs, the agent puts them on the
 * TASK_RUNNING update and the master and the framework stamp its arrival. A few longs per launch,
 * so it stays on; the master and the agent keep none of it. Every process of a benchmark shares
 * one clock, so the hops of one task can be subtracted.
 */
public final class LaunchTrace {

  /** The hops in the order a launch passes them. */
  public enum Hop {
    POSTED, QUEUED, OFFERED, MATCHED, ACCEPTED, LAUNCH_SENT, AGENT_RECEIVED, SANDBOX_READY, SPAWNED, RUNNING_SENT,
    RUNNING_AT_MASTER, RUNNING_AT_FRAMEWORK, COUNTED;

    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** No hop recorded; the only such trace, so telling one is a comparison (it is asked on every message). */
  public static final LaunchTrace EMPTY = new LaunchTrace(new long[Hop.values().length]);

  private final long[] micros;

  private LaunchTrace(long[] micros) {
    this.micros = micros;
  }

  public static long nowMicros() {
    return micros(Instant.now());
  }

  /** An instant in microseconds since the epoch, the unit of every hop. */
  public static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  /** This trace with {@code hop} passed now. */
  public LaunchTrace at(Hop hop) {
    return at(hop, nowMicros());
  }

  /** This trace with {@code hop} passed at {@code epochMicros}. */
  public LaunchTrace at(Hop hop, long epochMicros) {
    long[] copy = Arrays.copyOf(micros, micros.length);
    copy[hop.ordinal()] = epochMicros;
    return new LaunchTrace(copy);
  }

  /** When {@code hop} was passed, or 0 when it was not recorded. */
  public long micros(Hop hop) {
    return micros[hop.ordinal()];
  }

  public boolean isEmpty() {
    return this == EMPTY;
  }

  /** The recorded hops by name, in order. */
  public Map<String, Long> asMap() {
    Map<String, Long> map = new LinkedHashMap<>();
    for (Hop hop : Hop.values()) {
      if (micros(hop) != 0) {
        map.put(hop.key(), micros(hop));
      }
    }
    return map;
  }

  public JsonObject toJson() {
    return new JsonObject(new LinkedHashMap<>(asMap()));
  }

  /** Reads a trace; null or unknown hops read as not recorded. */
  public static LaunchTrace fromJson(JsonObject json) {
    if (json == null || json.isEmpty()) {
      // the common case (every untraced message) allocates nothing
      return EMPTY;
    }
    long[] micros = new long[Hop.values().length];
    for (Hop hop : Hop.values()) {
      Object value = json.getValue(hop.key());
      micros[hop.ordinal()] = value instanceof Number n ? n.longValue() : 0;
    }
    return Arrays.equals(micros, EMPTY.micros) ? EMPTY : new LaunchTrace(micros);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaunchTrace other && Arrays.equals(micros, other.micros);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(micros);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
