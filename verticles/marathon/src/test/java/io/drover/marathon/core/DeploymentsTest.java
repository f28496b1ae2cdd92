package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.deploy.DeploymentPlan;
import io.drover.marathon.deploy.DeploymentPlanner;
import io.drover.marathon.events.EventStream;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.drover.marathon.core.Fleet.app;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentsTest {

  private static final PathId WEB = PathId.parse("/web");

  private final Set<PathId> converged = new HashSet<>();
  private final Deployments deployments = new Deployments(new EventStream(10), () -> 0L, 0);

  DeploymentsTest() {
    deployments.wire(new Deployments.Progress() {
      @Override
      public boolean converged(AppDefinition app) {
        return converged.contains(app.id());
      }

      @Override
      public boolean stopped(PathId app) {
        return true;
      }
    }, writes -> { }, run -> { });
  }

  @Test
  void aNewAppIsScaledInTheSamePassItIsStarted() {
    AppDefinition web = app("/web x3");
    DeploymentPlan plan = DeploymentPlanner.plan(Map.of(), Map.of(WEB, web), "d1", "2026-12-06T00:00:00.000Z");
    deployments.start(plan, 0);

    // before the start step is done, the app is held at what it was: not there
    assertThat(deployments.effective(WEB, web)).isNull();
    // the start step is done at once: the scale step comes, and the app is named to act on it now
    assertThat(deployments.advance()).containsExactly(WEB);
    assertThat(deployments.effective(WEB, web)).isEqualTo(web);
    // nothing moves until the app runs its instances
    assertThat(deployments.advance()).isEmpty();
    converged.add(WEB);
    // the last step done ends the deployment: nothing is left to act on
    assertThat(deployments.advance()).isEmpty();
    assertThat(deployments.all()).isEmpty();
  }

  @Test
  void aScaleOfARunningAppHasNothingMoreToDoOnceItConverged() {
    DeploymentPlan plan = DeploymentPlanner.plan(Map.of(WEB, app("/web x1")), Map.of(WEB, app("/web x2")), "d2",
      "2026-12-06T00:00:01.000Z");
    assertThat(plan.steps()).hasSize(1);
    deployments.start(plan, 0);

    assertThat(deployments.advance()).isEmpty();
    assertThat(deployments.all()).hasSize(1);
    converged.add(WEB);
    assertThat(deployments.advance()).isEmpty();
    assertThat(deployments.all()).isEmpty();
  }
}
