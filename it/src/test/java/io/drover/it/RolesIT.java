package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles and weights on a real cluster: two masters, four agents of one cpu each (in one agent
 * process), and two frameworks over the v1 scheduler API, one in role {@code analytics} (weight 1,
 * by the masters' {@code --weights}) and one in role {@code eng/web} with MULTI_ROLE, whose parent
 * {@code eng} gets weight 3 through {@code PUT /weights}. Both launch a short task on every offer
 * they get. The first framework fills the cluster alone; once the second subscribes, hierarchical
 * DRF hands each freed agent to the role below its weighted share until the dominant shares stand
 * at 1:3 (one cpu to three). The weights then survive {@code kill -9} of the leading master, and
 * the split holds under the new leader.
 */
class RolesIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  /** Consecutive samples of the role split, 100 ms apart, that show it has settled. */
  private static final int SETTLED_SAMPLES = 10;

  @Test
  void rolesOfWeightsOneAndThreeConvergeToOneToThreeAndKeepItAcrossAFailover() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("roles")) {
      cluster.master("master-1", "--weights", "analytics=1");
      cluster.master("master-2", "--weights", "analytics=1");
      cluster.agent("agents", "cpus:1;mem:256;disk:100;ports:[31000-31009]", "--agents", "4");
      cluster.awaitActiveAgents(4);
      String leader = cluster.leaderUrl().orElseThrow();

      // bad weights are refused with a reason, and change nothing
      assertRefused(leader, "[{\"role\": \"eng\", \"weight\": 0}]", "must be a positive number");
      assertRefused(leader, "[{\"role\": \"eng\", \"weight\": -2}]", "must be a positive number");
      assertRefused(leader, "[{\"role\": \"eng//web\", \"weight\": 2}]", "cannot start or end with '/' nor contain '//'");
      assertRefused(leader, "[{\"role\": \"eng\"}]", "a number 'weight'");
      assertRefused(leader, "{\"eng\": 3}", "JSON array");
      assertThat(new JsonArray(Http.get(leader + "/weights").body()))
        .containsExactly(new JsonObject().put("role", "analytics").put("weight", 1.0));

      // a framework naming its roles wrongly is refused at SUBSCRIBE
      try (MesosHttpScheduler wrong = new MesosHttpScheduler(framework("wrong").setRole("eng/"), MediaType.JSON)) {
        assertThat(catchSubscribe(wrong, leader)).contains("400").contains("cannot start or end with '/'");
      }
      try (MesosHttpScheduler twoWays = new MesosHttpScheduler(framework("two-ways").addRoles("eng"),
        MediaType.JSON)) {
        assertThat(catchSubscribe(twoWays, leader)).contains("400").contains("MULTI_ROLE");
      }

      try (MesosHttpScheduler analytics = new MesosHttpScheduler(framework("analytics").setRole("analytics"),
             MediaType.JSON);
           MesosHttpScheduler web = new MesosHttpScheduler(framework("web").addRoles("eng/web")
             .addCapabilities(multiRole()), MediaType.JSON)) {
        analytics.fillOffers("sleep 2");
        analytics.subscribe(leader);
        Await.until("analytics fills the cluster", WAIT, () -> roleCpus(cluster).getOrDefault("analytics", 0.0) == 4.0);

        // eng (the parent of eng/web) weighs 3, set on a standby: it goes to the leader
        String standby = cluster.masters().stream().map(m -> m.url("master")).filter(u -> !u.equals(leader))
          .findFirst().orElseThrow();
        HttpResponse<String> updated = Http.send("PUT", standby + "/weights", "[{\"role\": \"eng\", \"weight\": 3}]");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        web.fillOffers("sleep 2");
        web.subscribe(leader);

        awaitSplit(cluster, "analytics 1 cpu, eng/web 3 cpus");
        Protos.Offer webOffer = offerOf(web);
        assertThat(webOffer.getAllocationInfo().getRole()).isEqualTo("eng/web");
        assertThat(webOffer.getResourcesList()).allMatch(r -> r.getAllocationInfo().getRole().equals("eng/web"));
        JsonObject roles = Http.json(leader + "/master/roles");
        assertThat(roles.getJsonArray("roles").stream().map(r -> ((JsonObject) r).getString("name")))
          .containsExactly("analytics", "eng", "eng/web");
        JsonObject eng = role(roles, "eng");
        assertThat(eng.getDouble("weight")).isEqualTo(3.0);
        assertThat(role(roles, "eng/web").getJsonArray("frameworks")).containsExactly(web.frameworkId());
        JsonObject state = cluster.leaderState();
        JsonObject webState = state.getJsonArray("frameworks").stream().map(JsonObject.class::cast)
          .filter(f -> f.getString("id").equals(web.frameworkId())).findFirst().orElseThrow();
        assertThat(webState.getJsonArray("roles")).containsExactly("eng/web");
        assertThat(webState.getJsonArray("tasks").stream().map(JsonObject.class::cast)
          .map(t -> t.getString("role"))).containsOnly("eng/web");

        // the weights are in ZooKeeper: a new leader offers by them
        DroverProcess old = cluster.leader().orElseThrow();
        old.kill9();
        String next = Await.value("a new leader", WAIT, () -> cluster.leaderUrl().filter(u -> !u.equals(leader))
          .orElse(null));
        Await.until("the new leader lists the weights", WAIT, () -> {
          HttpResponse<String> weights = Http.get(next + "/weights");
          return weights.statusCode() == 200 && new JsonArray(weights.body()).size() == 2;
        });
        assertThat(new JsonArray(Http.get(next + "/weights").body())).containsExactly(
          new JsonObject().put("role", "analytics").put("weight", 1.0),
          new JsonObject().put("role", "eng").put("weight", 3.0));
        analytics.subscribe(next);
        web.subscribe(next);
        int launchedBefore = web.filled();
        awaitSplit(cluster, "the same split under the new leader");
        Await.until("eng/web keeps launching under the new leader", WAIT, () -> web.filled() > launchedBefore + 3);
      }
    }
  }

  /**
   * Quota on the same kind of cluster. Role {@code batch}, limited to 2 cpus, never holds more
   * although it is alone and takes all it is offered. Then {@code db} is guaranteed 3 cpus while
   * batch holds its 2: as batch's short tasks end, their cpus are held back for db (not offered to
   * batch again) until db, subscribed later, holds its 3, and batch keeps 1. Bad quotas are refused
   * with a reason and change nothing; the quotas survive {@code kill -9} of the leading master.
   */
  @Test
  void aGuaranteeIsHeldBackForItsRoleAndALimitIsNeverExceeded() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("quota")) {
      cluster.master("master-1");
      cluster.master("master-2");
      cluster.agent("agents", "cpus:1;mem:256;disk:100;ports:[31000-31009]", "--agents", "4");
      cluster.awaitActiveAgents(4);
      String leader = cluster.leaderUrl().orElseThrow();

      assertQuotaRefused(leader, quota("*", "cpus", 1, null), "default role '*' cannot have a quota");
      assertQuotaRefused(leader, quota("db", "cpus", 3, 2.0), "guarantees 'cpus:3' exceed limits 'cpus:2'");
      assertQuotaRefused(leader, quota("db", "cpus", 9, null), "exceed the cluster's capacity");
      assertThat(Http.json(leader + "/quota").getJsonArray("configs", new JsonArray())).isEmpty();

      assertThat(operator(leader, quota("batch", "cpus", 0, 2.0)).statusCode()).isEqualTo(200);
      try (MesosHttpScheduler batch = new MesosHttpScheduler(framework("batch").setRole("batch"), MediaType.JSON);
           MesosHttpScheduler db = new MesosHttpScheduler(framework("db").setRole("db"), MediaType.JSON)) {
        batch.fillOffers("sleep 2");
        batch.subscribe(leader);
        AtomicInteger samples = new AtomicInteger();
        Await.until("batch relaunches its tasks a few times, at 2 cpus at most", WAIT, () -> {
          double held = roleCpus(cluster).getOrDefault("batch", 0.0);
          assertThat(held).as("batch's cpus against its limit of 2").isLessThanOrEqualTo(2.0);
          return held == 2.0 && samples.incrementAndGet() >= SETTLED_SAMPLES && batch.filled() >= 6;
        });

        HttpResponse<String> guaranteed = operator(leader, quota("db", "cpus", 3, null));
        assertThat(guaranteed.statusCode()).as(guaranteed.body()).isEqualTo(200);
        Await.until("batch is down to 1 cpu: what it frees is held back for db", WAIT,
          () -> roleCpus(cluster).getOrDefault("batch", 0.0) == 1.0);
        db.fillOffers("sleep 600");
        db.subscribe(leader);
        AtomicInteger inARow = new AtomicInteger();
        Await.until("db holds its 3 cpus, batch 1", WAIT, () -> {
          Map<String, Double> cpus = roleCpus(cluster);
          boolean split = cpus.getOrDefault("db", 0.0) == 3.0 && cpus.getOrDefault("batch", 0.0) == 1.0;
          return (split ? inARow.incrementAndGet() : inARow.getAndSet(0)) >= SETTLED_SAMPLES;
        });
        JsonObject dbRole = role(Http.json(leader + "/master/roles"), "db");
        assertThat(dbRole.getJsonObject("quota").getJsonObject("guarantee").getDouble("cpus")).isEqualTo(3.0);
        assertThat(dbRole.getJsonObject("quota").getJsonObject("consumed").getDouble("cpus")).isEqualTo(3.0);

        cluster.leader().orElseThrow().kill9();
        String next = Await.value("a new leader", WAIT, () -> cluster.leaderUrl().filter(u -> !u.equals(leader))
          .orElse(null));
        Await.until("the new leader has both quotas", WAIT, () -> {
          HttpResponse<String> quota = Http.get(next + "/quota");
          return quota.statusCode() == 200 && new JsonObject(quota.body()).getJsonArray("configs", new JsonArray())
            .size() == 2;
        });
        JsonArray configs = Http.json(next + "/quota").getJsonArray("configs");
        assertThat(configs.getJsonObject(0).getString("role")).isEqualTo("batch");
        assertThat(configs.getJsonObject(0).getJsonObject("limits").getJsonObject("cpus").getDouble("value"))
          .isEqualTo(2.0);
        assertThat(configs.getJsonObject(1).getJsonObject("guarantees").getJsonObject("cpus").getDouble("value"))
          .isEqualTo(3.0);
      }
    }
  }

  /** An {@code UPDATE_QUOTA} call of one role: a guarantee and, unless null, a limit of one resource. */
  private static JsonObject quota(String role, String resource, double guarantee, Double limit) {
    JsonObject config = new JsonObject().put("role", role);
    if (guarantee > 0) {
      config.put("guarantees", new JsonObject().put(resource, new JsonObject().put("value", guarantee)));
    }
    if (limit != null) {
      config.put("limits", new JsonObject().put(resource, new JsonObject().put("value", limit)));
    }
    return new JsonObject().put("type", "UPDATE_QUOTA")
      .put("update_quota", new JsonObject().put("quota_configs", new JsonArray().add(config)));
  }

  private static HttpResponse<String> operator(String master, JsonObject call) {
    return Http.send("POST", master + "/api/v1", call.encode());
  }

  private static void assertQuotaRefused(String master, JsonObject call, String reason) {
    HttpResponse<String> refused = operator(master, call);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getString("message")).contains(reason);
  }

  private static Protos.FrameworkInfo.Builder framework(String name) {
    return Protos.FrameworkInfo.newBuilder().setUser("nobody").setName(name).setFailoverTimeout(600);
  }

  private static Protos.FrameworkInfo.Capability multiRole() {
    return Protos.FrameworkInfo.Capability.newBuilder().setType(Protos.FrameworkInfo.Capability.Type.MULTI_ROLE)
      .build();
  }

  private static String catchSubscribe(MesosHttpScheduler framework, String master) {
    try {
      framework.subscribe(master);
      return "subscribed";
    } catch (Exception | AssertionError refused) {
      return refused.getMessage();
    }
  }

  private static void assertRefused(String master, String body, String reason) {
    HttpResponse<String> refused = Http.send("PUT", master + "/weights", body);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(new JsonObject(refused.body()).getString("message")).contains(reason);
  }

  /**
   * Waits until analytics holds 1 cpu and eng/web 3 (in tasks and offers) in {@link #SETTLED_SAMPLES}
   * samples in a row: a freed agent goes back to the same role, so the split, once reached, stays.
   */
  private static void awaitSplit(ClusterFixture cluster, String what) {
    AtomicInteger inARow = new AtomicInteger();
    Await.until(what, WAIT, () -> {
      Map<String, Double> cpus = roleCpus(cluster);
      boolean split = cpus.getOrDefault("analytics", 0.0) == 1.0 && cpus.getOrDefault("eng/web", 0.0) == 3.0;
      return (split ? inARow.incrementAndGet() : inARow.getAndSet(0)) >= SETTLED_SAMPLES;
    });
  }

  /** The cpus each role holds in tasks and offers, by the leader's {@code /master/roles}. */
  private static Map<String, Double> roleCpus(ClusterFixture cluster) {
    Map<String, Double> cpus = new HashMap<>();
    String leader = cluster.leaderUrl().orElse(null);
    if (leader == null) {
      return cpus;
    }
    HttpResponse<String> response = Http.get(leader + "/master/roles");
    if (response.statusCode() != 200) {
      return cpus;
    }
    for (Object role : new JsonObject(response.body()).getJsonArray("roles")) {
      JsonObject json = (JsonObject) role;
      cpus.put(json.getString("name"), json.getJsonObject("allocated").getDouble("cpus", 0.0)
        + json.getJsonObject("offered").getDouble("cpus", 0.0));
    }
    return cpus;
  }

  private static JsonObject role(JsonObject roles, String name) {
    return roles.getJsonArray("roles").stream().map(JsonObject.class::cast)
      .filter(r -> r.getString("name").equals(name)).findFirst().orElseThrow();
  }

  private static Protos.Offer offerOf(MesosHttpScheduler framework) {
    return framework.awaitEvent("an offer", 0, e -> e.getType() == Event.Type.OFFERS).getOffers().getOffers(0);
  }
}
