package io.drover.it;

import io.drover.it.bench.ChurnBenchmark;
import io.drover.it.bench.ChurnBenchmark.Result;
import io.drover.it.bench.ChurnBenchmark.Size;
import io.drover.it.bench.ClusterBenchmark;
import io.drover.it.fixture.Docker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code scripts/bench.sh} from rotting: every scenario at its tiny size, once, and the
 * report must hold a figure for each and the launch stage breakdowns. Nothing here is timed: the
 * figures of a smoke run on a busy test machine mean nothing.
 */
class BenchmarkSmokeIT {

  /** Pooled connections and a restarted agent's fresh start may differ by a few. */
  static final int FD_TOLERANCE = 16;

  @Test
  void everyScenarioRunsAtItsTinySizeAndReportsItsFigures() throws Exception {
    List<String> scenarios = new ArrayList<>(List.of("S1", "S2", "S3", "S4", "S5", "S6", "S7"));
    boolean docker = dockerWithImage();
    if (docker) {
      scenarios.add("PEER");
    } else {
      System.out.println("SKIPPED the PEER smoke run: no Docker engine with " + Docker.IMAGE);
    }
    Path dir = Path.of("target", "bench-smoke");
    Files.deleteIfExists(dir.resolve("report.json"));
    List<String> args = new ArrayList<>(List.of("--quick"));
    args.addAll(scenarios);

    ClusterBenchmark.run(dir, args.toArray(String[]::new));

    JsonObject report = new JsonObject(Files.readString(dir.resolve("report.json")));
    assertThat(report.getJsonArray("notes").stream().map(String::valueOf))
      .noneMatch(note -> note.contains("did not finish") || note.contains("no launch traces"));
    List<JsonObject> rows = objects(report.getJsonArray("rows"));
    Set<String> reported = rows.stream().map(r -> r.getString("scenario")).collect(Collectors.toSet());
    assertThat(reported).containsAll(scenarios);
    assertThat(rows).allSatisfy(row -> assertThat(row.getJsonArray("values")).isNotEmpty()
      .allSatisfy(v -> assertThat(((Number) v).doubleValue()).isFinite()));
    List<JsonObject> breakdowns = objects(report.getJsonArray("breakdowns"));
    assertThat(breakdowns.stream().map(b -> b.getString("scenario"))).contains("S3", "S4");
    // every hop from the POST to Marathon counting the task running was stamped
    assertThat(breakdowns).allSatisfy(b -> assertThat(objects(b.getJsonArray("stages")).stream()
      .map(s -> s.getString("stage"))).contains("posted -> queued", "running_at_framework -> counted",
        "whole path (posted -> counted)"));
  }

  /**
   * Keeps {@code scripts/bench-churn.sh} from rotting, and holds what it shows at a small size:
   * apps gone and an agent restarted leave no cgroup directory, no task and no extra agent behind,
   * and every process about the file descriptors it started with.
   */
  @Test
  void theChurnBenchmarkEndsWhereItStarted() throws Exception {
    Result result = ChurnBenchmark.run(Path.of("target"), new Size(2, 2, 2, 2, 1));

    assertThat(result.restarts()).isEqualTo(1);
    assertThat(result.end().cgroupDirs()).as("cgroup directories of the agents, no task running").isZero();
    assertThat(result.end().activeTasks()).isZero();
    assertThat(result.end().agentsKnown()).isEqualTo(2);
    result.end().fds().forEach((process, fds) -> assertThat(fds).as(process + " open fds")
      .isLessThanOrEqualTo(result.start().fds().get(process) + FD_TOLERANCE));
    assertThat(result.end().heapKb()).allSatisfy((process, kb) -> assertThat(kb).as(process + " heap").isPositive());
  }

  private static boolean dockerWithImage() {
    try {
      return !"skip".equals(System.getenv("DROVER_DOCKER_TESTS"))
        && Docker.command("image", "inspect", Docker.IMAGE).code() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().map(JsonObject.class::cast).toList();
  }
}
