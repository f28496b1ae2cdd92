package io.drover.master.mesos;

import io.drover.master.state.MasterState;
import io.drover.master.view.MasterView;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A leading master with one agent, one framework, a running task, a finished one and an offer. */
final class OperatorFixture {

  static final LeaderInfo LEADER = new LeaderInfo("m-1", "127.0.0.1", 5050, 2, 1_700_000_000.5);
  final MasterState state = new MasterState();

  OperatorFixture() {
    long now = System.currentTimeMillis();
    state.agents.register(new AgentInfo("a-1", "127.0.0.1", 5051, "node-1",
      Resources.parse("cpus:4;mem:1024;disk:2000;ports:[31000-31099]"), Attributes.parse("rack:r1;zone:2")), now, true);
    state.frameworks.subscribe(new FrameworkInfo("fw-1", "marathon", "root", "127.0.0.1", null, 604800), now);
    launch("web.1", "cpus:1;mem:128;ports:[31000-31000]", TaskState.TASK_RUNNING);
    launch("batch.1", "cpus:0.5;mem:64", TaskState.TASK_FINISHED);
    state.offers.add(new Offer("o-1", "fw-1", "*", "a-1", "127.0.0.1", Resources.parse("cpus:2.5;mem:832"),
      Attributes.EMPTY), now);
  }

  void launch(String taskId, String resources, TaskState reached) {
    TaskInfo task = TaskInfo.command(taskId, "a-1", Resources.parse(resources), "sleep 100").withFrameworkId("fw-1");
    state.tasks.launch(task, TaskStatus.fromMaster(taskId, "fw-1", "a-1", TaskState.TASK_STAGING, null, null));
    state.tasks.apply(TaskStatus.fromAgent(task, reached, null, null));
  }

  MasterView view() {
    return MasterView.of(LEADER.getMasterId(), LEADER.getHostname(), 1_700_000_000.0, Optional.of(LEADER),
      Optional.of(LEADER), Map.of(), List.of(LEADER), state, Map.of(), Map.of());
  }
}
