package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.it.fixture.MesosHttpScheduler.Reply;
import io.drover.it.fixture.TaskProcesses;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A framework written as for Mesos (its classes, the JDK's HTTP client, the v1 scheduler API) on a
 * real cluster of two masters, an agent and Marathon: it subscribes, launches three command tasks,
 * acknowledges every update, kills one, reconciles, fails over, follows a killed leader to the new
 * one with its task still running as the same process, and tears down; Marathon's app runs beside
 * it all along, in the same DRF order.
 */
class MesosSchedulerApiIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aMesosHttpFrameworkRunsBesideMarathon() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("mesos-scheduler-api")) {
      cluster.master("master-1");
      cluster.master("master-2");
      cluster.agent("agent-1", "cpus:4;mem:2048;disk:1000;ports:[31000-31099]");
      cluster.awaitActiveAgents(1);
      MarathonClient marathon = cluster.leadingMarathon("marathon");
      // sleeps long enough, and by their length each process is found
      long unique = ThreadLocalRandom.current().nextLong(10_000, 99_999);
      String appSleep = "8" + unique;
      String survivorSleep = "9" + unique;
      marathon.expect(201, "POST", "/v2/apps", MarathonApps.app("/beside", "sleep " + appSleep, 1));

      DroverProcess leader = cluster.leader().orElseThrow();
      DroverProcess standby = cluster.masters().stream().filter(m -> m != leader).findFirst().orElseThrow();
      Protos.FrameworkInfo.Builder info = Protos.FrameworkInfo.newBuilder().setUser("nobody").setName("mesos-http-it")
        .setFailoverTimeout(600);
      try (MesosHttpScheduler framework = new MesosHttpScheduler(info, MediaType.JSON)) {
        // a standby sends the framework to the leader, as Mesos does
        Event subscribed = framework.subscribe(standby.url("master"));
        String frameworkId = framework.frameworkId();
        assertThat(subscribed.getSubscribed().getHeartbeatIntervalSeconds()).isPositive();
        assertThat(subscribed.getSubscribed().getMasterInfo().getId())
          .isEqualTo(cluster.leaderState().getJsonObject("leader_info").getString("master_id"));

        // three command tasks in one ACCEPT
        Protos.Offer offer = framework.awaitOffer(0.3, 96, 0);
        Reply accepted = framework.call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
          .addOfferIds(offer.getId())
          .addOperations(launch(offer, task(offer, "short", "echo done"), checked(task(offer, "doomed", "sleep 600")),
            task(offer, "survivor", "sleep " + survivorSleep)))
          .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0))));
        assertThat(accepted.status()).isEqualTo(202);
        framework.declineOffers();
        framework.awaitUpdate("short", TaskState.TASK_RUNNING);
        Protos.TaskStatus finished = framework.awaitUpdate("short", TaskState.TASK_FINISHED);
        assertThat(finished.getSource()).isNotEqualTo(Protos.TaskStatus.Source.SOURCE_MASTER);
        assertThat(finished.getAgentId()).isEqualTo(offer.getAgentId());
        assertThat(finished.getUuid().size()).isEqualTo(16);
        framework.awaitUpdate("doomed", TaskState.TASK_RUNNING);
        // its check only reports, as Mesos's does: what the command exited with, the task untouched
        Event checked = framework.awaitEvent("the doomed task's check status", 0, e -> e.getType() == Event.Type.UPDATE
          && e.getUpdate().getStatus().getTaskId().getValue().equals("doomed")
          && e.getUpdate().getStatus().getCheckStatus().getCommand().hasExitCode());
        assertThat(checked.getUpdate().getStatus().getReason())
          .isEqualTo(Protos.TaskStatus.Reason.REASON_TASK_CHECK_STATUS_UPDATED);
        assertThat(checked.getUpdate().getStatus().getCheckStatus().getCommand().getExitCode()).isEqualTo(3);
        assertThat(checked.getUpdate().getStatus().getState()).isEqualTo(TaskState.TASK_RUNNING);
        Protos.TaskStatus running = framework.awaitUpdate("survivor", TaskState.TASK_RUNNING);
        assertThat(running.getContainerStatus().getNetworkInfos(0).getIpAddresses(0).getIpAddress()).isNotEmpty();
        // RUNNING may come before the task's shell has started its sleep
        long pid = Await.value("the survivor's process", WAIT, () -> TaskProcesses.sleeping(survivorSleep).stream()
          .findFirst().map(p -> p.pid()).orElse(null));
        Await.until("every update that asks for it is acknowledged", WAIT, () -> framework.acknowledged()
          == framework.events().stream().filter(e -> e.getType() == Event.Type.UPDATE
            && e.getUpdate().getStatus().hasUuid()).count());

        // Marathon and the HTTP framework share the agent under one allocator
        JsonObject state = cluster.leaderState();
        assertThat(state.getJsonArray("frameworks").stream().map(JsonObject.class::cast)
          .map(f -> f.getString("name"))).contains("mesos-http-it", "marathon");
        Await.until("Marathon's app runs beside it", WAIT, () -> TaskProcesses.sleeping(appSleep).size() == 1);

        // KILL: TASK_KILLED
        assertThat(framework.call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
          .setTaskId(Protos.TaskID.newBuilder().setValue("doomed")))).status()).isEqualTo(202);
        framework.awaitUpdate("doomed", TaskState.TASK_KILLED);

        // explicit reconciliation answers the latest state, with Mesos's reason
        int from = framework.events().size();
        assertThat(framework.call(Call.newBuilder().setType(Call.Type.RECONCILE).setReconcile(Call.Reconcile
          .newBuilder().addTasks(Call.Reconcile.Task.newBuilder().setTaskId(Protos.TaskID.newBuilder()
            .setValue("survivor"))))).status()).isEqualTo(202);
        Protos.TaskStatus reconciled = framework.awaitUpdate("survivor", TaskState.TASK_RUNNING, from);
        assertThat(reconciled.getReason()).isEqualTo(Protos.TaskStatus.Reason.REASON_RECONCILIATION);
        assertThat(reconciled.hasUuid()).isFalse();

        refusals(framework, offer);

        // failover of the framework: a new instance (speaking protobuf) subscribes with its id while the
        // old one is still connected; the master closes the old stream and refuses its id
        String oldStream = framework.streamId();
        try (MesosHttpScheduler restarted = new MesosHttpScheduler(info.setId(Protos.FrameworkID.newBuilder()
          .setValue(frameworkId)), MediaType.PROTOBUF)) {
          restarted.declineOffers();
          restarted.subscribe(cluster.leaderUrl().orElseThrow());
          Await.until("the master closes the old instance's stream", WAIT, framework::streamEnded);
          assertThat(restarted.frameworkId()).isEqualTo(frameworkId);
          assertThat(restarted.streamId()).isNotEqualTo(oldStream);
          assertThat(restarted.call(Call.newBuilder().setType(Call.Type.REVIVE)
            .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(frameworkId)).build(), oldStream).status())
            .isEqualTo(400);
          restarted.reconcileUntil("survivor", TaskState.TASK_RUNNING);

          // kill -9 of the leader: the stream ends, the framework finds the new leader and comes back
          leader.kill9();
          Await.until("the event stream ends with its master", WAIT, restarted::streamEnded);
          String newLeader = Await.value("the standby leads", WAIT, () -> cluster.leaderUrl().orElse(null));
          assertThat(newLeader).isEqualTo(standby.url("master"));
          Await.until("the agent is back with the new leader", WAIT,
            () -> cluster.leaderState().getInteger("activated_slaves") == 1);
          restarted.subscribe(standby.url("master"));
          restarted.reconcileUntil("survivor", TaskState.TASK_RUNNING);
          assertThat(TaskProcesses.sleeping(survivorSleep)).extracting(ProcessHandle::pid).containsExactly(pid);

          // TEARDOWN: the framework and its tasks are gone, Marathon's app is not
          assertThat(restarted.call(Call.newBuilder().setType(Call.Type.TEARDOWN)).status()).isEqualTo(202);
          Await.until("the torn-down framework's task is killed", WAIT,
            () -> TaskProcesses.sleeping(survivorSleep).isEmpty());
          Await.until("the stream of the torn-down framework ends", WAIT, restarted::streamEnded);
          assertThat(TaskProcesses.sleeping(appSleep)).hasSize(1);
        }
      }
    }
  }

  /** Malformed and misdirected calls are refused as Mesos refuses them, and change nothing. */
  private static void refusals(MesosHttpScheduler framework, Protos.Offer usedOffer) {
    Protos.FrameworkID id = Protos.FrameworkID.newBuilder().setValue(framework.frameworkId()).build();
    Call revive = Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(id).build();
    assertThat(framework.call(revive, null).status()).isEqualTo(400);
    assertThat(framework.call(revive, "not-the-stream").status()).isEqualTo(400);
    Reply other = framework.call(revive.toBuilder().setFrameworkId(Protos.FrameworkID.newBuilder()
      .setValue("somebody-else")).build(), framework.streamId());
    assertThat(other.status()).isEqualTo(403);
    assertThat(new JsonObject(other.body()).getString("message")).isEqualTo("Framework is not subscribed");
    Reply malformed = framework.raw("{\"type\": \"REVIVE\", \"framework_id\": ", "application/json");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(new JsonObject(malformed.body()).getString("message")).startsWith("Failed to parse body into Call");
    assertThat(framework.raw("{}", "text/plain").status()).isEqualTo(415);
    assertThat(framework.raw("{\"type\": \"KILL\", \"framework_id\": {\"value\": \"" + id.getValue() + "\"}}",
      "application/json").status()).isEqualTo(400);

    // an ACCEPT of a used offer is still 202: its task comes back TASK_LOST, as in Mesos
    int from = framework.events().size();
    assertThat(framework.call(Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()
      .addOfferIds(usedOffer.getId()).addOperations(launch(usedOffer, task(usedOffer, "late", "true"))))).status())
      .isEqualTo(202);
    Protos.TaskStatus lost = framework.awaitUpdate("late", TaskState.TASK_LOST, from);
    assertThat(lost.getReason()).isEqualTo(Protos.TaskStatus.Reason.REASON_INVALID_OFFERS);
    assertThat(lost.getSource()).isEqualTo(Protos.TaskStatus.Source.SOURCE_MASTER);

    // a kill of a task the master does not know is answered with an update
    assertThat(framework.call(Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder()
      .setTaskId(Protos.TaskID.newBuilder().setValue("never-launched")))).status()).isEqualTo(202);
    framework.awaitUpdate("never-launched", TaskState.TASK_LOST, from);
  }

  private static Protos.Offer.Operation launch(Protos.Offer offer, Protos.TaskInfo... tasks) {
    return Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
      .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))).build();
  }

  private static Protos.TaskInfo task(Protos.Offer offer, String id, String command) {
    return Protos.TaskInfo.newBuilder().setName(id).setTaskId(Protos.TaskID.newBuilder().setValue(id))
      .setAgentId(offer.getAgentId())
      .addResources(scalar("cpus", 0.1)).addResources(scalar("mem", 32))
      .setCommand(Protos.CommandInfo.newBuilder().setValue(command)).build();
  }

  /** The task with a Mesos check: a command that exits 3 every second. */
  private static Protos.TaskInfo checked(Protos.TaskInfo task) {
    return task.toBuilder().setCheck(Protos.CheckInfo.newBuilder().setType(Protos.CheckInfo.Type.COMMAND)
      .setCommand(Protos.CheckInfo.Command.newBuilder().setCommand(Protos.CommandInfo.newBuilder().setValue("exit 3")))
      .setDelaySeconds(0).setIntervalSeconds(1)).build();
  }

    private static Protos.Resource scalar(String name, double value) {
    return Protos.Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(value)).build();
  }
}
