package io.drover.marathon.core;

import java.util.function.BooleanSupplier;

/**
 * Whether the framework wants offers, decided after every convergence pass: revive when work is
 * queued anew, when offers were declined for the long idle time since the last revive (the work
 * would wait that refusal out), or when work waits and offers stay away (a revive may have been
 * lost); suppress once nothing waits and nothing is staging. Time is passed in; nothing here acts.
 */
final class OfferInterest {

  /** While tasks wait and no offer came for this long, revive again: a revive may have been lost. */
  static final long REVIVE_AGAIN_MS = 10_000;

  /** What to ask of the master after a pass. */
  enum Action { REVIVE, SUPPRESS, NONE }

  private boolean suppressed;
  private boolean wasWaiting;
  /**
   * Offers were declined for the long idle time since the last revive: work queued after that must
   * revive, or it waits the refusal out (the queue may not look empty to a pass between the two).
   */
  private boolean idleRefusals;
  private long lastOfferMs;
  private long lastReviveMs;

  /**
   * The action after a pass.
   *
   * @param waiting whether tasks wait in the launch queue
   * @param staging whether any task is staging (asked only when it matters: it looks at every task)
   */
  Action afterPass(boolean waiting, BooleanSupplier staging, long now) {
    Action action = Action.NONE;
    if (waiting && (!wasWaiting || idleRefusals
      || now - lastOfferMs > REVIVE_AGAIN_MS && now - lastReviveMs > REVIVE_AGAIN_MS)) {
      // new work, or offers stay away: clear the long refusals of idle times and end a suppression
      suppressed = false;
      idleRefusals = false;
      lastReviveMs = now;
      action = Action.REVIVE;
    } else if (!waiting && !suppressed && !staging.getAsBoolean()) {
      suppressed = true;
      action = Action.SUPPRESS;
    }
    wasWaiting = waiting;
    return action;
  }

  /** Offers came (or an empty batch of them). */
  void offered(long now) {
    lastOfferMs = now;
  }

  /** Offers were declined; {@code idle} when for the long refusal of an empty queue. */
  void declined(boolean idle) {
    idleRefusals |= idle;
  }

  /** The master did not take the last revive: the next pass may revive again. */
  void reviveFailed() {
    lastReviveMs = 0;
  }

  /** A new master knows nothing of our suppression or filters. */
  void newMaster() {
    suppressed = false;
    wasWaiting = false;
  }
}
