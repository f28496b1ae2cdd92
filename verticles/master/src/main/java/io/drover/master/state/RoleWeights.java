package io.drover.master.state;

import io.drover.resources.Roles;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The roles' weights (Mesos's {@code --weights} and {@code UPDATE_WEIGHTS}): the master's flag sets
 * the first ones, and an update replaces the weights of the roles it names, for good (the leader
 * keeps them in ZooKeeper). A role without a weight weighs {@link Roles#DEFAULT_WEIGHT}.
 */
public final class RoleWeights {

  private final Map<String, Double> weights = new TreeMap<>();

  /**
   * The weights of a {@code --weights} flag, Mesos's syntax: {@code role=weight} pairs separated by
   * commas ({@code eng=3,eng/web=1.5}); an empty or null flag sets none.
   *
   * @throws IllegalArgumentException naming what is wrong with the flag
   */
  public static Map<String, Double> parse(String flag) {
    Map<String, Double> parsed = new TreeMap<>();
    if (flag == null || flag.isBlank()) {
      return parsed;
    }
    for (String pair : flag.split(",")) {
      String[] roleWeight = pair.trim().split("=", -1);
      if (roleWeight.length != 2) {
        throw new IllegalArgumentException("--weights: '" + pair.trim() + "' is not role=weight");
      }
      double weight;
      try {
        weight = Double.parseDouble(roleWeight[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--weights: the weight of '" + roleWeight[0].trim() + "' is not a number");
      }
      parsed.put(roleWeight[0].trim(), weight);
    }
    String problem = problem(parsed);
    if (problem != null) {
      throw new IllegalArgumentException("--weights: " + problem);
    }
    return parsed;
  }

  /** What is wrong with these weights (an invalid role, a weight not above zero), or null. */
  public static String problem(Map<String, Double> weights) {
    for (Map.Entry<String, Double> weight : weights.entrySet()) {
      String role = Roles.problem(weight.getKey());
      if (role != null) {
        return role;
      }
      if (weight.getValue() == null || !(weight.getValue() > 0) || weight.getValue().isInfinite()) {
        return "the weight of role '" + weight.getKey() + "' must be a positive number, not " + weight.getValue();
      }
    }
    return null;
  }

  /** A new leader's weights: the flag's, then those stored by earlier updates over them. */
  public synchronized void startTerm(Map<String, Double> flag, Map<String, Double> stored) {
    weights.clear();
    weights.putAll(flag);
    weights.putAll(stored);
  }

  /** Sets the weights of the roles named; the others keep theirs. The caller checked {@link #problem}. */
  public synchronized void update(Map<String, Double> updated) {
    weights.putAll(updated);
  }

  /** Every role with a weight set, by name. */
  public synchronized Map<String, Double> all() {
    return Collections.unmodifiableMap(new TreeMap<>(weights));
  }

  /** The weight of {@code role}, set or default. */
  public synchronized double of(String role) {
    return weights.getOrDefault(role, Roles.DEFAULT_WEIGHT);
  }
}
