package io.drover.resources;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes an agent advertises, such as {@code rack:r1;zone:a}: an immutable map from name to
 * value, in the order they were given. Values are kept as their text, whether Mesos would read them
 * as text, a number ({@code level:2}), ranges ({@code slots:[1-4]}) or a set ({@code tags:{a,b}}).
 */
public final class Attributes {

  /** No attributes; prints as the empty string. */
  public static final Attributes EMPTY = new Attributes(new LinkedHashMap<>());

  private final Map<String, String> values;

  private Attributes(LinkedHashMap<String, String> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Reads the Mesos syntax, {@code rack:r1;zone:a}: entries {@code name:value} separated by {@code
   * ;}. Whitespace around tokens is ignored; the empty string is {@link #EMPTY}.
   *
   * @throws ResourceSyntaxException naming the bad token
   */
  public static Attributes parse(String text) {
    LinkedHashMap<String, String> values = new LinkedHashMap<>();
    for (String part : text.split(";", -1)) {
      String token = part.trim();
      if (token.isEmpty()) {
        continue;
      }
      int colon = token.indexOf(':');
      if (colon < 0) {
        throw new ResourceSyntaxException("invalid attribute '" + token + "': expected name:value");
      }
      String name = token.substring(0, colon).trim();
      String value = token.substring(colon + 1).trim();
      String problem = problem(name, value);
      if (problem != null) {
        throw new ResourceSyntaxException("invalid attribute '" + token + "': " + problem);
      }
      if (values.putIfAbsent(name, value) != null) {
        throw new ResourceSyntaxException("duplicate attribute '" + name + "'");
      }
    }
    return values.isEmpty() ? EMPTY : new Attributes(values);
  }

  /**
   * The attributes of {@code values}, in its iteration order.
   *
   * @throws IllegalArgumentException for an empty name or value, or one that the text syntax could
   *     not carry
   */
  public static Attributes of(Map<String, String> values) {
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      String problem = problem(entry.getKey(), entry.getValue());
      if (problem != null) {
        throw new IllegalArgumentException(
            "invalid attribute '" + entry.getKey() + "': " + problem);
      }
      copy.put(entry.getKey(), entry.getValue());
    }
    return copy.isEmpty() ? EMPTY : new Attributes(copy);
  }

  // null when the entry is fine
  private static String problem(String name, String value) {
    String nameProblem = Resources.nameProblem(name);
    if (nameProblem != null) {
      return nameProblem;
    }
    if (value == null || value.isBlank()) {
      return "empty value";
    }
    if (value.contains(";") || !value.equals(value.trim())) {
      return "'" + value + "' is not a valid value";
    }
    return null;
  }

  /** The value of attribute {@code name}, as text. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** All attributes, in their order. */
  public Map<String, String> asMap() {
    return values;
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Equal when they hold the same names and values, in whatever order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The Mesos text, {@code rack:r1;zone:a}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (text.length() > 0) {
        text.append(';');
      }
      text.append(entry.getKey()).append(':').append(entry.getValue());
    }
    return text.toString();
  }
}
