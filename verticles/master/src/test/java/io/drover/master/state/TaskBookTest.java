package io.drover.master.state;

import io.drover.master.state.TaskBook.Applied;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskBookTest {

  final TaskBook book = new TaskBook();

  static TaskInfo task(String id, String agent, String resources) {
    return TaskInfo.command(id, agent, Resources.parse(resources), "true").withFrameworkId("fw");
  }

  static TaskStatus agentSays(TaskInfo task, TaskState state) {
    return TaskStatus.fromAgent(task, state, null, null);
  }

  void launch(TaskInfo task) {
    book.launch(task, TaskStatus.fromMaster(task.getTaskId(), "fw", task.getAgentId(), TaskState.TASK_STAGING, null, null));
  }

  @Test
  void aTerminalStateIsNeverOverwritten() {
    TaskInfo t = task("t", "a1", "cpus:1;mem:10");
    launch(t);
    TaskStatus finished = agentSays(t, TaskState.TASK_FINISHED);

    assertThat(book.apply(agentSays(t, TaskState.TASK_RUNNING))).isEqualTo(Applied.CHANGED);
    assertThat(book.apply(finished)).isEqualTo(Applied.CHANGED);
    assertThat(book.apply(finished)).isEqualTo(Applied.DUPLICATE);
    assertThat(book.apply(agentSays(t, TaskState.TASK_RUNNING))).isEqualTo(Applied.STALE);

    assertThat(book.find("fw", "t").orElseThrow().state()).isEqualTo(TaskState.TASK_FINISHED);
    assertThat(book.isActive("fw", "t")).isFalse();
    assertThat(book.countsByState()).containsEntry(TaskState.TASK_FINISHED, 1L);
  }

  @Test
  void aTaskKeepsOneStatusPerStateItReached() {
    TaskInfo t = task("t", "a1", "cpus:1;mem:10");
    launch(t);
    book.apply(agentSays(t, TaskState.TASK_RUNNING));
    book.apply(agentSays(t, TaskState.TASK_RUNNING));
    book.apply(agentSays(t, TaskState.TASK_FINISHED));

    assertThat(book.find("fw", "t").orElseThrow().statuses()).extracting(TaskStatus::getState)
      .containsExactly(TaskState.TASK_STAGING, TaskState.TASK_RUNNING, TaskState.TASK_FINISHED);
  }

  @Test
  void usedResourcesAreThoseOfActiveTasks() {
    TaskInfo a = task("a", "a1", "cpus:1;mem:10");
    TaskInfo b = task("b", "a1", "cpus:2;mem:20");
    launch(a);
    launch(b);
    book.apply(agentSays(a, TaskState.TASK_FAILED));

    assertThat(book.usedByAgent()).containsEntry("a1", Resources.parse("cpus:2;mem:20"));
    assertThat(book.usedByFramework()).containsEntry("fw", Map.of("*", Resources.parse("cpus:2;mem:20")));
  }

  @Test
  void aFrameworkUsesWhatItsTasksHoldByTheRoleTheyWereAllocatedTo() {
    TaskInfo web = task("web", "a1", "cpus:1;mem:10").withRole("eng/web");
    TaskInfo db = task("db", "a1", "cpus:2;mem:20").withRole("eng/db");
    TaskInfo more = task("more", "a2", "cpus:0.5").withRole("eng/web");
    launch(web);
    launch(db);
    launch(more);
    assertThat(book.usedByFramework()).containsEntry("fw",
      Map.of("eng/web", Resources.parse("cpus:1.5;mem:10"), "eng/db", Resources.parse("cpus:2;mem:20")));

    book.apply(agentSays(db, TaskState.TASK_FINISHED));
    assertThat(book.usedByFramework()).containsEntry("fw", Map.of("eng/web", Resources.parse("cpus:1.5;mem:10")));
  }

  @Test
  void usedResourcesFollowTasksAsTheyComeAndGoPortsIncluded() {
    TaskInfo a = task("a", "a1", "cpus:0.5;mem:10;ports:[31000-31001]");
    TaskInfo b = task("b", "a1", "cpus:0.25;mem:5;ports:[31005-31005]");
    launch(a);
    launch(b);
    book.apply(agentSays(a, TaskState.TASK_KILLED));
    assertThat(book.usedByAgent()).containsEntry("a1", Resources.parse("cpus:0.25;mem:5;ports:[31005-31005]"));
    book.apply(agentSays(b, TaskState.TASK_FINISHED));
    assertThat(book.usedByAgent()).isEmpty();
    assertThat(book.usedByFramework()).isEmpty();

    TaskInfo adopted = task("adopted", "a2", "cpus:1");
    book.reconcileAgent("a2", List.of(adopted), List.of(agentSays(adopted, TaskState.TASK_RUNNING)), 0);
    assertThat(book.usedByAgent()).containsEntry("a2", Resources.parse("cpus:1"));
  }

  @Test
  void tasksOfOneFrameworkOnTheSamePortOfTwoAgentsEndCleanly() {
    TaskInfo a = task("a", "a1", "cpus:1;ports:[31000-31000]");
    TaskInfo b = task("b", "a2", "cpus:1;ports:[31000-31000]");
    launch(a);
    launch(b);
    assertThat(book.usedByFramework()).containsEntry("fw", Map.of("*", Resources.parse("cpus:2")));

    assertThat(book.apply(agentSays(a, TaskState.TASK_FINISHED))).isEqualTo(Applied.CHANGED);
    assertThat(book.apply(agentSays(b, TaskState.TASK_FINISHED))).isEqualTo(Applied.CHANGED);
    assertThat(book.usedByAgent()).isEmpty();
    assertThat(book.usedByFramework()).isEmpty();
    assertThat(book.completed()).hasSize(2);
  }

  @Test
  void twoTasksAdoptedOnOnePortOfAnAgentEndWithoutLeavingAnythingCounted() {
    TaskInfo a = task("a", "a1", "cpus:1;ports:[31000-31000]");
    TaskInfo b = task("b", "a1", "cpus:1;ports:[31000-31000]");
    book.reconcileAgent("a1", List.of(a, b),
      List.of(agentSays(a, TaskState.TASK_RUNNING), agentSays(b, TaskState.TASK_RUNNING)), 0);
    assertThat(book.apply(agentSays(a, TaskState.TASK_KILLED))).isEqualTo(Applied.CHANGED);
    assertThat(book.usedByAgent().get("a1").cpus()).isEqualTo(1.0);
    assertThat(book.apply(agentSays(b, TaskState.TASK_KILLED))).isEqualTo(Applied.CHANGED);
    assertThat(book.usedByAgent()).isEmpty();
    assertThat(book.completed()).hasSize(2);
  }

  @Test
  void reRegistrationAdoptsReportedTasksAndNamesTheMissingOnes() {
    TaskInfo kept = task("kept", "a1", "cpus:1");
    TaskInfo gone = task("gone", "a1", "cpus:1");
    TaskInfo elsewhere = task("elsewhere", "a2", "cpus:1");
    TaskInfo unknown = task("unknown", "a1", "cpus:1");
    launch(kept);
    launch(gone);
    launch(elsewhere);

    List<TaskBook.Task> missing = book.reconcileAgent("a1", List.of(kept, unknown),
      List.of(agentSays(kept, TaskState.TASK_RUNNING), agentSays(unknown, TaskState.TASK_RUNNING)), Long.MAX_VALUE);

    assertThat(missing).extracting(m -> m.info().getTaskId()).containsExactly("gone");
    assertThat(book.find("fw", "kept").orElseThrow().state()).isEqualTo(TaskState.TASK_RUNNING);
    assertThat(book.isActive("fw", "unknown")).isTrue();
    assertThat(book.isActive("fw", "elsewhere")).isTrue();
  }

  @Test
  void aLaunchStillOnItsWayIsNotMissing() {
    TaskInfo launching = task("launching", "a1", "cpus:1");
    launch(launching);

    assertThat(book.reconcileAgent("a1", List.of(), List.of(), System.currentTimeMillis() - 10_000)).isEmpty();
    assertThat(book.reconcileAgent("a1", List.of(), List.of(), System.currentTimeMillis() + 1_000))
      .extracting(m -> m.info().getTaskId()).containsExactly("launching");
  }

  @Test
  void reRegistrationDoesNotBringAnEndedTaskBack() {
    TaskInfo ended = task("ended", "a1", "cpus:1");
    launch(ended);
    book.apply(TaskStatus.fromMaster("ended", "fw", "a1", TaskState.TASK_DROPPED, null, "not delivered"));

    book.reconcileAgent("a1", List.of(ended), List.of(agentSays(ended, TaskState.TASK_RUNNING)), Long.MAX_VALUE);

    assertThat(book.isActive("fw", "ended")).isFalse();
    assertThat(book.find("fw", "ended").orElseThrow().state()).isEqualTo(TaskState.TASK_DROPPED);
    assertThat(book.usedByAgent()).doesNotContainKey("a1");
  }
}
