package io.drover.it;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain blocking HTTP for tests: the APIs are driven as a user's curl would. */
final class Http {

  /**
   * HTTP/1.1 only: the JDK client's default offers an h2c upgrade, which Vert.x accepts, and a request
   * on such a connection to a freshly restarted process was once seen to hang past its timeout.
   */
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5))
    .followRedirects(HttpClient.Redirect.NEVER).build();

  private Http() {
  }

  /** The header every test request carries, unless it is about authentication itself. */
  static final String AUTHORIZATION = "Bearer " + DroverProcess.TOKEN;

  static HttpResponse<String> get(String url) {
    return get(url, AUTHORIZATION);
  }

  /** A GET with this {@code Authorization} header, or none when null. */
  static HttpResponse<String> get(String url, String authorization) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonObject json(String url) {
    HttpResponse<String> response = get(url);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }
}
