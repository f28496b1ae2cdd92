package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of an agent with running command tasks, then a restart on the same work
 * directory: the tasks are the same processes (no relaunch), and a task that ended while the agent
 * was down is reported once, with its real exit status.
 */
class AgentRecoveryIT {

  static final Resources SMALL = Resources.parse("cpus:0.1;mem:32");

  @Test
  void aRestartedAgentTakesItsTasksBackAndReportsWhatEndedMeanwhile() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("agent-recovery")) {
      cluster.master("master");
      DroverProcess agent = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");
      cluster.awaitActiveAgents(1);
      Path release = cluster.root().resolve("release");

      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "recovery-it")) {
        Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL.plus(SMALL).plus(SMALL).plus(SMALL)));
        List<TaskInfo> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          tasks.add(TaskInfo.command("long-" + i, offer.getAgentId(), SMALL, "sleep 600"));
        }
        tasks.add(TaskInfo.command("ends-while-down", offer.getAgentId(), SMALL,
          "while [ ! -e " + release + " ]; do sleep 0.1; done; exit 3"));
        framework.call(d -> d.accept(List.of(offer.getId()), tasks, new Filters(0)));
        Map<String, Long> pids = tasks.stream().collect(Collectors.toMap(TaskInfo::getTaskId, t -> framework.pid(t.getTaskId())));

        agent.kill9();
        Files.writeString(release, "go");
        Await.until("the task ends while the agent is down", Duration.ofSeconds(30),
          () -> ProcessHandle.of(pids.get("ends-while-down")).map(p -> !p.isAlive()).orElse(true));
        DroverProcess restarted = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");

        TaskStatus failed = framework.awaitState("ends-while-down", TaskState.TASK_FAILED);
        assertThat(failed.getMessage()).contains("exited with status 3");
        for (int i = 1; i <= 3; i++) {
          String id = "long-" + i;
          assertThat(ProcessHandle.of(pids.get(id)).map(ProcessHandle::isAlive)).as(id).contains(true);
        }
        Await.until("the agent reports the three tasks running, unchanged", Duration.ofSeconds(60), () -> {
          JsonObject state = Http.json(restarted.url("agent") + "/state");
          return state.getJsonArray("tasks").stream().map(JsonObject.class::cast)
            .filter(t -> t.getString("id").startsWith("long-") && t.getString("state").equals("TASK_RUNNING"))
            .count() == 3 && state.getInteger("pending_status_updates") == 0;
        });
        for (int i = 1; i <= 3; i++) {
          // no relaunch: one start of each task, ever
          assertThat(framework.updates("long-" + i)).filteredOn(s -> s.getState() == TaskState.TASK_STARTING).hasSize(1);
        }
        assertThat(framework.updates("ends-while-down").stream().filter(s -> s.getState().isTerminal())
          .map(TaskStatus::getUuid).distinct()).hasSize(1);
      }
    }
  }

  @Test
  void aKillSentWhileTheAgentIsDownIsCarriedOutWhenItComesBack() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("agent-recovery-kill")) {
      cluster.master("master");
      DroverProcess agent = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");
      cluster.awaitActiveAgents(1);
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "recovery-kill-it")) {
        Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL));
        framework.call(d -> d.accept(List.of(offer.getId()),
          List.of(TaskInfo.command("doomed", offer.getAgentId(), SMALL, "sleep 600")), new Filters(0)));
        framework.awaitState("doomed", TaskState.TASK_RUNNING);
        long pid = framework.pid("doomed");

        agent.kill9();
        // the master still knows the agent's old process: the kill cannot reach it, and is kept (Mesos
        // answers a kill to a disconnected agent the same way)
        framework.call(d -> d.kill("doomed"));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");

        framework.awaitState("doomed", TaskState.TASK_KILLED);
        Await.until("the task's process is gone", Duration.ofSeconds(30),
          () -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
      }
    }
  }

  @Test
  void containersAndCommandsSurviveAnAgentRestartUntouched() throws Exception {
    Docker.require();
    try (ClusterFixture cluster = new ClusterFixture("agent-recovery-docker")) {
      cluster.master("master");
      DroverProcess agent = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");
      cluster.awaitActiveAgents(1);
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "recovery-docker-it")) {
        Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
        List<TaskInfo> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          tasks.add(TaskInfo.command("cmd-" + i, offer.getAgentId(), SMALL, "sleep 600"));
        }
        for (int i = 1; i <= 2; i++) {
          tasks.add(TaskInfo.docker("box-" + i, offer.getAgentId(), Resources.parse("cpus:0.1;mem:32"),
            io.drover.protocol.ContainerInfo.docker(Docker.IMAGE), "exec sleep 600"));
        }
        framework.call(d -> d.accept(List.of(offer.getId()), tasks, new Filters(0)));
        Map<String, String> before = tasks.stream().collect(Collectors.toMap(TaskInfo::getTaskId,
          t -> framework.awaitState(t.getTaskId(), TaskState.TASK_RUNNING).getMessage()));

        agent.kill9();
        DroverProcess restarted = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");

        Await.until("the agent reports all five tasks running", Duration.ofSeconds(60), () ->
          Http.json(restarted.url("agent") + "/state").getJsonArray("tasks").stream().map(JsonObject.class::cast)
            .filter(t -> t.getString("state").equals("TASK_RUNNING")).count() == 5);
        for (TaskInfo task : tasks) {
          String id = task.getTaskId();
          assertThat(framework.updates(id)).filteredOn(s -> s.getState() == TaskState.TASK_STARTING).hasSize(1);
          assertThat(framework.updates(id).stream().filter(s -> s.getState() == TaskState.TASK_RUNNING)
            .map(TaskStatus::getMessage).filter(m -> m != null && !m.equals(before.get(id))).toList())
            .as("a relaunch of " + id).isEmpty();
        }
        for (int i = 1; i <= 2; i++) {
          String container = before.get("box-" + i).replace("container ", "").trim();
          assertThat(Docker.command("inspect", "-f", "{{.State.Running}}", container).output().trim()).isEqualTo("true");
        }
        for (TaskInfo task : tasks) {
          framework.call(d -> d.kill(task.getTaskId()));
        }
        for (TaskInfo task : tasks) {
          framework.awaitState(task.getTaskId(), TaskState.TASK_KILLED);
        }
      }
    }
  }

  @Test
  void afterAHostRebootTheAgentStartsAsANewOneAndTheOldTasksAreGone() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("agent-reboot")) {
      cluster.master("master");
      DroverProcess agent = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");
      cluster.awaitActiveAgents(1);
      String oldId = Http.json(agent.url("agent") + "/state").getString("id");
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "reboot-it")) {
        Offer offer = framework.takeOffer(o -> o.resources().contains(SMALL));
        framework.call(d -> d.accept(List.of(offer.getId()),
          List.of(TaskInfo.command("doomed", offer.getAgentId(), SMALL, "sleep 600")), new Filters(0)));
        long pid = framework.pid("doomed");

        // what a reboot does to the agent: its processes die and the kernel's boot id changes
        agent.kill9();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Files.writeString(cluster.root().resolve("agent/agents/0/boot.id"), "an-earlier-boot\n");
        DroverProcess rebooted = cluster.agent("agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]");

        String newId = Await.value("the agent's new id", Duration.ofSeconds(60),
          () -> Http.json(rebooted.url("agent") + "/state").getString("id"));
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(framework.awaitState("doomed", TaskState.TASK_GONE).getMessage()).contains("replaced by agent " + newId);
        Await.until("the master knows only the new agent", Duration.ofSeconds(60), () ->
          cluster.leaderState().getJsonArray("slaves").stream().map(a -> ((JsonObject) a).getString("id")).toList()
            .equals(List.of(newId)));
      }
    }
  }
}
