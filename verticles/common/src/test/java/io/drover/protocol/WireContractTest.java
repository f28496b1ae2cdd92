package io.drover.protocol;

import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class WireContractTest {

  static final TaskInfo TASK = TaskInfo.command("t", "a1", Resources.parse("cpus:1;mem:10"), "true")
    .withFrameworkId("fw");

  /** What goes on the wire reads back to the same message. */
  static <T> void roundTrips(JsonObject wire, Function<JsonObject, T> read, Function<T, JsonObject> write) {
    assertThat(write.apply(read.apply(wire))).isEqualTo(wire);
  }

  @Test
  void anOfferKeepsItsReservationsWhenItCarriesAMaintenanceWindow() {
    Offer offer = new Offer("o1", "fw", "db", "a1", "h", Resources.parse("cpus:3"), Resources.parse("cpus:2"),
      Resources.parse("cpus:1"), Attributes.EMPTY).withUnavailability(new Unavailability(5_000_000_000L, null));

    assertThat(offer.reserved()).isEqualTo(Resources.parse("cpus:2"));
    assertThat(offer.dynamic()).isEqualTo(Resources.parse("cpus:1"));
    roundTrips(offer.toJson(), Offer::new, Offer::toJson);
  }

  @Test
  void everyBodyReadsBackAsItWasSent() {
    roundTrips(new AgentNotice("a1").toJson(), AgentNotice::new, AgentNotice::toJson);
    roundTrips(new LaunchTasks("a1", List.of(TASK, TASK.withFrameworkId("fw")), FrameworkInfo.named("f").withId("fw"))
      .toJson(), LaunchTasks::new, LaunchTasks::toJson);
    roundTrips(new StatusUpdates(List.of(TaskStatus.fromAgent(TASK, TaskState.TASK_STARTING, null, null),
      TaskStatus.fromAgent(TASK, TaskState.TASK_RUNNING, null, "pid 1"))).toJson(), StatusUpdates::new,
      StatusUpdates::toJson);
    roundTrips(new AcknowledgeUpdates(List.of(new AcknowledgeUpdate("a1", "fw", "t", "u1"),
      new AcknowledgeUpdate("a2", "fw", "t2", "u2"))).toJson(), AcknowledgeUpdates::new, AcknowledgeUpdates::toJson);
    roundTrips(new KillTask("a1", "fw", "t").toJson(), KillTask::new, KillTask::toJson);
    roundTrips(new AcknowledgeUpdate("a1", "fw", "t", "u1").toJson(), AcknowledgeUpdate::new,
      AcknowledgeUpdate::toJson);
    roundTrips(new ShutdownFramework("a1", "fw").toJson(), ShutdownFramework::new, ShutdownFramework::toJson);
    roundTrips(new AgentHeartbeat("n1", List.of("a1", "a2")).toJson(), AgentHeartbeat::new, AgentHeartbeat::toJson);
    roundTrips(new ResourceOffers(List.of(new Offer("o1", "fw", "eng", "a1", "h", Resources.parse("cpus:1"),
      Attributes.EMPTY))).toJson(), ResourceOffers::new, ResourceOffers::toJson);
    roundTrips(new OfferRescinded("o1", OfferRescinded.NOT_CONFIRMED).toJson(), OfferRescinded::new,
      OfferRescinded::toJson);
    roundTrips(new FrameworkError("torn down").toJson(), FrameworkError::new, FrameworkError::toJson);
    roundTrips(new KnownTask(TASK, TaskStatus.fromAgent(TASK, TaskState.TASK_RUNNING, null, null), "h", "rack:r1")
      .toJson(), KnownTask::new, KnownTask::toJson);
  }

  @Test
  void aTasksDiscoveryInfoTravelsInMesosShape() {
    TaskInfo task = TASK.withDiscovery(new DiscoveryInfo(DiscoveryInfo.FRAMEWORK, "web.prod",
      List.of(new DiscoveryInfo.Port(31000, "http", "tcp"), new DiscoveryInfo.Port(31001, null, "udp")),
      Map.of("zone", "a")));

    roundTrips(task.toJson(), TaskInfo::new, TaskInfo::toJson);
    JsonObject discovery = task.toJson().getJsonObject("discovery");
    assertThat(discovery.getJsonObject("ports").getJsonArray("ports").getJsonObject(0).getMap())
      .containsEntry("number", 31000).containsEntry("name", "http").containsEntry("protocol", "tcp");
    assertThat(discovery.getJsonObject("labels").getJsonArray("labels").getJsonObject(0).getString("key"))
      .isEqualTo("zone");
    assertThat(new TaskInfo(task.toJson()).withFrameworkId("fw2").getDiscovery()).isEqualTo(task.getDiscovery());
    assertThat(TASK.toJson().containsKey("discovery")).isFalse();
  }

  @Test
  void everyAgentCommandReadsItsOwnBodyAndAllButAcknowledgementsNameTheirAgent() {
    Object kill = AgentCommand.KILL.read(new KillTask("a1", "fw", "t").toJson());
    Object launch = AgentCommand.LAUNCH.read(new LaunchTasks("a1", List.of(TASK), FrameworkInfo.named("f")).toJson());
    Object acks = AgentCommand.ACKNOWLEDGE.read(new AcknowledgeUpdates(List.of(
      new AcknowledgeUpdate("a1", "fw", "t", "u1"))).toJson());

    assertThat(kill).isInstanceOf(KillTask.class);
    assertThat(((ForAgent) kill).getAgentId()).isEqualTo("a1");
    assertThat(launch).isInstanceOf(LaunchTasks.class);
    assertThat(((LaunchTasks) launch).getTasks()).extracting(TaskInfo::getTaskId).containsExactly("t");
    assertThat(((AcknowledgeUpdates) acks).getAcknowledgements()).extracting(AcknowledgeUpdate::getAgentId)
      .containsExactly("a1");
  }

  @Test
  void anAgentsRefusalsOfALaunchReadBackByTaskId() {
    assertThat(LaunchTasks.refusals(LaunchTasks.refusals(Map.of("t", "already runs")))).containsEntry("t", "already runs");
    assertThat(LaunchTasks.refusals(LaunchTasks.refusals(Map.of()))).isEmpty();
    assertThat(LaunchTasks.refusals((JsonObject) null)).isEmpty();
  }

  @Test
  void aLaunchTraceTravelsWithItsTaskAndItsRunningUpdateOnly() {
    LaunchTrace trace = LaunchTrace.EMPTY.at(LaunchTrace.Hop.POSTED, 1_000).at(LaunchTrace.Hop.MATCHED, 2_500);
    TaskInfo traced = TASK.withTrace(trace);
    TaskStatus running = TaskStatus.fromAgent(TASK, TaskState.TASK_RUNNING, null, null)
      .withTrace(trace.at(LaunchTrace.Hop.RUNNING_SENT, 9_000));

    roundTrips(traced.toJson(), TaskInfo::new, TaskInfo::toJson);
    assertThat(new TaskInfo(traced.toJson()).getTrace()).isEqualTo(trace);
    assertThat(traced.toJson().getJsonObject("trace").getMap()).containsExactly(Map.entry("posted", 1_000L),
      Map.entry("matched", 2_500L));
    assertThat(new TaskStatus(running.toJson()).getTrace().micros(LaunchTrace.Hop.RUNNING_SENT)).isEqualTo(9_000);
    // untraced messages carry no trace at all, and what the master keeps drops it
    assertThat(TASK.toJson().containsKey("trace")).isFalse();
    assertThat(traced.withTrace(LaunchTrace.EMPTY).toJson()).isEqualTo(TASK.toJson());
    assertThat(running.withTrace(LaunchTrace.EMPTY).toJson().containsKey("trace")).isFalse();
  }

  @Test
  void aReasonTravelsByItsMesosName() {
    TaskStatus failed = TaskStatus.fromAgent(TASK, TaskState.TASK_FAILED, TaskReason.REASON_CONTAINER_LAUNCH_FAILED, "404");

    assertThat(failed.toJson().getString("reason")).isEqualTo("REASON_CONTAINER_LAUNCH_FAILED");
    assertThat(new TaskStatus(failed.toJson()).getReason()).isEqualTo(TaskReason.REASON_CONTAINER_LAUNCH_FAILED);
    assertThat(new TaskStatus(TaskStatus.fromAgent(TASK, TaskState.TASK_RUNNING, null, null).toJson()).getReason())
      .isNull();
  }

  @Test
  void aPullConfigTravelsAsTheNameOfTheAgentsSecretInMesossShape() {
    ContainerInfo container = ContainerInfo.docker("registry.example:5000/app:1").withPullConfigSecret("registry/pull")
      .withTty(true);

    roundTrips(container.toJson(), ContainerInfo::new, ContainerInfo::toJson);
    assertThat(new ContainerInfo(container.toJson()).getPullConfigSecret()).isEqualTo("registry/pull");
    assertThat(container.toJson().getJsonObject("docker").getJsonObject("config")).isEqualTo(new JsonObject()
      .put("type", "REFERENCE").put("reference", new JsonObject().put("name", "registry/pull")));
    assertThat(ContainerInfo.docker("busybox").toJson().getJsonObject("docker").containsKey("config")).isFalse();
    assertThat(new ContainerInfo(ContainerInfo.docker("busybox").toJson()).getPullConfigSecret()).isNull();
  }

  @Test
  void aUserNetworkTravelsByNameAndItsContainersAddressStaysWithItsUpdates() {
    ContainerInfo container = ContainerInfo.docker("busybox").withNetwork(ContainerInfo.Network.USER, "backend",
      List.of(new ContainerInfo.PortMapping(31000, 80, "tcp")));
    roundTrips(container.toJson(), ContainerInfo::new, ContainerInfo::toJson);
    assertThat(new ContainerInfo(container.toJson()).getNetworkName()).isEqualTo("backend");
    // a name is kept for USER networks only
    assertThat(ContainerInfo.docker("busybox").withNetwork(ContainerInfo.Network.BRIDGE, "backend", List.of())
      .getNetworkName()).isNull();

    TaskStatus running = TaskStatus.fromAgent(TASK, TaskState.TASK_RUNNING, null, null).withContainerIps(List.of("172.18.0.2"));
    roundTrips(running.toJson(), TaskStatus::new, TaskStatus::toJson);
    assertThat(running.withHealth(true, "ok").getContainerIps()).containsExactly("172.18.0.2");
    assertThat(running.asReconciliation().getContainerIps()).containsExactly("172.18.0.2");
    assertThat(TaskStatus.fromAgent(TASK, TaskState.TASK_RUNNING, null, null).toJson().containsKey("container_ips"))
      .isFalse();
  }

  @Test
  void aTasksHealthCheckAndItsCheckAreTwoThingsAndBothTravelWithTheirFindings() {
    HealthCheck health = HealthCheck.of(HealthCheck.Type.COMMAND, "true", 0, "/");
    HealthCheck check = HealthCheck.of(HealthCheck.Type.HTTP, null, 1, "/ready");
    TaskInfo task = TASK.withCheck(check).withHealthCheck(health)
      .withSharedVolumes(List.of(new SharedVolume("data", "work/data")));

    roundTrips(task.toJson(), TaskInfo::new, TaskInfo::toJson);
    assertThat(new TaskInfo(task.toJson()).getCheck().getPath()).isEqualTo("/ready");
    assertThat(new TaskInfo(task.toJson()).getHealthCheck().getCommand()).isEqualTo("true");
    assertThat(TASK.withHealthCheck(health).getCheck()).as("a health check is no plain check").isNull();
    assertThat(new TaskInfo(task.toJson()).getSharedVolumes()).containsExactly(new SharedVolume("data", "work/data"));
    TaskStatus found = TaskStatus.fromAgent(TASK, TaskState.TASK_RUNNING, null, null).withHealth(true, "ok")
      .withCheckStatus(new CheckStatus(HealthCheck.Type.HTTP, null, 503, null));
    roundTrips(found.toJson(), TaskStatus::new, TaskStatus::toJson);
    assertThat(new TaskStatus(found.toJson()).getCheckStatus().statusCode()).isEqualTo(503);
    assertThat(found.getHealthy()).as("a check's finding keeps the health verdict").isTrue();
    assertThat(found.getReason()).isEqualTo(TaskReason.REASON_TASK_CHECK_STATUS_UPDATED);
  }
}
