package io.drover.protocol;

/** What the leader sends to a framework on {@code drover.framework.<id>} (the {@code action} header). */
public enum FrameworkEvent {
  /** {@link ResourceOffers}; reply on receipt, or the leader takes the offers back. */
  OFFERS,
  /** {@link OfferRescinded}: the offer is no longer valid. */
  RESCIND,
  /**
   * {@link StatusUpdates}, in order; acknowledge those with a uuid through
   * {@code MasterService.acknowledge}.
   */
  UPDATES,
  /** {@link FrameworkError}: the master dropped the framework (teardown, failover timeout). */
  ERROR,
  /** {@link FrameworkMessage}: one of the framework's executors sent it; no reply. */
  MESSAGE,
  /** No body; reply to show the framework is still connected. */
  HEARTBEAT,
  /**
   * {@link InverseOffers}: machines the framework runs tasks on are scheduled for maintenance; answer
   * each through {@code MasterService.acceptInverseOffers} or {@code declineInverseOffers}.
   */
  INVERSE_OFFERS,
  /** {@link OfferRescinded} naming an inverse offer: it is no longer valid (the schedule changed). */
  RESCIND_INVERSE_OFFER
}
