package io.drover.it;

import io.drover.common.Addresses;
import io.drover.common.ClusterNode;
import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MarathonEvents;
import io.drover.it.fixture.MarathonShapes;
import io.drover.it.fixture.TaskProcesses;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marathon's pods on real processes: a pod of two containers sharing an ephemeral volume (one
 * writes a file into it, the other serves it over HTTP and is checked there, the first by a command)
 * runs as a task group, scales, reports its status, and an instance whose container fails is
 * replaced, its other container killed with it. Every answer fits Marathon's RAML types.
 */
class MarathonPodsIT {

  static final MarathonShapes SHAPES = new MarathonShapes();
  static final String POD = "/pods/shared";

  @Test
  void aPodOfTwoContainersSharingAVolumeRunsScalesReportsAndIsReplacedWhenAContainerFails() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("marathon-pods")) {
      cluster.master("master");
      cluster.agent("agent", "cpus:4;mem:2048;disk:1000;ports:[31300-31399]", "--hostname", "localhost");
      cluster.awaitActiveAgents(1);
      DroverProcess first = cluster.marathon("marathon-1");
      MarathonClient marathon = new MarathonClient(first.url("marathon"));
      Await.until("marathon-1 leads", Duration.ofSeconds(60), () -> marathon.send("GET", "/v2/info", null).status() == 200);
      try (MarathonEvents events = MarathonEvents.attach(marathon.url())) {
        assertThat(marathon.send("HEAD", "/v2/pods", null).status()).as("pods are supported").isEqualTo(200);

        MarathonClient.Reply created = marathon.send("POST", "/v2/pods", pod(1).encode());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        fits("pod.Pod", created.json());
        assertThat(created.header("Marathon-Deployment-Id")).isNotBlank();
        new JsonArray(marathon.send("GET", "/v2/deployments", null).body())
          .forEach(d -> fits("deploymentEventsInfo.DeploymentStepInfo", d));
        JsonObject status = awaitStable(marathon, 1);
        fits("podStatus.PodStatus", status);
        JsonObject instance = status.getJsonArray("instances").getJsonObject(0);
        assertThat(instance.getString("id")).startsWith("pods_shared.instance-");
        JsonArray containers = instance.getJsonArray("containers");
        assertThat(containers.stream().map(c -> ((JsonObject) c).getString("name"))).containsExactly("writer", "reader");
        assertThat(containers.stream().map(c -> ((JsonObject) c).getString("status"))).containsOnly("TASK_RUNNING");
        assertThat(containers.getJsonObject(1).getString("containerId"))
          .isEqualTo(instance.getString("id") + ".reader");
        JsonObject endpoint = containers.getJsonObject(1).getJsonArray("endpoints").getJsonObject(0);
        assertThat(endpoint.getBoolean("healthy")).as("the reader's HTTP check").isTrue();
        // the reader serves what the writer wrote into the volume they share
        String greeting = get("http://127.0.0.1:" + endpoint.getInteger("allocatedHostPort") + "/greeting");
        assertThat(greeting.trim()).isEqualTo("written by " + instance.getString("id") + ".writer");
        assertThat(marathon.send("GET", "/v2/apps" + POD, null).status()).as("a pod is no app").isEqualTo(404);
        assertThat(marathon.expect(200, "GET", "/v2/tasks", null).getJsonArray("tasks")).isEmpty();

        // scale by replacing the pod with a new instance count
        MarathonClient.Reply scaled = marathon.send("PUT", "/v2/pods" + POD, pod(2).encode());
        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        fits("pod.Pod", scaled.json());
        status = awaitStable(marathon, 2);
        fits("podStatus.PodStatus", status);
        JsonArray versions = new JsonArray(marathon.send("GET", "/v2/pods" + POD + "::versions", null).body());
        assertThat(versions).hasSize(2);
        fits("pod.Pod", marathon.expect(200, "GET", "/v2/pods" + POD + "::versions/" + versions.getString(1), null));
        new JsonArray(marathon.send("GET", "/v2/pods", null).body()).forEach(p -> fits("pod.Pod", p));
        new JsonArray(marathon.send("GET", "/v2/pods/::status", null).body())
          .forEach(s -> fits("podStatus.PodStatus", s));
        JsonObject group = marathon.expect(200, "GET", "/v2/groups/pods", null);
        fits("group.GroupInfo", group);
        assertThat(group.getJsonArray("pods").getJsonObject(0).getJsonArray("instances")).hasSize(2);
        // a group's PUT of apps leaves its pods be, and none of its apps may take a pod's id
        marathon.expect(200, "PUT", "/v2/groups/pods", "{\"apps\":[{\"id\":\"/pods/tool\",\"cmd\":\"sleep 601\","
          + "\"cpus\":0.1,\"mem\":16,\"instances\":0}]}");
        assertThat(marathon.send("PUT", "/v2/groups/pods", "{\"apps\":[{\"id\":\"/pods/shared\",\"cmd\":\"sleep 601\","
          + "\"cpus\":0.1,\"mem\":16}]}").status()).isEqualTo(409);
        assertThat(marathon.send("PATCH", "/v2/apps" + POD, "{\"instances\":3}").status()).isEqualTo(404);
        assertThat(instanceIds(awaitStable(marathon, 2))).isEqualTo(instanceIds(status));
        JsonObject gauges = marathon.expect(200, "GET", "/metrics", null).getJsonObject("gauges");
        assertThat(gauges.getJsonObject("marathon.apps.active").getInteger("value")).as("the tool app").isEqualTo(1);
        assertThat(gauges.getJsonObject("marathon.pods.active").getInteger("value")).isEqualTo(1);
        // a container's update carries its own ports: the reader's endpoint, none for the writer
        String firstInstance = status.getJsonArray("instances").getJsonObject(0).getString("id");
        int readerPort = MarathonClient.stream(status.getJsonArray("instances").getJsonObject(0)
          .getJsonArray("containers")).filter(c -> "reader".equals(c.getString("name"))).findFirst().orElseThrow()
          .getJsonArray("endpoints").getJsonObject(0).getInteger("allocatedHostPort");
        assertThat(events.received().stream().filter(e -> "status_update_event".equals(e.getString("eventType"))
          && e.getString("taskId").startsWith(firstInstance + ".")))
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.getJsonArray("ports")).containsExactlyElementsOf(
            e.getString("taskId").endsWith(".reader") ? List.of(readerPort) : List.of()));

        // one container fails: its instance ends (the other container with it) and a new one replaces it
        String failing = status.getJsonArray("instances").getJsonObject(0).getString("id");
        List<ProcessHandle> servers = TaskProcesses.ofApp(POD, "http.server").stream()
          .filter(p -> environment(p).contains("MESOS_TASK_ID=" + failing + ".reader")).toList();
        assertThat(servers).hasSize(1);
        servers.get(0).destroyForcibly();
        Await.until("the failed instance is replaced", Duration.ofSeconds(90), () -> {
          JsonObject now = podStatus(marathon);
          return "STABLE".equals(now.getString("status")) && now.getJsonArray("instances").size() == 2
            && MarathonClient.stream(now.getJsonArray("instances")).noneMatch(i -> failing.equals(i.getString("id")));
        });
        Await.until("the failed instance's writer is killed with it", Duration.ofSeconds(30), () ->
          TaskProcesses.sleeping("600").stream().noneMatch(p -> environment(p).contains(failing + ".writer")));
        assertThat(events.received().stream().filter(e -> "instance_changed_event".equals(e.getString("eventType"))
          && failing.equals(e.getString("instanceId"))).map(e -> e.getString("condition"))).contains("Failed");

        // a kill through ::instances answers Marathon's instance and the pod gets a new one
        String killed = podStatus(marathon).getJsonArray("instances").getJsonObject(0).getString("id");
        JsonObject answer = marathon.expect(200, "DELETE", "/v2/pods" + POD + "::instances/" + killed, null);
        fits("instance.Instance", answer);
        assertThat(answer.getString("instanceId")).isEqualTo(killed);
        Await.until("the killed instance is replaced", Duration.ofSeconds(90), () -> {
          JsonObject now = podStatus(marathon);
          return "STABLE".equals(now.getString("status")) && now.getJsonArray("instances").size() == 2
            && MarathonClient.stream(now.getJsonArray("instances")).noneMatch(i -> killed.equals(i.getString("id")));
        });

        Set<String> seen = new TreeSet<>();
        for (JsonObject event : events.received()) {
          assertThat(SHAPES.checkEvent(event)).as(event.encode()).isEmpty();
          seen.add(event.getString("eventType"));
        }
        assertThat(seen).contains("pod_created_event", "pod_updated_event", "status_update_event", "deployment_success");
        assertThat(events.received().stream().filter(e -> "deployment_info".equals(e.getString("eventType")))
          .flatMap(e -> MarathonClient.stream(e.getJsonObject("currentStep").getJsonArray("actions"))))
          .anyMatch(a -> "StartPod".equals(a.getString("action")) && POD.equals(a.getString("pod")));
      }

      // a new leader takes the instances over from the master: the same ones, none launched again
      Set<String> instances = instanceIds(podStatus(marathon));
      first.kill9();
      MarathonClient next = cluster.leadingMarathon("marathon-2");
      JsonObject adopted = Await.value("the new leader knows the pod's instances", Duration.ofSeconds(60), () -> {
        JsonObject now = podStatus(next);
        return "STABLE".equals(now.getString("status")) && instanceIds(now).equals(instances) ? now : null;
      });
      fits("podStatus.PodStatus", adopted);
      assertThat(MarathonClient.stream(adopted.getJsonArray("instances"))
        .flatMap(i -> MarathonClient.stream(i.getJsonArray("containers"))).map(c -> c.getString("status")))
        .hasSize(4).containsOnly("TASK_RUNNING");

      try (MarathonEvents events = MarathonEvents.attach(next.url())) {
        MarathonClient.Reply deleted = next.send("DELETE", "/v2/pods" + POD, null);
        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.header("Marathon-Deployment-Id")).isNotBlank();
        Await.until("the pod's processes are gone", Duration.ofSeconds(60), () ->
          TaskProcesses.ofApp(POD, "http.server").isEmpty() && TaskProcesses.sleeping("600").isEmpty());
        assertThat(next.send("GET", "/v2/pods" + POD, null).status()).isEqualTo(404);
        Await.until("the delete is an event", Duration.ofSeconds(30), () -> events.received().stream()
          .anyMatch(e -> "pod_deleted_event".equals(e.getString("eventType"))));
      }
    }
  }

  private static Set<String> instanceIds(JsonObject status) {
    return MarathonClient.stream(status.getJsonArray("instances")).map(i -> i.getString("id"))
      .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void badPodsAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("marathon-pods-bad")) {
      cluster.master("master");
      cluster.agent("agent", "cpus:1;mem:512;disk:100;ports:[31400-31409]");
      cluster.awaitActiveAgents(1);
      MarathonClient marathon = cluster.leadingMarathon("marathon");

      JsonObject withImage = pod(1);
      withImage.getJsonArray("containers").getJsonObject(0).put("image",
        new JsonObject().put("kind", "DOCKER").put("id", "busybox"));
      assertThat(path(marathon.expect(422, "POST", "/v2/pods", withImage.encode()))).isEqualTo("/containers(0)/image");
      JsonObject unknownVolume = pod(1);
      unknownVolume.getJsonArray("containers").getJsonObject(1).getJsonArray("volumeMounts").getJsonObject(0)
        .put("name", "nowhere");
      assertThat(path(marathon.expect(422, "POST", "/v2/pods", unknownVolume.encode())))
        .isEqualTo("/containers(1)/volumeMounts(0)/name");
      JsonObject absolute = pod(1);
      absolute.getJsonArray("containers").getJsonObject(0).getJsonArray("volumeMounts").getJsonObject(0)
        .put("mountPath", "/etc");
      assertThat(path(marathon.expect(422, "POST", "/v2/pods", absolute.encode())))
        .isEqualTo("/containers(0)/volumeMounts(0)/mountPath");
      assertThat(marathon.send("POST", "/v2/pods", "{\"id\":").status()).isEqualTo(400);
      assertThat(marathon.send("POST", "/v2/pods", "{\"id\":\"/p\",\"containers\":[]}").status()).isEqualTo(422);
      assertThat(marathon.send("GET", "/v2/pods/none", null).status()).isEqualTo(404);
      assertThat(marathon.send("GET", "/v2/pods/none::status", null).status()).isEqualTo(404);
      assertThat(marathon.send("DELETE", "/v2/pods/none", null).status()).isEqualTo(404);
      assertThat(new JsonArray(marathon.send("GET", "/v2/pods", null).body())).isEmpty();

      // more than the agent has: it waits in the queue as Marathon's QueuePod
      JsonObject huge = pod(1).put("id", "/huge");
      huge.getJsonArray("containers").getJsonObject(0).getJsonObject("resources").put("cpus", 64);
      marathon.expect(201, "POST", "/v2/pods", huge.encode());
      JsonObject queue = Await.value("the huge pod is queued", Duration.ofSeconds(30), () -> {
        JsonObject now = marathon.expect(200, "GET", "/v2/queue", null);
        return now.getJsonArray("queue").isEmpty() ? null : now;
      });
      fits("queue.Queue", queue);
      assertThat(queue.getJsonArray("queue").getJsonObject(0).getJsonObject("pod").getString("id")).isEqualTo("/huge");
      assertThat(marathon.send("DELETE", "/v2/queue/huge/delay", null).status()).isEqualTo(204);
      new JsonArray(marathon.send("GET", "/v2/deployments", null).body()).forEach(d -> {
        fits("deploymentEventsInfo.DeploymentStepInfo", d);
        assertThat(((JsonObject) d).getJsonArray("affectedPods")).contains("/huge");
      });
      // the dashboard's feed still tells why an app waits while a pod waits beside it
      try (ClusterNode dashboard = ClusterFixture.member(cluster.zk())) {
        CompletableFuture<JsonObject> row = new CompletableFuture<>();
        MessageConsumer<JsonObject> feed = dashboard.vertx().eventBus().consumer(Addresses.ui("apps"), m -> {
          JsonObject app = m.body().getJsonObject("app");
          if (app != null && "/huge-app".equals(app.getString("id")) && m.body().getJsonObject("queue") != null) {
            row.complete(m.body());
          }
        });
        feed.completion().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/huge-app\",\"cmd\":\"sleep 600\",\"cpus\":64,\"mem\":16}");
        assertThat(row.get(30, TimeUnit.SECONDS).getJsonObject("queue").getInteger("count")).isEqualTo(1);
      }
      assertThat(marathon.send("DELETE", "/v2/apps/huge-app?force=true", null).status()).isEqualTo(200);
      assertThat(marathon.send("DELETE", "/v2/pods/huge?force=true", null).status()).isEqualTo(202);

      // apps and pods share ids, and neither API changes the other's
      marathon.expect(201, "POST", "/v2/apps", "{\"id\":\"/pods/shared\",\"cmd\":\"sleep 600\",\"cpus\":0.1,"
        + "\"mem\":16,\"instances\":0}");
      assertThat(marathon.send("POST", "/v2/pods", pod(0).encode()).status()).isEqualTo(409);
      assertThat(marathon.send("PUT", "/v2/pods" + POD, pod(0).encode()).status()).isEqualTo(409);
      assertThat(marathon.send("GET", "/v2/pods" + POD, null).status()).isEqualTo(404);
      assertThat(marathon.app("pods/shared").getString("cmd")).isEqualTo("sleep 600");
    }
  }

  /**
   * The pod: a writer that puts a line into the shared volume and sleeps (checked by a command), and
   * a reader that serves the volume over HTTP on its endpoint (checked there).
   */
  private static JsonObject pod(int instances) {
    JsonObject check = new JsonObject().put("gracePeriodSeconds", 10).put("intervalSeconds", 1)
      .put("timeoutSeconds", 2).put("maxConsecutiveFailures", 3).put("delaySeconds", 0);
    JsonObject writer = new JsonObject().put("name", "writer")
      .put("exec", new JsonObject().put("command", new JsonObject()
        .put("shell", "echo written by $MESOS_TASK_ID > data/greeting && exec sleep 600")))
      .put("resources", new JsonObject().put("cpus", 0.1).put("mem", 32))
      .put("volumeMounts", new JsonArray().add(new JsonObject().put("name", "data").put("mountPath", "data")))
      .put("healthCheck", check.copy().put("exec", new JsonObject().put("command",
        new JsonObject().put("shell", "test -s data/greeting"))));
    JsonObject reader = new JsonObject().put("name", "reader")
      .put("exec", new JsonObject().put("command", new JsonObject()
        .put("shell", "exec python3 -m http.server $ENDPOINT_HTTP --directory shared")))
      .put("resources", new JsonObject().put("cpus", 0.1).put("mem", 64))
      .put("endpoints", new JsonArray().add(new JsonObject().put("name", "http").put("hostPort", 0)))
      .put("volumeMounts", new JsonArray().add(new JsonObject().put("name", "data").put("mountPath", "shared")))
      .put("healthCheck", check.copy().put("http", new JsonObject().put("endpoint", "http").put("path", "/greeting")));
    return new JsonObject().put("id", POD).put("volumes", new JsonArray().add(new JsonObject().put("name", "data")))
      .put("containers", new JsonArray().add(writer).add(reader))
      .put("scaling", new JsonObject().put("kind", "fixed").put("instances", instances));
  }

  private static JsonObject awaitStable(MarathonClient marathon, int instances) {
    return Await.value("the pod has " + instances + " stable instance(s)", Duration.ofSeconds(90), () -> {
      JsonObject status = podStatus(marathon);
      JsonArray all = status.getJsonArray("instances");
      return "STABLE".equals(status.getString("status")) && all.size() == instances
        && MarathonClient.stream(all).allMatch(i -> "STABLE".equals(i.getString("status"))) ? status : null;
    });
  }

  private static JsonObject podStatus(MarathonClient marathon) {
    return marathon.expect(200, "GET", "/v2/pods" + POD + "::status", null);
  }

  private static String path(JsonObject refusal) {
    return refusal.getJsonArray("details").getJsonObject(0).getString("path");
  }

  private static String environment(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ"));
    } catch (IOException | RuntimeException gone) {
      return "";
    }
  }

  private static String get(String url) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
      .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static void fits(String type, Object json) {
    assertThat(SHAPES.check(type, json)).as(type + ": " + json).isEmpty();
  }
}
