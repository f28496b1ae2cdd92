package io.drover.it;

import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent whose event bus loses a third of its status updates and acknowledgements and repeats a
 * third of its updates: every task's transitions still reach the framework once each, in order.
 */
class StatusUpdateFaultsIT {

  @Test
  void everyTransitionArrivesOnceAndInOrderDespiteLossAndRepetition() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("update-faults")) {
      cluster.master("master");
      cluster.agent("faulty-agent", "cpus:2;mem:1024;disk:100;ports:[31000-31010]",
        "--fault-drop-rate", "0.3", "--fault-duplicate-rate", "0.3");
      cluster.awaitActiveAgents(1);
      try (TestFramework framework = TestFramework.subscribe(cluster.zk(), "faults-it")) {
        Offer offer = framework.takeOffer(o -> o.resources().cpus() >= 1);
        List<TaskInfo> tasks = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
          tasks.add(TaskInfo.command("t-" + i, offer.getAgentId(), Resources.parse("cpus:0.05;mem:16"),
            i % 2 == 0 ? "true" : "exit 1"));
        }
        framework.call(d -> d.accept(List.of(offer.getId()), tasks, new Filters(0)));

        for (int i = 1; i <= 10; i++) {
          TaskState end = i % 2 == 0 ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED;
          framework.awaitState("t-" + i, end, Duration.ofSeconds(120));
        }
        for (int i = 1; i <= 10; i++) {
          TaskState end = i % 2 == 0 ? TaskState.TASK_FINISHED : TaskState.TASK_FAILED;
          List<TaskState> fromAgent = framework.updates("t-" + i).stream()
            .filter(s -> TaskStatus.SOURCE_AGENT.equals(s.getSource())).map(TaskStatus::getState).toList();
          assertThat(fromAgent).as("t-" + i).containsExactly(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, end);
        }
        assertThat(java.nio.file.Files.readString(DroverProcess.LOGS.resolve("faulty-agent.log")))
          .contains("FAULT INJECTION ON");
      }
    }
  }
}
