package io.drover.it;

import io.drover.common.Addresses;
import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MasterState;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.AgentCommand;
import io.drover.protocol.CommandInfo;
import io.drover.protocol.Envelope;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A framework against a real master and agent (separate JVMs on an embedded ZooKeeper): offers,
 * launches of real shell commands, kills, reconciliation, and rejected calls that change nothing.
 */
class FrameworkIT extends AgentProtocolContract {

  static ClusterFixture cluster;
  static DroverProcess agent;
  static TestFramework framework;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("framework");
    cluster.master("master");
    agent = cluster.agent("agent", "cpus:2;mem:2048;disk:1000;ports:[31000-31100]", "--attributes", "rack:r1",
      "--fetch-max-mb", "1");
    cluster.awaitActiveAgents(1);
    framework = TestFramework.subscribe(cluster.zk(), "framework-it");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (framework != null) {
      framework.close();
    }
    cluster.close();
  }

  @Override
  ClusterFixture cluster() {
    return cluster;
  }

  @Override
  TestFramework framework() {
    return framework;
  }

  @Test
  void launchedCommandsRunAndEndAsFinishedOrFailed() {
    Offer offer = offerWith(SMALL.plus(SMALL));
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("sleep-30", offer.getAgentId(), SMALL, "sleep 30"),
      TaskInfo.command("false", offer.getAgentId(), SMALL, "false")), NO_REFUSAL));

    framework.awaitState("sleep-30", TaskState.TASK_RUNNING);
    assertThat(framework.awaitState("false", TaskState.TASK_FAILED).getMessage()).contains("exited with status 1");
    JsonObject running = MasterState.task(Http.json(cluster.leaderUrl().orElseThrow() + "/master/state"), "sleep-30");
    assertThat(running.getString("state")).isEqualTo("TASK_RUNNING");

    framework.awaitState("sleep-30", TaskState.TASK_FINISHED, Duration.ofSeconds(90));
    assertThat(framework.updates("sleep-30")).extracting(s -> s.getState())
      .containsSubsequence(TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING,
        TaskState.TASK_FINISHED);
  }

  @Test
  void aKilledTasksProcessIsGone() {
    Offer offer = offerWith(SMALL);
    framework.call(d -> d.accept(List.of(offer.getId()),
      List.of(TaskInfo.command("to-kill-9", offer.getAgentId(), SMALL, "sleep 600")), NO_REFUSAL));
    long pid = framework.pid("to-kill-9");

    framework.call(d -> d.kill("to-kill-9"));

    framework.awaitState("to-kill-9", TaskState.TASK_KILLED);
    Await.until("the task's process is gone", Duration.ofSeconds(30),
      () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void rejectedAcceptsChangeNothingAndAnOfferIsUsedOnce() {
    Offer offer = offerWith(SMALL);

    assertThat(code(framework.failure(d -> d.accept(List.of("no-such-offer"),
      List.of(TaskInfo.command("x", offer.getAgentId(), SMALL, "true")), NO_REFUSAL)))).isEqualTo(404);
    Throwable tooBig = framework.failure(d -> d.accept(List.of(offer.getId()),
      List.of(TaskInfo.command("too-big", offer.getAgentId(), offer.resources().plus(SMALL), "true")),
      NO_REFUSAL));
    assertThat(code(tooBig)).isEqualTo(400);
    assertThat(tooBig.getMessage()).contains("insufficient");
    Resources onePort = SMALL.plus(Resources.parse("ports:[31000-31000]"));
    Throwable samePort = framework.failure(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("port-a", offer.getAgentId(), onePort, "true"),
      TaskInfo.command("port-b", offer.getAgentId(), onePort, "true")), NO_REFUSAL));
    assertThat(samePort.getMessage()).contains("ports [31000-31000] that another task of this call holds");
    assertThat(framework.failure(d -> d.accept(List.of(offer.getId()),
      List.of(TaskInfo.command("../escape", offer.getAgentId(), SMALL, "true")), NO_REFUSAL)).getMessage())
      .contains("slash");
    Throwable twice = framework.failure(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("dup", offer.getAgentId(), SMALL, "true"),
      TaskInfo.command("dup", offer.getAgentId(), SMALL, "true")), NO_REFUSAL));
    assertThat(twice.getMessage()).contains("already in use");

    // the offer survived the rejected calls whole, and is good exactly once; a malformed task in
    // an accepted call ends TASK_ERROR while the good one runs
    TaskInfo both = new TaskInfo("both", "both", null, offer.getAgentId(), SMALL,
      new CommandInfo("true", true, List.of("/bin/true"), java.util.Map.of(), null), null, null, java.util.Map.of(), 3);
    TaskInfo neither = new TaskInfo("neither", "neither", null, offer.getAgentId(), SMALL,
      new CommandInfo(null, false, List.of(), java.util.Map.of(), null), null, null, java.util.Map.of(), 3);
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("fits", offer.getAgentId(), SMALL, "true"), both, neither,
      TaskInfo.command("blank", offer.getAgentId(), SMALL, " ")), NO_REFUSAL));
    assertThat(framework.awaitState("both", TaskState.TASK_ERROR).getMessage()).contains("both a shell command and arguments");
    assertThat(framework.awaitState("neither", TaskState.TASK_ERROR).getMessage()).contains("neither a command nor arguments");
    assertThat(framework.awaitState("blank", TaskState.TASK_ERROR).getMessage()).contains("empty shell command");
    assertThat(code(framework.failure(d -> d.accept(List.of(offer.getId()),
      List.of(TaskInfo.command("again", offer.getAgentId(), SMALL, "true")), NO_REFUSAL)))).isEqualTo(404);
    framework.awaitState("fits", TaskState.TASK_FINISHED);
    assertThat(framework.updates("too-big")).isEmpty();
    assertThat(framework.updates("port-b")).isEmpty();
    assertThat(framework.updates("again")).isEmpty();
  }

  @Test
  void agentsDropCommandsFromAnOlderEpoch() throws Exception {
    JsonObject agentState = Http.json(agent.url("agent") + "/state");
    assertThat(agentState.getLong("leader_epoch")).isPositive();
    JsonObject launch = new JsonObject().put("agent_id", agentState.getString("id"))
      .put("tasks", new JsonArray().add(TaskInfo.command("fenced", agentState.getString("id"), SMALL, "true")
        .withFrameworkId(framework.driver().frameworkId()).toJson()))
      .put("framework", new JsonObject().put("id", framework.driver().frameworkId()).put("name", "x"));

    Throwable stale = null;
    try {
      framework.node().vertx().eventBus().request(Addresses.node(agentState.getString("node_id")), launch,
        Envelope.of(AgentCommand.LAUNCH, agentState.getLong("leader_epoch") - 1))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      stale = e.getCause();
    }

    assertThat(stale).isInstanceOf(ReplyException.class).hasMessageContaining("stale epoch");
    JsonArray tasks = Http.json(agent.url("agent") + "/state").getJsonArray("tasks");
    assertThat(tasks.stream().map(t -> ((JsonObject) t).getString("id"))).doesNotContain("fenced");
  }

  @Test
  void sandboxFilesAreReadableThroughTheFilesApiAndNothingElseIs() {
    Offer offer = offerWith(SMALL);
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(TaskInfo.command("writer", offer.getAgentId(), SMALL,
      "echo hello-sandbox; echo oops >&2; ln -s /etc/passwd leak")), NO_REFUSAL));
    framework.awaitState("writer", TaskState.TASK_FINISHED);
    String agentUrl = agent.url("agent");
    String sandbox = Await.value("the agent lists the sandbox", Duration.ofSeconds(30), () -> {
      JsonObject state = Http.json(agentUrl + "/state");
      return java.util.stream.Stream.concat(state.getJsonArray("tasks").stream(), state.getJsonArray("completed_tasks").stream())
        .map(JsonObject.class::cast).filter(t -> t.getString("id").equals("writer")).map(t -> t.getString("sandbox"))
        .findFirst().orElse(null);
    });

    JsonArray listing = new JsonArray(Http.get(agentUrl + "/files/browse?path=" + sandbox).body());
    assertThat(listing.stream().map(e -> ((JsonObject) e).getString("path"))).contains(sandbox + "/stdout", sandbox + "/stderr");
    JsonObject read = Http.json(agentUrl + "/files/read?path=" + sandbox + "/stdout&offset=0&length=100");
    assertThat(read.getString("data")).isEqualTo("hello-sandbox\n");
    assertThat(Http.json(agentUrl + "/files/read?path=" + sandbox + "/stderr&offset=-1").getLong("offset")).isEqualTo(5);
    assertThat(Http.json(agentUrl + "/files/read?path=" + sandbox + "/stdout&offset=6&length=3").getString("data"))
      .isEqualTo("san");

    assertThat(Http.get(agentUrl + "/files/read?path=" + sandbox + "/../../../../agent.id").statusCode()).isEqualTo(400);
    assertThat(Http.get(agentUrl + "/files/read?path=/etc/passwd").statusCode()).isEqualTo(403);
    assertThat(Http.get(agentUrl + "/files/read?path=" + sandbox + "/leak").statusCode()).isEqualTo(403);
    assertThat(Http.get(agentUrl + "/files/read?path=" + sandbox + "/nothing-here").statusCode()).isEqualTo(404);
    assertThat(new JsonObject(Http.get(agentUrl + "/files/read?path=/etc/passwd").body()).getString("message"))
      .contains("not in a task sandbox");
  }

  @Test
  void commandHealthChecksRunOnTheAgentAndTheirVerdictsArriveAsUpdates() {
    Offer offer = offerWith(SMALL);
    HealthCheck fast = HealthCheck.of(HealthCheck.Type.COMMAND, "test -e healthy", 0, null).withTiming(0, 0.2, 2, 0, 2);
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("checked", offer.getAgentId(), SMALL, "touch healthy; sleep 2; rm healthy; sleep 600")
        .withHealthCheck(fast)), NO_REFUSAL));

    Await.until("the command check passes, then fails", Duration.ofSeconds(60), () ->
      framework.updates("checked").stream().map(s -> s.getHealthy()).filter(java.util.Objects::nonNull).toList()
        .equals(List.of(true, false)));
    framework.call(d -> d.kill("checked"));
    framework.awaitState("checked", TaskState.TASK_KILLED);
  }

  @Test
  void httpAndTcpHealthChecksProbeTheTasksPort() {
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/bin/busybox")),
      "SKIPPED: no /bin/busybox to serve HTTP (scripts/test.sh installs busybox-static as root)");
    Resources withPort = SMALL.plus(Resources.parse("ports:[31050-31050]"));
    Offer offer = offerWith(withPort);
    String serve = "exec /bin/busybox httpd -f -p 127.0.0.1:$PORT0 -h .";
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("served", offer.getAgentId(), withPort, serve).withHealthCheck(
        HealthCheck.of(HealthCheck.Type.HTTP, null, 0, "/stdout").withTiming(0, 0.2, 2, 0, 2))), NO_REFUSAL));
    Await.until("the HTTP check passes", Duration.ofSeconds(60), () -> framework.updates("served").stream()
      .anyMatch(s -> Boolean.TRUE.equals(s.getHealthy())));
    framework.call(d -> d.kill("served"));
    framework.awaitState("served", TaskState.TASK_KILLED);

    Offer again = offerWith(withPort);
    framework.call(d -> d.accept(List.of(again.getId()), List.of(
      TaskInfo.command("closed", again.getAgentId(), withPort, "sleep 600").withHealthCheck(
        HealthCheck.of(HealthCheck.Type.TCP, null, 0, null).withTiming(0, 0.2, 1, 0, 2))), NO_REFUSAL));
    Await.until("the TCP check fails on a port nobody listens on", Duration.ofSeconds(60), () ->
      framework.updates("closed").stream().anyMatch(s -> Boolean.FALSE.equals(s.getHealthy())));
    framework.call(d -> d.kill("closed"));
    framework.awaitState("closed", TaskState.TASK_KILLED);
  }

  @Test
  void urisAreFetchedIntoTheSandboxBeforeTheTaskStarts() throws Exception {
    java.nio.file.Path served = cluster.root().resolve("served");
    java.nio.file.Files.createDirectories(served.resolve("bundle"));
    java.nio.file.Files.writeString(served.resolve("bundle/hello.txt"), "hello-from-archive\n");
    java.nio.file.Files.writeString(served.resolve("run.sh"), "#!/bin/sh\ncat bundle/hello.txt\n");
    assertThat(new ProcessBuilder("tar", "-czf", served.resolve("bundle.tar.gz").toString(), "-C", served.toString(),
      "bundle").start().waitFor()).isZero();
    java.nio.file.Files.write(served.resolve("big.bin"), new byte[2 * 1024 * 1024]);
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
      new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/slow", exchange -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      java.nio.file.Path file = served.resolve(exchange.getRequestURI().getPath().substring(1));
      if (java.nio.file.Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(200, java.nio.file.Files.size(file));
        java.nio.file.Files.copy(file, exchange.getResponseBody());
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
      exchange.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    try {
      Offer offer = offerWith(SMALL.plus(SMALL).plus(SMALL));
      TaskInfo fetching = TaskInfo.command("fetching", offer.getAgentId(), SMALL, "./run.sh");
      fetching = fetching.withCommand(fetching.getCommand().withUris(List.of(
        new CommandInfo.Uri(base + "bundle.tar.gz", true, false, null),
        new CommandInfo.Uri(base + "run.sh", false, true, null))));
      TaskInfo missing = TaskInfo.command("missing", offer.getAgentId(), SMALL, "true");
      missing = missing.withCommand(missing.getCommand().withUris(List.of(
        new CommandInfo.Uri(base + "nothing.tgz", true, false, null))));
      TaskInfo tooBig = TaskInfo.command("too-big-fetch", offer.getAgentId(), SMALL, "true");
      tooBig = tooBig.withCommand(tooBig.getCommand().withUris(List.of(
        new CommandInfo.Uri(base + "big.bin", false, false, null))));
      List<TaskInfo> tasks = List.of(fetching, missing, tooBig);
      framework.call(d -> d.accept(List.of(offer.getId()), tasks, NO_REFUSAL));

      framework.awaitState("fetching", TaskState.TASK_FINISHED);
      TaskStatus notFound = framework.awaitState("missing", TaskState.TASK_FAILED);
      assertThat(notFound.getReason()).isEqualTo(TaskReason.REASON_CONTAINER_LAUNCH_FAILED);
      assertThat(notFound.getMessage()).contains(base + "nothing.tgz").contains("HTTP 404");
      assertThat(framework.awaitState("too-big-fetch", TaskState.TASK_FAILED).getMessage()).contains("fetch limit");
      String sandbox = Await.value("the sandbox", Duration.ofSeconds(30), () -> {
        JsonObject state = Http.json(agent.url("agent") + "/state");
        return java.util.stream.Stream.concat(state.getJsonArray("tasks").stream(),
            state.getJsonArray("completed_tasks").stream()).map(JsonObject.class::cast)
          .filter(t -> t.getString("id").equals("fetching")).map(t -> t.getString("sandbox")).findFirst().orElse(null);
      });
      assertThat(Http.json(agent.url("agent") + "/files/read?path=" + sandbox + "/stdout").getString("data"))
        .isEqualTo("hello-from-archive\n");

      // a kill while the task is still fetching: it never starts
      Offer more = offerWith(SMALL);
      TaskInfo slow = TaskInfo.command("slow-fetch", more.getAgentId(), SMALL, "sleep 600");
      TaskInfo slowFetch = slow.withCommand(slow.getCommand().withUris(List.of(
        new CommandInfo.Uri(base + "slow", false, false, null))));
      framework.call(d -> d.accept(List.of(more.getId()), List.of(slowFetch), NO_REFUSAL));
      framework.awaitState("slow-fetch", TaskState.TASK_STARTING);
      framework.call(d -> d.kill("slow-fetch"));
      assertThat(framework.awaitState("slow-fetch", TaskState.TASK_KILLED).getMessage()).contains("before it started");
      assertThat(framework.updates("slow-fetch")).extracting(s -> s.getState()).doesNotContain(TaskState.TASK_RUNNING);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theAgentAnswersHealthAndState() {
    assertThat(Http.get(agent.url("agent") + "/health").statusCode()).isEqualTo(200);
    JsonObject state = Http.json(agent.url("agent") + "/state");
    assertThat(state.getJsonObject("resources").getString("ports")).isEqualTo("[31000-31100]");
    assertThat(state.getJsonObject("attributes").getString("rack")).isEqualTo("r1");
    assertThat(Http.get(agent.url("agent") + "/nowhere").statusCode()).isEqualTo(404);
    assertThat(new JsonObject(Http.get(agent.url("agent") + "/nowhere").body()).getString("message"))
      .contains("/nowhere");
  }

  static int code(Throwable failure) {
    assertThat(failure).isInstanceOf(ReplyException.class);
    return ((ReplyException) failure).failureCode();
  }
}
