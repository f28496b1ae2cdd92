package io.drover.it;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** Marathon's {@code /v2} API as a client sends it: JSON with {@code Content-Type} on every request. */
final class MarathonClient {

  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();

  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final String url;

  MarathonClient(String url) {
    this.url = url;
  }

  String url() {
    return url;
  }

  Reply send(String method, String path, String body) {
    return sendAs(Http.AUTHORIZATION, method, path, body);
  }

  Reply sendBytes(String method, String path, byte[] body) {
    return publish(Http.AUTHORIZATION, method, path, HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** A request with this {@code Authorization} header, or none when null. */
  Reply sendAs(String authorization, String method, String path, String body) {
    return publish(authorization, method, path, body == null ? HttpRequest.BodyPublishers.noBody()
      : HttpRequest.BodyPublishers.ofString(body));
  }

  private Reply publish(String authorization, String method, String path, HttpRequest.BodyPublisher body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url + path))
      .timeout(Duration.ofSeconds(30))
      .header("Content-Type", "application/json")
      .method(method, body);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends and insists on {@code status}, returning the JSON body. */
  JsonObject expect(int status, String method, String path, String body) {
    Reply reply = send(method, path, body);
    if (reply.status() != status) {
      throw new AssertionError(method + " " + path + " answered " + reply.status() + " (wanted " + status + "): "
        + reply.body());
    }
    return reply.body().isEmpty() ? new JsonObject() : reply.json();
  }

  JsonObject app(String id) {
    return expect(200, "GET", "/v2/apps/" + id, null).getJsonObject("app");
  }

  List<JsonObject> tasks(String id) {
    return stream(app(id).getJsonArray("tasks")).toList();
  }

  List<JsonObject> running(String id) {
    return tasks(id).stream().filter(t -> "TASK_RUNNING".equals(t.getString("state"))).toList();
  }

  JsonArray deployments() {
    return new JsonArray(send("GET", "/v2/deployments", null).body());
  }

  List<JsonObject> queue() {
    return stream(expect(200, "GET", "/v2/queue", null).getJsonArray("queue")).toList();
  }

  /** Waits for the app to run {@code count} tasks with no deployment left. */
  void awaitRunning(String id, int count) {
    Await.until(id + " runs " + count + " task(s) with no deployment", Duration.ofSeconds(90), () ->
      running(id).size() == count && tasks(id).size() == count && app(id).getJsonArray("deployments").isEmpty());
  }

  static Stream<JsonObject> stream(JsonArray array) {
    return array.stream().map(JsonObject.class::cast);
  }
}
