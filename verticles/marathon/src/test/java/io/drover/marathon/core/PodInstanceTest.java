package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.SharedVolume;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.drover.protocol.TaskState.TASK_FAILED;
import static io.drover.protocol.TaskState.TASK_FINISHED;
import static io.drover.protocol.TaskState.TASK_KILLED;
import static io.drover.protocol.TaskState.TASK_KILLING;
import static io.drover.protocol.TaskState.TASK_RUNNING;
import static io.drover.protocol.TaskState.TASK_STAGING;
import static io.drover.protocol.TaskState.TASK_STARTING;
import static io.drover.protocol.TaskState.TASK_UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

/** A pod instance: a task group built from its containers, and one state from its tasks' states. */
class PodInstanceTest {

  private static final String VERSION = "2026-12-07T00:00:00Z";

  private static AppDefinition pod() {
    JsonObject check = new JsonObject().put("tcp", new JsonObject().put("endpoint", "admin"));
    JsonObject json = new JsonObject().put("id", "/shop/cart").put("volumes", new JsonArray()
        .add(new JsonObject().put("name", "data")))
      .put("environment", new JsonObject().put("LEVEL", "pod").put("ZONE", "a"))
      .put("containers", new JsonArray()
        .add(new JsonObject().put("name", "db").put("exec", shell("run-db"))
          .put("resources", new JsonObject().put("cpus", 0.5).put("mem", 64))
          .put("volumeMounts", new JsonArray().add(new JsonObject().put("name", "data").put("mountPath", "db/data"))))
        .add(new JsonObject().put("name", "web").put("exec", shell("serve"))
          .put("resources", new JsonObject().put("cpus", 0.25).put("mem", 32))
          .put("environment", new JsonObject().put("LEVEL", "container"))
          .put("endpoints", new JsonArray().add(endpoint("http")).add(endpoint("admin")))
          .put("healthCheck", check)));
    return AppJson.readPod(json, PathId.ROOT).withVersion(VERSION, new AppDefinition.VersionInfo(VERSION, VERSION));
  }

  private static JsonObject shell(String command) {
    return new JsonObject().put("command", new JsonObject().put("shell", command));
  }

  private static JsonObject endpoint(String name) {
    return new JsonObject().put("name", name).put("hostPort", 0);
  }

  @Test
  void anInstanceIsATaskGroupOnTheDefaultExecutorWithATaskPerContainer() {
    AppDefinition pod = pod();
    List<TaskInfo> group = TaskFactory.buildGroup(pod, "shop_cart.instance-1", "a1", List.of(31005, 31002));

    assertThat(group).extracting(TaskInfo::getTaskId)
      .containsExactly("shop_cart.instance-1.db", "shop_cart.instance-1.web");
    assertThat(group).allSatisfy(task -> {
      assertThat(task.getGroup()).isEqualTo("shop_cart.instance-1");
      assertThat(task.getExecutor().getType()).isEqualTo(ExecutorInfo.Type.DEFAULT);
      assertThat(task.getExecutor().getExecutorId()).isEqualTo("shop_cart.instance-1");
      assertThat(task.getExecutor().resources()).isEqualTo(Resources.parse("cpus:0.1;mem:32;disk:10"));
      assertThat(task.getLabels()).containsEntry(TaskFactory.LABEL_INSTANCE_ID, "shop_cart.instance-1");
    });
    TaskInfo db = group.get(0);
    TaskInfo web = group.get(1);
    assertThat(db.getSharedVolumes()).containsExactly(new SharedVolume("data", "db/data"));
    assertThat(db.resources()).isEqualTo(Resources.parse("cpus:0.5;mem:64"));
    assertThat(web.resources()).isEqualTo(Resources.parse("cpus:0.25;mem:32;ports:[31002-31002,31005-31005]"));
    assertThat(web.getCommand().getEnvironment()).containsEntry("LEVEL", "container").containsEntry("ZONE", "a")
      .containsEntry("ENDPOINT_HTTP", "31005").containsEntry("EP_HOST_ADMIN", "31002")
      .containsEntry("MESOS_TASK_ID", "shop_cart.instance-1.web");
    // the agent takes a check's port by its index among the task's ports, lowest first: admin's 31002 is 0
    assertThat(web.getHealthCheck().getPortIndex()).isZero();
    assertThat(db.getHealthCheck()).isNull();
    assertThat(TaskFactory.agentCheck(pod, web.getTaskId())).isZero();
    assertThat(TaskFactory.agentCheck(pod, db.getTaskId())).isEqualTo(-1);
  }

  @Test
  void itsStateCombinesItsTasksStates() {
    assertThat(Instance.combined(List.of(TASK_RUNNING, TASK_RUNNING))).isEqualTo(TASK_RUNNING);
    assertThat(Instance.combined(List.of(TASK_RUNNING, TASK_STARTING))).isEqualTo(TASK_STARTING);
    assertThat(Instance.combined(List.of(TASK_STAGING, TASK_STARTING))).isEqualTo(TASK_STAGING);
    assertThat(Instance.combined(List.of(TASK_RUNNING, TASK_FINISHED))).as("a finished sidecar").isEqualTo(TASK_RUNNING);
    assertThat(Instance.combined(List.of(TASK_FINISHED, TASK_FINISHED))).isEqualTo(TASK_FINISHED);
    assertThat(Instance.combined(List.of(TASK_RUNNING, TASK_FAILED))).isEqualTo(TASK_FAILED);
    assertThat(Instance.combined(List.of(TASK_KILLED, TASK_KILLING))).isEqualTo(TASK_KILLED);
    assertThat(Instance.combined(List.of(TASK_RUNNING, TASK_KILLING))).isEqualTo(TASK_KILLING);
    assertThat(Instance.combined(List.of(TASK_RUNNING, TASK_UNREACHABLE))).isEqualTo(TASK_UNREACHABLE);
  }

  @Test
  void aContainerThatFailsEndsTheInstanceAndAKillGoesToATaskStillRunning() {
    Instance instance = new Instance("i", PathId.parse("/p"), "*", VERSION, VERSION, "a1", "h", Attributes.EMPTY,
      List.of(), List.of(), 0);
    instance.addContainer("i.a", "a", List.of(), 0);
    instance.addContainer("i.b", "b", List.of(), 0);
    instance.update(status("i.a", TASK_RUNNING), 1);
    assertThat(instance.state()).isEqualTo(TASK_STAGING);
    instance.update(status("i.b", TASK_RUNNING), 2);
    assertThat(instance.state()).isEqualTo(TASK_RUNNING);
    assertThat(instance.startedAtMs()).isEqualTo(2);
    assertThat(instance.mesosTaskIds()).containsExactly("i.a", "i.b");

    instance.update(status("i.a", TASK_FINISHED), 3);
    assertThat(instance.killTarget()).isEqualTo("i.b");
    instance.update(status("i.b", TASK_FAILED), 4);
    assertThat(instance.state()).isEqualTo(TASK_FAILED);
  }

  private static TaskStatus status(String taskId, TaskState state) {
    return TaskStatus.fromMaster(taskId, "f", "a1", state, null, "");
  }
}
