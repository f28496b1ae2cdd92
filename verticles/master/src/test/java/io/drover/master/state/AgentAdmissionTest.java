package io.drover.master.state;

import io.drover.master.state.AgentAdmission.Admission;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.AgentRegistration;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentAdmissionTest {

  final MasterState state = new MasterState();
  final AgentAdmission admission = new AgentAdmission(state, 10_000);
  final long now = System.currentTimeMillis();

  static AgentInfo agent(String id) {
    return new AgentInfo(id, "host-" + id, 5051, "node", Resources.parse("cpus:4;mem:1024"), Attributes.EMPTY);
  }

  static TaskInfo task(String id, String agentId) {
    return TaskInfo.command(id, agentId, Resources.parse("cpus:1;mem:10"), "true").withFrameworkId("fw");
  }

  static AgentRegistration registration(String agentId, List<TaskInfo> tasks, List<TaskStatus> statuses,
                                        String replaces) {
    return new AgentRegistration(agent(agentId), tasks, statuses, List.of(), replaces);
  }

  void running(TaskInfo task) {
    state.tasks.launch(task, TaskStatus.fromMaster(task.getTaskId(), "fw", task.getAgentId(), TaskState.TASK_STAGING,
      null, null));
    state.tasks.apply(TaskStatus.fromAgent(task, TaskState.TASK_RUNNING, null, null));
  }

  @Test
  void aFirstRegistrationAdmitsTheAgentAndASecondIsARegistrationAgain() {
    Admission first = admission.admit(registration("a1", List.of(), List.of(), null), now, true);
    Admission again = admission.admit(registration("a1", List.of(), List.of(), null), now, true);

    assertThat(first.admittedBefore()).isFalse();
    assertThat(again.admittedBefore()).isTrue();
    assertThat(again.agent().registeredThisTerm()).isTrue();
    assertThat(again.lost()).isEmpty();
    assertThat(again.replacedAgentId()).isNull();
  }

  @Test
  void aTaskTheAgentRegistersWithoutIsLost() {
    admission.admit(registration("a1", List.of(), List.of(), null), now, true);
    TaskInfo t = task("t", "a1");
    running(t);

    Admission again = admission.admit(registration("a1", List.of(), List.of(), null), now, true);

    assertThat(again.lost()).singleElement().satisfies(lost -> {
      assertThat(lost.getTaskId()).isEqualTo("t");
      assertThat(lost.getState()).isEqualTo(TaskState.TASK_LOST);
      assertThat(lost.getReason()).isEqualTo(TaskReason.REASON_AGENT_REREGISTERED);
    });
    assertThat(state.tasks.isActive("fw", "t")).isFalse();
  }

  @Test
  void aTaskBackFromUnreachableIsToldAgainAsReconciliation() {
    admission.admit(registration("a1", List.of(), List.of(), null), now, true);
    TaskInfo t = task("t", "a1");
    running(t);
    state.tasks.apply(TaskStatus.fromMaster("t", "fw", "a1", TaskState.TASK_UNREACHABLE,
      TaskReason.REASON_AGENT_REMOVED, "gone quiet"));

    Admission back = admission.admit(registration("a1", List.of(t),
      List.of(TaskStatus.fromAgent(t, TaskState.TASK_RUNNING, null, null)), null), now, true);

    assertThat(back.lost()).isEmpty();
    assertThat(back.recovered()).singleElement().satisfies(status -> {
      assertThat(status.getState()).isEqualTo(TaskState.TASK_RUNNING);
      assertThat(status.getReason()).isEqualTo(TaskReason.REASON_RECONCILIATION);
      assertThat(status.getUuid()).isNull();
    });
  }

  @Test
  void anAgentThatReplacesAnotherOnItsHostEndsTheOldOnesTasksGone() {
    admission.admit(registration("old", List.of(), List.of(), null), now, true);
    running(task("t", "old"));

    Admission replacing = admission.admit(new AgentRegistration(new AgentInfo("new", "host-old", 5051, "node2",
      Resources.parse("cpus:4;mem:1024"), Attributes.EMPTY), List.of(), List.of(), List.of(), "old"), now, true);

    assertThat(replacing.replacedAgentId()).isEqualTo("old");
    assertThat(replacing.gone()).singleElement().satisfies(gone -> {
      assertThat(gone.getState()).isEqualTo(TaskState.TASK_GONE);
      assertThat(gone.getReason()).isEqualTo(TaskReason.REASON_AGENT_REMOVED);
    });
    assertThat(state.agents.get("old")).isEmpty();
    assertThat(state.tasks.isActive("fw", "t")).isFalse();
  }

  @Test
  void anAgentOfAnotherHostCannotReplaceOne() {
    admission.admit(registration("old", List.of(), List.of(), null), now, true);
    running(task("t", "old"));

    Admission intruder = admission.admit(registration("new", List.of(), List.of(), "old"), now, true);

    assertThat(intruder.replacedAgentId()).isNull();
    assertThat(intruder.gone()).isEmpty();
    assertThat(state.agents.get("old")).isPresent();
    assertThat(state.tasks.isActive("fw", "t")).isTrue();
  }
}
