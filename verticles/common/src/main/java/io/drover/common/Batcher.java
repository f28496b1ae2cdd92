package io.drover.common;

import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Gathers items per destination for a few milliseconds and hands each destination its items as one
 * batch, in the order they came: thousands of small messages a second become a few large ones. A
 * destination's batch goes at once when it reaches {@code maxItems}. Not thread-safe: used on one
 * context.
 */
public final class Batcher<K, T> {

  /** Long enough to gather a burst, short beside a launch's own tens of milliseconds. */
  public static final long WINDOW_MS = 2;
  public static final int MAX_ITEMS = 1_000;

  private final Context context;
  private final long windowMs;
  private final int maxItems;
  private final BiConsumer<K, List<T>> send;
  private Map<K, List<T>> pending = new LinkedHashMap<>();
  private boolean scheduled;

  public Batcher(Context context, long windowMs, int maxItems, BiConsumer<K, List<T>> send) {
    this.context = context;
    this.windowMs = windowMs;
    this.maxItems = maxItems;
    this.send = send;
  }

  /** A batcher with the default window and size. */
  public Batcher(Context context, BiConsumer<K, List<T>> send) {
    this(context, WINDOW_MS, MAX_ITEMS, send);
  }

  public void add(K destination, T item) {
    List<T> items = pending.computeIfAbsent(destination, k -> new ArrayList<>());
    items.add(item);
    if (items.size() >= maxItems) {
      pending.remove(destination);
      send.accept(destination, items);
    } else if (!scheduled) {
      scheduled = true;
      context.owner().setTimer(windowMs, t -> context.runOnContext(v -> flush()));
    }
  }

  /** Sends everything gathered so far. */
  public void flush() {
    scheduled = false;
    Map<K, List<T>> due = pending;
    pending = new LinkedHashMap<>();
    due.forEach(send);
  }
}
