package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * When a machine will be unavailable for maintenance (Mesos's {@code Unavailability}): from
 * {@code start}, for {@code duration} or open-ended. Offers of its agents and inverse offers carry it.
 */
@DataObject
public class Unavailability {

  private final long startNanos;
  private final Long durationNanos;

  /** @param durationNanos null when open-ended */
  public Unavailability(long startNanos, Long durationNanos) {
    this.startNanos = startNanos;
    this.durationNanos = durationNanos;
  }

  /**
   * Mesos's JSON: {@code {"start": {"nanoseconds": n}, "duration": {"nanoseconds": n}}}; an int64 may
   * come as a string (protobuf's JSON) or a number (Mesos's own).
   *
   * @throws IllegalArgumentException when the start is missing or not a number
   */
  public Unavailability(JsonObject json) {
    this(nanos(json.getJsonObject("start"), "start"),
      json.getJsonObject("duration") == null ? null : nanos(json.getJsonObject("duration"), "duration"));
  }

  private static long nanos(JsonObject time, String field) {
    if (time == null || time.getValue("nanoseconds") == null) {
      throw new IllegalArgumentException("Expecting '" + field + ".nanoseconds' in an unavailability");
    }
    try {
      return Long.parseLong(String.valueOf(time.getValue("nanoseconds")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + field + ".nanoseconds' of an unavailability is not an integer");
    }
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("start", new JsonObject().put("nanoseconds", startNanos));
    if (durationNanos != null) {
      json.put("duration", new JsonObject().put("nanoseconds", durationNanos));
    }
    return json;
  }

  public long getStartNanos() {
    return startNanos;
  }

  /** Null when open-ended. */
  public Long getDurationNanos() {
    return durationNanos;
  }

  /** The start in epoch milliseconds. */
  public long startMs() {
    return startNanos / 1_000_000;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Unavailability u && u.startNanos == startNanos && java.util.Objects.equals(u.durationNanos, durationNanos);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(startNanos, durationNanos);
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
