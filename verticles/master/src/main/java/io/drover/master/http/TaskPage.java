package io.drover.master.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The {@code limit}, {@code offset} and {@code order} of Mesos's {@code /master/tasks}: at most
 * {@code limit} tasks (100 unless asked), from {@code offset}, oldest first ({@code asc}) or newest
 * first ({@code desc}, Mesos's default).
 */
record TaskPage(int limit, int offset, boolean descending) {

  static final int DEFAULT_LIMIT = 100;

  /**
   * Reads the page from a request's query parameters.
   *
   * @throws IllegalArgumentException naming the bad parameter
   */
  static TaskPage from(Map<String, String> query) {
    int limit = count(query, "limit", DEFAULT_LIMIT);
    int offset = count(query, "offset", 0);
    String order = query.getOrDefault("order", "desc");
    if (!order.equals("asc") && !order.equals("desc")) {
      throw new IllegalArgumentException("order must be asc or desc, not '" + order + "'");
    }
    return new TaskPage(limit, offset, order.equals("desc"));
  }

  /** The page of {@code tasks}, which come oldest first. */
  <T> List<T> of(List<T> tasks) {
    List<T> ordered = new ArrayList<>(tasks);
    if (descending) {
      Collections.reverse(ordered);
    }
    int from = Math.min(offset, ordered.size());
    return List.copyOf(ordered.subList(from, Math.min(ordered.size(), from + limit)));
  }

  private static int count(Map<String, String> query, String name, int fallback) {
    String text = query.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new IllegalArgumentException(name + " must be a whole number of 0 or more, not '" + text + "'");
  }
}
