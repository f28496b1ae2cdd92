package io.drover.protocol;

import io.vertx.core.json.JsonObject;

/**
 * How far a task may use cpus and memory beyond what it was allocated (Mesos's {@code
 * TaskInfo.limits}, Marathon's {@code resourceLimits}): the allocation still decides placement and
 * shares, the limit only where the kernel stops the task. A null bound is the allocation itself;
 * {@link #UNLIMITED} is no bound at all.
 */
public record ResourceLimits(Double cpus, Double mem) {

  public static final double UNLIMITED = Double.POSITIVE_INFINITY;
  /** No limit beyond the allocation. */
  public static final ResourceLimits NONE = new ResourceLimits(null, null);
  private static final String UNLIMITED_TEXT = "unlimited";

  public static ResourceLimits fromJson(JsonObject json) {
    return json == null ? null : new ResourceLimits(bound(json.getValue("cpus")), bound(json.getValue("mem")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("cpus", text(cpus)).put("mem", text(mem));
  }

  /** The cpus the kernel lets the task use, given its allocation. */
  public double cpusOver(double allocated) {
    return cpus == null ? allocated : cpus;
  }

  /** The memory (MB) the kernel lets the task use, given its allocation. */
  public double memOver(double allocated) {
    return mem == null ? allocated : mem;
  }

  private static Double bound(Object value) {
    if (UNLIMITED_TEXT.equals(value)) {
      return UNLIMITED;
    }
    return value instanceof Number number ? number.doubleValue() : null;
  }

  private static Object text(Double bound) {
    return bound != null && bound.isInfinite() ? UNLIMITED_TEXT : bound;
  }
}
