package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.mesos.MediaType;
import io.drover.mesos.RecordIo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.master.Protos.Event;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mesos's v1 operator API on a real master, agent and marathon: every answer is read strictly with
 * Mesos 1.11's own message classes, and a {@code SUBSCRIBE} stream follows a Marathon app's tasks.
 */
class MesosOperatorApiIT {

  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();
  static ClusterFixture cluster;
  static MarathonClient marathon;
  static String master;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("operator-api");
    cluster.master("master");
    cluster.agent("agent-1", "cpus:4;mem:2048;disk:1000;ports:[31000-31099]");
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon");
    master = cluster.leaderUrl().orElseThrow();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void readsAreMesosResponses() throws Exception {
    assertThat(call("GET_VERSION").getGetVersion().getVersionInfo().getVersion()).isEqualTo("1.11.0");
    assertThat(call("GET_HEALTH").getGetHealth().getHealthy()).isTrue();
    assertThat(call("GET_AGENTS").getGetAgents().getAgentsList()).hasSize(1);
    Await.until("marathon is a framework", Duration.ofSeconds(30), () -> call("GET_FRAMEWORKS").getGetFrameworks()
      .getFrameworksList().stream().anyMatch(f -> f.getFrameworkInfo().getName().equals("marathon")));
    Response.GetState state = call("GET_STATE").getGetState();
    assertThat(state.getGetAgents().getAgents(0).getActive()).isTrue();
    assertThat(call("GET_TASKS").getType()).isEqualTo(Response.Type.GET_TASKS);

    HttpResponse<byte[]> protobuf = post("{\"type\":\"GET_STATE\"}", MediaType.PROTOBUF.value);
    assertThat(protobuf.statusCode()).isEqualTo(200);
    assertThat(protobuf.headers().firstValue("Content-Type")).contains(MediaType.PROTOBUF.value);
    assertThat(MediaType.PROTOBUF.decodeStrictly(protobuf.body(), Response.newBuilder()).build().getGetState()
      .getGetAgents().getAgentsCount()).isEqualTo(1);
  }

  @Test
  void aMalformedBodyIs400AndAnUnsupportedCall501() {
    HttpResponse<byte[]> malformed = post("{\"type\": ", MediaType.JSON.value);
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).getString("message")).startsWith("Failed to parse body into Call");

    HttpResponse<byte[]> untyped = post("{}", MediaType.JSON.value);
    assertThat(untyped.statusCode()).isEqualTo(400);
    assertThat(json(untyped).getString("message")).contains("'type'");

    HttpResponse<byte[]> gone = post("{\"type\":\"MARK_AGENT_GONE\"}", MediaType.JSON.value);
    assertThat(gone.statusCode()).isEqualTo(501);
    assertThat(json(gone).getString("call")).isEqualTo("MARK_AGENT_GONE");
  }

  @Test
  void subscribersSeeMarathonTasksStartAndBeKilled() throws Exception {
    List<Event> events = new CopyOnWriteArrayList<>();
    HttpRequest subscribe = request("{\"type\":\"SUBSCRIBE\"}", MediaType.JSON.value).build();
    HttpResponse<InputStream> stream = CLIENT.send(subscribe, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> read(stream.body(), events), "operator-stream");
    reader.setDaemon(true);
    reader.start();
    try {
      Await.until("SUBSCRIBED comes first", Duration.ofSeconds(10), () -> !events.isEmpty());
      assertThat(events.get(0).getType()).isEqualTo(Event.Type.SUBSCRIBED);
      assertThat(events.get(0).getSubscribed().getGetState().getGetAgents().getAgentsCount()).isEqualTo(1);
      assertThat(events.get(0).getSubscribed().getHeartbeatIntervalSeconds()).isPositive();

      marathon.expect(201, "POST", "/v2/apps", MarathonApps.app("/operated", "sleep 7401", 2));
      Await.until("two tasks added", Duration.ofSeconds(60), () -> taskIds(events, Event.Type.TASK_ADDED, null).size() == 2);
      Set<String> tasks = taskIds(events, Event.Type.TASK_ADDED, null);
      Await.until("both running", Duration.ofSeconds(60),
        () -> taskIds(events, Event.Type.TASK_UPDATED, TaskState.TASK_RUNNING).containsAll(tasks));

      // the master tells RUNNING before Marathon has counted it and ended the deployment, which locks the app
      Await.until("the app's deployment is done", Duration.ofSeconds(60),
        () -> new JsonArray(marathon.send("GET", "/v2/deployments", null).body()).isEmpty());
      marathon.expect(200, "DELETE", "/v2/apps/operated", null);
      Await.until("both killed", Duration.ofSeconds(60),
        () -> taskIds(events, Event.Type.TASK_UPDATED, TaskState.TASK_KILLED).containsAll(tasks));
    } finally {
      stream.body().close();
    }
  }

  /** The ids of the app's tasks that events of {@code type} (in {@code state}, for updates) name. */
  static Set<String> taskIds(List<Event> events, Event.Type type, TaskState state) {
    return events.stream().filter(e -> e.getType() == type)
      .filter(e -> state == null || e.getTaskUpdated().getState() == state)
      .map(e -> type == Event.Type.TASK_ADDED ? e.getTaskAdded().getTask().getTaskId().getValue()
        : e.getTaskUpdated().getStatus().getTaskId().getValue())
      .filter(id -> id.startsWith("operated"))
      .collect(Collectors.toSet());
  }

  /** Reads records until the stream ends, each decoded strictly: a field Mesos does not have fails it. */
  static void read(InputStream body, List<Event> events) {
    RecordIo.Reader records = new RecordIo.Reader(16 * 1024 * 1024);
    byte[] buffer = new byte[8192];
    try {
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        for (byte[] record : records.read(Arrays.copyOf(buffer, n))) {
          events.add(MediaType.JSON.decodeStrictly(record, Event.newBuilder()).build());
        }
      }
    } catch (IOException closed) {
      // the test is over
    }
  }

  static Response call(String type) {
    HttpResponse<byte[]> response = post("{\"type\":\"" + type + "\"}", MediaType.JSON.value);
    assertThat(response.statusCode()).as(type + ": " + new String(response.body(), StandardCharsets.UTF_8))
      .isEqualTo(200);
    try {
      Response read = MediaType.JSON.decodeStrictly(response.body(), Response.newBuilder()).build();
      assertThat(read.getType().name()).isEqualTo(type);
      return read;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static HttpResponse<byte[]> post(String body, String accept) {
    try {
      return CLIENT.send(request(body, accept).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpRequest.Builder request(String body, String accept) {
    return HttpRequest.newBuilder(URI.create(master + "/api/v1"))
      .header("Content-Type", MediaType.JSON.value).header("Accept", accept)
      .header("Authorization", Http.AUTHORIZATION)
      .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  static JsonObject json(HttpResponse<byte[]> response) {
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    return new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
  }
}
