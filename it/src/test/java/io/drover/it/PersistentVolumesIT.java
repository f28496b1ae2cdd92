package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Docker;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.mesos.MediaType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Persistent volumes on real processes, through the v1 scheduler API as any Mesos framework makes
 * them: a framework of role {@code db} creates a volume on disk its agent reserves for {@code db}
 * and launches a task that writes a file in it; the task ends, the volume comes back in the next
 * offer, and a second task reads the file. A volume bigger than the reservation is refused, naming
 * the problem. The volume survives {@code kill -9} of the leading master. DESTROY deletes the data
 * and gives the disk back to the reservation. An operator creates and destroys volumes with
 * CREATE_VOLUMES and DESTROY_VOLUMES, and a bad one is refused naming the problem.
 */
class PersistentVolumesIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String ROLE = "db";

  @Test
  void aPersistentVolumeKeepsAFileAcrossTaskRestartsUntilItIsDestroyed() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("volumes")) {
      cluster.master("master-1");
      cluster.master("master-2");
      cluster.agent("store", "cpus:2;mem:512;disk:100;ports:[31000-31009];disk(db):200");
      cluster.awaitActiveAgents(1);
      String leader = cluster.leaderUrl().orElseThrow();
      try (MesosHttpScheduler db = new MesosHttpScheduler(Protos.FrameworkInfo.newBuilder().setUser("nobody")
        .setName("db").setRole(ROLE).setFailoverTimeout(600), MediaType.JSON)) {
        db.subscribe(leader);
        Protos.Offer first = awaitOffer(db, 0, o -> reservedDisk(o) == 200);

        // too big for the reservation: refused with the launch it carries, and nothing is created
        int before = db.events().size();
        assertThat(db.call(accept(first, create(volume("too-big", 500)),
          launch(first, "refused", "true", volume("too-big", 500)))).status()).isEqualTo(202);
        Protos.TaskStatus refused = db.awaitUpdate("refused", Protos.TaskState.TASK_ERROR, before);
        assertThat(refused.getMessage()).contains("cannot create persistent volumes of disk:500");
        // the refused accept used its offer up, as in Mesos: offered again with no decline
        assertThat(cluster.leaderState().getJsonArray("frameworks").stream().map(JsonObject.class::cast)
          .flatMap(f -> f.getJsonArray("offers").stream()).map(o -> ((JsonObject) o).getString("id")))
          .doesNotContain(first.getId().getValue());

        Protos.Offer offer = awaitOffer(db, before, o -> reservedDisk(o) == 200);
        before = db.events().size();
        assertThat(db.call(accept(offer, create(volume("pg-data", 64)),
          launch(offer, "writer", "echo kept > data/file", volume("pg-data", 64)))).status()).isEqualTo(202);
        db.awaitUpdate("writer", Protos.TaskState.TASK_FINISHED, before);
        Path dir = Await.value("the volume's directory on the agent", WAIT, () -> volumeDir(cluster, "pg-data")
          .orElse(null));
        assertThat(Files.readString(dir.resolve("file")).trim()).isEqualTo("kept");

        // the volume is in the registry: the next leader offers it back, its disk no longer in the
        // reservation's free disk
        cluster.leader().orElseThrow().kill9();
        String next = Await.value("a new leader", WAIT, () -> cluster.leaderUrl().filter(u -> !u.equals(leader))
          .orElse(null));
        before = db.events().size();
        db.subscribe(next);
        Protos.Offer again = awaitOffer(db, before, o -> offeredVolume(o, "pg-data").isPresent());
        assertThat(reservedDisk(again)).isEqualTo(136.0);
        Protos.Resource offered = offeredVolume(again, "pg-data").orElseThrow();
        assertThat(offered.getDisk().getVolume().getContainerPath()).isEqualTo("data");
        assertThat(offered.getReservations(0).getRole()).isEqualTo(ROLE);
        before = db.events().size();
        assertThat(db.call(accept(again, launch(again, "reader", "test \"$(cat data/file)\" = kept", offered)))
          .status()).isEqualTo(202);
        db.awaitUpdate("reader", Protos.TaskState.TASK_FINISHED, before);

        // destroyed: the data is deleted and the disk is the reservation's again
        Protos.Offer last = awaitOffer(db, before, o -> offeredVolume(o, "pg-data").isPresent());
        before = db.events().size();
        assertThat(db.call(accept(last, Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.DESTROY)
          .setDestroy(Protos.Offer.Operation.Destroy.newBuilder().addVolumes(offeredVolume(last, "pg-data")
            .orElseThrow())))).status()).isEqualTo(202);
        Await.until("the volume's data is deleted", WAIT, () -> !Files.exists(dir));
        Protos.Offer freed = awaitOffer(db, before, o -> reservedDisk(o) == 200);
        assertThat(offeredVolume(freed, "pg-data")).isEmpty();
        JsonObject agent = cluster.leaderState().getJsonArray("slaves").getJsonObject(0);
        assertThat(agent.getJsonObject("reserved_resources").getJsonObject(ROLE).getDouble("disk")).isEqualTo(200.0);

        // an operator creates and destroys volumes too, and is told why when it cannot
        String master = cluster.leaderUrl().orElseThrow();
        String agentId = agent.getString("id");
        assertOperator(master, volumesCall("CREATE_VOLUMES", agentId, volume("ops-data", 500)), 409,
          "cannot create persistent volumes of disk:500");
        assertOperator(master, volumesCall("DESTROY_VOLUMES", agentId, volume("no-such", 10)), 409,
          "cannot destroy persistent volume no-such");
        assertOperator(master, volumesCall("CREATE_VOLUMES", "no-such-agent", volume("ops-data", 50)), 404,
          "unknown agent");
        before = db.events().size();
        assertOperator(master, volumesCall("CREATE_VOLUMES", agentId, volume("ops-data", 50)), 202, null);
        awaitOffer(db, before, o -> offeredVolume(o, "ops-data").isPresent() && reservedDisk(o) == 150);
        assertOperator(master, volumesCall("CREATE_VOLUMES", agentId, volume("ops-data", 50)), 409,
          "exists on the agent already");
        before = db.events().size();
        assertOperator(master, volumesCall("DESTROY_VOLUMES", agentId, volume("ops-data", 50)), 202, null);
        awaitOffer(db, before, o -> offeredVolume(o, "ops-data").isEmpty() && reservedDisk(o) == 200);
      }
    }
  }

  /** A CREATE_VOLUMES or DESTROY_VOLUMES call of the operator API, in its JSON form. */
  private static String volumesCall(String type, String agentId, Protos.Resource volume) {
    String field = type.toLowerCase(java.util.Locale.ROOT);
    return new JsonObject().put("type", type).put(field, new JsonObject()
      .put("agent_id", new JsonObject().put("value", agentId))
      .put("volumes", new JsonArray().add(new JsonObject(Buffer.buffer(MediaType.JSON.encode(volume)))))).encode();
  }

  private static void assertOperator(String master, String call, int status, String reason) {
    HttpResponse<String> answer = Http.send("POST", master + "/api/v1", call);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
    if (reason != null) {
      assertThat(new JsonObject(answer.body()).getString("message")).contains(reason);
    }
  }

  @Test
  void aDockerContainerUsesTheVolumeAtItsPathInTheSandbox() throws Exception {
    Docker.require();
    try (ClusterFixture cluster = new ClusterFixture("volumes-docker")) {
      cluster.master("master");
      cluster.agent("store", "cpus:2;mem:512;disk:100;ports:[31000-31009];disk(db):200");
      cluster.awaitActiveAgents(1);
      try (MesosHttpScheduler db = new MesosHttpScheduler(Protos.FrameworkInfo.newBuilder().setUser("nobody")
        .setName("db").setRole(ROLE).setFailoverTimeout(600), MediaType.JSON)) {
        db.subscribe(cluster.leaderUrl().orElseThrow());
        Protos.Offer offer = awaitOffer(db, 0, o -> reservedDisk(o) == 200);
        Protos.Offer.Operation.Builder writer = launch(offer, "box-writer",
          "echo from-docker > /mnt/mesos/sandbox/data/file", volume("box-data", 32));
        writer.getLaunchBuilder().getTaskInfosBuilder(0).setContainer(Protos.ContainerInfo.newBuilder()
          .setType(Protos.ContainerInfo.Type.DOCKER)
          .setDocker(Protos.ContainerInfo.DockerInfo.newBuilder().setImage(Docker.IMAGE)
            .setNetwork(Protos.ContainerInfo.DockerInfo.Network.BRIDGE)));
        int before = db.events().size();
        assertThat(db.call(accept(offer, create(volume("box-data", 32)), writer)).status()).isEqualTo(202);
        db.awaitUpdate("box-writer", Protos.TaskState.TASK_FINISHED, before);

        Protos.Offer again = awaitOffer(db, before, o -> offeredVolume(o, "box-data").isPresent());
        before = db.events().size();
        assertThat(db.call(accept(again, launch(again, "reader", "test \"$(cat data/file)\" = from-docker",
          offeredVolume(again, "box-data").orElseThrow()))).status()).isEqualTo(202);
        db.awaitUpdate("reader", Protos.TaskState.TASK_FINISHED, before);
      }
    }
  }

  private static Protos.Resource volume(String id, double mb) {
    return Protos.Resource.newBuilder().setName("disk").setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(mb))
      .addReservations(Protos.Resource.ReservationInfo.newBuilder()
        .setType(Protos.Resource.ReservationInfo.Type.STATIC).setRole(ROLE))
      .setDisk(Protos.Resource.DiskInfo.newBuilder()
        .setPersistence(Protos.Resource.DiskInfo.Persistence.newBuilder().setId(id))
        .setVolume(Protos.Volume.newBuilder().setContainerPath("data").setMode(Protos.Volume.Mode.RW)))
      .build();
  }

  private static Protos.Offer.Operation.Builder create(Protos.Resource volume) {
    return Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.CREATE)
      .setCreate(Protos.Offer.Operation.Create.newBuilder().addVolumes(volume));
  }

  private static Protos.Offer.Operation.Builder launch(Protos.Offer offer, String taskId, String command,
                                                       Protos.Resource volume) {
    Protos.Resource.AllocationInfo allocation = Protos.Resource.AllocationInfo.newBuilder().setRole(ROLE).build();
    return Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
      .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(Protos.TaskInfo.newBuilder()
        .setName(taskId).setTaskId(Protos.TaskID.newBuilder().setValue(taskId)).setAgentId(offer.getAgentId())
        .addResources(scalar("cpus", 0.1).setAllocationInfo(allocation))
        .addResources(scalar("mem", 32).setAllocationInfo(allocation))
        .addResources(volume.toBuilder().setAllocationInfo(allocation))
        .setCommand(Protos.CommandInfo.newBuilder().setValue(command))));
  }

  private static Protos.Resource.Builder scalar(String name, double value) {
    return Protos.Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(value));
  }

  private static Call.Builder accept(Protos.Offer offer, Protos.Offer.Operation.Builder... operations) {
    Call.Accept.Builder accept = Call.Accept.newBuilder().addOfferIds(offer.getId())
      .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0));
    for (Protos.Offer.Operation.Builder operation : operations) {
      accept.addOperations(operation);
    }
    return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(accept);
  }

  /** The offer's disk reserved for the role that is not a volume. */
  private static double reservedDisk(Protos.Offer offer) {
    return offer.getResourcesList().stream().filter(r -> r.getName().equals("disk") && !r.hasDisk()
        && r.getReservationsCount() > 0 && r.getReservations(r.getReservationsCount() - 1).getRole().equals(ROLE))
      .mapToDouble(r -> r.getScalar().getValue()).sum();
  }

  private static Optional<Protos.Resource> offeredVolume(Protos.Offer offer, String id) {
    return offer.getResourcesList().stream().filter(r -> r.hasDisk() && r.getDisk().hasPersistence()
      && r.getDisk().getPersistence().getId().equals(id)).findFirst();
  }

  private static Protos.Offer awaitOffer(MesosHttpScheduler framework, int from, Predicate<Protos.Offer> matches) {
    return framework.awaitEvent("an offer", from, e -> e.getType() == Event.Type.OFFERS
      && e.getOffers().getOffersList().stream().anyMatch(matches)).getOffers().getOffersList().stream()
      .filter(matches).findFirst().orElseThrow();
  }

  /** The volume's directory, where Mesos keeps it: {@code volumes/roles/<role>/<id>} of the agent's work directory. */
  private static Optional<Path> volumeDir(ClusterFixture cluster, String id) {
    try (Stream<Path> paths = Files.walk(cluster.root())) {
      return paths.filter(p -> p.endsWith(Path.of("volumes", "roles", ROLE, id)) && Files.isDirectory(p)).findFirst();
    } catch (IOException | UncheckedIOException changing) {
      // a sandbox went away while walking: look again
      return Optional.empty();
    }
  }
}
