package io.drover.agent;

import io.drover.protocol.HealthCheck;
import io.vertx.core.Vertx;

import java.util.function.Consumer;

/**
 * Runs one of a task's checks (its health check or its plain check) every interval after the
 * delay, each run off the event loop, and hands what it found to {@code results} on the loop.
 */
final class TaskCheckRunner {

  private final Vertx vertx;
  private final HealthCheck timing;
  private final CheckProbe probe;
  private final Consumer<CheckProbe.Result> results;
  private long timer = -1;
  private boolean stopped;

  TaskCheckRunner(Vertx vertx, HealthCheck timing, CheckProbe probe, Consumer<CheckProbe.Result> results) {
    this.vertx = vertx;
    this.timing = timing;
    this.probe = probe;
    this.results = results;
  }

  void start() {
    schedule(timing.getDelaySeconds());
  }

  void stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void schedule(double seconds) {
    if (!stopped) {
      timer = vertx.setTimer(Math.max(1, (long) (seconds * 1000)), t -> run());
    }
  }

  private void run() {
    vertx.executeBlocking(probe::run, false).onComplete(result -> {
      if (stopped) {
        return;
      }
      results.accept(result.succeeded() ? result.result()
        : new CheckProbe.Result(null, String.valueOf(result.cause().getMessage())));
      schedule(timing.getIntervalSeconds());
    });
  }
}
