package io.drover.marathon.placement;

import io.drover.marathon.app.AppDefinition;
import io.drover.resources.Resources;
import io.drover.resources.Roles;

/**
 * What is left of one offer while apps are placed on it, in its two pools: resources anyone may take,
 * and those reserved for the offer's role. An app takes from the pools its
 * {@code acceptedResourceRoles} name, its role's reservation first (Marathon prefers reserved
 * resources), and only from offers made for its role. A pure value holder, not thread-safe.
 */
public final class OfferPools {

  private final String role;
  private Resources forAnyone;
  private Resources reserved;

  /**
   * @param resources all of the offer
   * @param reserved the part of it reserved for {@code role}
   * @param role the role the offer was made for
   */
  public OfferPools(Resources resources, Resources reserved, String role) {
    this.role = role;
    this.reserved = reserved;
    this.forAnyone = resources.minus(reserved);
  }

  /** What {@code app}, of role {@code appRole}, may take of the offer: nothing when it is for another role. */
  public Resources usableBy(AppDefinition app, String appRole) {
    if (!appRole.equals(role)) {
      return Resources.EMPTY;
    }
    Resources usable = app.accepts(Roles.DEFAULT) ? forAnyone : Resources.EMPTY;
    return app.accepts(role) && !role.equals(Roles.DEFAULT) ? usable.plus(reserved) : usable;
  }

  /**
   * Takes a task's {@code resources} for {@code app} out of the pools, as much as it may of the
   * role's reservation first, and answers that reserved part.
   */
  public Resources take(AppDefinition app, Resources resources) {
    Resources fromReservation = app.accepts(role) ? resources.common(reserved) : Resources.EMPTY;
    reserved = reserved.minus(fromReservation);
    forAnyone = forAnyone.minus(resources.minus(fromReservation));
    return fromReservation;
  }
}
