package io.drover.marathon.placement;

import java.util.Optional;

/**
 * Instances spread evenly over the field's values: a value may take one more when no instance runs
 * there yet, or when it holds as few as the smallest group and at least the expected number of
 * distinct values (the parameter, default 0, {@code inf} for unbounded) have been seen.
 */
final class GroupByRule implements ConstraintRule {

  @Override
  public String name() {
    return "GROUP_BY";
  }

  @Override
  public Optional<String> refusal(String offered, Spread placed, String parameter) {
    int here = placed.count(offered);
    if (here == 0) {
      return Optional.empty();
    }
    int expected = expectedGroups(parameter);
    if (placed.groups() < expected) {
      return Optional.of(offered + " already runs " + instances(here) + "; waiting for " + expected
          + " distinct values, " + placed.groups() + " seen");
    }
    int smallest = placed.smallestGroup();
    return here == smallest
        ? Optional.empty()
        : Optional.of(offered + " runs " + instances(here) + ", the smallest group " + smallest);
  }

  // as Marathon: a parameter that is no number counts as no parameter
  private static int expectedGroups(String parameter) {
    if (parameter == null) {
      return 0;
    }
    if (parameter.equals("inf")) {
      return Integer.MAX_VALUE;
    }
    try {
      return Math.max(0, Integer.parseInt(parameter.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String instances(int count) {
    return count == 1 ? "1 instance" : count + " instances";
  }
}
