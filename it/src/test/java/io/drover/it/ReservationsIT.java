package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations on real processes: agent {@code reserved} reserves 2 cpus and 512 MB for role
 * {@code db} with its {@code --resources} flag (static), beside 1 cpu for anyone; agent
 * {@code plain} reserves nothing. A v1 framework of role {@code web} is never offered what is
 * reserved, one of role {@code db} is, and reserves more for itself with a RESERVE operation
 * (dynamic) and gives it back with UNRESERVE; an operator reserves on the other agent with
 * RESERVE_RESOURCES. Bad reservations are refused naming the problem. The dynamic reservation
 * survives {@code kill -9} of the leading master. Last, a Marathon app of role {@code db} that
 * accepts only {@code db} resources runs on the reservation alone: two of its three 1-cpu instances
 * run, on the reserved agent, and the third waits though the other agent has a free cpu.
 */
class ReservationsIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String RESERVED =
    "cpus:1;mem:256;disk:100;ports:[31000-31009];cpus(db):2;mem(db):512;ports(db):[31100-31109]";
  private static final String PLAIN = "cpus:1;mem:256;disk:100;ports:[31010-31019]";

  @Test
  void reservedResourcesAreOfferedToTheirRoleOnlyAndAMarathonAppRunsOnThem() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("reservations")) {
      cluster.master("master-1");
      cluster.master("master-2");
      cluster.agent("reserved", RESERVED, "--hostname", "reserved.example");
      cluster.agent("plain", PLAIN, "--hostname", "plain.example");
      cluster.awaitActiveAgents(2);
      String leader = cluster.leaderUrl().orElseThrow();
      String reservedId = agentId(cluster, "reserved.example");
      String plainId = agentId(cluster, "plain.example");
      assertThat(agent(cluster, reservedId).getJsonObject("reserved_resources").getJsonObject("db").getDouble("cpus"))
        .isEqualTo(2.0);

      try (MesosHttpScheduler web = new MesosHttpScheduler(framework("web").setRole("web"), MediaType.JSON);
           MesosHttpScheduler db = new MesosHttpScheduler(framework("db").setRole("db"), MediaType.JSON)) {
        // web declines what it gets, so that db is offered the plain agent too
        web.declineOffers();
        web.subscribe(leader);
        db.subscribe(leader);
        // db is offered its reservation (and whatever web is not holding); web never a reserved cpu
        Protos.Offer dbOffer = awaitOffer(db, reservedId, o -> reservedCpus(o, "db") == 2.0);
        assertThat(dbOffer.getResourcesList()).filteredOn(r -> r.getReservationsCount() > 0)
          .allMatch(r -> r.getReservations(0).getType() == Protos.Resource.ReservationInfo.Type.STATIC
            && r.getAllocationInfo().getRole().equals("db"));
        assertThat(web.events()).filteredOn(e -> e.getType() == Event.Type.OFFERS)
          .flatMap(e -> e.getOffers().getOffersList())
          .allMatch(o -> reservedCpus(o, "db") == 0 && MesosHttpScheduler.scalar(o, "cpus") <= 1.0);

        // db reserves half an unreserved cpu of the plain agent for itself; web no longer sees it
        Protos.Offer plainOffer = awaitOffer(db, plainId, o -> MesosHttpScheduler.scalar(o, "cpus") >= 0.5);
        int before = db.events().size();
        assertThat(db.call(accept(plainOffer, Protos.Offer.Operation.newBuilder()
          .setType(Protos.Offer.Operation.Type.RESERVE).setReserve(Protos.Offer.Operation.Reserve.newBuilder()
            .addResources(cpus(0.5, "db", Protos.Resource.ReservationInfo.Type.DYNAMIC))))).status()).isEqualTo(202);
        Protos.Offer reservedOffer = awaitOfferFrom(db, before, plainId, o -> reservedCpus(o, "db") == 0.5);
        assertThat(reservedOffer.getResourcesList()).filteredOn(r -> r.getReservationsCount() > 0)
          .allMatch(r -> r.getReservations(0).getType() == Protos.Resource.ReservationInfo.Type.DYNAMIC);
        Await.until("the plain agent shows the dynamic reservation", WAIT, () -> agent(cluster, plainId)
          .getJsonObject("reserved_resources").getJsonObject("db", new JsonObject()).getDouble("cpus", 0.0) == 0.5);

        // refused with a reason, nothing changed
        assertOperatorRefused(leader, reserve(plainId, 5, "db", false), 409, "is free for anyone");
        assertOperatorRefused(leader, reserve(reservedId, 1, "db", true), 409, "made through the master");
        assertOperatorRefused(leader, reserve("no-such-agent", 1, "db", false), 404, "unknown agent");
        assertOperatorRefused(leader, new JsonObject().put("type", "RESERVE_RESOURCES")
          .put("reserve_resources", new JsonObject().put("agent_id", new JsonObject().put("value", plainId))
            .put("resources", new JsonArray().add(new JsonObject().put("name", "cpus").put("type", "SCALAR")
              .put("scalar", new JsonObject().put("value", 0.1))))), 400, "names no role");

        // the dynamic reservation is in ZooKeeper: the next leader offers it to db alone
        cluster.leader().orElseThrow().kill9();
        String next = Await.value("a new leader", WAIT, () -> cluster.leaderUrl().filter(u -> !u.equals(leader))
          .orElse(null));
        Await.until("the new leader knows the dynamic reservation", WAIT, () -> {
          HttpResponse<String> state = Http.get(next + "/master/slaves");
          return state.statusCode() == 200 && new JsonObject(state.body()).getJsonArray("slaves").stream()
            .map(JsonObject.class::cast).filter(a -> a.getString("id").equals(plainId))
            .anyMatch(a -> a.getJsonObject("reserved_resources").getJsonObject("db", new JsonObject())
              .getDouble("cpus", 0.0) == 0.5);
        });
      }

      // an operator gives db's dynamic half cpu back, then Marathon runs db's app on the static reservation
      String next = cluster.leaderUrl().orElseThrow();
      HttpResponse<String> unreserved = Http.send("POST", next + "/api/v1", reserve(plainId, 0.5, "db", true).encode());
      assertThat(unreserved.statusCode()).as(unreserved.body()).isEqualTo(202);
      Await.until("the plain agent has no reservation left", WAIT,
        () -> agent(cluster, plainId).getJsonObject("reserved_resources").isEmpty());

      MarathonClient marathon = cluster.leadingMarathon("marathon", "--mesos-role", "db");
      marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/db").put("cmd", "sleep 600")
        .put("cpus", 1).put("mem", 64).put("instances", 3).put("role", "db")
        .put("acceptedResourceRoles", new JsonArray().add("db")).encode());
      Await.until("two instances run on the reservation", WAIT,
        () -> marathon.app("db").getInteger("tasksRunning") == 2);
      List<JsonObject> tasks = marathon.running("db");
      assertThat(tasks).allMatch(t -> t.getString("slaveId").equals(reservedId));
      // its host port is one of those reserved for db too
      assertThat(tasks).allMatch(t -> t.getJsonArray("ports").getInteger(0) >= 31100);
      JsonObject appJson = marathon.app("db");
      assertThat(appJson.getString("role")).isEqualTo("db");
      assertThat(appJson.getJsonArray("acceptedResourceRoles")).containsExactly("db");
      // the third waits: the plain agent's free cpu is for anyone, which the app does not accept
      Await.until("the launch queue says why the third waits", WAIT, () -> {
        JsonArray queue = marathon.expect(200, "GET", "/v2/queue", null).getJsonArray("queue");
        return queue.size() == 1 && queue.getJsonObject(0).getInteger("count") == 1;
      });
      assertThat(marathon.app("db").getInteger("tasksRunning")).isEqualTo(2);
      JsonObject masterTask = cluster.leaderState().getJsonArray("frameworks").stream().map(JsonObject.class::cast)
        .flatMap(f -> f.getJsonArray("tasks").stream().map(JsonObject.class::cast))
        .filter(t -> t.getString("id").equals(tasks.get(0).getString("id"))).findFirst().orElseThrow();
      assertThat(masterTask.getString("role")).isEqualTo("db");
    }
  }

  private static Protos.FrameworkInfo.Builder framework(String name) {
    return Protos.FrameworkInfo.newBuilder().setUser("nobody").setName(name).setFailoverTimeout(600);
  }

  private static Call.Builder accept(Protos.Offer offer, Protos.Offer.Operation.Builder operation) {
    return Call.newBuilder().setType(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId())
      .addOperations(operation).setFilters(Protos.Filters.newBuilder().setRefuseSeconds(0)));
  }

  private static Protos.Resource.Builder cpus(double value, String role, Protos.Resource.ReservationInfo.Type type) {
    return Protos.Resource.newBuilder().setName("cpus").setType(Protos.Value.Type.SCALAR)
      .setScalar(Protos.Value.Scalar.newBuilder().setValue(value))
      .addReservations(Protos.Resource.ReservationInfo.newBuilder().setType(type).setRole(role));
  }

  private static double reservedCpus(Protos.Offer offer, String role) {
    return offer.getResourcesList().stream().filter(r -> r.getName().equals("cpus") && r.getReservationsCount() > 0
      && r.getReservations(r.getReservationsCount() - 1).getRole().equals(role))
      .mapToDouble(r -> r.getScalar().getValue()).sum();
  }

  private static Protos.Offer awaitOffer(MesosHttpScheduler framework, String agentId, Predicate<Protos.Offer> matches) {
    return awaitOfferFrom(framework, 0, agentId, matches);
  }

  private static Protos.Offer awaitOfferFrom(MesosHttpScheduler framework, int from, String agentId,
                                             Predicate<Protos.Offer> matches) {
    Predicate<Protos.Offer> wanted = o -> o.getAgentId().getValue().equals(agentId) && matches.test(o);
    return framework.awaitEvent("an offer of agent " + agentId, from, e -> e.getType() == Event.Type.OFFERS
      && e.getOffers().getOffersList().stream().anyMatch(wanted)).getOffers().getOffersList().stream()
      .filter(wanted).findFirst().orElseThrow();
  }

  /** A RESERVE_RESOURCES (or UNRESERVE_RESOURCES) call of {@code cpus} for {@code role}. */
  private static JsonObject reserve(String agentId, double cpus, String role, boolean unreserve) {
    String field = unreserve ? "unreserve_resources" : "reserve_resources";
    JsonObject resource = new JsonObject().put("name", "cpus").put("type", "SCALAR")
      .put("scalar", new JsonObject().put("value", cpus))
      .put("reservations", new JsonArray().add(new JsonObject().put("type", "DYNAMIC").put("role", role)));
    return new JsonObject().put("type", unreserve ? "UNRESERVE_RESOURCES" : "RESERVE_RESOURCES")
      .put(field, new JsonObject().put("agent_id", new JsonObject().put("value", agentId))
        .put("resources", new JsonArray().add(resource)));
  }

  private static void assertOperatorRefused(String master, JsonObject call, int status, String reason) {
    HttpResponse<String> refused = Http.send("POST", master + "/api/v1", call.encode());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
    assertThat(new JsonObject(refused.body()).getString("message")).contains(reason);
  }

  private static String agentId(ClusterFixture cluster, String hostname) {
    return cluster.leaderState().getJsonArray("slaves").stream().map(JsonObject.class::cast)
      .filter(a -> a.getString("hostname").equals(hostname)).findFirst().orElseThrow().getString("id");
  }

  private static JsonObject agent(ClusterFixture cluster, String agentId) {
    return cluster.leaderState().getJsonArray("slaves").stream().map(JsonObject.class::cast)
      .filter(a -> a.getString("id").equals(agentId)).findFirst().orElseThrow();
  }
}
