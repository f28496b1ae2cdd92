package io.drover.marathon.core;

import io.drover.marathon.app.PathId;
import io.drover.protocol.LaunchTrace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The hops of the latest launches that reached TASK_RUNNING, for the benchmarks' stage breakdown
 * ({@code /metrics/launch-traces}); bounded, the oldest go first.
 */
public final class LaunchTraces {

  static final int KEPT = 20_000;

  /** One launch: its task, its app and when it passed each hop. */
  public record Traced(String taskId, PathId appId, LaunchTrace trace) {
  }

  private final Deque<Traced> latest = new ArrayDeque<>();

  void record(String taskId, PathId appId, LaunchTrace trace) {
    latest.addLast(new Traced(taskId, appId, trace));
    if (latest.size() > KEPT) {
      latest.removeFirst();
    }
  }

  /** The launches of apps under {@code prefix} ("/" for all), oldest first. */
  List<Traced> under(String prefix) {
    return latest.stream().filter(t -> t.appId().toString().startsWith(prefix)).toList();
  }
}
