package io.drover.it.bench;

import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a scenario's launches spent their time: the hops Marathon, the master and the agents
 * stamped on each launch ({@code /metrics/launch-traces}), turned into stages between consecutive
 * hops, gathered over the scenario's runs, reported with their median and p99.
 */
final class StageBreakdown {

  private final Map<String, List<Double>> stageMs = new LinkedHashMap<>();
  private final List<Double> totalMs = new ArrayList<>();
  private String firstHop;
  private String lastHop;

  /** Takes the traces of the launches of apps under {@code prefix}. */
  void collect(MarathonClient marathon, String prefix) {
    JsonObject answer = marathon.expect(200, "GET", "/metrics/launch-traces?app=" + prefix, null);
    List<String> hops = answer.getJsonArray("hops").stream().map(String::valueOf).toList();
    for (Object item : answer.getJsonArray("traces")) {
      add(hops, ((JsonObject) item).getJsonObject("hops"));
    }
  }

  private void add(List<String> hops, JsonObject trace) {
    String previous = null;
    String first = null;
    for (String hop : hops) {
      Long at = trace.getLong(hop);
      if (at == null) {
        continue;
      }
      if (previous != null) {
        stageMs.computeIfAbsent(previous + " -> " + hop, k -> new ArrayList<>())
          .add((at - trace.getLong(previous)) / 1000.0);
      } else {
        first = hop;
      }
      previous = hop;
    }
    if (first != null && !first.equals(previous)) {
      totalMs.add((trace.getLong(previous) - trace.getLong(first)) / 1000.0);
      firstHop = first;
      lastHop = previous;
    }
  }

  boolean isEmpty() {
    return totalMs.isEmpty();
  }

  /** Adds the breakdown to the report, one line per stage and the whole path last. */
  void report(BenchReport report, String scenario, String title) {
    if (isEmpty()) {
      report.note(scenario + " " + title + ": no launch traces were recorded");
      return;
    }
    List<BenchReport.Stage> stages = new ArrayList<>();
    stageMs.forEach((name, values) -> stages.add(BenchReport.Stage.of(name, values)));
    stages.add(BenchReport.Stage.of("whole path (" + firstHop + " -> " + lastHop + ")", totalMs));
    report.breakdown(scenario, title + " (" + totalMs.size() + " launches)", stages);
  }
}
