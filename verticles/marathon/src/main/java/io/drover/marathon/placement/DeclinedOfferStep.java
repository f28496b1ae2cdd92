package io.drover.marathon.placement;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of Marathon's reject funnel: of the {@code processed} offers that got this far, {@code
 * declined} stopped here.
 */
public record DeclinedOfferStep(RejectReason reason, int declined, int processed) {

  /** Marathon's JSON shape, {@code {"reason": ..., "declined": ..., "processed": ...}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("reason", reason.name());
    map.put("declined", declined);
    map.put("processed", processed);
    return map;
  }
}
