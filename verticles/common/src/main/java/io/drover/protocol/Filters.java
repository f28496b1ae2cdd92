package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** How long a framework refuses the agent of a declined offer (Mesos's {@code refuse_seconds}). */
@DataObject
public class Filters {

  /** Mesos's default refusal after a decline. */
  public static final double DEFAULT_REFUSE_SECONDS = 5.0;

  private final double refuseSeconds;

  public Filters(double refuseSeconds) {
    this.refuseSeconds = refuseSeconds;
  }

  public Filters(JsonObject json) {
    this(json.getDouble("refuse_seconds", DEFAULT_REFUSE_SECONDS));
  }

  public static Filters defaults() {
    return new Filters(DEFAULT_REFUSE_SECONDS);
  }

  public JsonObject toJson() {
    return new JsonObject().put("refuse_seconds", refuseSeconds);
  }

  public double getRefuseSeconds() {
    return refuseSeconds;
  }
}
