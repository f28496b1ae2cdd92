package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
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

/** Many command tasks at once on one agent, and the cgroup limits they run in. */
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
}
