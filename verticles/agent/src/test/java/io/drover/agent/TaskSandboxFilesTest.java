package io.drover.agent;

import io.drover.protocol.AgentInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One task's sandbox over HTTP, with real files: what may be listed and read, and what not. */
class TaskSandboxFilesTest {

  @TempDir
  Path work;
  Path sandbox;
  Path otherSandbox;
  Vertx vertx;
  HttpServer server;
  HttpClient client;

  @BeforeEach
  void start() throws Exception {
    sandbox = Files.createDirectories(work.resolve("sandboxes/web.1"));
    otherSandbox = Files.createDirectories(work.resolve("sandboxes/db.1"));
    Files.writeString(sandbox.resolve("stdout"), "hello\n");
    Files.createDirectories(sandbox.resolve("out"));
    Files.write(sandbox.resolve("out/blob.bin"), new byte[] {1, 0, 2});
    Files.writeString(sandbox.resolve("out/big.txt"), "x".repeat(TaskSandboxFiles.MAX_READ_BYTES + 10));
    Files.writeString(otherSandbox.resolve("secret"), "db password");
    Files.createSymbolicLink(sandbox.resolve("passwd"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(sandbox.resolve("neighbour"), otherSandbox.resolve("secret"));
    Files.createSymbolicLink(sandbox.resolve("greeting"), sandbox.resolve("stdout"));
    AgentView agent = new AgentView(new AgentInfo("a-1", "host", 5051, "node", Resources.parse("cpus:1"), Attributes.EMPTY),
      Resources.EMPTY, 1, 0, work.resolve("sandboxes"),
      List.of(new AgentView.TaskView(TaskInfo.command("web.1", "a-1", Resources.parse("cpus:0.1"), "sleep 1"),
        TaskState.TASK_RUNNING, sandbox, true)), List.of(), new AgentCounters().totals());
    vertx = Vertx.vertx();
    TaskSandboxFiles files = new TaskSandboxFiles(vertx, () -> List.of(agent));
    Router router = Router.router(vertx);
    router.get("/files/sandbox/browse").handler(files::handleBrowse);
    router.get("/files/sandbox/read").handler(files::handleRead);
    router.get("/files/sandbox/download").handler(files::handleDownload);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    // a connection per request: a request written to a pooled connection as it closes may wait forever
    // (a full run once hung here)
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void aDirectoryListsItsEntriesDirectoriesFirstAndLinksAsLinks() {
    JsonObject listing = get("browse", "web.1", "").json();
    assertThat(listing.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getString("path") + " "
      + ((JsonObject) e).getString("kind")).toList())
      .containsExactly("out dir", "greeting link", "neighbour link", "passwd link", "stdout file");
    assertThat(get("browse", "web.1", "out").json().getJsonArray("entries").getJsonObject(0).getString("path"))
      .isEqualTo("out/big.txt");
  }

  @Test
  void aFileIsReadInPiecesAndABinaryPieceIsNotSent() {
    assertThat(get("read", "web.1", "stdout").json().getString("data")).isEqualTo("hello\n");
    assertThat(get("read", "web.1", "greeting").json().getString("data")).as("a link inside the sandbox").isEqualTo("hello\n");
    JsonObject binary = get("read", "web.1", "out/blob.bin").json();
    assertThat(binary.getBoolean("binary")).isTrue();
    assertThat(binary.containsKey("data")).isFalse();
    JsonObject big = get("read", "web.1", "out/big.txt").json();
    assertThat(big.getLong("size")).isEqualTo(TaskSandboxFiles.MAX_READ_BYTES + 10);
    assertThat(big.getInteger("length")).isEqualTo(TaskSandboxFiles.MAX_READ_BYTES);
    assertThat(get("download", "web.1", "stdout").body()).isEqualTo("hello\n");
  }

  @Test
  void nothingOutsideTheTasksOwnSandboxIsReached() {
    for (String path : List.of("passwd", "neighbour", "../db.1/secret", "/etc/passwd", "out/../../db.1/secret")) {
      Reply refused = get("read", "web.1", path);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.body()).as(path).doesNotContain("root:").doesNotContain("db password");
    }
    assertThat(get("read", "web.1", "passwd").json().getString("message")).contains("leads out of the task's sandbox");
    assertThat(get("download", "web.1", "neighbour").status()).isEqualTo(403);
  }

  @Test
  void aTaskOrFileThatIsNotThereSaysSo() {
    assertThat(get("browse", "gone.1", "").status()).isEqualTo(404);
    assertThat(get("browse", "gone.1", "").json().getString("message")).contains("has no sandbox");
    assertThat(get("read", "web.1", "nope").json().getString("message")).contains("no nope in the sandbox");
    assertThat(get("browse", "web.1", "stdout").status()).isEqualTo(400);
  }

  record Reply(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private Reply get(String operation, String taskId, String path) {
    String uri = "/files/sandbox/" + operation + "?agent_id=a-1&task_id=" + taskId + "&path="
      + URLEncoder.encode(path, StandardCharsets.UTF_8);
    // the body is read in the same chain: a response left unread here would deliver it to nobody
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
      .setPort(server.actualPort()).setURI(uri).setIdleTimeout(10_000);
    return client.request(request)
      .compose(HttpClientRequest::send)
      .compose(response -> response.body().map(body -> new Reply(response.statusCode(), body.toString())))
      .await();
  }
}
