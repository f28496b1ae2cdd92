package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Browser;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents under maintenance on the dashboard, in a real headless Chromium against real processes: a
 * master (that also knows a read-only token), agent {@code maint-node} on a machine of that name, and
 * a v1 framework whose task there ignores SIGTERM. Without a reload, the agents table and the agent's
 * page follow its machine into the maintenance schedule and out of it; a drain from the page is
 * refused while the machine is scheduled (the leader's reason shows beside the buttons), then drains
 * the agent with the grace period typed (draining, then drained once its task is killed); reactivate
 * makes it active again; a deactivation through the operator API shows too. A read-only session sees
 * the state and no buttons.
 */
class DashboardMaintenanceIT {

  static final Duration LIVE = Duration.ofSeconds(30);
  static final String READ_TOKEN = "read-only-" + UUID.randomUUID();
  static final String HOST = "maint-node";
  static final long NANOS_PER_MS = 1_000_000L;

  @Test
  void anOperatorDrainsAndReactivatesAnAgentFromTheDashboardAndItsStateFollowsLive() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("dashboard-maintenance")) {
      String master = cluster.master("master", cluster.readToken(READ_TOKEN)).url("master");
      cluster.agent("agent", "cpus:1;mem:256;disk:100;ports:[31000-31009]", "--hostname", HOST);
      cluster.awaitActiveAgents(1);
      String agentId = cluster.leaderState().getJsonArray("slaves").getJsonObject(0).getString("id");

      Protos.FrameworkInfo.Builder info = Protos.FrameworkInfo.newBuilder().setUser("nobody").setName("stubborn");
      try (Browser browser = Browser.open();
           MesosHttpScheduler framework = new MesosHttpScheduler(info, MediaType.JSON)) {
        // a task that ignores SIGTERM: the drain waits for the grace period, then kills it
        framework.fillOffers("trap '' TERM; sleep 600");
        framework.subscribe(master);
        framework.awaitUpdate("fill-1", Protos.TaskState.TASK_RUNNING);

        browser.get(master + "/#/agents");
        browser.awaitLive();
        browser.script("window.notReloaded = true");
        Await.until("the agent is active", LIVE, () -> tableState(browser, agentId).equals("active"));

        // its machine enters the maintenance schedule: a window an hour ahead
        post(master, "/master/maintenance/schedule", schedule(System.currentTimeMillis() + 3_600_000));
        Await.until("the table shows the maintenance window, without a reload", LIVE, () ->
          tableState(browser, agentId).equals("active, maintenance window"));

        browser.one("#agents-table tr[data-id='" + agentId + "'] td.id a").click();
        Await.until("the agent's page says so too", LIVE, () ->
          pageState(browser).equals("active, maintenance window"));
        assertThat(browser.one("#agent-reactivate").isDisplayed()).as("an active agent is not reactivated").isFalse();
        drain(browser, "10s");
        Await.until("the leader's reason shows beside the buttons", LIVE, () ->
          browser.text("#agent-maintenance-error").contains("is part of a maintenance schedule"));
        assertThat(agent(master).getBoolean("deactivated")).as("a refused drain changes nothing").isFalse();

        post(master, "/master/maintenance/schedule", new JsonObject().put("windows", new JsonArray()));
        Await.until("the machine left the schedule", LIVE, () -> pageState(browser).equals("active"));

        drain(browser, "10s");
        Await.until("the agent drains, or has drained already", LIVE, () ->
          Set.of("draining", "drained").contains(pageState(browser)));
        assertThat(browser.text("#agent-maintenance-error")).isEmpty();
        browser.screenshot("agent-draining");
        Protos.TaskStatus killed = framework.awaitUpdate("fill-1", Protos.TaskState.TASK_KILLED);
        assertThat(killed.getReason()).isEqualTo(Protos.TaskStatus.Reason.REASON_AGENT_DRAINING);
        Await.until("the agent is drained once its task is gone", LIVE, () -> pageState(browser).equals("drained"));
        assertThat(browser.text("#agent-details [data-label='Drain'] dd")).isEqualTo("DRAINED, max grace period 10s");
        assertThat(agent(master).getJsonObject("drain_info").getJsonObject("config")
          .getJsonObject("max_grace_period").getLong("nanoseconds")).isEqualTo(10_000_000_000L);
        assertThat(browser.one("#agent-drain").isDisplayed()).as("a drained agent is not drained again").isFalse();
        assertThat(browser.one("#agent-reactivate").isEnabled()).isTrue();
        browser.screenshot("agent-drained");

        browser.one("#agent-reactivate").click();
        Await.until("the agent is active again", LIVE, () -> pageState(browser).equals("active"));
        assertThat(agent(master).getBoolean("active")).isTrue();
        assertThat(agent(master).containsKey("drain_info")).isFalse();
        Await.until("drain is offered again, reactivate no longer", LIVE, () ->
          browser.one("#agent-drain").isDisplayed() && !browser.one("#agent-reactivate").isDisplayed());

        // a deactivation made elsewhere shows too
        HttpResponse<String> deactivated = Http.send("POST", master + "/api/v1", new JsonObject()
          .put("type", "DEACTIVATE_AGENT").put("deactivate_agent", agentIdOf(agentId)).encode());
        assertThat(deactivated.statusCode()).as(deactivated.body()).isEqualTo(200);
        Await.until("the page shows it deactivated", LIVE, () -> pageState(browser).equals("deactivated"));
        browser.script("location.hash = arguments[0]", "#/agents");
        Await.until("and the table", LIVE, () -> tableState(browser, agentId).equals("deactivated"));
        assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
      }

      try (Browser reader = Browser.open()) {
        reader.visit(master + "/#/agents/" + agentId);
        Await.until("the page asks for the token", LIVE, () -> reader.one("#sign-in").isDisplayed());
        reader.signIn(READ_TOKEN);
        reader.awaitLive();
        Await.until("the reader sees the agent deactivated", LIVE, () -> pageState(reader).equals("deactivated"));
        assertThat(reader.one("#agent-maintenance").isDisplayed()).as("no actions for a read-only token").isFalse();
      }
    }
  }

  /** Types the grace period, presses drain and confirms. */
  private static void drain(Browser browser, String grace) {
    WebElement input = browser.one("#drain-grace");
    input.clear();
    input.sendKeys(grace);
    browser.one("#agent-drain").click();
    DashboardOperatorIT.confirm(browser, "drain");
  }

  private static void post(String master, String path, JsonObject body) {
    HttpResponse<String> answer = Http.send("POST", master + path, body.encode());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  /** One window on {@link #HOST}'s machine, an hour long from {@code startMs}. */
  private static JsonObject schedule(long startMs) {
    return new JsonObject("{\"windows\": [{\"machine_ids\": [{\"hostname\": \"" + HOST + "\"}], "
      + "\"unavailability\": {\"start\": {\"nanoseconds\": " + startMs * NANOS_PER_MS + "}, "
      + "\"duration\": {\"nanoseconds\": 3600000000000}}}]}");
  }

  private static JsonObject agentIdOf(String agentId) {
    return new JsonObject().put("agent_id", new JsonObject().put("value", agentId));
  }

  /** The agent as the leader's {@code /master/state} lists it. */
  private static JsonObject agent(String master) {
    return Http.json(master + "/master/state").getJsonArray("slaves").getJsonObject(0);
  }

  private static String tableState(Browser browser, String agentId) {
    return browser.text("#agents-table tr[data-id='" + agentId + "'] td.state");
  }

  private static String pageState(Browser browser) {
    return browser.text("#agent-details [data-label='State'] dd");
  }
}
