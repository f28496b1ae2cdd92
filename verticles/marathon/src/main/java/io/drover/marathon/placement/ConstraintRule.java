package io.drover.marathon.placement;

import java.util.Optional;

/**
 * One constraint operator, such as {@code UNIQUE}: whether an agent may take one more instance of an
 * app, judged from the agent's value of the constraint's field and how the app's instances already
 * spread over that field's values.
 *
 * <p>Agents that lack the field never reach a rule: Marathon refuses them for every operator but
 * UNLIKE, which {@link ConstraintCheck} decides before asking the rule.
 */
public interface ConstraintRule {

  /** Marathon's operator name, such as {@code UNIQUE}. */
  String name();

  /**
   * Why one more instance may not go to an agent whose field reads {@code offered}; empty when it
   * may.
   *
   * @param offered   the agent's value of the field (its hostname, or an attribute's text)
   * @param placed    the app's instances, counted by their agents' values of the field
   * @param parameter the constraint's value, null when none was given
   */
  Optional<String> refusal(String offered, Spread placed, String parameter);
}
