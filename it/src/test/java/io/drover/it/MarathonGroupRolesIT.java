package io.drover.it;

import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marathon 1.9+'s group roles on real processes: a top-level group {@code /dev} that enforces its
 * role gives its apps role {@code dev}, Marathon subscribes for that role as well, and the app runs
 * on resources the agent reserves for {@code dev}. A role an app may not have is a 422 naming the
 * roles it may, and only top-level groups enforce a role.
 */
class MarathonGroupRolesIT {

  @Test
  void anAppOfAGroupThatEnforcesItsRoleRunsInThatRole() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("marathon-group-roles")) {
      cluster.master("master");
      cluster.agent("agent", "cpus:1;mem:512;disk:100;ports:[31000-31009];cpus(dev):1;mem(dev):256");
      cluster.awaitActiveAgents(1);
      MarathonClient marathon = cluster.leadingMarathon("marathon");

      marathon.expect(201, "POST", "/v2/groups", new JsonObject().put("id", "/dev").put("enforceRole", true).encode());
      assertThat(marathon.expect(200, "GET", "/v2/groups/dev", null).getBoolean("enforceRole")).isTrue();
      assertThat(marathon.expect(200, "GET", "/v2/groups", null).getBoolean("enforceRole")).isFalse();

      // no role named: the group's; only resources reserved for it are accepted (no ports are), and both
      // instances fit there
      marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/dev/web").put("cmd", "sleep 600")
        .put("cpus", 0.5).put("mem", 64).put("instances", 2).put("acceptedResourceRoles", new JsonArray().add("dev"))
        .put("portDefinitions", new JsonArray()).encode());
      assertThat(marathon.app("dev/web").getString("role")).isEqualTo("dev");
      marathon.awaitRunning("dev/web", 2);
      JsonObject framework = cluster.leaderState().getJsonArray("frameworks").getJsonObject(0);
      assertThat(framework.getJsonArray("roles")).contains("dev", "*");
      List<JsonObject> tasks = framework.getJsonArray("tasks").stream().map(JsonObject.class::cast).toList();
      assertThat(tasks).hasSize(2).allMatch(t -> t.getString("role").equals("dev"));
      // and Marathon's own view of them says so
      JsonArray marathonTasks = marathon.expect(200, "GET", "/v2/apps/dev/web/tasks", null).getJsonArray("tasks");
      assertThat(marathonTasks).hasSize(2).allMatch(t -> ((JsonObject) t).getString("role").equals("dev"));

      // refused, naming the roles the app may have
      JsonObject refused = marathon.expect(422, "POST", "/v2/apps", new JsonObject().put("id", "/dev/other")
        .put("cmd", "sleep 600").put("role", "*").encode());
      assertThat(refused.getJsonArray("details").getJsonObject(0).getString("path")).isEqualTo("/role");
      assertThat(refused.getJsonArray("details").getJsonObject(0).getJsonArray("errors").getString(0))
        .isEqualTo("got role '*', expected one of [dev]");
      marathon.expect(422, "POST", "/v2/apps", new JsonObject().put("id", "/root-app").put("cmd", "sleep 600")
        .put("role", "dev").encode());
      JsonObject nested = marathon.expect(422, "POST", "/v2/groups", new JsonObject().put("id", "/dev/inner")
        .put("enforceRole", true).encode());
      assertThat(nested.encode()).contains("enforceRole can only be set for top-level groups");
      assertThat(marathon.send("GET", "/v2/apps/dev/other", null).status()).isEqualTo(404);

      // a group that does not enforce its role: the app may name it, or default to Marathon's
      marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/ops/tool").put("cmd", "sleep 600")
        .put("cpus", 0.1).put("mem", 32).put("role", "ops").encode());
      assertThat(marathon.app("ops/tool").getString("role")).isEqualTo("ops");
      marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/ops/plain").put("cmd", "sleep 600")
        .put("cpus", 0.1).put("mem", 32).encode());
      assertThat(marathon.app("ops/plain").getString("role")).isEqualTo("*");
    }
  }
}
