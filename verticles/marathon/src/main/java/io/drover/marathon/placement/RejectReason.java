package io.drover.marathon.placement;

/**
 * Why an offer was not used for an app, named as Marathon names them in a queue item's {@code
 * processedOffersSummary}. The constants are in Marathon's funnel order: when an offer fails for
 * several reasons, the summary counts it under the first.
 *
 * <p>Drover has no roles, reservations, maintenance windows or GPUs, so the matcher never produces
 * {@link #UnfulfilledRole}, {@link #NoCorrespondingReservationFound}, {@link #AgentMaintenance},
 * {@link #InsufficientGpus} or {@link #DeclinedScarceResources}; they are here so that the summary
 * has Marathon's shape.
 */
public enum RejectReason {
  UnfulfilledRole,
  UnfulfilledConstraint,
  NoCorrespondingReservationFound,
  AgentMaintenance,
  InsufficientCpus,
  InsufficientMemory,
  InsufficientDisk,
  InsufficientGpus,
  InsufficientPorts,
  DeclinedScarceResources
}
