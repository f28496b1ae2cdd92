package io.drover.master.http;

import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.MasterView;
import io.drover.master.view.TaskView;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.DiscoveryInfo;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fields mesos-dns, pymesos and mesos_exporter read, in the shapes Mesos 1.11 writes. */
class StateJsonTest {

  private static final LeaderInfo LEADER = new LeaderInfo("m1", "127.0.0.1", 5050, 3, 100.0);

  private static TaskView task(String id, TaskState state, double since) {
    TaskInfo info = new TaskInfo(id, "web.prod", "fw1", "a1", Resources.parse("cpus:0.5;mem:64;ports:[31000-31000]"),
      null, null, null, Map.of("DROVER_APP_ID", "/prod/web"), 0)
      .withDiscovery(new DiscoveryInfo(DiscoveryInfo.FRAMEWORK, "web.prod", List.of(new DiscoveryInfo.Port(31000,
        "http", "tcp")), Map.of()));
    TaskStatus staging = new TaskStatus(id, "fw1", "a1", TaskState.TASK_STAGING, null, null, null, "s-" + id, since,
      null);
    TaskStatus status = new TaskStatus(id, "fw1", "a1", state, null, null, null, "u-" + id, since, null);
    return new TaskView(info, status, state == TaskState.TASK_STAGING ? List.of(status) : List.of(staging, status),
      since, "127.0.0.1");
  }

  private static MasterView master() {
    AgentInfo agent = new AgentInfo("a1", "127.0.0.1", 5051, "n1", Resources.parse("cpus:4;mem:1024"), Attributes.EMPTY);
    List<TaskView> tasks = List.of(task("t1", TaskState.TASK_RUNNING, 10), task("t2", TaskState.TASK_STAGING, 20));
    FrameworkView framework = new FrameworkView(new FrameworkInfo("fw1", "marathon", "root", "h", "", 60),
      true, false, 5.0, tasks, List.of());
    return new MasterView("m1", "127.0.0.1", 1.0, Optional.of(LEADER), Optional.of(LEADER), Map.of(), List.of(LEADER),
      List.of(new AgentView(agent, true, true, null, 2.0, Resources.parse("cpus:1"), Resources.EMPTY)),
      List.of(framework), tasks, List.of(task("t0", TaskState.TASK_FINISHED, 5)), List.of(),
      Map.of(TaskState.TASK_RUNNING, 1L, TaskState.TASK_STAGING, 1L, TaskState.TASK_FINISHED, 1L),
      Map.of("master/messages_status_update", 7L), Map.of("port", "5050"), Map.of(), Map.of());
  }

  @Test
  void stateHasWhatMesosDnsReads() {
    JsonObject state = StateJson.state(master());

    assertThat(state.getString("version")).isEqualTo("1.11.0");
    assertThat(state.getString("drover_version")).isNotBlank();
    assertThat(state.getString("leader")).isEqualTo("master@127.0.0.1:5050");
    assertThat(state.getString("pid")).isEqualTo("master@127.0.0.1:5050");
    assertThat(state.getJsonObject("leader_info").getString("pid")).isEqualTo("master@127.0.0.1:5050");
    JsonObject slave = state.getJsonArray("slaves").getJsonObject(0);
    assertThat(slave.getString("id")).isEqualTo("a1");
    assertThat(slave.getString("hostname")).isEqualTo("127.0.0.1");
    assertThat(slave.getString("pid")).isEqualTo("slave(1)@127.0.0.1:5051");
    JsonObject framework = state.getJsonArray("frameworks").getJsonObject(0);
    assertThat(framework.getString("name")).isEqualTo("marathon");
    assertThat(framework.getJsonArray("roles").getList()).containsExactly("*");
    assertThat(framework.getJsonArray("completed_tasks").getJsonObject(0).getString("id")).isEqualTo("t0");
    JsonObject task = framework.getJsonArray("tasks").getJsonObject(0);
    assertThat(task.getString("name")).isEqualTo("web.prod");
    assertThat(task.getString("state")).isEqualTo("TASK_RUNNING");
    assertThat(task.getString("slave_id")).isEqualTo("a1");
    assertThat(task.getString("executor_id")).isEmpty();
    assertThat(task.getJsonObject("resources").getString("ports")).isEqualTo("[31000-31000]");
    assertThat(task.getJsonArray("labels").getJsonObject(0).getMap())
      .containsEntry("key", "DROVER_APP_ID").containsEntry("value", "/prod/web");
    assertThat(task.getJsonArray("statuses").stream().map(u -> ((JsonObject) u).getString("state")))
      .containsExactly("TASK_STAGING", "TASK_RUNNING");
    assertThat(task.getJsonArray("statuses").getJsonObject(1).getJsonObject("container_status")
      .getJsonArray("network_infos").getJsonObject(0).getJsonArray("ip_addresses").getJsonObject(0)
      .getString("ip_address")).isEqualTo("127.0.0.1");
    JsonObject port = task.getJsonObject("discovery").getJsonObject("ports").getJsonArray("ports").getJsonObject(0);
    assertThat(port.getInteger("number")).isEqualTo(31000);
    assertThat(port.getString("name")).isEqualTo("http");
    assertThat(task.getJsonObject("discovery").getString("name")).isEqualTo("web.prod");
    assertThat(state.getJsonArray("completed_frameworks")).isEmpty();
    assertThat(state.getJsonArray("orphan_tasks")).isEmpty();
    assertThat(state.getJsonObject("flags").getString("port")).isEqualTo("5050");
    assertThat(StateJson.flags(master()).getJsonObject("flags").getString("port")).isEqualTo("5050");
  }

  @Test
  void tasksArePagedNewestFirstByDefault() {
    JsonObject page = StateJson.tasks(master(), TaskPage.from(Map.of("limit", "2")));

    assertThat(page.getJsonArray("tasks").stream().map(t -> ((JsonObject) t).getString("id")))
      .containsExactly("t2", "t1");
    assertThat(StateJson.tasks(master(), TaskPage.from(Map.of("order", "asc", "offset", "1", "limit", "1")))
      .getJsonArray("tasks").getJsonObject(0).getString("id")).isEqualTo("t1");
  }

  @Test
  void badPagesAreRefusedByName() {
    assertThatThrownBy(() -> TaskPage.from(Map.of("limit", "-1"))).hasMessageContaining("limit");
    assertThatThrownBy(() -> TaskPage.from(Map.of("offset", "x"))).hasMessageContaining("offset");
    assertThatThrownBy(() -> TaskPage.from(Map.of("order", "up"))).hasMessageContaining("order");
  }

  @Test
  void metricsHaveWhatMesosExporterReads() {
    JsonObject metrics = MetricsSnapshot.of(master());

    assertThat(metrics.getLong("master/messages_status_update")).isEqualTo(7);
    assertThat(metrics.getLong("master/tasks_running")).isEqualTo(1);
    assertThat(metrics.getLong("master/tasks_finished")).isEqualTo(1);
    assertThat(metrics.getLong("master/slaves_active")).isEqualTo(1);
    assertThat(metrics.getLong("master/frameworks_connected")).isEqualTo(1);
    assertThat(metrics.getDouble("master/cpus_total")).isEqualTo(4.0);
    assertThat(metrics.getDouble("master/cpus_used")).isEqualTo(1.0);
    assertThat(metrics.getInteger("master/elected")).isEqualTo(1);
    assertThat(metrics.fieldNames()).contains("master/gpus_total", "master/slaves_disconnected",
      "master/frameworks_disconnected", "master/outstanding_offers", "master/uptime_secs");
  }
}
