package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.HealthCheckDefinition;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.util.List;

/**
 * The health checks Marathon runs itself, over the network: every HTTP, HTTPS and TCP check of an
 * app probes each of its running tasks every {@code intervalSeconds}, each within its
 * {@code timeoutSeconds}. HTTP(S) passes on a status from 200 to 399 (a 1xx is no answer at all
 * with {@code ignoreHttp1xx}); TCP passes when it connects. HTTPS does not verify certificates, as
 * Marathon's does not. The results go to {@link Results}, which judges and acts.
 */
final class MarathonHealthChecks {

  /** Where a probe's outcome goes, on the scheduler's context. */
  interface Results {
    void result(Instance task, int check, boolean alive, String cause);
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final HttpClient https;
  private final Results results;

  MarathonHealthChecks(Vertx vertx, Results results) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient();
    this.https = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
    this.results = results;
  }

  /** Starts every probe of {@code app}'s tasks that is due and not already on its way. */
  void poll(AppDefinition app, List<Instance> tasks, long now) {
    List<HealthCheckDefinition> checks = app.healthChecks();
    for (int index = 0; index < checks.size(); index++) {
      HealthCheckDefinition check = checks.get(index);
      if (check.runsOnAgent()) {
        continue;
      }
      for (Instance task : tasks) {
        if (!task.isRunning() || task.killRequested) {
          continue;
        }
        CheckHealth health = task.health(index);
        CheckEndpoint endpoint = check.port() != null ? new CheckEndpoint(task.host, check.port())
          : CheckEndpoint.of(app, task, check.portIndex() == null ? 0 : check.portIndex());
        if (health.probing || now < health.nextProbeMs || endpoint == null) {
          continue;
        }
        health.probing = true;
        health.nextProbeMs = now + check.intervalSeconds() * 1000L;
        int which = index;
        probe(check, endpoint.host(), endpoint.port()).onComplete(outcome -> {
          health.probing = false;
          if (outcome.failed()) {
            results.result(task, which, false, String.valueOf(outcome.cause().getMessage()));
          } else if (outcome.result() != null) {
            results.result(task, which, outcome.result().isEmpty(), outcome.result());
          }
        });
      }
    }
  }

  void close() {
    http.close();
    https.close();
  }

  /** Completes with "" when the check passed, with why when it failed, null when there is no verdict. */
  private Future<String> probe(HealthCheckDefinition check, String host, int port) {
    long timeoutMs = check.timeoutSeconds() * 1000L;
    return switch (check.protocol()) {
      case TCP -> tcp(host, port, timeoutMs);
      case HTTP, HTTPS -> {
        HttpClient client = check.protocol() == HealthCheckDefinition.Protocol.HTTPS ? https : http;
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port)
          .setURI(check.path() == null ? "/" : check.path()).setTimeout(timeoutMs);
        yield client.request(request).compose(r -> r.send()).compose(response -> response.body().map(body -> {
          int status = response.statusCode();
          if (status >= 100 && status < 200 && check.ignoreHttp1xx()) {
            return null;
          }
          return status >= 200 && status < 400 ? "" : status + " " + response.statusMessage();
        }));
      }
      default -> Future.succeededFuture(null);
    };
  }

  private Future<String> tcp(String host, int port, long timeoutMs) {
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) timeoutMs));
    return client.connect(port, host).compose(socket -> socket.close().map(""))
      .eventually(() -> client.close());
  }
}
