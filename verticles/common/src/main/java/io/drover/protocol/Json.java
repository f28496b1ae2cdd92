package io.drover.protocol;

import io.drover.resources.Attributes;
import io.drover.resources.Reservations;
import io.drover.resources.RangeSet;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** JSON forms shared by the data objects: Mesos-shaped resources, lists and string maps. */
public final class Json {

  private Json() {
  }

  /** Mesos's JSON shape: scalars as numbers, ranges in their text form ({@code "[31000-32000]"}). */
  public static JsonObject resources(Resources resources) {
    JsonObject json = new JsonObject();
    resources.scalars().forEach(json::put);
    resources.rangeSets().forEach((name, set) -> json.put(name, set.toString()));
    return json;
  }

  public static Resources resources(JsonObject json) {
    if (json == null) {
      return Resources.EMPTY;
    }
    Resources.Builder builder = Resources.builder();
    for (Map.Entry<String, Object> entry : json) {
      if (entry.getValue() instanceof Number number) {
        builder.scalar(entry.getKey(), number.doubleValue());
      } else if (entry.getValue() instanceof String text) {
        builder.ranges(entry.getKey(), RangeSet.parse(text));
      }
    }
    return builder.build();
  }

  /** By role, each role's resources as {@link #resources(Resources)} writes them. */
  public static JsonObject reservations(Reservations reservations) {
    JsonObject json = new JsonObject();
    reservations.byRole().forEach((role, resources) -> json.put(role, resources(resources)));
    return json;
  }

  public static Reservations reservations(JsonObject json) {
    if (json == null) {
      return Reservations.NONE;
    }
    Map<String, Resources> byRole = new TreeMap<>();
    json.fieldNames().forEach(role -> byRole.put(role, resources(json.getJsonObject(role))));
    return Reservations.of(byRole);
  }

  public static JsonObject attributes(Attributes attributes) {
    return object(attributes.asMap());
  }

  public static Attributes attributes(JsonObject json) {
    return json == null ? Attributes.EMPTY : Attributes.of(strings(json));
  }

  public static JsonObject object(Map<String, String> strings) {
    return new JsonObject(new LinkedHashMap<>(strings));
  }

  public static Map<String, String> strings(JsonObject json) {
    Map<String, String> map = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(entry -> map.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    return map;
  }

  public static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(toJson.apply(item)));
    return array;
  }

  public static <T> List<T> list(JsonArray array, Function<JsonObject, T> fromJson) {
    List<T> list = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        list.add(fromJson.apply(array.getJsonObject(i)));
      }
    }
    return list;
  }

  public static List<String> strings(JsonArray array) {
    List<String> list = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> list.add(String.valueOf(item)));
    }
    return list;
  }

  /** Seconds since the epoch as a double, as Mesos timestamps are. */
  public static double nowSeconds() {
    return System.currentTimeMillis() / 1000.0;
  }
}
