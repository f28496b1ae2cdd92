package io.drover.protocol;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** The body of {@link FrameworkEvent#RESCIND}: the offer is no longer valid, and why. */
@DataObject
public class OfferRescinded {

  /** The framework did not confirm it received the offer in time. */
  public static final String NOT_CONFIRMED = "NOT_CONFIRMED";

  private final String offerId;
  private final String reason;

  /** {@code reason}: the allocator's rescind reason, or {@link #NOT_CONFIRMED}. */
  public OfferRescinded(String offerId, String reason) {
    this.offerId = offerId;
    this.reason = reason;
  }

  public OfferRescinded(JsonObject json) {
    this(json.getString("offer_id"), json.getString("reason"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("offer_id", offerId).put("reason", reason);
  }

  public String getOfferId() {
    return offerId;
  }

  public String getReason() {
    return reason;
  }
}
