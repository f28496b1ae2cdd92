package io.drover.marathon.app;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Typed, checked access to the fields of one JSON object at a JSON path. A field of the wrong type
 * is recorded as a violation and read as absent, so reading goes on and every problem is reported;
 * JSON {@code null} counts as absent, as in Marathon.
 */
final class JsonFields {

  private final JsonObject json;
  private final String path;
  private final Violations violations;

  /** {@code path} is "" for the body itself, else like {@code /container/docker}. */
  JsonFields(JsonObject json, String path, Violations violations) {
    this.json = json;
    this.path = path;
    this.violations = violations;
  }

  /** The path of the object itself, as Marathon reports object-level errors. */
  String path() {
    return path.isEmpty() ? "/" : path;
  }

  String pathOf(String field) {
    return path + "/" + field;
  }

  JsonObject json() {
    return json;
  }

  Violations violations() {
    return violations;
  }

  boolean has(String field) {
    return json.getValue(field) != null;
  }

  Object raw(String field) {
    return json.getValue(field);
  }

  /** Reports every field that is neither in {@code known} nor in {@code ignored}. */
  void rejectUnknown(Set<String> known, Set<String> ignored) {
    for (String name : json.fieldNames()) {
      if (!known.contains(name) && !ignored.contains(name)) {
        violations.add(pathOf(name), "unknown field");
      }
    }
  }

  JsonFields object(String field) {
    JsonObject value = asObject(raw(field), pathOf(field), violations);
    return value == null ? null : new JsonFields(value, pathOf(field), violations);
  }

  JsonArray array(String field) {
    return asArray(raw(field), pathOf(field), violations);
  }

  String string(String field) {
    return asString(raw(field), pathOf(field), violations);
  }

  String string(String field, String fallback) {
    String value = string(field);
    return value == null ? fallback : value;
  }

  /** A string that must not be empty when present. */
  String nonEmptyString(String field) {
    String value = string(field);
    if (value != null && value.isEmpty()) {
      violations.add(pathOf(field), "must not be empty");
      return null;
    }
    return value;
  }

  boolean bool(String field, boolean fallback) {
    Object value = raw(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    violations.add(pathOf(field), "expected a boolean");
    return fallback;
  }

  Integer integer(String field) {
    return asInt(raw(field), pathOf(field), violations);
  }

  int integer(String field, int fallback, int min, int max) {
    Integer value = integer(field);
    return value == null || !inRange(pathOf(field), value, min, max, violations) ? fallback : value;
  }

  Long longInteger(String field) {
    return asLong(raw(field), pathOf(field), violations);
  }

  Double number(String field) {
    return asNumber(raw(field), pathOf(field), violations);
  }

  double number(String field, double fallback, double min, double max) {
    Double value = number(field);
    return value == null || !inRange(pathOf(field), value, min, max, violations) ? fallback : value;
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type, E fallback) {
    String value = string(field);
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value)) {
        return constant;
      }
    }
    violations.add(pathOf(field), "must be one of " + names(type.getEnumConstants()));
    return fallback;
  }

  /** The string values of an object such as {@code labels}; {@code null} when the field is absent. */
  Map<String, String> stringMap(String field) {
    JsonFields map = object(field);
    if (map == null) {
      return null;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : map.json.fieldNames()) {
      String value = map.string(key);
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  /** The items of an array field read one by one; {@code null} when the field is absent. */
  <T> List<T> list(String field, BiFunction<Object, String, T> readItem) {
    JsonArray items = array(field);
    if (items == null) {
      return null;
    }
    List<T> values = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      T value = readItem.apply(items.getValue(i), pathOf(field) + "(" + i + ")");
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** Reads an array whose items are objects. */
  <T> List<T> objects(String field, Function<JsonFields, T> readItem) {
    return list(field, (item, itemPath) -> {
      JsonObject object = asObject(item, itemPath, violations);
      return object == null ? null : readItem.apply(new JsonFields(object, itemPath, violations));
    });
  }

  List<String> strings(String field) {
    return list(field, (item, itemPath) -> asString(item, itemPath, violations));
  }

  static JsonObject asObject(Object value, String path, Violations violations) {
    if (value == null || value instanceof JsonObject) {
      return (JsonObject) value;
    }
    violations.add(path, "expected an object");
    return null;
  }

  static JsonArray asArray(Object value, String path, Violations violations) {
    if (value == null || value instanceof JsonArray) {
      return (JsonArray) value;
    }
    violations.add(path, "expected an array");
    return null;
  }

  static String asString(Object value, String path, Violations violations) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    violations.add(path, "expected a string");
    return null;
  }

  static Integer asInt(Object value, String path, Violations violations) {
    Long wide = asLong(value, path, violations);
    if (wide == null) {
      return null;
    }
    if (wide < Integer.MIN_VALUE || wide > Integer.MAX_VALUE) {
      violations.add(path, "expected a 32-bit integer");
      return null;
    }
    return wide.intValue();
  }

  static Long asLong(Object value, String path, Violations violations) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      BigDecimal exact = exact(n);
      if (exact != null && exact.stripTrailingZeros().scale() <= 0) {
        try {
          return exact.longValueExact();
        } catch (ArithmeticException tooBig) {
          violations.add(path, "expected a 64-bit integer");
          return null;
        }
      }
    }
    violations.add(path, "expected an integer");
    return null;
  }

  static Double asNumber(Object value, String path, Violations violations) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    violations.add(path, value instanceof Number ? "expected a finite number" : "expected a number");
    return null;
  }

  static boolean inRange(String path, double value, double min, double max, Violations violations) {
    if (value < min) {
      violations.add(path, "must be greater than or equal to " + format(min));
      return false;
    }
    if (value > max) {
      violations.add(path, "must be less than or equal to " + format(max));
      return false;
    }
    return true;
  }

  /** A number as a person writes it: 1 rather than 1.0, 0.001 rather than 1.0E-3. */
  static String format(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  static String names(Enum<?>[] constants) {
    List<String> names = new ArrayList<>();
    for (Enum<?> constant : constants) {
      names.add(constant.name());
    }
    return String.join(", ", names);
  }

  private static BigDecimal exact(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    if (n instanceof BigDecimal d) {
      return d;
    }
    if (n instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
