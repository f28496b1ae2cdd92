package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.TaskProcesses;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.ContainerInfo;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nothing a task started outlives it (issue 24): a child that daemonizes into a session of its own
 * escapes the task's process group, but not its cgroup, which is the boundary the agent kills by,
 * when the app is deleted and when an agent's leftovers are cleaned up after a {@code kill -9}; and
 * an agent halted right after a spawn or a container create (a fault hook) leaves nothing untracked.
 */
class LeftoversIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String RESOURCES = "cpus:2;mem:1024;disk:1000;ports:[31000-31099]";

  @Test
  void aDaemonizedChildEndsWithItsTaskAndWithACleanedUpAgent() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("leftovers")) {
      cluster.master("master");
      DroverProcess agent = cluster.agent("agent", RESOURCES);
      cluster.awaitActiveAgents(1);
      assumeTrue(cgroups(agent), "cgroups are off on this machine");
      MarathonClient marathon = cluster.leadingMarathon("marathon");

      // deleting the app ends the task and the child it daemonized
      String[] first = markers();
      marathon.expect(201, "POST", "/v2/apps", MarathonApps.app("/daemonizing", daemonizing(first), 1));
      Await.until("the task and its daemon run", WAIT, () -> running(first));
      Await.until("the app's deployment is done", WAIT,
        () -> marathon.send("GET", "/v2/deployments", null).body().strip().equals("[]"));
      marathon.expect(200, "DELETE", "/v2/apps/daemonizing", null);
      Await.until("neither the task nor its daemon is left", WAIT, () -> gone(first));

      // after a kill -9 of the agent, --recover cleanup ends what the old agent's tasks left (a
      // framework that does not launch again, unlike Marathon, so that nothing new runs the same sleeps)
      String[] second = markers();
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "leftovers")) {
        Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 0.5);
        framework.call(d -> d.accept(List.of(offer.getId()), List.of(TaskInfo.command("orphan", offer.getAgentId(),
          Resources.parse("cpus:0.1;mem:32"), daemonizing(second))), new Filters(0)));
        Await.until("the second task and its daemon run", WAIT, () -> running(second));
        agent.kill9();
        assertThat(running(second)).as("a kill -9 of the agent leaves its tasks running").isTrue();
        DroverProcess cleaned = cluster.agent("agent", RESOURCES, "--recover", "cleanup");
        Await.until("the new agent ended the old one's task and daemon", WAIT, () -> gone(second));
        // the process answers before its agent is up (the cleanup comes first): until then its state lists no agent
        JsonArray tasks = Await.value("the new agent's state", WAIT,
          () -> Http.json(cleaned.url("agent") + "/state").getJsonArray("tasks"));
        assertThat(tasks).isEmpty();
      }
    }
  }

  @Test
  void aKill9RightAfterTheSpawnLeavesNoOrphan() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("crash-after-spawn")) {
      cluster.master("master");
      DroverProcess agent = cluster.agent("agent", RESOURCES, "--fault-crash-at", "after-spawn");
      cluster.awaitActiveAgents(1);
      assumeTrue(cgroups(agent), "cgroups are off on this machine");
      String[] marker = markers();
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "crash-after-spawn")) {
        Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 0.5);
        framework.call(d -> d.accept(List.of(offer.getId()), List.of(TaskInfo.command("spawned", offer.getAgentId(),
          Resources.parse("cpus:0.1;mem:32"), "exec sleep " + marker[0])), new Filters(0)));
        // the agent halts with the process started and its pid not recorded
        Await.until("the agent halted", WAIT, () -> !agent.isAlive());
        Await.until("the task's process runs, untracked", WAIT, () -> TaskProcesses.sleeping(marker[0]).size() == 1);

        cluster.restart(agent);
        assertThat(framework.awaitState("spawned", TaskState.TASK_FAILED).getReason())
          .isEqualTo(TaskReason.REASON_EXECUTOR_TERMINATED);
        Await.until("the untracked process is gone", WAIT, () -> TaskProcesses.sleeping(marker[0]).isEmpty());
      }
    }
  }

  @Test
  void aKill9RightAfterTheContainerIsCreatedLeavesNoContainer() throws Exception {
    Docker.require();
    try (ClusterFixture cluster = new ClusterFixture("crash-after-create")) {
      cluster.master("master");
      DroverProcess agent = cluster.agent("agent", RESOURCES, "--fault-crash-at", "after-container-create");
      cluster.awaitActiveAgents(1);
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "crash-after-create")) {
        Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 0.5);
        framework.call(d -> d.accept(List.of(offer.getId()), List.of(TaskInfo.docker("boxed", offer.getAgentId(),
          Resources.parse("cpus:0.1;mem:32"), ContainerInfo.docker(Docker.IMAGE), "sleep 600")), new Filters(0)));
        Await.until("the agent halted", WAIT, () -> !agent.isAlive());
        String agentId = offer.getAgentId();
        Await.until("its container exists, unrecorded", WAIT, () -> !containersOf(agentId).isEmpty());

        cluster.restart(agent);
        assertThat(framework.awaitState("boxed", TaskState.TASK_FAILED).getMessage())
          .contains("before it started the container");
        Await.until("the container is removed", WAIT, () -> containersOf(agentId).isEmpty());
      }
    }
  }

  private static boolean cgroups(DroverProcess agent) {
    boolean on = Http.json(agent.url("agent") + "/state").getJsonObject("isolation").getBoolean("cgroups");
    if (!on) {
      System.out.println("SKIPPED: LeftoversIT needs the agent's cgroups (run as root on cgroup v1)");
    }
    return on;
  }

  private static String containersOf(String agentId) {
    return Docker.containers("label=drover.agent=" + agentId);
  }

  /** Two sleeps no other test runs: the task's own, and its daemon's. */
  private static String[] markers() {
    int unique = ThreadLocalRandom.current().nextInt(10_000, 99_999);
    return new String[] {"61" + unique, "62" + unique};
  }

  /**
   * A task whose child daemonizes: it leaves the task's session and process group, and its parent
   * exits, so it is not even a descendant of the task's process any more.
   */
  private static String daemonizing(String[] markers) {
    return "(setsid sleep " + markers[1] + " < /dev/null > /dev/null 2>&1 &); exec sleep " + markers[0];
  }

  private static boolean running(String[] markers) {
    return TaskProcesses.sleeping(markers[0]).size() == 1 && TaskProcesses.sleeping(markers[1]).size() == 1;
  }

  private static boolean gone(String[] markers) {
    return TaskProcesses.sleeping(markers[0]).isEmpty() && TaskProcesses.sleeping(markers[1]).isEmpty();
  }
}
