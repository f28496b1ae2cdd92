package io.drover.marathon.placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an app's instances spread over the values of one constraint field: how many run where the
 * field reads each value, and how many run on agents that lack the field.
 */
public record Spread(Map<String, Integer> byValue, int withoutValue) {

  public Spread {
    byValue = Collections.unmodifiableMap(new LinkedHashMap<>(byValue));
  }

  /** The spread of instances whose agents read these values (empty: the agent lacks the field). */
  public static Spread of(List<Optional<String>> values) {
    Map<String, Integer> byValue = new LinkedHashMap<>();
    int withoutValue = 0;
    for (Optional<String> value : values) {
      if (value.isPresent()) {
        byValue.merge(value.get(), 1, Integer::sum);
      } else {
        withoutValue++;
      }
    }
    return new Spread(byValue, withoutValue);
  }

  /** How many instances run where the field reads {@code value}. */
  public int count(String value) {
    return byValue.getOrDefault(value, 0);
  }

  public int total() {
    return byValue.values().stream().mapToInt(Integer::intValue).sum() + withoutValue;
  }

  /** How many groups there are; as in Marathon, the instances lacking the field form one more. */
  public int groups() {
    return byValue.size() + (withoutValue > 0 ? 1 : 0);
  }

  /** The size of the smallest group; 0 when there are no instances. */
  public int smallestGroup() {
    int smallest = byValue.values().stream().mapToInt(Integer::intValue).min().orElse(Integer.MAX_VALUE);
    if (withoutValue > 0) {
      smallest = Math.min(smallest, withoutValue);
    }
    return smallest == Integer.MAX_VALUE ? 0 : smallest;
  }
}
