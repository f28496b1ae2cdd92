package io.drover.master.mesos;

import io.drover.master.view.MasterView;
import io.drover.mesos.MediaType;
import io.drover.mesos.RecordIo;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.apache.mesos.v1.master.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorApiTest {

  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .followRedirects(HttpClient.Redirect.NEVER).build();
  final Vertx vertx = Vertx.vertx();
  final OperatorFixture cluster = new OperatorFixture();
  final AtomicReference<LeaderInfo> leader = new AtomicReference<>(OperatorFixture.LEADER);
  final OperatorApi api = new OperatorApi(vertx, "m-1", () -> Optional.of(leader.get()), cluster::view,
    view -> new JsonObject().put("master/elected", 1), Map.of("port", "5050"), agentId -> Optional.empty(), 0.2);
  Context context;
  int port;

  @AfterEach
  void close() {
    vertx.close().await();
  }

  void listen() {
    context = vertx.getOrCreateContext();
    Router router = Router.router(vertx);
    api.mount(router);
    Promise<HttpServer> listening = Promise.promise();
    context.runOnContext(x -> vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
      .onComplete(listening));
    HttpServer server = listening.future().await();
    port = server.actualPort();
  }

  HttpResponse<String> post(String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1"))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
      HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aStandbyRedirectsToTheLeader() throws Exception {
    listen();
    leader.set(new LeaderInfo("m-2", "10.0.0.2", 5050, 3, 0));
    HttpResponse<String> response = post("{\"type\":\"GET_STATE\"}");
    assertThat(response.statusCode()).isEqualTo(307);
    assertThat(response.headers().firstValue("Location")).contains("//10.0.0.2:5050/api/v1");
  }

  @Test
  void aProtobufCallGetsAProtobufAnswer() throws Exception {
    listen();
    byte[] call = org.apache.mesos.v1.master.Protos.Call.newBuilder()
      .setType(org.apache.mesos.v1.master.Protos.Call.Type.GET_VERSION).build().toByteArray();
    HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1"))
        .header("Content-Type", MediaType.PROTOBUF.value).header("Accept", MediaType.PROTOBUF.value)
        .POST(HttpRequest.BodyPublishers.ofByteArray(call)).build(),
      HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains(MediaType.PROTOBUF.value);
    assertThat(org.apache.mesos.v1.master.Protos.Response.parseFrom(response.body()).getGetVersion().getVersionInfo()
      .getVersion()).isEqualTo("1.11.0");
  }

  @Test
  void badCallsAre400AndWhatDroverLacks501() throws Exception {
    listen();
    HttpResponse<String> malformed = post("[1, 2");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(malformed.body()).getString("message")).startsWith("Failed to parse body into Call")
      .doesNotContain("\n");
    assertThat(post("{\"type\":\"NO_SUCH_CALL\"}").statusCode()).isEqualTo(400);
    assertThat(post("{\"type\":\"TEARDOWN\"}").statusCode()).isEqualTo(400);
    HttpResponse<String> quota = post("{\"type\":\"UPDATE_QUOTA\"}");
    assertThat(quota.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(quota.body()).getString("message")).contains("Expecting 'update_quota' to be present");
    HttpResponse<String> drain = post("{\"type\":\"DRAIN_AGENT\"}");
    assertThat(drain.statusCode()).isEqualTo(501);
    assertThat(new JsonObject(drain.body()).getString("call")).isEqualTo("DRAIN_AGENT");
  }

  @Test
  void aSubscriberHearsWhatChangesOnceAndHeartbeats() throws Exception {
    listen();
    HttpResponse<InputStream> stream = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/v1")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"SUBSCRIBE\"}")).build(),
      HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    List<Event> events = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> read(stream.body(), events));
    reader.setDaemon(true);
    reader.start();
    await(() -> !events.isEmpty());
    assertThat(events.get(0).getType()).isEqualTo(Event.Type.SUBSCRIBED);
    assertThat(events.get(0).getSubscribed().getGetState().getGetTasks().getTasks(0).getTaskId().getValue())
      .isEqualTo("web.1");

    MasterView view = cluster.view();
    context.runOnContext(v -> {
      api.agentAdded(view.agents().get(0));  // known from SUBSCRIBED: nothing to say
      api.agentRemoved("a-1");
      api.agentRemoved("a-1");  // already said
      api.taskAdded(view.tasks().get(0));
      api.taskUpdated(view.tasks().get(0));
      api.frameworkChanged(view.frameworks().get(0));
      api.frameworkRemoved(view.frameworks().get(0).info());
    });
    await(() -> events.stream().anyMatch(e -> e.getType() == Event.Type.FRAMEWORK_REMOVED));
    await(() -> events.stream().anyMatch(e -> e.getType() == Event.Type.HEARTBEAT));
    assertThat(events.stream().map(Event::getType).filter(t -> t != Event.Type.HEARTBEAT)).containsExactly(
      Event.Type.SUBSCRIBED, Event.Type.AGENT_REMOVED, Event.Type.TASK_ADDED, Event.Type.TASK_UPDATED,
      Event.Type.FRAMEWORK_UPDATED, Event.Type.FRAMEWORK_REMOVED);
    Event updated = events.stream().filter(e -> e.getType() == Event.Type.TASK_UPDATED).findFirst().orElseThrow();
    assertThat(updated.getTaskUpdated().getState()).isEqualTo(org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING);
    assertThat(updated.getTaskUpdated().getFrameworkId().getValue()).isEqualTo("fw-1");

    context.runOnContext(v -> api.closeAll());
    reader.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(reader.isAlive()).as("the stream ends when the term does").isFalse();
  }

  static void read(InputStream body, List<Event> events) {
    RecordIo.Reader records = new RecordIo.Reader(1024 * 1024);
    byte[] buffer = new byte[8192];
    try (body) {
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        for (byte[] record : records.read(Arrays.copyOf(buffer, n))) {
          events.add(MediaType.JSON.decodeStrictly(record, Event.newBuilder()).build());
        }
      }
    } catch (IOException ended) {
      // the stream is over
    }
  }

  static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
