package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MarathonEvents;
import io.drover.it.fixture.MarathonShapes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drover's {@code /v2} read as a strict Marathon client reads it: every answer and every event
 * parsed into shapes built from Marathon 1.11's RAML types ({@link MarathonShapes}), refusing keys
 * Marathon never sends and missing ones it always does.
 */
class MarathonStrictClientIT {

  static ClusterFixture cluster;
  static MarathonClient marathon;
  static MarathonEvents events;
  static final MarathonShapes SHAPES = new MarathonShapes();
  /**
   * A callback subscriber: what Marathon POSTs to /hooks/events, a /hooks/hang that never answers and
   * a /hooks/flood whose answer never ends.
   */
  static HttpServer subscriber;
  static final List<JsonObject> CALLBACKS = new CopyOnWriteArrayList<>();
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @BeforeAll
  static void start() throws Exception {
    subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    subscriber.setExecutor(Executors.newCachedThreadPool());
    subscriber.createContext("/hooks/events", exchange -> {
      CALLBACKS.add(new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    // answers with a body that never ends, until the caller hangs up
    subscriber.createContext("/hooks/flood", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      byte[] chunk = new byte[64 * 1024];
      try (var body = exchange.getResponseBody()) {
        while (RELEASE.getCount() > 0) {
          body.write(chunk);
        }
      } catch (java.io.IOException hungUp) {
        // what Marathon should do with such an answer
      }
    });
    subscriber.createContext("/hooks/hang", exchange -> {
      try {
        RELEASE.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    subscriber.start();
    cluster = new ClusterFixture("marathon-strict");
    cluster.master("master");
    cluster.agent("agent", "cpus:4;mem:2048;disk:1000;ports:[31200-31299]", "--hostname", "localhost");
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon", "--event-subscriber-allow", hooks(""));
    events = MarathonEvents.attach(marathon.url());
  }

  @AfterAll
  static void stop() throws Exception {
    RELEASE.countDown();
    if (events != null) {
      events.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (subscriber != null) {
      subscriber.stop(0);
    }
  }

  private static String hooks(String path) {
    return "http://127.0.0.1:" + subscriber.getAddress().getPort() + "/hooks" + path;
  }

  @Test
  void aCallbackSubscriberGetsTheEventsOfANewAppAndAHangingOrFloodingOneHoldsNothingUp() throws Exception {
    String url = hooks("/events");
    assertThat(marathon.send("POST", "/v2/eventSubscriptions?callbackUrl=" + enc("http://evil.example/x"), null)
      .status()).as("a URL the operator did not allow").isEqualTo(422);
    MarathonClient.Reply own = marathon.send("POST", "/v2/eventSubscriptions?callbackUrl="
      + enc(marathon.url() + "/v2/apps"), null);
    assertThat(own.status()).as("the cluster's own API").isEqualTo(422);
    assertThat(own.body()).contains("points into the cluster");
    JsonObject subscribed = marathon.expect(200, "POST", "/v2/eventSubscriptions?callbackUrl=" + enc(url), null);
    assertThat(SHAPES.checkEvent(subscribed)).isEmpty();
    assertThat(subscribed.getString("eventType")).isEqualTo("subscribe_event");
    marathon.expect(200, "POST", "/v2/eventSubscriptions?callbackUrl=" + enc(hooks("/hang")), null);
    marathon.expect(200, "POST", "/v2/eventSubscriptions?callbackUrl=" + enc(hooks("/flood")), null);
    assertThat(marathon.expect(200, "GET", "/v2/eventSubscriptions", null).getJsonArray("callbackUrls"))
      .containsExactly(url, hooks("/hang"), hooks("/flood"));

    String deployment = marathon.expect(201, "POST", "/v2/apps", MarathonApps.app("/called", "sleep 7311", 1))
      .getJsonArray("deployments").getJsonObject(0).getString("id");
    Await.until("the subscriber hears the task run and the deployment succeed", Duration.ofSeconds(60), () ->
      CALLBACKS.stream().anyMatch(e -> "status_update_event".equals(e.getString("eventType"))
        && "/called".equals(e.getString("appId")) && "TASK_RUNNING".equals(e.getString("taskStatus")))
      && CALLBACKS.stream().anyMatch(e -> "deployment_success".equals(e.getString("eventType"))
        && deployment.equals(e.getString("id"))));
    CALLBACKS.forEach(e -> assertThat(SHAPES.checkEvent(e)).as(e.encode()).isEmpty());
    assertThat(events.received().stream().anyMatch(e -> "deployment_success".equals(e.getString("eventType"))
      && deployment.equals(e.getString("id")))).as("the event stream, beside a hanging callback").isTrue();

    JsonObject unsubscribed = marathon.expect(200, "DELETE", "/v2/eventSubscriptions?callbackUrl=" + enc(url), null);
    assertThat(unsubscribed.getString("eventType")).isEqualTo("unsubscribe_event");
    assertThat(marathon.expect(200, "GET", "/v2/eventSubscriptions", null).getJsonArray("callbackUrls"))
      .containsExactly(hooks("/hang"), hooks("/flood"));
    marathon.expect(200, "DELETE", "/v2/eventSubscriptions?callbackUrl=" + enc(hooks("/hang")), null);
    marathon.expect(200, "DELETE", "/v2/eventSubscriptions?callbackUrl=" + enc(hooks("/flood")), null);
    marathon.expect(200, "DELETE", "/v2/apps/called", null);
  }

  private static String enc(String url) {
    return URLEncoder.encode(url, StandardCharsets.UTF_8);
  }

  @Test
  void everyAnswerAndEventFitsMarathonsTypes() {
    Await.until("the stream is attached", Duration.ofSeconds(30), () -> events.has("event_stream_attached"));
    // with a Mesos check besides its health check: the agent runs it, Marathon only shows what it found
    JsonObject webApp = new JsonObject(MarathonApps.webApp("/strict/web", 2, "/")).put("check", new JsonObject()
      .put("http", new JsonObject().put("portIndex", 0).put("path", "/")).put("intervalSeconds", 1)
      .put("delaySeconds", 0));
    MarathonClient.Reply created = marathon.send("POST", "/v2/apps", webApp.encode());
    assertThat(created.status()).isEqualTo(201);
    fits("app.AppInfo", created.json());
    assertThat(created.header("Marathon-Deployment-Id"))
      .isEqualTo(created.json().getJsonArray("deployments").getJsonObject(0).getString("id"));
    marathon.expect(201, "POST", "/v2/apps", MarathonApps.webApp("/strict/sick", 1, "/no-such-page"));
    // more than the agent has: it waits in the queue, and its deployment stays in progress
    marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/strict/huge\",\"cmd\":\"sleep 1\",\"cpus\":64,\"mem\":16}");
    Await.until("the web tasks are healthy", Duration.ofSeconds(120),
      () -> marathon.app("strict/web").getInteger("tasksHealthy") == 2);

    JsonObject app = marathon.expect(200, "GET", "/v2/apps/strict/web", null);
    assertThat(app.fieldNames()).containsExactly("app");
    fits("app.AppInfo", app.getJsonObject("app"));
    JsonObject task = app.getJsonObject("app").getJsonArray("tasks").getJsonObject(0);
    assertThat(SHAPES.check("task.Task", task.copy().put("agentId", task.getString("slaveId"))))
      .as("a key Marathon never sends is refused").isNotEmpty();
    assertThat(task.getString("slaveId")).isNotBlank();
    JsonObject checked = Await.value("the web task's check result", Duration.ofSeconds(30), () -> marathon
      .tasks("strict/web").stream().filter(t -> t.containsKey("checkResult")).findFirst().orElse(null));
    fits("task.Task", checked);
    assertThat(checked.getJsonObject("checkResult").getJsonObject("http").getInteger("statusCode")).isEqualTo(200);
    assertThat(task.getJsonArray("healthCheckResults").getJsonObject(0).getBoolean("alive")).isTrue();
    JsonArray addresses = Await.value("the task's IP address is known", Duration.ofSeconds(30), () -> {
      JsonArray now = marathon.tasks("strict/web").get(0).getJsonArray("ipAddresses");
      return now.isEmpty() ? null : now;
    });
    assertThat(addresses.getJsonObject(0).getString("ipAddress")).isEqualTo("127.0.0.1");

    fits("app.AppList", marathon.expect(200, "GET", "/v2/apps", null));
    JsonObject embedded = marathon.expect(200, "GET", "/v2/apps?embed=apps.tasks&embed=apps.counts"
      + "&embed=apps.deployments&embed=apps.readiness&embed=apps.lastTaskFailure&embed=apps.taskStats", null);
    fits("app.AppList", embedded);
    JsonObject web = appIn(embedded.getJsonArray("apps"), "/strict/web");
    assertThat(web.fieldNames()).contains("tasks", "tasksRunning", "deployments", "readinessCheckResults",
      "tasksStats");
    assertThat(web.getJsonObject("tasksStats").getJsonObject("totalSummary").getJsonObject("stats")
      .getJsonObject("counts").getInteger("running")).isEqualTo(2);
    fits("task.TaskList", marathon.expect(200, "GET", "/v2/apps/strict/web/tasks", null));
    fits("task.TaskList", marathon.expect(200, "GET", "/v2/tasks", null));
    // the sick app's task is replaced now and then (its check fails): wait for a moment it has one
    JsonObject inGroup = Await.value("the tasks of every app in /strict", Duration.ofSeconds(60), () -> {
      JsonObject all = marathon.expect(200, "GET", "/v2/apps/strict/*/tasks", null);
      return all.getJsonArray("tasks").size() >= 3 ? all : null;
    });
    fits("task.TaskList", inGroup);
    fits("info.LeaderInfo", marathon.expect(200, "GET", "/v2/leader", null));
    fits("app.VersionList", marathon.expect(200, "GET", "/v2/apps/strict/web/versions", null));
    String version = marathon.app("strict/web").getString("version");
    fits("app.App", marathon.expect(200, "GET", "/v2/apps/strict/web/versions/" + version, null));

    JsonObject root = marathon.expect(200, "GET", "/v2/groups", null);
    fits("group.GroupInfo", root);
    JsonObject strict = marathon.expect(200, "GET", "/v2/groups/strict?embed=group.apps&embed=group.apps.counts",
      null);
    fits("group.GroupInfo", strict);
    assertThat(strict.fieldNames()).doesNotContain("groups", "pods");
    assertThat(appIn(strict.getJsonArray("apps"), "/strict/web").getInteger("tasksRunning")).isEqualTo(2);
    assertThat(appIn(groupIn(root, "/strict").getJsonArray("apps"), "/strict/web").fieldNames())
      .as("a group's apps without app embeds are bare definitions").doesNotContain("tasksRunning", "deployments");

    Await.until("the huge app is queued", Duration.ofSeconds(60), () -> !queue("").isEmpty());
    fits("queue.Queue", marathon.expect(200, "GET", "/v2/queue", null));
    JsonObject unused = Await.value("an offer the huge app could not use", Duration.ofSeconds(30), () -> {
      JsonObject queue = marathon.expect(200, "GET", "/v2/queue?embed=lastUnusedOffers", null);
      return MarathonClient.stream(queue.getJsonArray("queue")).anyMatch(i -> isHuge(i)
        && !i.getJsonArray("lastUnusedOffers").isEmpty()) ? queue : null;
    });
    fits("queue.Queue", unused);
    JsonObject offer = MarathonClient.stream(unused.getJsonArray("queue")).filter(MarathonStrictClientIT::isHuge)
      .findFirst().orElseThrow().getJsonArray("lastUnusedOffers").getJsonObject(0);
    assertThat(offer.getJsonObject("offer").getString("id")).isNotBlank();
    assertThat(offer.getJsonArray("reason")).contains("InsufficientCpus");
    JsonArray deployments = new JsonArray(marathon.send("GET", "/v2/deployments", null).body());
    assertThat(deployments).isNotEmpty();
    deployments.forEach(d -> fits("deploymentEventsInfo.DeploymentStepInfo", d));

    JsonObject info = marathon.expect(200, "GET", "/v2/info", null);
    fits("info.MarathonInfo", info);
    assertThat(info.getString("frameworkId")).isNotBlank();
    assertThat(info.getJsonObject("marathon_config").getString("mesos_leader_ui_url")).startsWith("http://");

    MarathonClient.Reply scaled = marathon.send("PUT", "/v2/apps/strict/web", "{\"instances\":1}");
    assertThat(scaled.status()).isEqualTo(200);
    fits("deploymentResult.DeploymentResult", scaled.json());
    assertThat(scaled.header("Marathon-Deployment-Id")).isEqualTo(scaled.json().getString("deploymentId"));

    Await.until("the sick task is killed for its health", Duration.ofSeconds(120),
      () -> events.has("unhealthy_instance_kill_event"));
    String huge = appIn(marathon.expect(200, "GET", "/v2/apps", null).getJsonArray("apps"), "/strict/huge")
      .getJsonArray("deployments").getJsonObject(0).getString("id");
    marathon.expect(202, "DELETE", "/v2/deployments/" + huge + "?force=true", null);
    // the sick app's deployment never ends (its task never gets healthy): Marathon deletes over it unasked
    for (String id : new String[] {"strict/web", "strict/sick", "strict/huge"}) {
      MarathonClient.Reply deleted = marathon.send("DELETE", "/v2/apps/" + id, null);
      assertThat(deleted.status()).as(id).isEqualTo(200);
      fits("deploymentResult.DeploymentResult", deleted.json());
    }
    Await.until("the apps are gone", Duration.ofSeconds(60), () -> events.received().stream()
      .filter(e -> "app_terminated_event".equals(e.getString("eventType"))
        && e.getString("appId").startsWith("/strict/")).count() == 3);

    // marathon-python reads a deployment event's plan with its original and target groups
    assertThat(events.received().stream().filter(e -> "deployment_info".equals(e.getString("eventType")))
      .map(e -> e.getJsonObject("plan"))).isNotEmpty()
      .allMatch(plan -> plan.getJsonObject("original") != null && plan.getJsonObject("target") != null);
    Set<String> seen = new TreeSet<>();
    for (JsonObject event : events.received()) {
      assertThat(SHAPES.checkEvent(event)).as(event.encode()).isEmpty();
      seen.add(event.getString("eventType"));
    }
    assertThat(seen).contains("event_stream_attached", "api_post_event", "group_change_success", "deployment_info",
      "deployment_step_success", "deployment_success", "deployment_failed", "status_update_event",
      "instance_changed_event", "health_status_changed_event", "failed_health_check_event",
      "unhealthy_instance_kill_event", "app_terminated_event", "add_health_check_event", "remove_health_check_event",
      "instance_health_changed_event");
  }

  private static boolean isHuge(JsonObject queueItem) {
    return "/strict/huge".equals(queueItem.getJsonObject("app").getString("id"));
  }

  private static JsonArray queue(String query) {
    return marathon.expect(200, "GET", "/v2/queue" + query, null).getJsonArray("queue");
  }

  private static void fits(String type, Object json) {
    assertThat(SHAPES.check(type, json)).as(type + ": " + json).isEmpty();
  }

  private static JsonObject appIn(JsonArray apps, String id) {
    return MarathonClient.stream(apps).filter(a -> id.equals(a.getString("id"))).findFirst().orElseThrow();
  }

  private static JsonObject groupIn(JsonObject group, String id) {
    return MarathonClient.stream(group.getJsonArray("groups")).filter(g -> id.equals(g.getString("id")))
      .findFirst().orElseThrow();
  }
}
