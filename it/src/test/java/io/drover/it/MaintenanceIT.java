package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maintenance on a real cluster: two masters, three agents, each on a machine of its own (its own
 * hostname), and Marathon running an app of two tasks.
 *
 * <ol>
 *   <li>A maintenance window is scheduled, two minutes ahead, on the machine of an agent running a
 *       task of the app: Marathon gets an inverse offer, starts the task's replacement on another
 *       agent before the window starts, kills the old one and accepts the inverse offer.</li>
 *   <li>{@code DRAIN_AGENT} on another agent with a task: its task, which ignores SIGTERM and has a
 *       kill grace period of 300 s, is killed within the drain's {@code max_grace_period} of 1 s,
 *       Marathon replaces it elsewhere, and the agent shows DRAINED (and deactivated) in
 *       {@code /master/state}.</li>
 *   <li>The schedule and the drain survive {@code kill -9} of the leading master; the agent stays
 *       DRAINED until {@code REACTIVATE_AGENT}.</li>
 * </ol>
 * Bad calls are refused with 400 and a message naming the problem, changing nothing.
 */
class MaintenanceIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String APP = "/maint";
  private static final long NANOS_PER_MS = 1_000_000L;

  @Test
  void marathonLeavesAMachineBeforeItsWindowAndAnAgentDrainsAcrossAFailover() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("maintenance")) {
      cluster.master("master-1");
      cluster.master("master-2");
      for (String name : List.of("maint-a", "maint-b", "maint-c")) {
        cluster.agent(name, "cpus:1;mem:512;disk:100;ports:[31000-31009]", "--hostname", name);
      }
      cluster.awaitActiveAgents(3);
      MarathonClient marathon = cluster.leadingMarathon("marathon");
      String leader = cluster.leaderUrl().orElseThrow();

      marathon.expect(201, "POST", "/v2/apps", MarathonApps.app(APP, "sleep 1000", 2));
      marathon.awaitRunning(APP, 2);

      // (a) a window two minutes ahead on the machine of the first task's agent
      JsonObject first = marathon.running(APP).get(0);
      String scheduledHost = first.getString("host");
      String scheduledAgent = first.getString("slaveId");
      long windowStartMs = System.currentTimeMillis() + 120_000;
      String schedule = schedule(scheduledHost, windowStartMs);

      refused(Http.send("POST", leader + "/master/maintenance/schedule", "{\"windows\": [" + window(scheduledHost,
        windowStartMs) + "," + window(scheduledHost, windowStartMs + 3_600_000) + "]}"), "appears more than once");
      refused(Http.send("POST", leader + "/master/maintenance/schedule", "{\"windows\": [{\"machine_ids\": []}]}"),
        "unavailability");
      refused(Http.send("POST", leader + "/master/machine/down", "[{\"hostname\": \"nowhere\"}]"),
        "is not part of a maintenance schedule");
      assertThat(Http.json(leader + "/master/maintenance/schedule").getJsonArray("windows", new JsonArray())).isEmpty();

      HttpResponse<String> scheduled = Http.send("POST", leader + "/master/maintenance/schedule", schedule);
      assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
      Await.until("Marathon's tasks leave " + scheduledHost, WAIT, () -> {
        List<JsonObject> running = marathon.running(APP);
        return running.size() == 2 && marathon.tasks(APP).size() == 2
          && running.stream().noneMatch(t -> t.getString("host").equals(scheduledHost));
      });
      assertThat(System.currentTimeMillis()).as("moved before the window starts").isLessThan(windowStartMs);
      Await.until("Marathon accepts the inverse offer", WAIT, () -> {
        JsonObject status = operator(leader, "{\"type\": \"GET_MAINTENANCE_STATUS\"}");
        return status.getJsonObject("get_maintenance_status").getJsonObject("status")
          .getJsonArray("draining_machines", new JsonArray()).stream().map(JsonObject.class::cast)
          .anyMatch(m -> m.getJsonObject("id").getString("hostname").equals(scheduledHost)
            && m.getJsonArray("statuses", new JsonArray()).stream().map(JsonObject.class::cast)
              .anyMatch(s -> s.getString("status").equals("ACCEPT")));
      });

      // (b) tasks that ignore SIGTERM for up to 300 s: a drain's max_grace_period of 1 s cuts that short
      marathon.expect(200, "PUT", "/v2/apps" + APP,
        "{\"cmd\": \"trap '' TERM; sleep 1000\", \"taskKillGracePeriodSeconds\": 300}");
      marathon.awaitRunning(APP, 2);
      assertThat(marathon.running(APP)).noneMatch(t -> t.getString("host").equals(scheduledHost));

      // drain another agent that runs a task
      JsonObject onOther = marathon.running(APP).get(0);
      String drainedAgent = onOther.getString("slaveId");
      assertThat(drainedAgent).isNotEqualTo(scheduledAgent);
      refused(operatorCall(leader, "{\"type\": \"DRAIN_AGENT\", \"drain_agent\": {\"agent_id\": {\"value\": \"nope\"}}}"),
        "Unknown agent");
      refused(operatorCall(leader, "{\"type\": \"REACTIVATE_AGENT\", \"reactivate_agent\": {\"agent_id\": {\"value\": \""
        + drainedAgent + "\"}}}"), "Agent is not deactivated");
      refused(operatorCall(leader, "{\"type\": \"DRAIN_AGENT\", \"drain_agent\": {\"agent_id\": {\"value\": \""
        + scheduledAgent + "\"}}}"), "is part of a maintenance schedule");
      HttpResponse<String> drain = operatorCall(leader, "{\"type\": \"DRAIN_AGENT\", \"drain_agent\": {\"agent_id\": "
        + "{\"value\": \"" + drainedAgent + "\"}, \"max_grace_period\": \"1s\"}}");
      assertThat(drain.statusCode()).as(drain.body()).isEqualTo(200);
      Await.until(drainedAgent + " is DRAINED", WAIT, () -> agent(cluster.leaderState(), drainedAgent)
        .map(a -> a.getJsonObject("drain_info") != null
          && "DRAINED".equals(a.getJsonObject("drain_info").getString("state"))).orElse(false));
      JsonObject drained = agent(cluster.leaderState(), drainedAgent).orElseThrow();
      assertThat(drained.getBoolean("deactivated")).isTrue();
      assertThat(drained.getBoolean("active")).isFalse();
      assertThat(drained.getJsonObject("drain_info").getJsonObject("config").getJsonObject("max_grace_period")
        .getLong("nanoseconds")).isEqualTo(1_000_000_000L);
      Await.until("Marathon runs both tasks elsewhere", WAIT, () -> {
        List<JsonObject> running = marathon.running(APP);
        return running.size() == 2 && running.stream().noneMatch(t -> t.getString("slaveId").equals(drainedAgent)
          || t.getString("host").equals(scheduledHost));
      });

      // (c) the schedule and the drain survive kill -9 of the leading master
      DroverProcess old = cluster.leader().orElseThrow();
      old.kill9();
      String next = Await.value("a new leader", WAIT, () -> cluster.leaderUrl().filter(u -> !u.equals(leader))
        .orElse(null));
      Await.until("the new leader shows the schedule", WAIT, () -> {
        HttpResponse<String> read = Http.get(next + "/master/maintenance/schedule");
        return read.statusCode() == 200 && new JsonObject(read.body()).getJsonArray("windows", new JsonArray()).size() == 1;
      });
      JsonObject window = Http.json(next + "/master/maintenance/schedule").getJsonArray("windows").getJsonObject(0);
      assertThat(window.getJsonArray("machine_ids").getJsonObject(0).getString("hostname")).isEqualTo(scheduledHost);
      assertThat(window.getJsonObject("unavailability").getJsonObject("start").getLong("nanoseconds"))
        .isEqualTo(windowStartMs * NANOS_PER_MS);
      Await.until("the new leader knows " + drainedAgent + " is DRAINED", WAIT, () -> {
        JsonObject state = Http.json(next + "/master/state");
        return agent(state, drainedAgent).map(a -> a.getBoolean("deactivated", false)
          && a.getJsonObject("drain_info") != null
          && "DRAINED".equals(a.getJsonObject("drain_info").getString("state"))).orElse(false);
      });
      JsonObject v1Schedule = operator(next, "{\"type\": \"GET_MAINTENANCE_SCHEDULE\"}")
        .getJsonObject("get_maintenance_schedule").getJsonObject("schedule");
      assertThat(v1Schedule.getJsonArray("windows").getJsonObject(0).getJsonArray("machine_ids").getJsonObject(0)
        .getString("hostname")).isEqualTo(scheduledHost);
      JsonObject agents = operator(next, "{\"type\": \"GET_AGENTS\"}");
      JsonObject drainedV1 = agents.getJsonObject("get_agents").getJsonArray("agents").stream()
        .map(JsonObject.class::cast)
        .filter(a -> a.getJsonObject("agent_info").getJsonObject("id").getString("value").equals(drainedAgent))
        .findFirst().orElseThrow();
      assertThat(drainedV1.getBoolean("deactivated")).isTrue();
      assertThat(drainedV1.getJsonObject("drain_info").getString("state")).isEqualTo("DRAINED");

      HttpResponse<String> reactivated = operatorCall(next, "{\"type\": \"REACTIVATE_AGENT\", \"reactivate_agent\": "
        + "{\"agent_id\": {\"value\": \"" + drainedAgent + "\"}}}");
      assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
      JsonObject back = agent(Http.json(next + "/master/state"), drainedAgent).orElseThrow();
      assertThat(back.getBoolean("deactivated")).isFalse();
      assertThat(back.containsKey("drain_info")).isFalse();

      // the machine goes down and comes up: it leaves the schedule
      HttpResponse<String> down = Http.send("POST", next + "/master/machine/down",
        "[{\"hostname\": \"" + scheduledHost + "\"}]");
      assertThat(down.statusCode()).as(down.body()).isEqualTo(200);
      assertThat(Http.json(next + "/master/maintenance/status").getJsonArray("down_machines"))
        .containsExactly(new JsonObject().put("hostname", scheduledHost));
      refused(operatorCall(next, "{\"type\": \"STOP_MAINTENANCE\", \"stop_maintenance\": {\"machines\": "
        + "[{\"hostname\": \"nowhere\"}]}}"), "is not part of a maintenance schedule");
      HttpResponse<String> up = operatorCall(next, "{\"type\": \"STOP_MAINTENANCE\", \"stop_maintenance\": "
        + "{\"machines\": [{\"hostname\": \"" + scheduledHost + "\"}]}}");
      assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
      assertThat(Http.json(next + "/master/maintenance/schedule").getJsonArray("windows", new JsonArray())).isEmpty();
      marathon.awaitRunning(APP, 2);
    }
  }

  private static String window(String hostname, long startMs) {
    return "{\"machine_ids\": [{\"hostname\": \"" + hostname + "\"}], \"unavailability\": {\"start\": {\"nanoseconds\": "
      + startMs * NANOS_PER_MS + "}, \"duration\": {\"nanoseconds\": 3600000000000}}}";
  }

  private static String schedule(String hostname, long startMs) {
    return "{\"windows\": [" + window(hostname, startMs) + "]}";
  }

  private static Optional<JsonObject> agent(JsonObject state, String agentId) {
    return state.getJsonArray("slaves").stream().map(JsonObject.class::cast)
      .filter(a -> a.getString("id").equals(agentId)).findFirst();
  }

  private static HttpResponse<String> operatorCall(String master, String call) {
    return Http.send("POST", master + "/api/v1", call);
  }

  private static JsonObject operator(String master, String call) {
    HttpResponse<String> response = operatorCall(master, call);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static void refused(HttpResponse<String> response, String problem) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("message")).contains(problem);
  }
}
