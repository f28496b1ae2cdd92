package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MarathonEvents;
import io.drover.it.fixture.TaskProcesses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marathon scheduler on real processes: a master, two agents on two hostnames (both this
 * machine, so checks from the scheduler reach them), one marathon
 * node; apps of real shell commands driven through the {@code /v2} API.
 */
class MarathonIT {

  static ClusterFixture cluster;
  static MarathonClient marathon;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("marathon");
    cluster.master("master");
    cluster.agent("agent-1", "cpus:4;mem:2048;disk:1000;ports:[31000-31099]", "--hostname", "localhost");
    cluster.agent("agent-2", "cpus:4;mem:2048;disk:1000;ports:[31100-31199]", "--hostname", "127.0.0.1");
    cluster.awaitActiveAgents(2);
    marathon = cluster.leadingMarathon("marathon");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void appsScaleReplaceKilledTasksAndStopWithTheirProcesses() {
    String marker = "7301";
    marathon.expect(201, "POST", "/v2/apps", MarathonApps.app("/lifecycle", "sleep " + marker, 3));
    marathon.awaitRunning("lifecycle", 3);
    // RUNNING is reported when the task's shell starts; the sleep follows a moment later
    Await.until("3 sleep processes run", Duration.ofSeconds(30), () -> TaskProcesses.sleeping(marker).size() == 3);

    marathon.expect(200, "PUT", "/v2/apps//lifecycle?force=false", "{\"instances\":5}");
    marathon.awaitRunning("lifecycle", 5);

    String victim = marathon.running("lifecycle").get(0).getString("id");
    marathon.expect(200, "DELETE", "/v2/apps/lifecycle/tasks/" + victim, null);
    Await.until("the killed task is replaced", Duration.ofSeconds(60), () -> {
      List<JsonObject> running = marathon.running("lifecycle");
      return running.size() == 5 && running.stream().noneMatch(t -> t.getString("id").equals(victim));
    });

    // a kill-and-scale that names one task twice scales down by one
    String named = marathon.running("lifecycle").get(0).getString("id");
    marathon.expect(200, "POST", "/v2/tasks/delete?scale=true",
      new JsonObject().put("ids", new JsonArray().add(named).add(named)).encode());
    assertThat(marathon.app("lifecycle").getInteger("instances")).isEqualTo(4);
    marathon.awaitRunning("lifecycle", 4);

    marathon.expect(200, "DELETE", "/v2/apps/lifecycle", null);
    Await.until("the app is gone", Duration.ofSeconds(60),
      () -> marathon.send("GET", "/v2/apps/lifecycle", null).status() == 404);
    Await.until("its processes are gone", Duration.ofSeconds(60), () -> TaskProcesses.sleeping(marker).isEmpty());
  }

  /**
   * {@code wipe=true} forgets a task at once, as Marathon's: while it dies (it ignores SIGTERM for its
   * kill grace period), its updates must neither bring it back into the app's tasks nor be published.
   */
  @Test
  void aWipedTaskIsForgottenAtOnceAndStaysForgottenWhileItDies() throws Exception {
    String marker = "7312";
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/wiped\",\"cmd\":\"trap '' TERM; sleep " + marker
      + "\",\"cpus\":0.1,\"mem\":16,\"instances\":1,\"taskKillGracePeriodSeconds\":5}");
    marathon.awaitRunning("wiped", 1);
    ProcessHandle dying = Await.value("its sleep runs", Duration.ofSeconds(30), () -> {
      List<ProcessHandle> sleeping = TaskProcesses.sleeping(marker);
      return sleeping.size() == 1 ? sleeping.get(0) : null;
    });
    String victim = marathon.running("wiped").get(0).getString("id");

    try (MarathonEvents events = MarathonEvents.attach(marathon.url())) {
      marathon.expect(200, "DELETE", "/v2/apps/wiped/tasks/" + victim + "?wipe=true", null);
      Await.until("the wiped task's process ends after its grace period, a replacement running",
        Duration.ofSeconds(60), () -> {
          assertThat(marathon.tasks("wiped")).noneMatch(t -> t.getString("id").equals(victim));
          return !dying.isAlive() && marathon.running("wiped").size() == 1;
        });
      // (a reconciliation may have reported it running before the wipe; its end is never published)
      assertThat(events.received()).noneMatch(e -> victim.equals(e.getString("taskId"))
        && List.of("TASK_KILLING", "TASK_KILLED").contains(e.getString("taskStatus")));
    }
    marathon.expect(200, "DELETE", "/v2/apps/wiped", null);
    Await.until("its processes are gone", Duration.ofSeconds(60), () -> TaskProcesses.sleeping(marker).isEmpty());
  }

  /** What mesos-dns, Traefik and mesos_exporter read from the master, on a real cluster. */
  @Test
  void theMasterReadsAsMesosToolsExpect() {
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/mesos/named\",\"cmd\":\"sleep 7302\",\"cpus\":0.1,"
      + "\"mem\":16,\"instances\":1,\"portDefinitions\":[{\"port\":0,\"name\":\"http\",\"protocol\":\"tcp\"}]}");
    marathon.awaitRunning("mesos/named", 1);
    String leader = Await.value("a leader is elected", Duration.ofSeconds(60), () -> cluster.leaderUrl().orElse(null));

    JsonObject state = Http.json(leader + "/master/state");
    assertThat(state.getString("version")).isEqualTo("1.11.0");
    assertThat(state.getString("leader")).startsWith("master@");
    assertThat(state.getString("pid")).isEqualTo(state.getString("leader"));
    JsonObject task = MarathonClient.stream(state.getJsonArray("frameworks"))
      .flatMap(f -> MarathonClient.stream(f.getJsonArray("tasks")))
      .filter(t -> t.getString("name").equals("named.mesos")).findFirst().orElseThrow();
    assertThat(task.getString("state")).isEqualTo("TASK_RUNNING");
    assertThat(task.getJsonObject("resources").getString("ports")).matches("\\[\\d+-\\d+\\]");
    JsonObject port = task.getJsonObject("discovery").getJsonObject("ports").getJsonArray("ports").getJsonObject(0);
    assertThat(port.getString("name")).isEqualTo("http");
    assertThat(task.getJsonObject("resources").getString("ports")).contains(port.getInteger("number").toString());
    JsonObject slave = MarathonClient.stream(state.getJsonArray("slaves"))
      .filter(a -> a.getString("id").equals(task.getString("slave_id"))).findFirst().orElseThrow();
    assertThat(slave.getString("pid")).isEqualTo("slave(1)@" + slave.getString("hostname") + ":" + slave.getInteger("port"));

    assertThat(Http.json(leader + "/master/tasks?limit=1").getJsonArray("tasks")).hasSize(1);
    assertThat(Http.get(leader + "/master/tasks?limit=x").statusCode()).isEqualTo(400);
    assertThat(Http.json(leader + "/master/slaves").getJsonArray("slaves")).hasSize(2);
    assertThat(Http.json(leader + "/version").getString("version")).isEqualTo("1.11.0");
    // flags are the configuration as given: the fixture's masters ask for port 0 (any free one)
    assertThat(Http.json(leader + "/flags").getJsonObject("flags").getString("allocation_interval")).endsWith("ms");
    JsonObject metrics = Http.json(leader + "/metrics/snapshot");
    assertThat(metrics.getLong("master/messages_status_update")).isPositive();
    assertThat(metrics.getLong("master/messages_launch_tasks")).isPositive();
    assertThat(metrics.getLong("master/tasks_running")).isPositive();
    assertThat(metrics.getLong("master/slaves_active")).isEqualTo(2);
    assertThat(metrics.getInteger("master/elected")).isEqualTo(1);
    assertThat(metrics.getLong("allocator/allocation_runs")).isPositive();
    assertThat(metrics.getLong("registrar/state_store_ms/count")).isPositive();

    marathon.expect(200, "DELETE", "/v2/apps/mesos/named", null);
  }

  @Test
  void aFailingAppBacksOffLongerEachTime() {
    marathon.expect(201, "POST", "/v2/apps",
      "{\"id\":\"/failing\",\"cmd\":\"false\",\"cpus\":0.1,\"mem\":16,\"backoffSeconds\":1,\"backoffFactor\":2}");
    List<Double> delays = new ArrayList<>();
    Await.until("the backoff reaches 4 s", Duration.ofSeconds(90), () -> {
      marathon.queue().stream().filter(q -> q.getJsonObject("app").getString("id").equals("/failing"))
        .map(q -> q.getJsonObject("delay").getDouble("currentDelaySeconds"))
        .forEach(d -> {
          if (delays.isEmpty() || !delays.get(delays.size() - 1).equals(d)) {
            delays.add(d);
          }
        });
      return !delays.isEmpty() && delays.get(delays.size() - 1) >= 4;
    });
    assertThat(delays).isSorted();
    assertThat(marathon.app("failing").getJsonObject("lastTaskFailure").getString("state")).isEqualTo("TASK_FAILED");
    marathon.expect(200, "DELETE", "/v2/apps/failing?force=true", null);
  }

  @Test
  void uniqueHostnameRunsOnePerHostAndTheQueueSaysWhyTheThirdWaits() {
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/unique\",\"cmd\":\"sleep 7302\",\"cpus\":0.1,\"mem\":16,"
      + "\"instances\":3,\"constraints\":[[\"hostname\",\"UNIQUE\"]]}");
    Await.until("two run, one on each host", Duration.ofSeconds(60), () -> marathon.running("unique").size() == 2);
    assertThat(marathon.running("unique").stream().map(t -> t.getString("host")).collect(Collectors.toSet()))
      .isEqualTo(Set.of("localhost", "127.0.0.1"));
    JsonObject waiting = Await.value("the queue explains the third", Duration.ofSeconds(60), () ->
      marathon.queue().stream().filter(q -> q.getJsonObject("app").getString("id").equals("/unique")
        && q.getString("message").contains("UNIQUE")).findFirst().orElse(null));
    assertThat(waiting.getInteger("count")).isEqualTo(1);
    assertThat(waiting.getJsonObject("processedOffersSummary").getInteger("unusedOffersCount")).isPositive();
    marathon.expect(200, "DELETE", "/v2/apps/unique?force=true", null);
  }

  @Test
  void anHttpHealthCheckMakesTasksHealthyAndAFailingOneGetsThemReplaced() {
    marathon.expect(201, "POST", "/v2/apps", MarathonApps.webApp("/healthy", 1, "/"));
    Await.until("the task is healthy", Duration.ofSeconds(90),
      () -> marathon.app("healthy").getInteger("tasksHealthy") == 1);

    marathon.expect(201, "POST", "/v2/apps", MarathonApps.webApp("/sick", 1, "/no-such-page"));
    String first = Await.value("a sick task starts", Duration.ofSeconds(60),
      () -> marathon.running("sick").stream().map(t -> t.getString("id")).findFirst().orElse(null));
    Await.until("the failing task is killed and replaced", Duration.ofSeconds(90), () ->
      marathon.tasks("sick").stream().anyMatch(t -> !t.getString("id").equals(first)));
    marathon.expect(200, "DELETE", "/v2/apps/healthy", null);
    marathon.expect(200, "DELETE", "/v2/apps/sick?force=true", null);
  }

  @Test
  void everyHealthCheckRunsAndAFailingOneGetsTheTaskReplacedWithMarathonsEvents() throws Exception {
    Path sick = Files.createTempFile("drover-sick-", ".marker");
    Files.delete(sick);
    // the agent runs the COMMAND check beside the task, the scheduler the HTTP and TCP ones
    String checks = "\"healthChecks\":["
      + "{\"protocol\":\"HTTP\",\"path\":\"/\",\"portIndex\":0,\"gracePeriodSeconds\":10,\"intervalSeconds\":1,"
      + "\"timeoutSeconds\":2,\"maxConsecutiveFailures\":2},"
      + "{\"protocol\":\"TCP\",\"portIndex\":0,\"gracePeriodSeconds\":10,\"intervalSeconds\":1,"
      + "\"timeoutSeconds\":2,\"maxConsecutiveFailures\":2},"
      + "{\"protocol\":\"COMMAND\",\"command\":{\"value\":\"test ! -e " + sick + "\"},\"gracePeriodSeconds\":10,"
      + "\"intervalSeconds\":1,\"timeoutSeconds\":2,\"maxConsecutiveFailures\":2,\"delaySeconds\":0}]}";
    String app = MarathonApps.webApp("/checked", 1, "/");
    try (MarathonEvents events = MarathonEvents.attach(marathon.url())) {
      marathon.expect(201, "POST", "/v2/apps", app.substring(0, app.indexOf("\"healthChecks\"")) + checks);
      JsonObject task = Await.value("all three checks pass", Duration.ofSeconds(90), () -> marathon.running("checked")
        .stream().filter(t -> t.getJsonArray("healthCheckResults", new JsonArray()).size() == 3
          && MarathonClient.stream(t.getJsonArray("healthCheckResults")).allMatch(h -> h.getBoolean("alive")))
        .findFirst().orElse(null));
      assertThat(marathon.app("checked").getInteger("tasksHealthy")).isEqualTo(1);
      assertThat(events.received().stream().filter(e -> "add_health_check_event".equals(e.getString("eventType"))
        && "/checked".equals(e.getString("appId")))).hasSize(3);

      Files.createFile(sick);
      String first = task.getString("id");
      Await.until("the sick task is killed", Duration.ofSeconds(60), () -> events.received().stream()
        .anyMatch(e -> "unhealthy_instance_kill_event".equals(e.getString("eventType"))
          && first.equals(e.getString("taskId"))));
      assertThat(events.received().stream().filter(e -> first.equals(e.getString("instanceId"))
        && "health_status_changed_event".equals(e.getString("eventType")) && !e.getBoolean("alive"))).isNotEmpty();
      assertThat(events.received().stream().filter(e -> first.equals(e.getString("taskId"))
        && "failed_health_check_event".equals(e.getString("eventType")))).isNotEmpty();
      Files.delete(sick);
      Await.until("a healthy replacement runs", Duration.ofSeconds(90), () -> marathon.running("checked").stream()
        .anyMatch(t -> !t.getString("id").equals(first) && t.getJsonArray("healthCheckResults", new JsonArray()).size() == 3
          && MarathonClient.stream(t.getJsonArray("healthCheckResults")).allMatch(h -> h.getBoolean("alive"))));
      marathon.expect(200, "DELETE", "/v2/apps/checked", null);
      Await.until("its checks are removed", Duration.ofSeconds(30), () -> events.received().stream()
        .anyMatch(e -> "remove_health_check_event".equals(e.getString("eventType"))
          && "/checked".equals(e.getString("appId"))));
    } finally {
      Files.deleteIfExists(sick);
    }
  }

  @Test
  void anHttpsHealthCheckPassesOnASelfSignedServer() {
    // Marathon's HTTPS checks do not verify the certificate: a task's own self-signed one will do
    String cmd = "openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -subj /CN=localhost -days 1"
      + " 2>/dev/null && exec python3 -c \"import http.server, os, ssl\n"
      + "server = http.server.HTTPServer(('', int(os.environ['PORT0'])), http.server.SimpleHTTPRequestHandler)\n"
      + "context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\ncontext.load_cert_chain('cert.pem', 'key.pem')\n"
      + "server.socket = context.wrap_socket(server.socket, server_side=True)\nserver.serve_forever()\"";
    JsonObject app = new JsonObject().put("id", "/secure").put("cmd", cmd).put("cpus", 0.1).put("mem", 64)
      .put("instances", 1).put("portDefinitions", new JsonArray().add(new JsonObject().put("port", 0)))
      .put("healthChecks", new JsonArray().add(new JsonObject().put("protocol", "HTTPS").put("path", "/")
        .put("portIndex", 0).put("gracePeriodSeconds", 30).put("intervalSeconds", 1).put("timeoutSeconds", 2)
        .put("maxConsecutiveFailures", 3)));
    marathon.expect(201, "POST", "/v2/apps", app.encode());
    Await.until("the HTTPS check passes", Duration.ofSeconds(90),
      () -> marathon.app("secure").getInteger("tasksHealthy") == 1);
    marathon.expect(200, "DELETE", "/v2/apps/secure", null);
  }

  @Test
  void aRollingRestartNeverDropsBelowHalfHealthy() {
    // a readiness check too: the restart can only finish if new tasks are found ready over HTTP
    marathon.expect(201, "POST", "/v2/apps", MarathonApps.webApp("/rolling", 4, "/").replace("}]}",
      "}],\"upgradeStrategy\":{\"minimumHealthCapacity\":0.5,\"maximumOverCapacity\":0},"
        + "\"readinessChecks\":[{\"name\":\"ready\",\"protocol\":\"HTTP\",\"path\":\"/\",\"portName\":\"http\","
        + "\"intervalSeconds\":2,\"timeoutSeconds\":1,\"httpStatusCodesForReady\":[200],\"preserveLastResponse\":false}]}")
      .replace("\"portDefinitions\":[{\"port\":0}]", "\"portDefinitions\":[{\"port\":0,\"name\":\"http\"}]"));
    Await.until("4 healthy", Duration.ofSeconds(120), () -> marathon.app("rolling").getInteger("tasksHealthy") == 4
      && marathon.app("rolling").getJsonArray("deployments").isEmpty());
    Set<String> before = marathon.tasks("rolling").stream().map(t -> t.getString("id")).collect(Collectors.toSet());

    marathon.expect(200, "POST", "/v2/apps/rolling/restart", null);
    int lowest = Integer.MAX_VALUE;
    long deadline = System.currentTimeMillis() + 180_000;
    while (true) {
      JsonObject app = marathon.app("rolling");
      lowest = Math.min(lowest, app.getInteger("tasksHealthy"));
      Set<String> now = MarathonClient.stream(app.getJsonArray("tasks")).map(t -> t.getString("id"))
        .collect(Collectors.toSet());
      if (app.getJsonArray("deployments").isEmpty() && now.size() == 4 && now.stream().noneMatch(before::contains)) {
        break;
      }
      assertThat(System.currentTimeMillis()).as("the restart finishes").isLessThan(deadline);
    }
    assertThat(lowest).as("healthy tasks during the restart").isGreaterThanOrEqualTo(2);
    marathon.expect(200, "DELETE", "/v2/apps/rolling", null);
  }

  @Test
  void theEventStreamTellsOfADeploymentFromStartToSuccess() throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(marathon.url() + "/v2/events"))
      .header("Accept", "text/event-stream").header("Authorization", Http.AUTHORIZATION).build();
    HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
        String event = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.startsWith("event: ")) {
            event = line.substring(7);
          } else if (line.startsWith("data: ") && event != null) {
            JsonObject data = new JsonObject(line.substring(6));
            assertThat(data.getString("eventType")).isEqualTo(event);
            assertThat(data.getString("timestamp")).isNotBlank();
            events.add(event);
            received.add(data);
          }
        }
      } catch (Exception closed) {
        // the test is over
      }
    });
    reader.setDaemon(true);
    reader.start();
    Await.until("the stream is attached", Duration.ofSeconds(30), () -> events.contains("event_stream_attached"));

    String deployment = marathon.expect(201, "POST", "/v2/apps", MarathonApps.app("/evented", "sleep 7303", 1))
      .getJsonArray("deployments").getJsonObject(0).getString("id");
    // other tests' deployments may still end on this stream: follow this one by its id
    Predicate<JsonObject> succeeded = e -> e.getString("eventType").equals("deployment_success")
      && deployment.equals(e.getString("id"));
    Await.until("deployment_success arrives", Duration.ofSeconds(60), () -> received.stream().anyMatch(succeeded));
    int success = indexOf(received, succeeded);
    assertThat(indexOf(received, e -> e.getString("eventType").equals("deployment_info")
      && deployment.equals(e.getJsonObject("plan").getString("id")))).isBetween(0, success - 1);
    assertThat(indexOf(received, e -> e.getString("eventType").equals("status_update_event")
      && "/evented".equals(e.getString("appId")))).isBetween(0, success - 1);
    response.body().close();
    marathon.expect(200, "DELETE", "/v2/apps/evented", null);
  }

  private static int indexOf(List<JsonObject> events, Predicate<JsonObject> wanted) {
    for (int i = 0; i < events.size(); i++) {
      if (wanted.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
