package io.drover.master.state;

import io.drover.allocator.RoleQuota;
import io.drover.protocol.Json;
import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The roles' quotas (Mesos's {@code UPDATE_QUOTA}): guarantees and limits of scalar resources per
 * role, over what the role's whole subtree holds. An update replaces the quotas of the roles it
 * names; a quota of no guarantees and no limits removes the role's. The leader keeps them in
 * ZooKeeper. {@link #problem} is Mesos's validation, so a refused update changes nothing.
 */
public final class RoleQuotas {

  private final Map<String, RoleQuota> quotas = new TreeMap<>();

  /** What is wrong with updating the quotas to {@code updates}, or null. */
  public static String problem(Map<String, RoleQuota> updates, boolean force, Map<String, RoleQuota> current,
                               Resources clusterTotal, Map<String, Resources> heldByRole) {
    for (Map.Entry<String, RoleQuota> update : updates.entrySet()) {
      String role = update.getKey();
      RoleQuota quota = update.getValue();
      String badRole = Roles.problem(role);
      if (badRole != null) {
        return "Invalid QuotaConfig: " + badRole;
      }
      if (role.equals(Roles.DEFAULT)) {
        return "Invalid QuotaConfig: the default role '*' cannot have a quota";
      }
      if (!quota.guarantees().rangeSets().isEmpty() || !quota.limits().rangeSets().isEmpty()) {
        return "Invalid QuotaConfig: role '" + role + "': quota holds scalar resources only";
      }
      if (!guaranteesWithinLimits(quota)) {
        return "Invalid QuotaConfig: role '" + role + "': guarantees '" + quota.guarantees()
          + "' exceed limits '" + quota.limits() + "'";
      }
      Resources held = subtreeHolds(role, heldByRole);
      if (!force && !within(held, quota.limits())) {
        return "Invalid QuotaConfig: role '" + role + "' holds '" + held + "', more than its new limits '"
          + quota.limits() + "' (use 'force' to override)";
      }
    }
    Map<String, RoleQuota> after = new TreeMap<>(current);
    after.putAll(updates);
    Resources guaranteed = Resources.EMPTY;
    for (Map.Entry<String, RoleQuota> quota : after.entrySet()) {
      // a child's guarantee is part of its parent's, so only the topmost guarantees add up
      boolean nested = Roles.ancestors(quota.getKey()).stream().anyMatch(after::containsKey);
      if (!nested) {
        guaranteed = guaranteed.plus(quota.getValue().guarantees());
      }
    }
    if (!force && !clusterTotal.contains(guaranteed)) {
      return "Total quota guarantees '" + guaranteed + "' exceed the cluster's capacity '"
        + clusterTotal.scalarsOnly() + "' (use 'force' to override)";
    }
    return null;
  }

  /** Whether {@code held} stays within {@code limits} in every scalar the limits name. */
  private static boolean within(Resources held, Resources limits) {
    return limits.scalars().keySet().stream().allMatch(name -> held.scalar(name) <= limits.scalar(name));
  }

  private static boolean guaranteesWithinLimits(RoleQuota quota) {
    return quota.limits().scalars().keySet().stream()
      .allMatch(name -> quota.guarantees().scalar(name) <= quota.limits().scalar(name));
  }

  private static Resources subtreeHolds(String role, Map<String, Resources> heldByRole) {
    Resources held = Resources.EMPTY;
    for (Map.Entry<String, Resources> entry : heldByRole.entrySet()) {
      if (Roles.within(entry.getKey(), role)) {
        held = held.plus(entry.getValue().scalarsOnly());
      }
    }
    return held;
  }

  /** A new leader's quotas: those stored. */
  public synchronized void startTerm(Map<String, RoleQuota> stored) {
    quotas.clear();
    quotas.putAll(stored);
  }

  /** Replaces the quotas of the roles named; an empty quota removes the role's. The caller checked {@link #problem}. */
  public synchronized void update(Map<String, RoleQuota> updates) {
    updates.forEach((role, quota) -> {
      if (isEmpty(quota)) {
        quotas.remove(role);
      } else {
        quotas.put(role, quota);
      }
    });
  }

  public synchronized Map<String, RoleQuota> all() {
    return Collections.unmodifiableMap(new TreeMap<>(quotas));
  }

  public static boolean isEmpty(RoleQuota quota) {
    return quota.guarantees().isEmpty() && quota.limits().isEmpty();
  }

  /** As stored: {@code {"role": {"guarantees": {"cpus": 1}, "limits": {...}}}}. */
  public static JsonObject toJson(Map<String, RoleQuota> quotas) {
    JsonObject json = new JsonObject();
    quotas.forEach((role, quota) -> json.put(role, new JsonObject()
      .put("guarantees", Json.resources(quota.guarantees())).put("limits", Json.resources(quota.limits()))));
    return json;
  }

  public static Map<String, RoleQuota> fromJson(JsonObject json) {
    Map<String, RoleQuota> quotas = new TreeMap<>();
    for (String role : json.fieldNames()) {
      JsonObject quota = json.getJsonObject(role);
      quotas.put(role, new RoleQuota(Json.resources(quota.getJsonObject("guarantees")),
        Json.resources(quota.getJsonObject("limits"))));
    }
    return quotas;
  }
}
