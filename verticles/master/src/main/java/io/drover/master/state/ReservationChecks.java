package io.drover.master.state;

import io.drover.resources.Resources;
import io.drover.resources.Roles;

/**
 * Mesos's checks of dynamic reservations, whether a framework asks in an {@code ACCEPT} (RESERVE,
 * UNRESERVE of what it was offered) or an operator asks ({@code RESERVE_RESOURCES},
 * {@code UNRESERVE_RESOURCES} of what is free on an agent): what is reserved must be free for
 * anyone, what is unreserved must be a reservation made through the master (not the agent's flag)
 * and not in use. Pure; a refused request changes nothing.
 */
public final class ReservationChecks {

  private ReservationChecks() {
  }

  /**
   * What is wrong with reserving {@code reserve} for {@code role} and unreserving {@code unreserve}
   * of it, or null.
   *
   * @param freeForAnyone what the request may reserve: the offers' part for anyone, or what is free
   *     for anyone on the agent
   * @param freeReserved what the request may unreserve: the offers' reserved part, or what is left
   *     of the role's reservation on the agent unused
   * @param dynamic the role's reservation on the agent made through the master
   */
  public static String problem(String role, Resources reserve, Resources unreserve, Resources freeForAnyone,
                               Resources freeReserved, Resources dynamic) {
    if (reserve.isEmpty() && unreserve.isEmpty()) {
      return null;
    }
    String badRole = Roles.problem(role);
    if (badRole != null) {
      return badRole;
    }
    if (role.equals(Roles.DEFAULT)) {
      return "resources cannot be reserved for or unreserved from the default role '*'";
    }
    if (!freeForAnyone.contains(reserve)) {
      return "cannot reserve " + reserve + " for role '" + role + "': only " + freeForAnyone
        + " is free for anyone";
    }
    if (!dynamic.contains(unreserve)) {
      return "cannot unreserve " + unreserve + " of role '" + role + "': only " + dynamic
        + " of its reservation was made through the master (an agent's own reservations stay)";
    }
    if (!freeReserved.contains(unreserve)) {
      return "cannot unreserve " + unreserve + " of role '" + role + "': only " + freeReserved
        + " of its reservation is unused";
    }
    return null;
  }
}
