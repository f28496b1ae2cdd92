package io.drover.allocator;

import io.drover.resources.Reservations;
import io.drover.resources.Resources;

/**
 * What is free on one agent during an allocation: resources anyone may be offered, and what is left
 * of each role's reservation, which only that role may be offered.
 */
record FreeOnAgent(Resources unreserved, Reservations reserved) {

  /**
   * What is free on {@code agent} with {@code offered} held in offers ({@code offeredReserved} of it
   * from reservations). Over-committed only through a bookkeeping bug elsewhere: then nothing of
   * that pool is free, rather than a failure.
   */
  static FreeOnAgent of(AgentSlot agent, Resources offered, Reservations offeredReserved) {
    if (agent.reserved().isEmpty()) {
      // most agents reserve nothing: one subtraction, as before reservations
      Resources held = agent.used().plus(offered);
      return new FreeOnAgent(
          agent.total().contains(held) ? agent.total().minus(held) : Resources.EMPTY, Reservations.NONE);
    }
    Resources reservedTotal = agent.reserved().total();
    Resources unreservedTotal = agent.total().contains(reservedTotal)
        ? agent.total().minus(reservedTotal) : Resources.EMPTY;
    Resources held = agent.used().plus(offered);
    Resources heldReserved = agent.usedReserved().total().plus(offeredReserved.total());
    Resources heldUnreserved = held.contains(heldReserved) ? held.minus(heldReserved) : held;
    Resources unreserved = unreservedTotal.contains(heldUnreserved)
        ? unreservedTotal.minus(heldUnreserved) : Resources.EMPTY;
    Reservations reserved = Reservations.NONE;
    for (var role : agent.reserved().byRole().entrySet()) {
      Resources taken = agent.usedReserved().of(role.getKey()).plus(offeredReserved.of(role.getKey()));
      if (role.getValue().contains(taken)) {
        reserved = reserved.plus(role.getKey(), role.getValue().minus(taken));
      }
    }
    return new FreeOnAgent(unreserved, reserved);
  }

  /** What {@code role} may be offered of its own reservation. */
  Resources reservedFor(String role) {
    return reserved.of(role);
  }

  /** What is left after an offer for {@code role} of {@code unreservedPart} and {@code reservedPart}. */
  FreeOnAgent less(String role, Resources unreservedPart, Resources reservedPart) {
    // an offer of all that is free, the common case, leaves nothing: no subtraction needed
    return new FreeOnAgent(unreservedPart == unreserved ? Resources.EMPTY : unreserved.minus(unreservedPart),
        reservedPart.isEmpty() ? reserved : reserved.minus(role, reservedPart));
  }
}
