package io.drover.common.http;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /health} and {@code /ready}, as load balancers, service managers and Kubernetes probe them.
 * Liveness only says the process serves: a restart cures nothing ZooKeeper or a leader lacks, so it
 * never fails on them. Readiness is the role's own conditions plus free disk for the work directory;
 * both answer 200, or 503 with the JSON of each check (vertx-health-check's shape).
 */
public final class Probes {

  /** Below this much free space in the work directory a node takes no more work. */
  public static final long MIN_FREE_DISK_BYTES = 64L * 1024 * 1024;

  /**
   * One readiness condition.
   *
   * @param id      its name in the answer, e.g. {@code zookeeper}
   * @param problem null while the condition holds, else why it does not (read on the event loop: must not block)
   */
  public record Check(String id, Supplier<String> problem) {
  }

  private Probes() {
  }

  /** Adds both routes to {@code router}; {@code checks} are the role's, the disk check is added here. */
  public static void mount(Vertx vertx, Router router, Path workDir, List<Check> checks) {
    HealthChecks liveness = HealthChecks.create(vertx);
    liveness.register("http", promise -> promise.complete(Status.OK()));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    HealthChecks readiness = HealthChecks.create(vertx);
    for (Check check : checks) {
      readiness.register(check.id(), promise -> promise.complete(status(check.problem().get())));
    }
    // statfs and the walk up to an existing directory are file-system calls: off the event loop
    readiness.register("disk", promise -> vertx.executeBlocking(() -> status(diskProblem(workDir)), false)
      .onComplete(promise));
    router.get("/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
  }

  private static Status status(String problem) {
    return problem == null ? Status.OK() : Status.KO(new JsonObject().put("reason", problem));
  }

  /** Null while the work directory's file system has {@link #MIN_FREE_DISK_BYTES} free. */
  static String diskProblem(Path workDir) {
    // before the first task the directory may not exist yet: its nearest existing parent's disk counts
    Path existing = workDir.toAbsolutePath();
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent();
    }
    try {
      long free = Files.getFileStore(existing).getUsableSpace();
      return free >= MIN_FREE_DISK_BYTES ? null
        : workDir + " has " + free / (1024 * 1024) + " MiB free, less than the " + MIN_FREE_DISK_BYTES / (1024 * 1024)
          + " MiB a node needs";
    } catch (IOException e) {
      return "cannot read the free space of " + workDir + ": " + e.getMessage();
    }
  }

  /** The ZooKeeper condition every role shares: a live session to the ensemble. */
  public static Check zooKeeper(Supplier<Boolean> connected) {
    return new Check("zookeeper", () -> connected.get() ? null : "no ZooKeeper session: the ensemble is unreachable");
  }
}
