package io.drover.agent;

import io.drover.agent.executor.CommandCheck;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.TaskInfo;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs one task's health check on the agent (the check itself off the event loop) and reports each
 * change of verdict: healthy after a success, unhealthy after {@code consecutiveFailures} failures
 * in a row, where failures within the grace period count only once the task has been healthy.
 */
final class HealthChecker {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Vertx vertx;
  private final TaskInfo task;
  private final HealthCheck check;
  private final String host;
  private final CommandCheck commands;
  private final BiConsumer<Boolean, String> verdicts;
  private final long startedMs = System.currentTimeMillis();
  private long timer = -1;
  private int failures;
  private Boolean healthy;
  private boolean stopped;

  /** {@code commands} runs COMMAND checks where the task runs: on this host, or inside its container. */
  HealthChecker(Vertx vertx, TaskInfo task, String host, CommandCheck commands, BiConsumer<Boolean, String> verdicts) {
    this.vertx = vertx;
    this.task = task;
    this.check = task.getHealthCheck();
    this.host = host;
    this.commands = commands;
    this.verdicts = verdicts;
  }

  void start() {
    schedule(check.getDelaySeconds());
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
    vertx.executeBlocking(this::probe, false).onComplete(result -> {
      if (stopped) {
        return;
      }
      String failure = result.succeeded() ? result.result() : String.valueOf(result.cause().getMessage());
      judge(failure);
      schedule(check.getIntervalSeconds());
    });
  }

  /** Decides on one result; {@code failure} is null for a success. */
  private void judge(String failure) {
    if (failure == null) {
      failures = 0;
      if (!Boolean.TRUE.equals(healthy)) {
        healthy = true;
        verdicts.accept(true, check.getType() + " health check passed");
      }
      return;
    }
    boolean inGrace = healthy == null
      && System.currentTimeMillis() - startedMs < (long) (check.getGracePeriodSeconds() * 1000);
    if (inGrace) {
      return;
    }
    failures++;
    if (failures >= check.getConsecutiveFailures() && !Boolean.FALSE.equals(healthy)) {
      healthy = false;
      verdicts.accept(false, check.getType() + " health check failed " + failures + " times in a row: " + failure);
    }
  }

  /** Runs the check once: null when it passes, else what went wrong. Blocking. */
  private String probe() throws Exception {
    long timeoutMs = Math.max(1, (long) (check.getTimeoutSeconds() * 1000));
    switch (check.getType()) {
      case COMMAND -> {
        return commands.run(check.getCommand(), timeoutMs);
      }
      case HTTP -> {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port()
          + check.getPath())).timeout(Duration.ofMillis(timeoutMs)).GET().build(), HttpResponse.BodyHandlers.discarding());
        return response.statusCode() >= 200 && response.statusCode() < 400 ? null : "HTTP " + response.statusCode();
      }
      case TCP -> {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress(host, port()), (int) timeoutMs);
          return null;
        } catch (IOException e) {
          return "cannot connect to port " + port() + ": " + e.getMessage();
        }
      }
      default -> {
        return "unknown check type";
      }
    }
  }

  private int port() {
    List<Long> ports = task.resources().ports().values().boxed().toList();
    if (check.getPortIndex() < 0 || check.getPortIndex() >= ports.size()) {
      throw new IllegalStateException("the task has no port number " + check.getPortIndex());
    }
    return ports.get(check.getPortIndex()).intValue();
  }
}
