package io.drover.master.mesos;

import com.google.protobuf.ByteString;
import io.drover.mesos.MediaType;
import io.drover.mesos.MesosResources;
import io.drover.mesos.MesosUuids;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.Offer;
import io.drover.protocol.PersistentVolume;
import io.drover.protocol.SharedVolume;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.RangeSet;
import io.drover.resources.Resources;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MesosTranslationTest {

  private static final Resources RESOURCES = Resources.of(0.5, 64, 10, RangeSet.between(31000, 31001));

  @ParameterizedTest
  @EnumSource(TaskReason.class)
  void everyReasonIsOneOfMesos(TaskReason reason) {
    assertThat(Protos.TaskStatus.Reason.valueOf(reason.name())).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(TaskState.class)
  void everyStateIsOneOfMesos(TaskState state) {
    assertThat(Protos.TaskState.valueOf(state.name())).isNotNull();
  }

  @Test
  void anOfferReadsAsMesosWritesIt() throws Exception {
    Offer offer = new Offer("o1", "fw", "eng/web", "a1", "host-1", RESOURCES, Attributes.parse("rack:r1;level:2;slots:[1-4]"));

    String json = new String(MediaType.JSON.encode(MesosEvents.offers(List.of(offer))));
    Event read = MediaType.JSON.decodeStrictly(json.getBytes(), Event.newBuilder()).build();

    assertThat(json).contains("\"begin\":31000").contains("\"type\":\"OFFERS\"");
    Protos.Offer mesos = read.getOffers().getOffers(0);
    assertThat(mesos.getId().getValue()).isEqualTo("o1");
    assertThat(mesos.getAgentId().getValue()).isEqualTo("a1");
    assertThat(mesos.getHostname()).isEqualTo("host-1");
    assertThat(mesos.getResourcesList()).extracting(Protos.Resource::getName)
      .containsExactlyInAnyOrder("cpus", "mem", "disk", "ports");
    Protos.Resource cpus = mesos.getResourcesList().stream().filter(r -> r.getName().equals("cpus")).findFirst()
      .orElseThrow();
    assertThat(cpus.getType()).isEqualTo(Protos.Value.Type.SCALAR);
    assertThat(cpus.getScalar().getValue()).isEqualTo(0.5);
    // unreserved, allocated to the role the offer was made for
    assertThat(cpus.getRole()).isEqualTo("*");
    assertThat(cpus.getAllocationInfo().getRole()).isEqualTo("eng/web");
    assertThat(mesos.getAllocationInfo().getRole()).isEqualTo("eng/web");
    assertThat(mesos.getAttributesList()).extracting(Protos.Attribute::getType)
      .containsExactly(Protos.Value.Type.TEXT, Protos.Value.Type.SCALAR, Protos.Value.Type.RANGES);
    assertThat(MesosResources.fromProto(mesos.getResourcesList().stream()
      .map(r -> r.toBuilder().clearAllocationInfo().build()).toList())).isEqualTo(RESOURCES);
  }

  @Test
  void aShellTaskBecomesADroverTask() {
    Protos.TaskInfo task = task().setCommand(Protos.CommandInfo.newBuilder().setValue("echo hi")
        .setEnvironment(Protos.Environment.newBuilder().addVariables(Protos.Environment.Variable.newBuilder()
          .setName("GREETING").setValue("hi")))
        .addUris(Protos.CommandInfo.URI.newBuilder().setValue("http://x/app.tgz").setOutputFile("app.tgz")))
      .setLabels(Protos.Labels.newBuilder().addLabels(Protos.Label.newBuilder().setKey("team").setValue("a")))
      .setKillPolicy(Protos.KillPolicy.newBuilder().setGracePeriod(Protos.DurationInfo.newBuilder()
        .setNanoseconds(7_000_000_000L)))
      .setHealthCheck(Protos.HealthCheck.newBuilder().setType(Protos.HealthCheck.Type.HTTP)
        .setHttp(Protos.HealthCheck.HTTPCheckInfo.newBuilder().setPort(31001).setPath("/ping")))
      .build();

    MesosTasks.Translated translated = MesosTasks.fromProto(task, "fw");

    assertThat(translated.problem()).isNull();
    TaskInfo drover = translated.task();
    assertThat(drover.getTaskId()).isEqualTo("t1");
    assertThat(drover.getFrameworkId()).isEqualTo("fw");
    assertThat(drover.getAgentId()).isEqualTo("a1");
    assertThat(drover.resources()).isEqualTo(RESOURCES);
    assertThat(drover.getCommand().isShell()).isTrue();
    assertThat(drover.getCommand().getValue()).isEqualTo("echo hi");
    assertThat(drover.getCommand().getEnvironment()).isEqualTo(Map.of("GREETING", "hi"));
    assertThat(drover.getCommand().getUris()).singleElement()
      .satisfies(uri -> assertThat(uri.outputFile()).isEqualTo("app.tgz"))
      .satisfies(uri -> assertThat(uri.extract()).isTrue());
    assertThat(drover.getLabels()).isEqualTo(Map.of("team", "a"));
    assertThat(drover.getKillGracePeriodSeconds()).isEqualTo(7.0);
    assertThat(drover.getHealthCheck().getType()).isEqualTo(HealthCheck.Type.HTTP);
    assertThat(drover.getHealthCheck().getPortIndex()).isEqualTo(1);
    assertThat(drover.getHealthCheck().getPath()).isEqualTo("/ping");
    assertThat(drover.getHealthCheck().getDelaySeconds()).isEqualTo(15.0);
  }

  @Test
  void aTasksDiscoveryIsKeptForMesosDns() {
    Protos.TaskInfo task = task().setCommand(Protos.CommandInfo.newBuilder().setValue("serve"))
      .setDiscovery(Protos.DiscoveryInfo.newBuilder().setVisibility(Protos.DiscoveryInfo.Visibility.FRAMEWORK)
        .setName("web").setPorts(Protos.Ports.newBuilder().addPorts(Protos.Port.newBuilder().setNumber(31000)
          .setName("http").setProtocol("tcp"))))
      .build();

    TaskInfo drover = MesosTasks.fromProto(task, "fw").task();
    Protos.Task listed = MesosTasks.toProto(drover, TaskStatus.fromAgent(drover, TaskState.TASK_RUNNING, null, null),
      agent -> Optional.empty());

    assertThat(drover.getDiscovery().name()).isEqualTo("web");
    assertThat(listed.getDiscovery()).isEqualTo(task.getDiscovery().toBuilder().setLabels(Protos.Labels.getDefaultInstance())
      .build());
  }

  @Test
  void aNonShellCommandExecutesItsValueWithTheArgumentsAfterArgvZero() {
    Protos.TaskInfo task = task().setCommand(Protos.CommandInfo.newBuilder().setShell(false).setValue("/bin/sleep")
      .addArguments("sleep").addArguments("30")).build();

    assertThat(MesosTasks.fromProto(task, "fw").task().getCommand().getArguments())
      .containsExactly("/bin/sleep", "30");
  }

  @Test
  void aTaskOfTheFrameworksExecutorCarriesTheExecutorAndItsData() {
    Protos.ExecutorInfo executor = Protos.ExecutorInfo.newBuilder()
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue("e"))
      .setCommand(Protos.CommandInfo.newBuilder().setValue("python3 executor.py"))
      .addResources(Protos.Resource.newBuilder().setName("mem").setType(Protos.Value.Type.SCALAR)
        .setScalar(Protos.Value.Scalar.newBuilder().setValue(64))).build();

    TaskInfo task = MesosTasks.fromProto(task().setExecutor(executor)
      .setData(com.google.protobuf.ByteString.copyFromUtf8("job")).build(), "fw").task();

    assertThat(task.getExecutor().getExecutorId()).isEqualTo("e");
    assertThat(task.getExecutor().getType()).isEqualTo(ExecutorInfo.Type.CUSTOM);
    assertThat(task.getExecutor().getCommand().getValue()).isEqualTo("python3 executor.py");
    assertThat(task.getExecutor().resources().mem()).isEqualTo(64.0);
    assertThat(task.getCommand()).isNull();
    assertThat(new String(java.util.Base64.getDecoder().decode(task.getData()))).isEqualTo("job");
    assertThat(task.getGroup()).isNull();
  }

  @Test
  void aTaskGroupIsOneGroupOfTheGroupsExecutorAndOneBadTaskNamesItself() {
    Protos.ExecutorInfo executor = Protos.ExecutorInfo.newBuilder().setType(Protos.ExecutorInfo.Type.DEFAULT)
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue("pod")).build();
    Protos.TaskGroupInfo group = Protos.TaskGroupInfo.newBuilder()
      .addTasks(task().setTaskId(Protos.TaskID.newBuilder().setValue("a"))
        .setCommand(Protos.CommandInfo.newBuilder().setValue("sleep 1")))
      .addTasks(task().setTaskId(Protos.TaskID.newBuilder().setValue("b")).setExecutor(executor)).build();

    List<MesosTasks.Translated> translated = MesosTasks.fromProto(executor, group, "fw");

    assertThat(translated.get(0).task().getGroup()).isEqualTo("a");
    assertThat(translated.get(0).task().getExecutor().getType()).isEqualTo(ExecutorInfo.Type.DEFAULT);
    assertThat(translated.get(1).problem()).contains("a task of a group names no executor");
  }

  @Test
  void aGroupsTasksInMesosContainersWithoutAnImageShareTheExecutorsSandboxVolumes() {
    Protos.Volume.Source.Builder parent = Protos.Volume.Source.newBuilder().setType(Protos.Volume.Source.Type.SANDBOX_PATH)
      .setSandboxPath(Protos.Volume.Source.SandboxPath.newBuilder()
        .setType(Protos.Volume.Source.SandboxPath.Type.PARENT).setPath("volumes/data"));
    Protos.ContainerInfo.Builder container = Protos.ContainerInfo.newBuilder().setType(Protos.ContainerInfo.Type.MESOS)
      .addVolumes(Protos.Volume.newBuilder().setContainerPath("data").setMode(Protos.Volume.Mode.RW).setSource(parent));
    // as Marathon sends a pod: the executor's MESOS container holds the group's volumes
    Protos.ExecutorInfo executor = Protos.ExecutorInfo.newBuilder().setType(Protos.ExecutorInfo.Type.DEFAULT)
      .setExecutorId(Protos.ExecutorID.newBuilder().setValue("pod"))
      .setContainer(Protos.ContainerInfo.newBuilder().setType(Protos.ContainerInfo.Type.MESOS)).build();
    Protos.TaskGroupInfo group = Protos.TaskGroupInfo.newBuilder()
      .addTasks(task().setTaskId(Protos.TaskID.newBuilder().setValue("a"))
        .setCommand(Protos.CommandInfo.newBuilder().setValue("sleep 1")).setContainer(container))
      .addTasks(task().setTaskId(Protos.TaskID.newBuilder().setValue("b"))
        .setCommand(Protos.CommandInfo.newBuilder().setValue("sleep 1")).setContainer(container.clone()
          .setVolumes(0, container.getVolumes(0).toBuilder().setSource(parent.clone()
            .setSandboxPath(parent.getSandboxPath().toBuilder().setPath("elsewhere")))))).build();

    List<MesosTasks.Translated> translated = MesosTasks.fromProto(executor, group, "fw");

    assertThat(translated.get(0).task().getContainer()).isNull();
    assertThat(translated.get(0).task().getSharedVolumes()).containsExactly(new SharedVolume("data", "data"));
    assertThat(translated.get(1).problem()).contains("SANDBOX_PATH volumes of type PARENT");
  }

  @Test
  void whatDroverCannotRunIsNamed() {
    Protos.CommandInfo command = Protos.CommandInfo.newBuilder().setValue("true").build();
    assertThat(MesosTasks.fromProto(task().build(), "fw").problem()).contains("neither a command nor a container");
    assertThat(MesosTasks.fromProto(task().setCommand(command).setContainer(Protos.ContainerInfo.newBuilder()
      .setType(Protos.ContainerInfo.Type.MESOS)).build(), "fw").problem()).contains("only DOCKER");
    assertThat(MesosTasks.fromProto(task().setCommand(Protos.CommandInfo.newBuilder().setValue("true")
      .setEnvironment(Protos.Environment.newBuilder().addVariables(Protos.Environment.Variable.newBuilder()
        .setName("S").setType(Protos.Environment.Variable.Type.SECRET)))).build(), "fw").problem())
      .contains("secret");
    Protos.Resource mount = MesosResources.toProto(RESOURCES).get(0).toBuilder()
      .setDisk(Protos.Resource.DiskInfo.newBuilder().setSource(Protos.Resource.DiskInfo.Source.newBuilder()
        .setType(Protos.Resource.DiskInfo.Source.Type.MOUNT))).build();
    assertThat(MesosTasks.fromProto(task().setCommand(command).clearResources().addResources(mount).build(), "fw")
      .problem()).contains("a volume");
    assertThat(MesosTasks.fromProto(task().setCommand(command).setHealthCheck(Protos.HealthCheck.newBuilder()
      .setType(Protos.HealthCheck.Type.TCP).setTcp(Protos.HealthCheck.TCPCheckInfo.newBuilder().setPort(80)))
      .build(), "fw").problem()).contains("port 80 is not among its ports");
  }

  @Test
  void aPersistentVolumeAmongATasksResourcesIsAVolumeItUsesNotDisk() {
    Protos.Resource volume = Protos.Resource.newBuilder().setName("disk").setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(64))
      .addReservations(Protos.Resource.ReservationInfo.newBuilder().setType(Protos.Resource.ReservationInfo.Type.DYNAMIC)
        .setRole("db").setPrincipal("ops"))
      .setDisk(Protos.Resource.DiskInfo.newBuilder()
        .setPersistence(Protos.Resource.DiskInfo.Persistence.newBuilder().setId("pg").setPrincipal("ops"))
        .setVolume(Protos.Volume.newBuilder().setContainerPath("data").setMode(Protos.Volume.Mode.RW))).build();
    TaskInfo task = MesosTasks.fromProto(task().setCommand(Protos.CommandInfo.newBuilder().setValue("true"))
      .addResources(volume).build(), "fw").task();
    assertThat(task.getVolumes()).containsExactly(new PersistentVolume("pg", "db", 64, "data", "ops"));
    assertThat(task.resources()).isEqualTo(RESOURCES);
    // as offered, it reads back the same
    assertThat(MesosVolumes.volumes(List.of(MesosVolumes.toProto(task.getVolumes().get(0)))))
      .isEqualTo(task.getVolumes());
  }

  @Test
  void aTaskTakesWhatItsResourcesReserveFromItsRolesReservationInEitherFormat() {
    Protos.CommandInfo command = Protos.CommandInfo.newBuilder().setValue("true").build();
    Protos.Resource.ReservationInfo db = Protos.Resource.ReservationInfo.newBuilder()
      .setType(Protos.Resource.ReservationInfo.Type.STATIC).setRole("db").build();
    Protos.Resource cpus = Protos.Resource.newBuilder().setName("cpus").setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(1)).addReservations(db).build();
    Protos.Resource mem = Protos.Resource.newBuilder().setName("mem").setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(64)).setRole("db").build();
    Protos.Resource disk = Protos.Resource.newBuilder().setName("disk").setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(5)).build();

    TaskInfo task = MesosTasks.fromProto(task().setCommand(command).clearResources().addResources(cpus)
      .addResources(mem).addResources(disk).build(), "fw").task();
    assertThat(task.resources()).isEqualTo(Resources.parse("cpus:1;mem:64;disk:5"));
    assertThat(task.getReserved()).isEqualTo(Resources.parse("cpus:1;mem:64"));
  }

  @Test
  void anOfferSaysWhatIsReservedStaticallyAndDynamicallyInBothFormats() {
    Offer offer = new Offer("o1", "fw", "db", "a1", "host-1", Resources.parse("cpus:4;mem:256"),
      Resources.parse("cpus:3"), Resources.parse("cpus:1"), Attributes.EMPTY);

    List<Protos.Resource> resources = MesosEvents.offer(offer).getResourcesList();
    assertThat(resources).extracting(r -> r.getName() + ":" + r.getScalar().getValue() + ":" + r.getRole() + ":"
        + r.getReservationsList().stream().map(x -> x.getType() + "/" + x.getRole()).toList() + ":" + r.hasReservation())
      .containsExactly("cpus:1.0:*:[]:false", "mem:256.0:*:[]:false", "cpus:2.0:db:[STATIC/db]:false",
        "cpus:1.0:db:[DYNAMIC/db]:true");
    assertThat(resources).allMatch(r -> r.getAllocationInfo().getRole().equals("db"));
  }

  @Test
  void overlappingPortRangesAreRefused() {
    Protos.Resource ports = Protos.Resource.newBuilder().setName("ports").setType(Protos.Value.Type.RANGES)
      .setRanges(Protos.Value.Ranges.newBuilder()
        .addRange(Protos.Value.Range.newBuilder().setBegin(1).setEnd(5))
        .addRange(Protos.Value.Range.newBuilder().setBegin(5).setEnd(6)))
      .build();
    assertThatThrownBy(() -> MesosResources.fromProto(List.of(ports))).hasMessageContaining("overlapping");
  }

  @Test
  void aStatusCarriesItsUuidAsSixteenBytesAndItsAgentsAddress() throws Exception {
    String uuid = UUID.randomUUID().toString();
    TaskStatus status = new TaskStatus("t1", "fw", "a1", TaskState.TASK_RUNNING, null, "running", TaskStatus.SOURCE_AGENT,
      uuid, 1234.5, true);

    Event event = MesosEvents.update(status, agent -> Optional.of("10.0.0.7"));
    Event read = MediaType.JSON.decodeStrictly(MediaType.JSON.encode(event), Event.newBuilder()).build();

    Protos.TaskStatus mesos = read.getUpdate().getStatus();
    assertThat(mesos.getState()).isEqualTo(Protos.TaskState.TASK_RUNNING);
    assertThat(mesos.getSource()).isEqualTo(Protos.TaskStatus.Source.SOURCE_AGENT);
    assertThat(mesos.getUuid().size()).isEqualTo(16);
    assertThat(MesosUuids.string(mesos.getUuid())).contains(uuid);
    assertThat(mesos.getHealthy()).isTrue();
    assertThat(mesos.getTimestamp()).isEqualTo(1234.5);
    assertThat(mesos.getExecutorId().getValue()).isEqualTo("t1");
    assertThat(mesos.getContainerStatus().getNetworkInfos(0).getIpAddresses(0).getIpAddress()).isEqualTo("10.0.0.7");
    assertThat(MesosUuids.string(ByteString.copyFromUtf8("short"))).isEmpty();
  }

  @Test
  void aMasterStatusHasNoUuidToAcknowledge() {
    TaskStatus lost = TaskStatus.fromMaster("t1", "fw", null, TaskState.TASK_LOST, TaskReason.REASON_INVALID_OFFERS,
      "unknown offer");

    Protos.TaskStatus mesos = MesosEvents.status(lost, agent -> Optional.empty());

    assertThat(mesos.hasUuid()).isFalse();
    assertThat(mesos.getReason()).isEqualTo(Protos.TaskStatus.Reason.REASON_INVALID_OFFERS);
    assertThat(mesos.getSource()).isEqualTo(Protos.TaskStatus.Source.SOURCE_MASTER);
  }

  private static Protos.TaskInfo.Builder task() {
    return Protos.TaskInfo.newBuilder().setName("t1").setTaskId(Protos.TaskID.newBuilder().setValue("t1"))
      .setAgentId(Protos.AgentID.newBuilder().setValue("a1")).addAllResources(MesosResources.toProto(RESOURCES));
  }
}
