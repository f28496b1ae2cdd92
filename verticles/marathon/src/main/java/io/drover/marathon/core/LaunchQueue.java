package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.placement.LaunchDelay;
import io.drover.marathon.placement.OfferSummary;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is waiting to start: per app, how many tasks, since when, its launch backoff, and what
 * became of the offers it was shown, so {@code /v2/queue} can say why nothing starts.
 */
final class LaunchQueue {

  static final class Entry {
    final PathId appId;
    int count;
    long sinceMs;
    LaunchDelay delay;
    String delayConfigVersion;
    /** The offers shown to this launch attempt, and why they were not used. */
    OfferSummary offers = new OfferSummary();

    Entry(PathId appId) {
      this.appId = appId;
    }
  }

  private final Map<PathId, Entry> entries = new TreeMap<>();

  /** Sets how many tasks of {@code app} wait; an entry stays while it has a delay to remember. */
  void want(AppDefinition app, int count, long nowMs) {
    Entry entry = entry(app);
    if (entry.count == 0 && count > 0) {
      entry.sinceMs = nowMs;
      entry.offers = new OfferSummary();
    }
    entry.count = Math.max(0, count);
  }

  Entry entry(AppDefinition app) {
    Entry entry = entries.computeIfAbsent(app.id(), Entry::new);
    String config = TaskFactory.configVersion(app);
    // a new configuration starts with a clean backoff, as in Marathon
    if (entry.delay == null || !config.equals(entry.delayConfigVersion)) {
      entry.delay = LaunchDelay.of(app);
      entry.delayConfigVersion = config;
    }
    return entry;
  }

  List<Entry> waiting() {
    return entries.values().stream().filter(e -> e.count > 0).toList();
  }

  boolean isEmpty() {
    return waiting().isEmpty();
  }

  /** Moves the app's backoff on for a task that ended without being asked to. */
  void ended(AppDefinition app, Instance ended, long nowMs) {
    Entry entry = entry(app);
    entry.delay = Convergence.backoffAfter(entry.delay, ended, nowMs);
  }

  void resetDelay(AppDefinition app) {
    Entry entry = entry(app);
    entry.delay = entry.delay.reset();
  }

  void forget(PathId id) {
    entries.remove(id);
  }
}
