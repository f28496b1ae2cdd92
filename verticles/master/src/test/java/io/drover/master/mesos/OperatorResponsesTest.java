package io.drover.master.mesos;

import io.drover.master.view.MasterView;
import io.drover.master.view.TaskView;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.master.Protos.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorResponsesTest {

  final OperatorFixture cluster = new OperatorFixture();
  final MasterView view = cluster.view();
  final OperatorResponses responses = new OperatorResponses(agentId -> Optional.of("127.0.0.1"));

  /** What a strict Mesos client reads of it, in JSON and in protobuf: the same message. */
  static Response read(Response response) throws Exception {
    Response fromJson = MediaType.JSON.decodeStrictly(MediaType.JSON.encode(response), Response.newBuilder()).build();
    Response fromProtobuf = MediaType.PROTOBUF.decodeStrictly(MediaType.PROTOBUF.encode(response),
      Response.newBuilder()).build();
    assertThat(fromJson).isEqualTo(response);
    assertThat(fromProtobuf).isEqualTo(response);
    return fromJson;
  }

  @Test
  void getStateHoldsTasksExecutorsFrameworksAndAgents() throws Exception {
    Response.GetState state = read(responses.state(view)).getGetState();

    Protos.Task web = state.getGetTasks().getTasks(0);
    assertThat(state.getGetTasks().getTasksCount()).isEqualTo(1);
    assertThat(web.getTaskId().getValue()).isEqualTo("web.1");
    assertThat(web.getState()).isEqualTo(Protos.TaskState.TASK_RUNNING);
    assertThat(web.getStatusUpdateState()).isEqualTo(Protos.TaskState.TASK_RUNNING);
    assertThat(web.getStatuses(0).getState()).isEqualTo(Protos.TaskState.TASK_RUNNING);
    assertThat(web.getFrameworkId().getValue()).isEqualTo("fw-1");
    assertThat(web.getAgentId().getValue()).isEqualTo("a-1");
    // a command task's executor is named after it, as Mesos's command executor is
    assertThat(web.getExecutorId().getValue()).isEqualTo("web.1");
    assertThat(web.getResourcesList()).extracting(Protos.Resource::getName).contains("cpus", "mem", "ports");
    assertThat(state.getGetTasks().getCompletedTasksList()).extracting(t -> t.getTaskId().getValue())
      .containsExactly("batch.1");
    assertThat(state.getGetTasks().getCompletedTasks(0).getState()).isEqualTo(Protos.TaskState.TASK_FINISHED);

    assertThat(state.getGetExecutors().getExecutorsList()).extracting(e -> e.getExecutorInfo().getExecutorId().getValue())
      .containsExactly("web.1");
    assertThat(state.getGetExecutors().getExecutors(0).getExecutorInfo().getName())
      .isEqualTo("Command Executor (Task: web.1) (Command: sh -c 'sleep 100')");
    assertThat(state.getGetFrameworks().getFrameworks(0).getFrameworkInfo().getName()).isEqualTo("marathon");
    assertThat(state.getGetAgents().getAgents(0).getAgentInfo().getId().getValue()).isEqualTo("a-1");
  }

  @Test
  void anAgentHasItsTotalAllocatedAndOfferedResources() throws Exception {
    Response.GetAgents.Agent agent = read(responses.agents(view)).getGetAgents().getAgents(0);

    assertThat(agent.getActive()).isTrue();
    assertThat(agent.getPid()).isEqualTo("slave(1)@127.0.0.1:5051");
    assertThat(agent.getVersion()).isEqualTo("1.11.0");
    assertThat(scalar(agent.getTotalResourcesList(), "cpus")).isEqualTo(4.0);
    assertThat(scalar(agent.getAllocatedResourcesList(), "cpus")).isEqualTo(1.0);
    assertThat(scalar(agent.getOfferedResourcesList(), "cpus")).isEqualTo(2.5);
    assertThat(agent.getAgentInfo().getAttributesList()).extracting(Protos.Attribute::getName)
      .containsExactly("rack", "zone");
  }

  @Test
  void aFrameworkHasItsOffersAndWhatItHolds() throws Exception {
    Response.GetFrameworks.Framework framework = read(responses.frameworks(view)).getGetFrameworks().getFrameworks(0);

    assertThat(framework.getFrameworkInfo().getId().getValue()).isEqualTo("fw-1");
    assertThat(framework.getFrameworkInfo().getFailoverTimeout()).isEqualTo(604800.0);
    assertThat(framework.getConnected()).isTrue();
    assertThat(framework.getActive()).isTrue();
    assertThat(framework.getOffersList()).extracting(o -> o.getId().getValue()).containsExactly("o-1");
    assertThat(scalar(framework.getAllocatedResourcesList(), "mem")).isEqualTo(128.0);
    assertThat(scalar(framework.getOfferedResourcesList(), "mem")).isEqualTo(832.0);
  }

  @Test
  void theOneRoleIsTheDefaultWithWeightOne() throws Exception {
    Protos.Role role = read(responses.roles(view)).getGetRoles().getRoles(0);

    assertThat(role.getName()).isEqualTo("*");
    assertThat(role.getWeight()).isEqualTo(1.0);
    assertThat(role.getFrameworksList()).extracting(Protos.FrameworkID::getValue).containsExactly("fw-1");
    assertThat(scalar(role.getResourcesList(), "cpus")).isEqualTo(1.0);
  }

  @Test
  void theMasterItsVersionHealthFlagsMetricsAndLoggingLevel() throws Exception {
    Response master = read(responses.master(view, MesosAnnouncement.masterInfo(OperatorFixture.LEADER)));
    assertThat(master.getGetMaster().getMasterInfo().getId()).isEqualTo("m-1");
    assertThat(master.getGetMaster().getElectedTime()).isEqualTo(1_700_000_000.5);
    assertThat(master.getGetMaster().getStartTime()).isEqualTo(1_700_000_000.0);

    assertThat(read(responses.version()).getGetVersion().getVersionInfo().getVersion()).isEqualTo("1.11.0");
    assertThat(read(responses.health(true)).getGetHealth().getHealthy()).isTrue();
    assertThat(read(responses.flags(Map.of("port", "5050"))).getGetFlags().getFlags(0))
      .isEqualTo(Protos.Flag.newBuilder().setName("port").setValue("5050").build());
    Response metrics = read(responses.metrics(new JsonObject().put("master/elected", 1).put("master/cpus_used", 1.5)));
    assertThat(metrics.getGetMetrics().getMetricsList()).extracting(Protos.Metric::getName, Protos.Metric::getValue)
      .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("master/elected", 1.0),
        org.assertj.core.groups.Tuple.tuple("master/cpus_used", 1.5));
    assertThat(read(responses.loggingLevel(0)).getGetLoggingLevel().getLevel()).isZero();
    assertThat(read(responses.operations()).getGetOperations().getOperationsCount()).isZero();
  }

  @Test
  void aLongShellCommandIsShortenedInItsExecutorsNameAsMesosDoes() {
    io.drover.protocol.TaskInfo loop = io.drover.protocol.TaskInfo.command("log.1", "a-1",
      io.drover.resources.Resources.parse("cpus:0.1"), "while true; do echo stdout; sleep 1; done");
    io.drover.protocol.TaskStatus running = io.drover.protocol.TaskStatus.fromAgent(loop,
      io.drover.protocol.TaskState.TASK_RUNNING, null, null);
    TaskView task = new TaskView(loop, running, List.of(running), 0, "127.0.0.1");
    assertThat(OperatorResponses.commandExecutorName(task))
      .isEqualTo("Command Executor (Task: log.1) (Command: sh -c 'while true; ...')");
  }

  static double scalar(java.util.List<Protos.Resource> resources, String name) {
    return resources.stream().filter(r -> r.getName().equals(name)).mapToDouble(r -> r.getScalar().getValue()).sum();
  }
}
