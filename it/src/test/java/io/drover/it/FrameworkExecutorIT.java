package io.drover.it;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Frameworks' own executors on real agents: the example executor (Python, the v1 executor API)
 * launched from a v1 HTTP framework, across an agent's {@code kill -9}, never subscribing, crashing,
 * in task groups, and refused when it misbehaves; and the example framework run as its README says.
 */
class FrameworkExecutorIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path EXAMPLES = Path.of("..", "examples", "python").toAbsolutePath().normalize();
  private static final String RESOURCES = "cpus:4;mem:4096;disk:1000;ports:[31000-31099]";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static HttpServer executorFiles;

  /** Serves the example executor as a framework would, for the agents to fetch. */
  @BeforeAll
  static void serveExecutor() throws IOException {
    executorFiles = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    executorFiles.createContext("/executor.py", exchange -> {
      byte[] body = Files.readAllBytes(EXAMPLES.resolve("executor.py"));
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    executorFiles.start();
  }

  @AfterAll
  static void stopServing() {
    executorFiles.stop(0);
  }

  @Test
  void thePythonExampleFrameworkRunsItsTasksOnItsExecutorAndTalksToIt() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-example")) {
      oneAgent(cluster);
      ProcessBuilder builder = new ProcessBuilder("python3", EXAMPLES.resolve("scheduler.py").toString(),
        "--master", cluster.masters().get(0).url("master"), "--tasks", "4", "--timeout", "90").redirectErrorStream(true);
      builder.environment().put("DROVER_TOKEN", DroverProcess.TOKEN);
      Process scheduler = builder.start();
      assertThat(scheduler.waitFor(120, TimeUnit.SECONDS)).as("the example framework ends").isTrue();
      String output = new String(scheduler.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(scheduler.exitValue()).as(output).isZero();
      List<JsonObject> lines = output.lines().filter(l -> l.startsWith("{")).map(JsonObject::new).toList();
      for (int i = 0; i < 4; i++) {
        String task = "word-" + i;
        assertThat(lines).as(task + " ran and finished").anyMatch(l -> update(l, task, "TASK_RUNNING"))
          .anyMatch(l -> update(l, task, "TASK_FINISHED"));
      }
      JsonObject done = lines.stream().filter(l -> "done".equals(l.getString("event"))).findFirst().orElseThrow();
      assertThat(done.getString("pong")).as("the scheduler's message reached the executor, and its answer came back")
        .isEqualTo("ping");
      assertThat(done.getJsonObject("results").getMap()).containsEntry("word-0", "MESOS")
        .containsEntry("word-1", "MARATHON").hasSize(4);
      // the agent shut the idle executor down once its tasks' ends were acknowledged
      Await.until("the executor is gone", WAIT, () -> executorProcesses(cluster.root()).isEmpty());
    }
  }

  @Test
  void theJavaExampleFrameworkRunsOnTheEventBusWithItsOwnExecutor() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-java-example")) {
      oneAgent(cluster);
      ProcessBuilder builder = new ProcessBuilder("java", "-cp", DroverProcess.JAR.toAbsolutePath().toString(),
        "io.drover.examples.words.WordsFramework", "--zk", cluster.zk(), "--words", "a,bb,ccc", "--timeout-secs", "90")
        .redirectErrorStream(true);
      builder.environment().put("DROVER_TOKEN", DroverProcess.TOKEN);
      Process framework = builder.start();
      // read as it comes: the framework logs, and a full pipe would stop it
      String[] output = new String[1];
      Thread reader = new Thread(() -> {
        try {
          output[0] = new String(framework.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          output[0] = e.toString();
        }
      });
      reader.start();
      assertThat(framework.waitFor(120, TimeUnit.SECONDS)).as("the example framework ends").isTrue();
      reader.join(10_000);
      assertThat(framework.exitValue()).as(output[0]).isZero();
      assertThat(output[0]).contains("done: {word-a=1, word-bb=2, word-ccc=3}, executor answered pong:ping");
      Await.until("the executor is gone", WAIT, () -> ProcessHandle.allProcesses().noneMatch(p ->
        p.info().commandLine().map(c -> c.contains("WordsExecutor")).orElse(false)
          && cwd(p).startsWith(cluster.root().toString())));
    }
  }

  @Test
  void aMarathonAppRunsOnTheCustomExecutorItsExecutorFieldNames() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-marathon")) {
      oneAgent(cluster);
      MarathonClient marathon = cluster.leadingMarathon("marathon");
      String sleep = "7" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
      JsonObject app = new JsonObject(MarathonApps.app("/custom", "sleep " + sleep, 1)).put("executor", "./executor.py")
        .put("fetch", new io.vertx.core.json.JsonArray().add(new JsonObject().put("uri", executorUrl())));
      marathon.expect(201, "POST", "/v2/apps", app.encode());
      Await.until("the app's command runs under the executor", WAIT, () -> sleepers(sleep).stream()
        .anyMatch(p -> p.parent().flatMap(ProcessHandle::parent).flatMap(q -> q.info().commandLine())
          .map(c -> c.contains("executor.py")).orElse(false)));
      Await.until("Marathon counts it running", WAIT, () -> marathon.app("/custom").getInteger("tasksRunning") == 1);
      assertThat(marathon.app("/custom").getString("executor")).isEqualTo("./executor.py");
      marathon.expect(200, "DELETE", "/v2/apps/custom", null);
      Await.until("the command and its executor are gone", WAIT, () -> sleepers(sleep).isEmpty()
        && executorProcesses(cluster.root()).isEmpty());
    }
  }

  @Test
  void theDefaultExecutorRunsAGroupsCommandsAndOneFailureEndsTheGroup() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-default-group")) {
      oneAgent(cluster);
      try (MesosHttpScheduler framework = subscribed(cluster)) {
        Protos.Offer offer = framework.awaitOffer(1, 512, 0);
        String sleep = "4" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        Protos.ExecutorInfo executor = Protos.ExecutorInfo.newBuilder().setType(Protos.ExecutorInfo.Type.DEFAULT)
          .setExecutorId(Protos.ExecutorID.newBuilder().setValue("pod")).addResources(scalar("cpus", 0.1))
          .addResources(scalar("mem", 32)).build();
        Protos.TaskGroupInfo.Builder group = Protos.TaskGroupInfo.newBuilder()
          .addTasks(task(offer, "steady", null, "").setCommand(Protos.CommandInfo.newBuilder().setValue("sleep " + sleep)))
          .addTasks(task(offer, "failing", null, "").setCommand(Protos.CommandInfo.newBuilder()
            .setValue("sleep 2; exit 3")));
        launch(framework, offer, launchGroup(executor, group));
        framework.awaitUpdate("steady", TaskState.TASK_RUNNING);
        framework.awaitUpdate("failing", TaskState.TASK_RUNNING);
        assertThat(framework.awaitUpdate("failing", TaskState.TASK_FAILED).getReason())
          .isEqualTo(Protos.TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED);
        framework.awaitUpdate("steady", TaskState.TASK_KILLED);
        Await.until("the group's other command is gone", WAIT, () -> sleepers(sleep).isEmpty());
      }
    }
  }

  private static boolean update(JsonObject line, String task, String state) {
    return "update".equals(line.getString("event")) && task.equals(line.getString("task"))
      && state.equals(line.getString("state"));
  }

  @Test
  void anExecutorComesBackAfterItsAgentIsKilledAndNoUpdateIsLost() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-recovery")) {
      DroverProcess agent = oneAgent(cluster);
      try (MesosHttpScheduler framework = subscribed(cluster)) {
        Protos.Offer offer = framework.awaitOffer(1, 512, 0);
        Protos.ExecutorInfo executor = executor(offer, "recovering", "python3 executor.py");
        launchTasks(framework, offer,
          task(offer, "long-1", executor, "{\"word\": \"one\", \"seconds\": 8}"),
          task(offer, "long-2", executor, "{\"word\": \"two\", \"seconds\": 8}"));
        framework.awaitUpdate("long-1", TaskState.TASK_RUNNING);
        framework.awaitUpdate("long-2", TaskState.TASK_RUNNING);

        int port = agent.port("agent");
        agent.kill9();
        DroverProcess restarted = cluster.restart(agent);
        assertThat(restarted.port("agent")).as("the agent comes back where its executor looks for it")
          .isEqualTo(port);

        Protos.TaskStatus one = framework.awaitUpdate("long-1", TaskState.TASK_FINISHED);
        Protos.TaskStatus two = framework.awaitUpdate("long-2", TaskState.TASK_FINISHED);
        assertThat(one.getSource()).isEqualTo(Protos.TaskStatus.Source.SOURCE_EXECUTOR);
        assertThat(two.getMessage()).isEqualTo("result TWO");
        // at least once: RUNNING and FINISHED each arrive (maybe twice), nothing else, no state lost
        for (String task : List.of("long-1", "long-2")) {
          assertThat(states(framework, task)).containsOnly(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED)
            .contains(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
        }
      }
    }
  }

  @Test
  void executorsThatNeverSubscribeOrCrashTakeTheirTasksWithThemForMesossReasons() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-failures")) {
      oneAgent(cluster, "--executor-registration-timeout-ms", "2000");
      try (MesosHttpScheduler framework = subscribed(cluster)) {
        Protos.Offer offer = framework.awaitOffer(1, 512, 0);
        String silentSleep = "3" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        launchTasks(framework, offer,
          task(offer, "silent", executor(offer, "silent", "sleep " + silentSleep), "{}"),
          task(offer, "crashing", executor(offer, "crashing", "python3 executor.py"),
            "{\"word\": \"boom\", \"seconds\": 1, \"crash\": true}"));

        Protos.TaskStatus timedOut = framework.awaitUpdate("silent", TaskState.TASK_FAILED);
        assertThat(timedOut.getReason()).isEqualTo(Protos.TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT);
        framework.awaitUpdate("crashing", TaskState.TASK_RUNNING);
        Protos.TaskStatus crashed = framework.awaitUpdate("crashing", TaskState.TASK_FAILED);
        assertThat(crashed.getReason()).isEqualTo(Protos.TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
        assertThat(crashed.getMessage()).contains("Abnormal executor termination");
        Await.until("no executor is left running", WAIT, () -> executorProcesses(cluster.root()).isEmpty()
          && sleepers(silentSleep).isEmpty());
      }
    }
  }

  @Test
  void anExecutorThatDoesNotSubscribeAgainAfterARestartIsTreatedAsExited() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-not-back")) {
      DroverProcess agent = oneAgent(cluster, "--executor-recovery-timeout-ms", "3000");
      try (MesosHttpScheduler framework = subscribed(cluster)) {
        Protos.Offer offer = framework.awaitOffer(1, 512, 0);
        // it never subscribes; the agent restarts well inside its registration timeout
        String silentSleep = "5" + ThreadLocalRandom.current().nextInt(10_000, 99_999);
        launchTasks(framework, offer,
          task(offer, "mute", executor(offer, "mute", "sleep " + silentSleep), "{}"));
        Await.until("the executor runs", WAIT, () -> !sleepers(silentSleep).isEmpty());
        agent.kill9();
        cluster.restart(agent);

        Protos.TaskStatus lost = framework.awaitUpdate("mute", TaskState.TASK_FAILED);
        assertThat(lost.getReason()).isEqualTo(Protos.TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT);
        Await.until("the executor is killed", WAIT, () -> sleepers(silentSleep).isEmpty());
      }
    }
  }

  @Test
  void aTaskGroupRunsWholeOrNotAtAll() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-groups")) {
      oneAgent(cluster);
      try (MesosHttpScheduler framework = subscribed(cluster)) {
        Protos.Offer offer = framework.awaitOffer(1, 512, 0);
        Protos.ExecutorInfo executor = executor(offer, "grouped", "python3 executor.py");
        Protos.TaskGroupInfo.Builder group = Protos.TaskGroupInfo.newBuilder();
        for (int i = 0; i < 3; i++) {
          group.addTasks(task(offer, "member-" + i, null, "{\"word\": \"m" + i + "\", \"seconds\": 1}"));
        }
        launch(framework, offer, launchGroup(executor, group));
        for (int i = 0; i < 3; i++) {
          framework.awaitUpdate("member-" + i, TaskState.TASK_RUNNING);
          framework.awaitUpdate("member-" + i, TaskState.TASK_FINISHED);
        }

        // one malformed task (a max_completion_time, which Drover does not enforce) keeps the whole group back
        Protos.Offer next = framework.awaitOffer(1, 512, framework.events().size());
        Protos.TaskGroupInfo.Builder broken = Protos.TaskGroupInfo.newBuilder();
        for (int i = 0; i < 3; i++) {
          Protos.TaskInfo.Builder member = task(next, "broken-" + i, null, "{\"word\": \"x\", \"seconds\": 1}");
          if (i == 1) {
            member.setMaxCompletionTime(Protos.DurationInfo.newBuilder().setNanoseconds(1_000_000_000L));
          }
          broken.addTasks(member);
        }
        launch(framework, next, launchGroup(executor(next, "broken", "python3 executor.py"), broken));
        for (int i = 0; i < 3; i++) {
          Protos.TaskStatus refused = framework.awaitUpdate("broken-" + i, TaskState.TASK_ERROR);
          assertThat(refused.getReason()).isEqualTo(i == 1 ? Protos.TaskStatus.Reason.REASON_TASK_INVALID
            : Protos.TaskStatus.Reason.REASON_TASK_GROUP_INVALID);
          assertThat(states(framework, "broken-" + i)).containsOnly(TaskState.TASK_ERROR);
        }
      }
    }
  }

  @Test
  void anExecutorThatMisbehavesIsRefusedAndChangesNothing() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("executor-bad-input")) {
      DroverProcess agent = oneAgent(cluster);
      try (MesosHttpScheduler framework = subscribed(cluster)) {
        Protos.Offer offer = framework.awaitOffer(1, 512, 0);
        launchTasks(framework, offer,
          task(offer, "honest", executor(offer, "honest", "python3 executor.py"),
            "{\"word\": \"fine\", \"seconds\": 20}"),
          task(offer, "other", executor(offer, "other", "python3 executor.py"),
            "{\"word\": \"other\", \"seconds\": 20}"));
        framework.awaitUpdate("honest", TaskState.TASK_RUNNING);
        framework.awaitUpdate("other", TaskState.TASK_RUNNING);
        String frameworkId = framework.frameworkId();
        String token = executorToken(cluster.root().resolve("agent"), frameworkId, "honest");
        String url = agent.url("agent") + "/api/v1/executor";

        assertThat(post(url, null, "{}").statusCode()).isEqualTo(401);
        assertThat(post(url, "not-a-token", subscribe(frameworkId, "honest")).statusCode()).isEqualTo(401);
        HttpResponse<String> otherIds = post(url, token, subscribe(frameworkId, "other"));
        assertThat(otherIds.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(otherIds.body()).getString("message")).contains("other");
        assertThat(post(url, token, "{\"type\": ").statusCode()).isEqualTo(400);
        HttpResponse<String> notItsTask = post(url, token, update(frameworkId, "honest", "other", "TASK_FAILED"));
        assertThat(notItsTask.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(notItsTask.body()).getString("message")).contains("not a task of executor honest");
        assertThat(post(url, token, update(frameworkId, "honest", "honest", "TASK_STAGING")).statusCode())
          .isEqualTo(400);

        // nothing of that reached the framework, and both executors finish their tasks
        framework.awaitUpdate("honest", TaskState.TASK_FINISHED);
        framework.awaitUpdate("other", TaskState.TASK_FINISHED);
        assertThat(states(framework, "other")).containsOnly(TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
      }
    }
  }

  // ---- the framework's side

  /** A master and one agent (with {@code agentArgs}); the agent, once the master counts it. */
  private static DroverProcess oneAgent(ClusterFixture cluster, String... agentArgs) {
    // agents here are restarted, not partitioned: a JVM start on a loaded machine outlasts the fast
    // fixture's 2 s of missed pings, and TASK_UNREACHABLE would then come between RUNNING and FINISHED
    cluster.master("master", "--agent-ping-timeout-ms", "5000");
    DroverProcess agent = cluster.agent("agent", RESOURCES, agentArgs);
    cluster.awaitActiveAgents(1);
    return agent;
  }

  /** A v1 HTTP framework subscribed to the cluster's master. */
  private static MesosHttpScheduler subscribed(ClusterFixture cluster) throws Exception {
    MesosHttpScheduler framework = framework();
    try {
      framework.subscribe(cluster.masters().get(0).url("master"));
      return framework;
    } catch (Exception | AssertionError e) {
      framework.close();
      throw e;
    }
  }

  private static MesosHttpScheduler framework() {
    return new MesosHttpScheduler(Protos.FrameworkInfo.newBuilder().setUser("nobody").setName("executor-it")
      .setFailoverTimeout(600), MediaType.JSON);
  }

  private static Protos.ExecutorInfo executor(Protos.Offer offer, String id, String command) {
    return Protos.ExecutorInfo.newBuilder().setType(Protos.ExecutorInfo.Type.CUSTOM)
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue(id))
      .setCommand(Protos.CommandInfo.newBuilder().setValue(command).setShell(true)
        .addUris(Protos.CommandInfo.URI.newBuilder().setValue(executorUrl()).setExtract(false)))
      .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 64))
      .build();
  }

  private static String executorUrl() {
    return "http://127.0.0.1:" + executorFiles.getAddress().getPort() + "/executor.py";
  }

  /** A task of {@code executor} (null: a task group's member, run by the group's executor). */
  private static Protos.TaskInfo.Builder task(Protos.Offer offer, String id, Protos.ExecutorInfo executor, String job) {
    Protos.TaskInfo.Builder task = Protos.TaskInfo.newBuilder().setName(id)
      .setTaskId(Protos.TaskID.newBuilder().setValue(id)).setAgentId(offer.getAgentId())
      .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 32))
      .setData(ByteString.copyFromUtf8(job));
    if (executor != null) {
      task.setExecutor(executor);
    }
    return task;
  }

  private static Protos.Resource scalar(String name, double value) {
    return Protos.Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(value)).build();
  }

  private static Protos.Offer.Operation.Builder launchGroup(Protos.ExecutorInfo executor,
                                                            Protos.TaskGroupInfo.Builder group) {
    return Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH_GROUP)
      .setLaunchGroup(Protos.Offer.Operation.LaunchGroup.newBuilder().setExecutor(executor).setTaskGroup(group));
  }

  /** Launches the tasks in one LAUNCH operation. */
  private static void launchTasks(MesosHttpScheduler framework, Protos.Offer offer, Protos.TaskInfo.Builder... tasks) {
    Protos.Offer.Operation.Launch.Builder launch = Protos.Offer.Operation.Launch.newBuilder();
    for (Protos.TaskInfo.Builder task : tasks) {
      launch.addTaskInfos(task);
    }
    launch(framework, offer, Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
      .setLaunch(launch));
  }

  private static void launch(MesosHttpScheduler framework, Protos.Offer offer, Protos.Offer.Operation.Builder op) {
    MesosHttpScheduler.Reply accepted = framework.call(Call.newBuilder().setType(Call.Type.ACCEPT)
      .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId()).addOperations(op)
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
  }

  private static List<TaskState> states(MesosHttpScheduler framework, String taskId) {
    return framework.events().stream().filter(e -> e.getType() == Event.Type.UPDATE)
      .map(e -> e.getUpdate().getStatus()).filter(s -> s.getTaskId().getValue().equals(taskId))
      .map(Protos.TaskStatus::getState).toList();
  }

  // ---- an executor's calls, made by hand

  /** The executor's token, from the agent's checkpoint: the test plays the executor. */
  private static String executorToken(Path agentDir, String frameworkId, String executorId) throws IOException {
    Path file = agentDir.resolve("agents").resolve("0").resolve("executors").resolve(frameworkId)
      .resolve(executorId).resolve("executor.json");
    return new JsonObject(Files.readString(file)).getString("token");
  }

  private static String subscribe(String frameworkId, String executorId) {
    return ids(frameworkId, executorId).put("type", "SUBSCRIBE").put("subscribe", new JsonObject()).encode();
  }

  private static String update(String frameworkId, String executorId, String taskId, String state) {
    JsonObject status = new JsonObject().put("task_id", new JsonObject().put("value", taskId)).put("state", state)
      .put("source", "SOURCE_EXECUTOR").put("uuid", "AAECAwQFBgcICQoLDA0ODw==");
    return ids(frameworkId, executorId).put("type", "UPDATE").put("update", new JsonObject().put("status", status))
      .encode();
  }

  private static JsonObject ids(String frameworkId, String executorId) {
    return new JsonObject().put("framework_id", new JsonObject().put("value", frameworkId))
      .put("executor_id", new JsonObject().put("value", executorId));
  }

  private static HttpResponse<String> post(String url, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
      .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---- processes

  /** The example executors still running from this test's sandboxes. */
  private static List<ProcessHandle> executorProcesses(Path root) {
    String under = root.toString();
    return ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> List.of(a).contains("executor.py"))
      .orElse(false) && p.info().command().map(c -> c.contains("python")).orElse(false))
      .filter(p -> cwd(p).startsWith(under)).toList();
  }

  private static String cwd(ProcessHandle process) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")).toString();
    } catch (IOException | UnsupportedOperationException gone) {
      return "";
    }
  }

  private static List<ProcessHandle> sleepers(String seconds) {
    List<ProcessHandle> found = new ArrayList<>();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.filter(p -> p.info().commandLine().map(c -> c.endsWith("sleep " + seconds)).orElse(false))
        .forEach(found::add);
    }
    return found;
  }
}
