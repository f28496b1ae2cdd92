package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.TaskProcesses;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nothing a task started outlives it (issue 24): a child that daemonizes into a session of its own
 * escapes the task's process group, but not its cgroup, which is the boundary the agent kills by,
 * when the app is deleted and when an agent's leftovers are cleaned up after a {@code kill -9}.
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
      boolean cgroups = Http.json(agent.url("agent") + "/state").getJsonObject("isolation").getBoolean("cgroups");
      if (!cgroups) {
        System.out.println("SKIPPED: LeftoversIT needs the agent's cgroups (run as root on cgroup v1)");
      }
      assumeTrue(cgroups, "cgroups are off on this machine");
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
        assertThat(Http.json(cleaned.url("agent") + "/state").getJsonArray("tasks")).isEmpty();
      }
    }
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
