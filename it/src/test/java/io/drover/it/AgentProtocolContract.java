package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.TestFramework;
import io.drover.protocol.Filters;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskReason;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent protocol as a framework sees it, whatever runs the tasks: {@link FrameworkIT} holds real
 * agents to it and {@link EmulatedAgentIT} emulated ones, which the master must not tell apart.
 * Both start their agents with the attribute {@code rack:r1}.
 */
abstract class AgentProtocolContract {

  static final Resources SMALL = Resources.parse("cpus:0.1;mem:32");
  // leftovers come back at once, so the tests do not wait out refusals
  static final Filters NO_REFUSAL = new Filters(0);

  abstract ClusterFixture cluster();

  abstract TestFramework framework();

  Offer offerWith(Resources needed) {
    return framework().takeOffer(o -> o.resources().contains(needed));
  }

  @Test
  void offersCarryTheAgentsResourcesAndAttributes() {
    Offer offer = offerWith(SMALL);
    assertThat(offer.resources().cpus()).isPositive();
    assertThat(offer.attributes().get("rack")).contains("r1");
    framework().call(d -> d.decline(List.of(offer.getId()), new Filters(0)));
  }

  @Test
  void killTakesARunningTaskThroughKillingToKilled() {
    Offer offer = offerWith(SMALL);
    framework().call(d -> d.accept(List.of(offer.getId()),
      List.of(TaskInfo.command("to-kill", offer.getAgentId(), SMALL, "sleep 600")), NO_REFUSAL));
    framework().awaitState("to-kill", TaskState.TASK_RUNNING);

    framework().call(d -> d.kill("to-kill"));

    framework().awaitState("to-kill", TaskState.TASK_KILLED);
    assertThat(framework().updates("to-kill")).extracting(TaskStatus::getState).containsSubsequence(
      TaskState.TASK_STAGING, TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING,
      TaskState.TASK_KILLED);
  }

  @Test
  void reconciliationTellsTheLatestStateOfEveryTask() {
    Offer offer = offerWith(SMALL);
    framework().call(d -> d.accept(List.of(offer.getId()),
      List.of(TaskInfo.command("reconciled", offer.getAgentId(), SMALL, "sleep 600")), NO_REFUSAL));
    framework().awaitState("reconciled", TaskState.TASK_RUNNING);
    int before = framework().updates("reconciled").size();

    framework().call(d -> d.reconcile(List.of()));
    framework().call(d -> d.reconcile(List.of("never-launched")));

    Await.until("a reconciliation update", Duration.ofSeconds(30), () -> framework().updates("reconciled").stream()
      .skip(before).anyMatch(s -> TaskReason.REASON_RECONCILIATION.equals(s.getReason())
        && s.getState() == TaskState.TASK_RUNNING));
    framework().awaitState("never-launched", TaskState.TASK_UNKNOWN);
    framework().call(d -> d.kill("reconciled"));
    framework().awaitState("reconciled", TaskState.TASK_KILLED);
  }

  @Test
  void suppressStopsOffersWithAReasonAndReviveBringsThemBack() {
    framework().call(d -> d.suppress());
    Await.until("the master says why the framework gets no offers", Duration.ofSeconds(30), () ->
      "SUPPRESSED".equals(Http.json(cluster().leaderUrl().orElseThrow() + "/master/state").getJsonObject("not_offered")
        .getJsonObject(framework().driver().frameworkId(), new JsonObject()).getString("reason")));

    framework().call(d -> d.revive());
    Offer offer = offerWith(SMALL);
    framework().call(d -> d.decline(List.of(offer.getId()), NO_REFUSAL));
  }
}
