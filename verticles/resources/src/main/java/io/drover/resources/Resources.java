package io.drover.resources;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable bundle of Mesos-shaped resources: named scalars ({@code cpus}, {@code mem} and
 * {@code disk} in MB, {@code gpus}, any other name) and named range sets ({@code ports}).
 *
 * <p>Scalars are kept exactly, as Mesos does, in fixed point with three decimals, so that adding
 * and subtracting many small amounts never drifts ({@code 0.1 + 0.2} is {@code 0.3}). A scalar that
 * is zero and a range set that is empty are the same as an absent one: {@code cpus:0} equals {@link
 * #EMPTY}.
 *
 * <p>The text form is Mesos's: {@code cpus:4;mem:8192;disk:20000;ports:[31000-32000]}. Roles,
 * reservations and set values are not supported.
 */
public final class Resources {

  // must be initialized before EMPTY, which sorts by it
  private static final Comparator<String> ORDER =
      Comparator.comparingInt(Resources::rank).thenComparing(Comparator.naturalOrder());

  /** No resources at all; prints as the empty string. */
  public static final Resources EMPTY = new Resources(new TreeMap<>(ORDER), new TreeMap<>(ORDER));

  public static final String CPUS = "cpus";
  public static final String MEM = "mem";
  public static final String DISK = "disk";
  public static final String PORTS = "ports";

  private static final long MILLIS_PER_UNIT = 1000;
  private static final BigDecimal MAX_SCALAR = BigDecimal.valueOf(Long.MAX_VALUE / MILLIS_PER_UNIT);
  private static final BigDecimal ROUNDS_TO_ZERO = new BigDecimal("0.0005");

  // scalars in thousandths; no zero values, no name in both maps
  private final TreeMap<String, Long> scalars;
  private final TreeMap<String, RangeSet> ranges;

  private Resources(TreeMap<String, Long> scalars, TreeMap<String, RangeSet> ranges) {
    this.scalars = scalars;
    this.ranges = ranges;
  }

  /** A builder of resources, starting empty. */
  public static Builder builder() {
    return new Builder();
  }

  /** The usual agent resources: {@code cpus}, {@code mem} and {@code disk} in MB, {@code ports}. */
  public static Resources of(double cpus, double mem, double disk, RangeSet ports) {
    return builder()
        .scalar(CPUS, cpus)
        .scalar(MEM, mem)
        .scalar(DISK, disk)
        .ranges(PORTS, ports)
        .build();
  }

  /**
   * Reads the Mesos syntax, {@code cpus:4;mem:8192;disk:20000;ports:[31000-32000]}: entries {@code
   * name:value} separated by {@code ;}, a value being a non-negative number or a range set.
   * Whitespace around tokens is ignored; the empty string is {@link #EMPTY}. The default role may
   * be written ({@code cpus(*):4}); other roles may not.
   *
   * @throws ResourceSyntaxException naming the bad token
   */
  public static Resources parse(String text) {
    Builder builder = builder();
    Set<String> seen = new HashSet<>();
    for (String part : text.split(";", -1)) {
      String token = part.trim();
      if (token.isEmpty()) {
        continue;
      }
      int colon = token.indexOf(':');
      if (colon < 0) {
        throw new ResourceSyntaxException("invalid resource '" + token + "': expected name:value");
      }
      String name = withoutDefaultRole(token.substring(0, colon).trim());
      String value = token.substring(colon + 1).trim();
      if (name.contains("(")) {
        throw new ResourceSyntaxException("roles are not supported: '" + token + "'");
      }
      String nameProblem = nameProblem(name);
      if (nameProblem != null) {
        throw new ResourceSyntaxException("invalid resource '" + token + "': " + nameProblem);
      }
      if (!seen.add(name)) {
        throw new ResourceSyntaxException("duplicate resource '" + name + "'");
      }
      if (value.startsWith("{")) {
        throw new ResourceSyntaxException("set resources are not supported: '" + token + "'");
      }
      if (value.isEmpty()) {
        throw new ResourceSyntaxException("invalid resource '" + token + "': empty value");
      }
      if (value.startsWith("[")) {
        try {
          builder.ranges(name, RangeSet.parseBracketed(value));
        } catch (ResourceSyntaxException e) {
          throw new ResourceSyntaxException("invalid resource '" + token + "': " + e.getMessage());
        }
      } else {
        builder.scalarMillis(name, parseMillis(token, value));
      }
    }
    return builder.build();
  }

  private static String withoutDefaultRole(String name) {
    return name.endsWith("(*)") ? name.substring(0, name.length() - 3).trim() : name;
  }

  private static long parseMillis(String token, String value) {
    BigDecimal number;
    try {
      number = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new ResourceSyntaxException(
          "invalid resource '" + token + "': '" + value + "' is not a number");
    }
    if (number.signum() < 0) {
      throw new ResourceSyntaxException("negative value in '" + token + "'");
    }
    if (number.compareTo(MAX_SCALAR) > 0) {
      throw new ResourceSyntaxException("invalid resource '" + token + "': value too large");
    }
    // compared first, so that rescaling never meets an absurd exponent such as 1e-999999999
    if (number.compareTo(ROUNDS_TO_ZERO) < 0) {
      return 0;
    }
    return number.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  // null when the name is fine
  static String nameProblem(String name) {
    if (name.isEmpty()) {
      return "empty name";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || ":;,()[]{}".indexOf(c) >= 0) {
        return "'" + name + "' is not a valid name";
      }
    }
    return null;
  }

  /** The value of the scalar {@code name}; 0 when absent. */
  public double scalar(String name) {
    return toUnits(scalars.getOrDefault(name, 0L));
  }

  /** The range set {@code name}; {@link RangeSet#EMPTY} when absent. */
  public RangeSet ranges(String name) {
    return ranges.getOrDefault(name, RangeSet.EMPTY);
  }

  /** The non-zero scalars, in canonical order (cpus, mem, disk, then by name). */
  public Map<String, Double> scalars() {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, Long> entry : scalars.entrySet()) {
      values.put(entry.getKey(), toUnits(entry.getValue()));
    }
    return Collections.unmodifiableMap(values);
  }

  /** The non-empty range sets, in canonical order (ports, then by name). */
  public Map<String, RangeSet> rangeSets() {
    return Collections.unmodifiableMap(ranges);
  }

  public double cpus() {
    return scalar(CPUS);
  }

  /** Memory in MB. */
  public double mem() {
    return scalar(MEM);
  }

  /** Disk in MB. */
  public double disk() {
    return scalar(DISK);
  }

  public RangeSet ports() {
    return ranges(PORTS);
  }

  /** Whether there is nothing at all: no non-zero scalar, no non-empty range set. */
  public boolean isEmpty() {
    return scalars.isEmpty() && ranges.isEmpty();
  }

  /**
   * The sum: scalars add up, range sets unite (as in Mesos, a port counted twice is still one
   * port).
   *
   * @throws IllegalArgumentException when a name is a scalar on one side and ranges on the other
   */
  public Resources plus(Resources other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    TreeMap<String, Long> sumScalars = new TreeMap<>(scalars);
    for (Map.Entry<String, Long> entry : other.scalars.entrySet()) {
      requireNotRanges(entry.getKey());
      sumScalars.merge(entry.getKey(), entry.getValue(), Math::addExact);
    }
    TreeMap<String, RangeSet> sumRanges = new TreeMap<>(ranges);
    for (Map.Entry<String, RangeSet> entry : other.ranges.entrySet()) {
      if (scalars.containsKey(entry.getKey())) {
        throw mixedKinds(entry.getKey());
      }
      sumRanges.merge(entry.getKey(), entry.getValue(), RangeSet::plus);
    }
    return new Resources(sumScalars, sumRanges);
  }

  /**
   * What is left after taking {@code other} away. Resources never go negative, so {@code other}
   * must be contained in this.
   *
   * @throws IllegalArgumentException when this does not contain {@code other}, naming what is short
   */
  public Resources minus(Resources other) {
    if (other.isEmpty()) {
      return this;
    }
    if (!contains(other)) {
      List<String> reasons = new ArrayList<>();
      for (Shortfall shortfall : shortfall(other)) {
        reasons.add(shortfall.toString());
      }
      throw new IllegalArgumentException(
          "cannot subtract " + other + " from " + this + ": " + String.join("; ", reasons));
    }
    TreeMap<String, Long> restScalars = new TreeMap<>(scalars);
    for (Map.Entry<String, Long> entry : other.scalars.entrySet()) {
      long rest = restScalars.get(entry.getKey()) - entry.getValue();
      if (rest == 0) {
        restScalars.remove(entry.getKey());
      } else {
        restScalars.put(entry.getKey(), rest);
      }
    }
    TreeMap<String, RangeSet> restRanges = new TreeMap<>(ranges);
    for (Map.Entry<String, RangeSet> entry : other.ranges.entrySet()) {
      RangeSet rest = restRanges.get(entry.getKey()).minus(entry.getValue());
      if (rest.isEmpty()) {
        restRanges.remove(entry.getKey());
      } else {
        restRanges.put(entry.getKey(), rest);
      }
    }
    return new Resources(restScalars, restRanges);
  }

  /**
   * These resources cut so that {@code used} plus them stays within {@code limits}: each scalar that
   * {@code limits} names goes down to what is left of its limit (none when {@code used} reached it).
   * A quota's limit applied to an offer. Scalars {@code limits} does not name and range sets stay.
   */
  public Resources within(Resources limits, Resources used) {
    TreeMap<String, Long> cut = new TreeMap<>(scalars);
    limits.scalars.forEach((name, limit) -> cut.computeIfPresent(name,
        (n, own) -> Math.min(own, Math.max(0, limit - used.scalars.getOrDefault(name, 0L)))));
    cut.values().removeIf(value -> value == 0);
    return new Resources(cut, ranges);
  }

  /**
   * What these and {@code other} have in common: each scalar of both at the smaller value, each
   * range set of both cut to what both hold.
   */
  public Resources common(Resources other) {
    TreeMap<String, Long> both = new TreeMap<>(ORDER);
    scalars.forEach((name, own) -> {
      long least = Math.min(own, other.scalars.getOrDefault(name, 0L));
      if (least > 0) {
        both.put(name, least);
      }
    });
    TreeMap<String, RangeSet> shared = new TreeMap<>(ORDER);
    ranges.forEach((name, own) -> {
      RangeSet overlap = own.minus(own.minus(other.ranges(name)));
      if (!overlap.isEmpty()) {
        shared.put(name, overlap);
      }
    });
    return new Resources(both, shared);
  }

  /** The scalars alone, without range sets: what shares and quotas count. */
  public Resources scalarsOnly() {
    return ranges.isEmpty() ? this : new Resources(scalars, new TreeMap<>(ORDER));
  }

  /**
   * The scalars by which these exceed {@code other}, each at least zero: what a quota guarantee
   * still lacks is {@code guarantee.beyond(consumed)}. Range sets are left out.
   */
  public Resources beyond(Resources other) {
    TreeMap<String, Long> rest = new TreeMap<>(ORDER);
    scalars.forEach((name, own) -> {
      long more = own - other.scalars.getOrDefault(name, 0L);
      if (more > 0) {
        rest.put(name, more);
      }
    });
    return new Resources(rest, new TreeMap<>(ORDER));
  }

  /** Whether every scalar of {@code other} fits in ours and every range set of it is in ours. */
  public boolean contains(Resources other) {
    for (Map.Entry<String, Long> entry : other.scalars.entrySet()) {
      if (scalars.getOrDefault(entry.getKey(), 0L) < entry.getValue()) {
        return false;
      }
    }
    for (Map.Entry<String, RangeSet> entry : other.ranges.entrySet()) {
      if (!ranges(entry.getKey()).contains(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * What {@code wanted} needs beyond these resources, one entry per short resource, in canonical
   * order; empty when these contain {@code wanted}.
   */
  public List<Shortfall> shortfall(Resources wanted) {
    TreeMap<String, Shortfall> shortfalls = new TreeMap<>(ORDER);
    for (Map.Entry<String, Long> entry : wanted.scalars.entrySet()) {
      long available = scalars.getOrDefault(entry.getKey(), 0L);
      if (available < entry.getValue()) {
        shortfalls.put(
            entry.getKey(),
            new Shortfall(entry.getKey(), formatMillis(entry.getValue()), formatMillis(available)));
      }
    }
    for (Map.Entry<String, RangeSet> entry : wanted.ranges.entrySet()) {
      RangeSet available = ranges(entry.getKey());
      if (!available.contains(entry.getValue())) {
        shortfalls.put(
            entry.getKey(),
            new Shortfall(entry.getKey(), entry.getValue().toString(), available.toString()));
      }
    }
    return List.copyOf(shortfalls.values());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resources other
        && scalars.equals(other.scalars)
        && ranges.equals(other.ranges);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scalars, ranges);
  }

  /**
   * The canonical Mesos text: cpus, mem, disk, ports, then other names alphabetically; scalars
   * without a trailing {@code .0} ({@code cpus:0.5;mem:8192;ports:[31000-32000]}).
   */
  @Override
  public String toString() {
    TreeMap<String, String> values = new TreeMap<>(ORDER);
    for (Map.Entry<String, Long> entry : scalars.entrySet()) {
      values.put(entry.getKey(), formatMillis(entry.getValue()));
    }
    for (Map.Entry<String, RangeSet> entry : ranges.entrySet()) {
      values.put(entry.getKey(), entry.getValue().toString());
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (text.length() > 0) {
        text.append(';');
      }
      text.append(entry.getKey()).append(':').append(entry.getValue());
    }
    return text.toString();
  }

  private void requireNotRanges(String name) {
    if (ranges.containsKey(name)) {
      throw mixedKinds(name);
    }
  }

  private static IllegalArgumentException mixedKinds(String name) {
    return new IllegalArgumentException("resource '" + name + "' is both a scalar and a range set");
  }

  private static double toUnits(long millis) {
    return millis / (double) MILLIS_PER_UNIT;
  }

  private static String formatMillis(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }

  private static int rank(String name) {
    switch (name) {
      case CPUS:
        return 0;
      case MEM:
        return 1;
      case DISK:
        return 2;
      case PORTS:
        return 3;
      default:
        return 4;
    }
  }

  /** Builds {@link Resources}; setting a name again replaces its value. */
  public static final class Builder {

    private final TreeMap<String, Long> scalars = new TreeMap<>(ORDER);
    private final TreeMap<String, RangeSet> ranges = new TreeMap<>(ORDER);

    private Builder() {}

    /**
     * Sets the scalar {@code name}, rounded to three decimals.
     *
     * @throws IllegalArgumentException for a bad name or a negative, infinite or NaN value
     */
    public Builder scalar(String name, double value) {
      if (!Double.isFinite(value) || value < 0) {
        throw new IllegalArgumentException(
            "invalid value " + value + " for resource '" + name + "'");
      }
      if (value > MAX_SCALAR.doubleValue()) {
        throw new IllegalArgumentException(
            "value " + value + " too large for resource '" + name + "'");
      }
      return scalarMillis(name, Math.round(value * MILLIS_PER_UNIT));
    }

    /**
     * Sets the range set {@code name}.
     *
     * @throws IllegalArgumentException for a bad name
     */
    public Builder ranges(String name, RangeSet set) {
      requireName(name);
      ranges.put(name, Objects.requireNonNull(set, "set"));
      return this;
    }

    Builder scalarMillis(String name, long millis) {
      requireName(name);
      scalars.put(name, millis);
      return this;
    }

    /**
     * The resources, without zero scalars and empty range sets.
     *
     * @throws IllegalArgumentException when a name was set both as a scalar and as ranges
     */
    public Resources build() {
      TreeMap<String, Long> nonZero = new TreeMap<>(ORDER);
      for (Map.Entry<String, Long> entry : scalars.entrySet()) {
        if (ranges.containsKey(entry.getKey())) {
          throw mixedKinds(entry.getKey());
        }
        if (entry.getValue() != 0) {
          nonZero.put(entry.getKey(), entry.getValue());
        }
      }
      TreeMap<String, RangeSet> nonEmpty = new TreeMap<>(ORDER);
      for (Map.Entry<String, RangeSet> entry : ranges.entrySet()) {
        if (!entry.getValue().isEmpty()) {
          nonEmpty.put(entry.getKey(), entry.getValue());
        }
      }
      return nonZero.isEmpty() && nonEmpty.isEmpty() ? EMPTY : new Resources(nonZero, nonEmpty);
    }

    private static void requireName(String name) {
      String problem = nameProblem(Objects.requireNonNull(name, "name"));
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }
}
