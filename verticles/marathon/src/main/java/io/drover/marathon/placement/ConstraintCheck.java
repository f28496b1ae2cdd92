package io.drover.marathon.placement;

import io.drover.marathon.app.Constraint;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies one of an app's constraints to an offer, through the rule of its operator. */
final class ConstraintCheck {

  private static final Map<Constraint.Operator, ConstraintRule> RULES = rules();

  private ConstraintCheck() {}

  /**
   * Why the constraint refuses one more instance on the offer's agent, such as {@code constraint
   * hostname UNIQUE: host-1 already runs an instance}; empty when it admits it.
   */
  static Optional<String> refusal(Constraint constraint, AgentOffer offer, List<Placement> placed) {
    String label = "constraint " + describe(constraint) + ": ";
    Optional<String> offered =
        ConstraintField.read(constraint.field(), offer.hostname(), offer.attributes());
    if (offered.isEmpty()) {
      // Marathon's rule for an agent without the attribute: only UNLIKE accepts it
      return constraint.operator() == Constraint.Operator.UNLIKE
          ? Optional.empty()
          : Optional.of(label + "agent has no attribute " + constraint.field());
    }
    Spread spread = Spread.of(placed.stream()
        .map(p -> ConstraintField.read(constraint.field(), p.hostname(), p.attributes()))
        .toList());
    ConstraintRule rule = RULES.get(constraint.operator());
    return rule.refusal(offered.get(), spread, parameter(constraint)).map(words -> label + words);
  }

  // clients send "" as well as no value at all
  private static String parameter(Constraint constraint) {
    String value = constraint.value();
    return value == null || value.isBlank() ? null : value;
  }

  private static String describe(Constraint constraint) {
    String parameter = parameter(constraint);
    return constraint.field() + " " + constraint.operator() + (parameter == null ? "" : " " + parameter);
  }

  private static Map<Constraint.Operator, ConstraintRule> rules() {
    Map<Constraint.Operator, ConstraintRule> rules = new EnumMap<>(Constraint.Operator.class);
    for (ConstraintRule rule : List.of(new UniqueRule(), new ClusterRule(), new GroupByRule(),
        new LikeRule(), new UnlikeRule(), new MaxPerRule(), new IsRule())) {
      rules.put(Constraint.Operator.valueOf(rule.name()), rule);
    }
    if (rules.size() != Constraint.Operator.values().length) {
      throw new IllegalStateException("an operator has no rule: " + rules.keySet());
    }
    return rules;
  }
}
