package io.drover.marathon.app;

/**
 * A placement rule, Marathon's {@code [field, operator, value]}: the field is {@code hostname} or an
 * agent attribute; value is null for operators that take none (UNIQUE, and GROUP_BY without a count).
 */
public record Constraint(String field, Operator operator, String value) {

  public enum Operator { UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER, IS }
}
