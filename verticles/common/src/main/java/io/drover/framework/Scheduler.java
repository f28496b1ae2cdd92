package io.drover.framework;

import io.drover.protocol.InverseOffer;
import io.drover.protocol.Offer;
import io.drover.protocol.Subscribed;
import io.drover.protocol.TaskStatus;

import java.util.List;

/** A framework's callbacks; {@link SchedulerDriver} calls them on the driver's context. */
public interface Scheduler {

  /** The leader accepted the (re-)subscription. */
  default void subscribed(Subscribed subscribed) {
  }

  /** New offers; accept or decline each, or they are rescinded after the offer timeout. */
  void offers(List<Offer> offers);

  /** An offer is no longer valid. */
  default void rescinded(String offerId) {
  }

  /**
   * A task changed state. Updates are delivered at least once, in order per task; the driver drops
   * duplicates and acknowledges the update once this returns.
   */
  void statusUpdate(TaskStatus status);

  /**
   * The leader this framework was subscribed to is gone or silent; the driver subscribes again, and
   * {@link #subscribed} follows once a leader answers.
   */
  default void disconnected() {
  }

  /** One of the framework's executors sent {@code data} (a framework message; best effort). */
  default void frameworkMessage(String agentId, String executorId, byte[] data) {
  }

  default void error(String message) {
  }

  /**
   * Machines this framework runs tasks on are scheduled for maintenance: each inverse offer asks for
   * its agent back by its unavailability. Answer with {@link SchedulerDriver#acceptInverseOffers} once
   * the tasks are gone from it, or {@link SchedulerDriver#declineInverseOffers}.
   */
  default void inverseOffers(List<InverseOffer> inverseOffers) {
  }

  /** An inverse offer is no longer valid (the schedule changed). */
  default void inverseOfferRescinded(String inverseOfferId) {
  }
}
