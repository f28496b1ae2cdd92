package io.drover.master.view;

import io.drover.allocator.RoleQuota;
import io.drover.protocol.Json;
import io.drover.protocol.Offer;
import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A role as {@code /master/roles} and {@code GET_ROLES} list it: its weight, its quota, the
 * frameworks subscribed with it, and what its tasks and offers hold.
 *
 * @param quota its guarantees and limits (none of either when it has no quota)
 * @param allocated what the active tasks allocated to it hold
 * @param offered what its outstanding offers hold
 * @param consumed the scalars its whole subtree holds in tasks and offers, what its quota counts
 */
public record RoleView(String name, double weight, RoleQuota quota, List<String> frameworks, Resources allocated,
                       Resources offered, Resources consumed) {

  public RoleView {
    frameworks = List.copyOf(frameworks);
  }

  /** No guarantees, no limits. */
  static final RoleQuota NO_QUOTA = new RoleQuota(Resources.EMPTY, Resources.EMPTY);

  /**
   * The roles Mesos lists: those with a weight set, a quota, a framework, a task or an offer, and
   * the roles above them (a role's parents exist with it), by name.
   */
  static List<RoleView> of(Map<String, Double> weights, Map<String, RoleQuota> quotas, List<FrameworkView> frameworks,
                           List<TaskView> tasks, List<Offer> offers) {
    Map<String, Builder> roles = new TreeMap<>();
    weights.keySet().forEach(role -> role(roles, role));
    quotas.keySet().forEach(role -> role(roles, role));
    frameworks.forEach(f -> f.info().roles().forEach(role -> role(roles, role).frameworks.add(f.id())));
    tasks.forEach(t -> role(roles, t.info().getRole()).allocated(t.info().resources()));
    offers.forEach(o -> role(roles, o.getRole()).offered(o.resources()));
    return roles.entrySet().stream().map(e -> e.getValue().build(e.getKey(),
      weights.getOrDefault(e.getKey(), Roles.DEFAULT_WEIGHT), quotas.getOrDefault(e.getKey(), NO_QUOTA),
      consumed(e.getKey(), roles))).toList();
  }

  private static Resources consumed(String role, Map<String, Builder> roles) {
    Resources consumed = Resources.EMPTY;
    for (Map.Entry<String, Builder> entry : roles.entrySet()) {
      if (Roles.within(entry.getKey(), role)) {
        consumed = consumed.plus(entry.getValue().allocated.plus(entry.getValue().offered).scalarsOnly());
      }
    }
    return consumed;
  }

  private static Builder role(Map<String, Builder> roles, String role) {
    Roles.ancestors(role).forEach(parent -> roles.computeIfAbsent(parent, r -> new Builder()));
    return roles.computeIfAbsent(role, r -> new Builder());
  }

  /** The role as Mesos's {@code /roles} writes it. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("name", name)
      .put("weight", weight)
      .put("frameworks", new JsonArray(frameworks))
      .put("resources", Json.resources(allocated))
      .put("allocated", Json.resources(allocated))
      .put("offered", Json.resources(offered))
      .put("quota", new JsonObject().put("role", name).put("guarantee", Json.resources(quota.guarantees()))
        .put("limit", Json.resources(quota.limits())).put("consumed", Json.resources(consumed)));
  }

  private static final class Builder {
    final List<String> frameworks = new ArrayList<>();
    Resources allocated = Resources.EMPTY;
    Resources offered = Resources.EMPTY;

    void allocated(Resources resources) {
      allocated = allocated.plus(resources);
    }

    void offered(Resources resources) {
      offered = offered.plus(resources);
    }

    RoleView build(String name, double weight, RoleQuota quota, Resources consumed) {
      return new RoleView(name, weight, quota, frameworks, allocated, offered, consumed);
    }
  }
}
