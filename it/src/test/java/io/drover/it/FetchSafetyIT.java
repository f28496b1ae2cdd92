package io.drover.it;

import com.sun.net.httpserver.HttpServer;
import io.drover.agent.fetch.TestArchive;
import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.agent.fetch.TestArchive.Format;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A root agent running tasks as {@code nobody} fetches hostile archives and downloads: each is
 * refused with its reason and leaves nothing in the sandbox, or is unpacked without its dangerous
 * part, and the task never reads or writes outside its sandbox as anyone but {@code nobody}.
 */
class FetchSafetyIT {

  private static final Resources SMALL = Resources.parse("cpus:0.1;mem:32");
  private static final Filters NO_REFUSAL = new Filters(0);
  private static final int FETCH_TIMEOUT_SECONDS = 3;

  static ClusterFixture cluster;
  static DroverProcess agent;
  static TestFramework framework;
  static HttpServer server;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue("root".equals(System.getProperty("user.name")),
      "SKIPPING FetchSafetyIT: it needs a root agent, whose tasks run as nobody");
    cluster = new ClusterFixture("fetch-safety");
    cluster.master("master");
    agent = cluster.agent("agent", "cpus:4;mem:4096;disk:1000;ports:[31000-31100]",
      "--fetch-timeout-secs", Integer.toString(FETCH_TIMEOUT_SECONDS));
    cluster.awaitActiveAgents(1);
    framework = TestFramework.subscribe(cluster.zk(), "fetch-safety-it");
    server = serve(Files.createDirectories(cluster.root().resolve("served")));
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (server != null) {
      server.stop(0);
    }
    if (framework != null) {
      framework.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void hostileArchivesAreRefusedWithTheirReasonAndLeaveNothing() throws Exception {
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put(archive("block-device", Format.TAR, a -> a.file("ok", "x").blockDevice("sda")),
      "entry 'sda' is a block device node");
    refusals.put(archive("char-device", Format.TAR_GZ, a -> a.file("ok", "x").characterDevice("mem")),
      "entry 'mem' is a character device node");
    refusals.put(archive("fifo", Format.ZIP, a -> a.file("ok", "x").fifo("pipe")), "entry 'pipe' is a fifo");
    refusals.put(archive("symlink", Format.TAR, a -> a.file("ok", "x").symlink("shadow", "/etc/shadow")),
      "entry 'shadow' is a symbolic link to /etc/shadow, outside the sandbox");
    refusals.put(archive("hardlink", Format.TAR_GZ, a -> a.file("ok", "x").hardLink("shadow", "/etc/shadow")),
      "entry 'shadow' is a hard link to /etc/shadow, which is not a file of this archive");
    refusals.put(archive("absolute", Format.ZIP, a -> a.file("ok", "x").file("/etc/cron.d/evil", "x")),
      "entry '/etc/cron.d/evil' has an absolute name");
    refusals.put(archive("climbing", Format.TAR, a -> a.file("ok", "x").file("../../../../evil", "x")),
      "entry '../../../../evil' climbs out of the sandbox with '..'");
    refusals.put(archive("many", Format.TAR_GZ, a -> {
      for (int i = 0; i < 10_000; i++) {
        a.file("many/" + i, "");
      }
    }), "the archive holds more than 5000 entries");
    refusals.put(archive("bomb", Format.ZIP, a -> a.file("ok", "x").zeros("zeros", 1_000_000_000L)),
      "entry 'zeros' makes the archive too large: it unpacks to more than 100 times its size");

    Offer offer = framework.takeOffer(o -> o.resources().contains(times(SMALL, refusals.size())));
    List<TaskInfo> tasks = new ArrayList<>();
    for (String archive : refusals.keySet()) {
      tasks.add(fetching(archive, offer, "true", new CommandInfo.Uri(base + archive, true, false, null)));
    }
    framework.call(d -> d.accept(List.of(offer.getId()), tasks, NO_REFUSAL));

    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      String archive = refusal.getKey();
      TaskStatus failed = framework.awaitState(archive, TaskState.TASK_FAILED, Duration.ofSeconds(120));
      assertThat(failed.getReason()).isEqualTo(TaskReason.REASON_CONTAINER_LAUNCH_FAILED);
      assertThat(failed.getMessage()).contains(base + archive).contains("archive refused").contains(refusal.getValue());
      assertThat(framework.updates(archive)).extracting(TaskStatus::getState).doesNotContain(TaskState.TASK_RUNNING);
      assertThat(sandboxListing(archive)).as("what " + archive + " left in its sandbox")
        .noneMatch(name -> name.equals(archive) || name.equals("ok") || name.equals("many") || name.equals("sda"));
    }
  }

  @Test
  void setuidBitsAreDroppedAndTheTaskIsNobodyInsideItsSandboxOnly() throws Exception {
    String archive = archive("tools", Format.TAR_GZ, a -> a.directory("bin")
      .file("bin/rootshell", 06755, "#!/bin/sh\nid -u\n").file("data", 0666, "x"));
    String probe = "stat -c '%a %U' bin/rootshell data; ./bin/rootshell; "
      + "cat /etc/shadow >/dev/null 2>&1 && echo read-shadow || echo no-shadow; "
      + "touch /etc/drover-fetch-probe 2>/dev/null && echo wrote-etc || echo no-etc";
    Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL));
    TaskInfo task = fetching(archive, offer, probe, new CommandInfo.Uri(base + archive, true, false, null));
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(task), NO_REFUSAL));

    framework.awaitState(archive, TaskState.TASK_FINISHED, Duration.ofSeconds(60));
    assertThat(sandboxFile(archive, "stdout").lines().toList())
      .containsExactly("755 nobody", "666 nobody", uidOf("nobody"), "no-shadow", "no-etc");
    assertThat(Path.of("/etc/drover-fetch-probe")).doesNotExist();
  }

  @Test
  void aTrickleIsCutAtTheDeadlineAndALocalFileIsReadAsTheTaskUser() throws Exception {
    Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL.plus(SMALL)));
    TaskInfo trickle = fetching("trickle", offer, "true", new CommandInfo.Uri(base + "trickle", false, false, null));
    TaskInfo shadow = fetching("shadow", offer, "cat shadow",
      new CommandInfo.Uri("file:///etc/shadow", false, false, null));
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(trickle, shadow), NO_REFUSAL));

    TaskStatus cut = framework.awaitState("trickle", TaskState.TASK_FAILED, Duration.ofSeconds(60));
    assertThat(cut.getReason()).isEqualTo(TaskReason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(cut.getMessage()).contains("not done within the fetch deadline of " + FETCH_TIMEOUT_SECONDS + " s");
    TaskStatus refused = framework.awaitState("shadow", TaskState.TASK_FAILED, Duration.ofSeconds(60));
    assertThat(refused.getReason()).isEqualTo(TaskReason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(refused.getMessage()).contains("file:///etc/shadow").contains("the task's user cannot read it");
    assertThat(sandboxListing("shadow")).doesNotContain("shadow");
  }

  private static TaskInfo fetching(String id, Offer offer, String command, CommandInfo.Uri uri) {
    TaskInfo task = TaskInfo.command(id, offer.getAgentId(), SMALL, command);
    return task.withCommand(task.getCommand().withUris(List.of(uri)));
  }

  private static Resources times(Resources one, int n) {
    Resources all = one;
    for (int i = 1; i < n; i++) {
      all = all.plus(one);
    }
    return all;
  }

  private interface Contents {
    void write(TestArchive archive) throws IOException;
  }

  /** Writes an archive where the test server serves it; its name is also its task's id. */
  private static String archive(String name, Format format, Contents contents) throws IOException {
    String file = name + format.suffix;
    try (TestArchive archive = TestArchive.create(cluster.root().resolve("served").resolve(file), format)) {
      contents.write(archive);
    }
    return file;
  }

  private static String sandbox(String taskId) {
    return Await.value("the sandbox of " + taskId, Duration.ofSeconds(30), () -> {
      JsonObject state = Http.json(agent.url("agent") + "/state");
      return java.util.stream.Stream.concat(state.getJsonArray("tasks").stream(),
          state.getJsonArray("completed_tasks").stream()).map(JsonObject.class::cast)
        .filter(t -> t.getString("id").equals(taskId)).map(t -> t.getString("sandbox")).findFirst().orElse(null);
    });
  }

  private static List<String> sandboxListing(String taskId) {
    JsonArray listing = new JsonArray(Http.get(agent.url("agent") + "/files/browse?path=" + sandbox(taskId)).body());
    return listing.stream().map(JsonObject.class::cast).map(e -> Path.of(e.getString("path")).getFileName().toString())
      .toList();
  }

  private static String sandboxFile(String taskId, String file) {
    return Http.json(agent.url("agent") + "/files/read?path=" + sandbox(taskId) + "/" + file).getString("data");
  }

  private static String uidOf(String user) throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u", user).start();
    String uid = new String(id.getInputStream().readAllBytes()).strip();
    id.waitFor();
    return uid;
  }

  /** Serves the files of {@code dir}, and at {@code /trickle} one byte every 200 ms for at most two minutes. */
  private static HttpServer serve(Path dir) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/trickle", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int i = 0; i < 600; i++) {
          out.write('x');
          out.flush();
          Thread.sleep(200);
        }
      } catch (IOException | InterruptedException closedByTheAgent) {
        // the agent gave up, as it should
      }
      exchange.close();
    });
    server.createContext("/", exchange -> {
      Path file = dir.resolve(exchange.getRequestURI().getPath().substring(1));
      if (Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(200, Files.size(file));
        Files.copy(file, exchange.getResponseBody());
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
      exchange.close();
    });
    server.start();
    return server;
  }
}
