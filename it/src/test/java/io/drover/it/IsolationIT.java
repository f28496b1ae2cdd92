package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.ResourceLimits;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Many command tasks at once on one agent, the cgroup limits they run in, and what the agent measures of them. */
class IsolationIT {

  static ClusterFixture cluster;
  static DroverProcess agent;
  static TestFramework framework;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("isolation");
    cluster.master("master");
    agent = cluster.agent("agent", "cpus:2;mem:2048;disk:1000;ports:[31000-31100]");
    cluster.awaitActiveAgents(1);
    framework = TestFramework.subscribe(cluster.zk(), "isolation-it");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (framework != null) {
      framework.close();
    }
    cluster.close();
  }

  static boolean cgroups() {
    JsonObject isolation = Http.json(agent.url("agent") + "/state").getJsonObject("isolation");
    if (!isolation.getBoolean("cgroups")) {
      System.out.println("SKIPPED: cgroup limits are off on this machine: " + isolation.getString("message"));
    }
    return isolation.getBoolean("cgroups");
  }

  @Test
  void twentyCommandTasksRunAtOnceOnOneAgent() {
    Resources each = Resources.parse("cpus:0.05;mem:16");
    Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
    List<TaskInfo> tasks = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      tasks.add(TaskInfo.command("many-" + i, offer.getAgentId(), each, "sleep 600"));
    }
    framework.call(d -> d.accept(List.of(offer.getId()), tasks, new Filters(0)));

    for (TaskInfo task : tasks) {
      framework.awaitState(task.getTaskId(), TaskState.TASK_RUNNING);
    }
    assertThat(tasks.stream().map(t -> ProcessHandle.of(framework.pid(t.getTaskId())).map(ProcessHandle::isAlive)
      .orElse(false))).containsOnly(true);
    for (TaskInfo task : tasks) {
      framework.call(d -> d.kill(task.getTaskId()));
    }
    for (TaskInfo task : tasks) {
      framework.awaitState(task.getTaskId(), TaskState.TASK_KILLED);
    }
  }

  /**
   * Read as mesos_exporter reads an agent. With cgroups the figures are the task's cgroups', without
   * them its processes' and its allocation: the limits are the same either way.
   */
  @Test
  void theAgentMeasuresARunningTaskAndCountsItsEnd() throws Exception {
    String base = agent.url("agent");
    double finishedBefore = Http.json(base + "/metrics/snapshot").getDouble("slave/tasks_finished");
    Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
    // burns a little cpu, then waits for the test to let it finish
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(TaskInfo.command("measured", offer.getAgentId(),
      Resources.parse("cpus:0.5;mem:64"), "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; "
        + "while [ ! -e done ]; do sleep 0.1; done")), new Filters(0)));
    framework.awaitState("measured", TaskState.TASK_RUNNING);

    JsonObject statistics = Await.value("the task's cpu time in /monitor/statistics", Duration.ofSeconds(60), () -> {
      JsonArray entries = new JsonArray(Http.get(base + "/monitor/statistics").body());
      return entries.stream().map(JsonObject.class::cast).filter(e -> e.getString("executor_id").equals("measured"))
        .map(e -> e.getJsonObject("statistics")).filter(s -> s.getDouble("cpus_user_time_secs", 0.0) > 0)
        .findFirst().orElse(null);
    });
    assertThat(statistics.getLong("mem_rss_bytes")).isPositive();
    assertThat(statistics.getDouble("cpus_limit")).isEqualTo(0.5);
    assertThat(statistics.getLong("mem_limit_bytes")).isEqualTo(64L << 20);
    assertThat(statistics.getInteger("processes")).isPositive();
    assertThat(statistics.getDouble("timestamp")).isPositive();
    if (cgroups()) {
      // only the task's cpu cgroup knows of CFS periods: the figures are the cgroups', not /proc's
      assertThat(statistics.getLong("cpus_nr_periods")).isPositive();
      assertThat(statistics.getLong("mem_total_bytes")).isPositive();
    }
    JsonObject entry = new JsonArray(Http.get(base + "/monitor/statistics.json").body()).stream()
      .map(JsonObject.class::cast).filter(e -> e.getString("executor_id").equals("measured")).findFirst().orElseThrow();
    assertThat(entry.getString("framework_id")).isEqualTo(offer.getFrameworkId());
    assertThat(entry.getString("source")).isEqualTo("measured");
    assertThat(entry.getString("executor_name")).startsWith("Command Executor (Task: measured)");

    JsonObject metrics = Http.json(base + "/metrics/snapshot");
    assertThat(metrics.getDouble("slave/tasks_running")).isEqualTo(1.0);
    assertThat(metrics.getDouble("slave/executors_running")).isEqualTo(1.0);
    assertThat(metrics.getDouble("slave/registered")).isEqualTo(1.0);
    assertThat(metrics.getDouble("slave/cpus_used")).isEqualTo(0.5);
    assertThat(metrics.getDouble("slave/cpus_total")).isEqualTo(2.0);
    assertThat(metrics.getDouble("slave/gpus_total")).isZero();

    String sandbox = Http.json(base + "/state").getJsonArray("tasks").stream().map(JsonObject.class::cast)
      .filter(t -> t.getString("id").equals("measured")).findFirst().orElseThrow().getString("sandbox");
    Files.writeString(Path.of(sandbox, "done"), "");
    framework.awaitState("measured", TaskState.TASK_FINISHED);
    Await.until("the agent counts the task's end", Duration.ofSeconds(30), () -> {
      JsonObject after = Http.json(base + "/metrics/snapshot");
      return after.getDouble("slave/tasks_finished") == finishedBefore + 1 && after.getDouble("slave/tasks_running") == 0;
    });
    assertThat(Http.json(base + "/metrics/snapshot").getDouble("slave/tasks_finished")).isEqualTo(1.0 + finishedBefore);
  }

  @Test
  void aTaskRunsInsideItsLimitsAndAMemoryHogIsStopped() throws Exception {
    assumeTrue(cgroups(), "cgroup limits are off on this machine");
    Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("limited", offer.getAgentId(), Resources.parse("cpus:0.5;mem:64"), "sleep 600"),
      TaskInfo.command("hog", offer.getAgentId(), Resources.parse("cpus:0.1;mem:64"),
        "dd if=/dev/zero of=/dev/null bs=256M count=1")), new Filters(0)));

    long pid = framework.pid("limited");
    String memoryCgroup = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")).stream()
      .filter(l -> l.split(":")[1].equals("memory")).map(l -> l.split(":")[2]).findFirst().orElseThrow();
    assertThat(memoryCgroup).contains("drover/").endsWith("/limited");
    Path memory = Path.of("/sys/fs/cgroup/memory" + memoryCgroup.substring(memoryCgroup.indexOf("/drover/")));
    assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).trim()).isEqualTo(Long.toString(64L << 20));
    Path cpu = Path.of(memory.toString().replace("/memory/", "/cpu/"));
    assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("50000");

    TaskStatus hog = framework.awaitState("hog", TaskState.TASK_FAILED);
    assertThat(hog.getReason()).isEqualTo(TaskReason.REASON_CONTAINER_LIMITATION_MEMORY);
    assertThat(hog.getMessage()).contains("64 MB");
    framework.call(d -> d.kill("limited"));
    framework.awaitState("limited", TaskState.TASK_KILLED);
    Await.until("the task's cgroup is removed", Duration.ofSeconds(30), () -> !Files.exists(memory));
  }

  @Test
  void limitsBeyondTheAllocationLetATaskUseMoreThanItAskedFor() throws Exception {
    assumeTrue(cgroups(), "cgroup limits are off on this machine");
    Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
    Resources asked = Resources.parse("cpus:0.5;mem:64");
    // the same 128 MB buffer that a 64 MB task may not hold, held by one whose limit is 256 MB
    framework.call(d -> d.accept(List.of(offer.getId()), List.of(
      TaskInfo.command("roomy", offer.getAgentId(), asked, "sleep 600")
        .withLimits(new ResourceLimits(ResourceLimits.UNLIMITED, 256.0)),
      TaskInfo.command("roomy-hog", offer.getAgentId(), asked, "dd if=/dev/zero of=/dev/null bs=128M count=1")
        .withLimits(new ResourceLimits(null, 256.0))), new Filters(0)));

    long pid = framework.pid("roomy");
    String memoryCgroup = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")).stream()
      .filter(l -> l.split(":")[1].equals("memory")).map(l -> l.split(":")[2]).findFirst().orElseThrow();
    Path memory = Path.of("/sys/fs/cgroup/memory" + memoryCgroup.substring(memoryCgroup.indexOf("/drover/")));
    assertThat(Files.readString(memory.resolve("memory.limit_in_bytes")).trim()).isEqualTo(Long.toString(256L << 20));
    Path cpu = Path.of(memory.toString().replace("/memory/", "/cpu/"));
    assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us")).trim()).isEqualTo("-1");
    assertThat(Files.readString(cpu.resolve("cpu.shares")).trim()).isEqualTo("512");

    framework.awaitState("roomy-hog", TaskState.TASK_FINISHED);
    framework.call(d -> d.kill("roomy"));
    framework.awaitState("roomy", TaskState.TASK_KILLED);
  }
}
