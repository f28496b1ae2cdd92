package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad input of a hostile or broken client, on a running cluster: each gets a 4xx with a JSON
 * reason, nothing is created, and every process keeps serving. The API's validation is in {@link MarathonApiIT}.
 */
class BadInputIT {

  static ClusterFixture cluster;
  static String master;
  static String agent;
  static MarathonClient marathon;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("bad-input");
    master = cluster.master("master").url("master");
    agent = cluster.agent("agent", "cpus:2;mem:512;disk:100;ports:[31600-31609]").url("agent");
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\"}trailing",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"cpus\":1e999999}",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"cpus\":NaN}",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"cpus\":-1}",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"instances\":1e9}",
    "{\"id\":\"/x\",\"cmd\":\"sleep 1\",\"instances\":1.5}",
    "{\"id\":\"\",\"cmd\":\"sleep 1\"}",
    "{\"id\":\"/%2e%2e%2fetc\",\"cmd\":\"sleep 1\"}",
    "",
    "null",
    "[]"})
  void badAppsGetA4xxWithAReasonAndCreateNothing(String body) {
    MarathonClient.Reply reply = marathon.send("POST", "/v2/apps", body);
    assertThat(reply.status()).as(body + " -> " + reply.body()).isBetween(400, 499);
    assertThat(reply.json().getString("message")).as(reply.body()).isNotBlank();
    assertNothingCreated();
  }

  @Test
  void aTenMebibyteBodyIsRefusedAndNothingIsKept() {
    String huge = "{\"id\":\"/x\",\"cmd\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    MarathonClient.Reply reply = marathon.send("POST", "/v2/apps", huge);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().getString("message")).contains("1 MiB");
    assertNothingCreated();
  }

  @Test
  void pathsThatClimbOutOrAreMalformedGetA4xxWithAReason() throws Exception {
    for (String url : List.of(marathon.url() + "/v2/apps/%2e%2e%2f%2e%2e%2fetc", marathon.url() + "/v2/apps/..%2fetc",
      marathon.url() + "/v2/apps/a//b", master + "/master/tasks/%2e%2e%2f%2e%2e/files/stdout",
      agent + "/files/read?path=../../../../etc/passwd", agent + "/files/read?path=%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      agent + "/files/browse?path=/etc")) {
      var response = Http.get(url);
      assertThat(response.statusCode()).as(url).isBetween(400, 499);
      assertThat(new JsonObject(response.body()).getString("message")).as(url).isNotBlank();
      assertThat(response.body()).doesNotContain("root:");
    }
    for (String request : List.of("GET /v2/apps/%zz HTTP/1.1\r\n", "GET v2/apps HTTP/1.1\r\n",
      "GET /" + "a".repeat(5000) + " HTTP/1.1\r\n", "NONSENSE\r\n")) {
      String answer = exchange(port(marathon.url()), request + "Host: x\r\nAuthorization: " + Http.AUTHORIZATION
        + "\r\n\r\n", Duration.ofSeconds(15));
      assertThat(statusOf(answer)).as(request.strip()).isBetween(400, 499);
      assertThat(answer).as(request.strip()).contains("\"message\"");
    }
    String bigHeaders = "GET /v2/apps HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n";
    assertThat(statusOf(exchange(port(master), bigHeaders, Duration.ofSeconds(15)))).isEqualTo(431);
    assertStillServing();
  }

  @Test
  void aChunkedBodyThatNeverEndsGets408AndTheConnectionGoes() throws Exception {
    String endless = "POST /v2/apps HTTP/1.1\r\nHost: x\r\nAuthorization: " + Http.AUTHORIZATION
      + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n{\"id\":\r\n";
    String answer = exchange(port(marathon.url()), endless, Duration.ofSeconds(30));
    assertThat(statusOf(answer)).isEqualTo(408);
    assertThat(answer).contains("did not arrive");
    assertNothingCreated();
    assertStillServing();
  }

  @Test
  void oneClientHoldsAtMost64EventStreamsAndGetsMoreOnceItClosesSome() throws Exception {
    List<Socket> streams = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        streams.add(openEventStream());
        assertThat(statusOf(firstLine(streams.get(i)))).as("stream " + (i + 1)).isEqualTo(200);
      }
      try (Socket refused = openEventStream()) {
        String answer = new String(refused.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(statusOf(answer)).isEqualTo(429);
        assertThat(answer).contains("64 open streams");
      }
      for (Socket stream : streams.subList(0, 8)) {
        stream.close();
      }
      Await.until("a closed stream frees its place", Duration.ofSeconds(30), () -> {
        try (Socket again = openEventStream()) {
          return statusOf(firstLine(again)) == 200;
        } catch (IOException e) {
          return false;
        }
      });
    } finally {
      for (Socket stream : streams) {
        stream.close();
      }
    }
    assertStillServing();
  }

  @Test
  void slowlorisConnectionsAreDroppedWhileOthersAreServed() throws Exception {
    List<Socket> trickling = new java.util.ArrayList<>();
    Map<Socket, Long> droppedAfterMs = new java.util.HashMap<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < 50; i++) {
        Socket socket = new Socket("127.0.0.1", port(marathon.url()));
        socket.setSoTimeout(1);
        socket.getOutputStream().write("GET /v2/apps HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
        trickling.add(socket);
      }
      // one header byte a second from each: never silent, so only a deadline on the headers ends them
      while (droppedAfterMs.size() < trickling.size() && System.nanoTime() - start < Duration.ofSeconds(40).toNanos()) {
        for (Socket socket : trickling) {
          if (!droppedAfterMs.containsKey(socket) && dropped(socket)) {
            droppedAfterMs.put(socket, Duration.ofNanos(System.nanoTime() - start).toMillis());
          }
        }
        assertStillServing();
        Thread.sleep(1_000);
      }
    } finally {
      for (Socket socket : trickling) {
        socket.close();
      }
    }
    assertThat(droppedAfterMs).as("connections dropped").hasSize(50);
    assertThat(droppedAfterMs.values()).allSatisfy(ms -> assertThat(ms).isBetween(9_000L, 20_000L));
  }

  /** True once the server has closed {@code socket}; otherwise sends it one more header byte. */
  private static boolean dropped(Socket socket) {
    try {
      if (socket.getInputStream().read() < 0) {
        return true;
      }
    } catch (SocketTimeoutException stillOpen) {
      try {
        socket.getOutputStream().write('x');
        return false;
      } catch (IOException e) {
        return true;
      }
    } catch (IOException e) {
      return true;
    }
    return false;
  }

  private static Socket openEventStream() throws IOException {
    Socket socket = new Socket("127.0.0.1", port(marathon.url()));
    socket.setSoTimeout(15_000);
    socket.getOutputStream().write(("GET /v2/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
      + "Authorization: " + Http.AUTHORIZATION + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return socket;
  }

  private static String firstLine(Socket socket) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = socket.getInputStream().read(); c >= 0 && c != '\n'; c = socket.getInputStream().read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  private static void assertNothingCreated() {
    assertThat(marathon.expect(200, "GET", "/v2/apps", null).getJsonArray("apps")).isEmpty();
  }

  private static void assertStillServing() {
    assertThat(Http.get(master + "/master/state").statusCode()).isEqualTo(200);
    assertThat(Http.get(agent + "/state").statusCode()).isEqualTo(200);
    assertThat(marathon.send("GET", "/v2/info", null).status()).isEqualTo(200);
  }

  private static int port(String url) {
    return URI.create(url).getPort();
  }

  private static int statusOf(String answer) {
    String[] line = answer.lines().findFirst().orElse("").split(" ");
    return line.length > 1 && line[1].matches("\\d{3}") ? Integer.parseInt(line[1]) : -1;
  }

  /** Writes {@code request} raw and reads until the server closes or {@code wait} passes. */
  private static String exchange(int port, String request, Duration wait) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout((int) wait.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
          if (answer.indexOf("\r\n\r\n") >= 0 && answer.toString().contains("}")) {
            break;
          }
        }
      } catch (SocketTimeoutException | java.net.SocketException ended) {
        // what came is the answer
      }
      return answer.toString();
    }
  }
}
