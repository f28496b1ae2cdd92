package io.drover.agent;

import io.drover.agent.executor.CommandCheck;
import io.drover.protocol.CheckStatus;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.TaskInfo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * One run of a task's check, health check or plain: a command where the task runs, an HTTP GET or
 * a TCP connect to one of its ports on {@code host}. It finds what Mesos reports as a check's status
 * (exit code, HTTP status, whether it connected) and whether that counts as a pass.
 */
final class CheckProbe {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** What one run found; {@code failure} is null when it passed. */
  record Result(CheckStatus status, String failure) {
  }

  private final TaskInfo task;
  private final HealthCheck check;
  private final String host;
  private final CommandCheck commands;

  /** {@code commands} runs COMMAND checks where the task runs: on this host, or inside its container. */
  CheckProbe(TaskInfo task, HealthCheck check, String host, CommandCheck commands) {
    this.task = task;
    this.check = check;
    this.host = host;
    this.commands = commands;
  }

  /** Runs the check once. Blocking. */
  Result run() {
    long timeoutMs = Math.max(1, (long) (check.getTimeoutSeconds() * 1000));
    try {
      return switch (check.getType()) {
        case COMMAND -> {
          Integer exit = commands.run(check.getCommand(), timeoutMs);
          yield new Result(new CheckStatus(check.getType(), exit, null, null), exit == null
            ? "timed out after " + timeoutMs + " ms" : exit == 0 ? null : "exit status " + exit);
        }
        case HTTP -> {
          HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port()
            + check.getPath())).timeout(Duration.ofMillis(timeoutMs)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
          int code = response.statusCode();
          yield new Result(new CheckStatus(check.getType(), null, code, null),
            code >= 200 && code < 400 ? null : "HTTP " + code);
        }
        case TCP -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port()), (int) timeoutMs);
            yield new Result(new CheckStatus(check.getType(), null, null, true), null);
          } catch (IOException e) {
            yield new Result(new CheckStatus(check.getType(), null, null, false),
              "cannot connect to port " + port() + ": " + e.getMessage());
          }
        }
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(CheckStatus.pending(check.getType()), "interrupted");
    } catch (Exception e) {
      // no result (timed out, refused, could not run): Mesos leaves the status's value unset
      return new Result(CheckStatus.pending(check.getType()), String.valueOf(e.getMessage()));
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
