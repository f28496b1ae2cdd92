package io.drover.marathon.deploy;

import static io.drover.marathon.deploy.AppFixture.app;
import static io.drover.marathon.deploy.AppFixture.apps;
import static io.drover.marathon.deploy.AppFixture.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeploymentPlannerTest {

  private static final String ID = "97c136bf-5a28-4821-9d94-480d9fbb01c8";
  private static final String VERSION = "2015-09-30T09:09:17.614Z";

  @Test
  void aNewAppIsStartedThenScaledAsInMarathonsExample() {
    DeploymentPlan plan = plan(apps(), apps("/tools/oauth-server x2"));

    assertThat(steps(plan)).containsExactly(
      "StartApplication /tools/oauth-server",
      "ScaleApplication /tools/oauth-server");
    assertThat(plan.original()).isEmpty();
    assertThat(plan.target()).containsOnlyKeys(id("/tools/oauth-server"));
  }

  @Test
  void aRemovedAppIsStopped() {
    DeploymentPlan plan = plan(apps("/db x2"), apps());

    assertThat(steps(plan)).containsExactly("StopApplication /db");
    assertThat(plan.original()).containsOnlyKeys(id("/db"));
    assertThat(plan.target()).isEmpty();
  }

  @Test
  void aNewInstanceCountIsAScale() {
    assertThat(steps(plan(apps("/db x2"), apps("/db x5 version=2")))).containsExactly("ScaleApplication /db");
    assertThat(steps(plan(apps("/db x5"), apps("/db x0 version=2")))).containsExactly("ScaleApplication /db");
  }

  @Test
  void aNewConfigurationIsARestartEvenWhenTheCountChangesToo() {
    assertThat(steps(plan(apps("/db x2"), apps("/db x2 cmd=v2 version=2")))).containsExactly("RestartApplication /db");
    assertThat(steps(plan(apps("/db x2"), apps("/db x4 cmd=v2 version=2")))).containsExactly("RestartApplication /db");
  }

  @Test
  void theSameConfigurationUnderANewVersionIsARestart() {
    assertThat(steps(plan(apps("/db x2 version=1"), apps("/db x2 version=2"))))
      .containsExactly("RestartApplication /db");
  }

  @Test
  void unchangedAppsAreNotPartOfThePlan() {
    DeploymentPlan plan = plan(apps("/db x2", "/web x3"), apps("/db x2", "/web x4 version=2"));

    assertThat(steps(plan)).containsExactly("ScaleApplication /web");
    assertThat(plan.affectedApps()).containsExactly(id("/web"));
    assertThat(plan.original()).containsOnlyKeys(id("/web"));
    assertThat(plan.target()).containsOnlyKeys(id("/web"));
  }

  @Test
  void noChangeIsAnEmptyPlan() {
    DeploymentPlan plan = plan(apps("/db x2"), apps("/db x2"));

    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.affectedApps()).isEmpty();
  }

  @Test
  void dependenciesStartFirstAsTheDocumentationsDbAndApp() {
    DeploymentPlan plan = plan(apps(), apps("/app x3 needs /db", "/db x1"));

    assertThat(steps(plan)).containsExactly(
      "StartApplication /app, StartApplication /db",
      "ScaleApplication /db",
      "ScaleApplication /app");
  }

  @Test
  void dependantsStopFirst() {
    DeploymentPlan plan = plan(apps("/app needs /db", "/db", "/web needs /app"), apps());

    assertThat(steps(plan)).containsExactly(
      "StopApplication /web",
      "StopApplication /app",
      "StopApplication /db");
  }

  @Test
  void dependenciesScaleAndRestartFirst() {
    DeploymentPlan plan = plan(
      apps("/app x1 needs /db", "/db x1", "/cache x1"),
      apps("/app x2 needs /db version=2", "/db x3 version=2", "/cache x1 cmd=v2 version=2"));

    assertThat(steps(plan)).containsExactly(
      "RestartApplication /cache, ScaleApplication /db",
      "ScaleApplication /app");
  }

  @Test
  void appsWithoutOrderShareAStepSortedById() {
    DeploymentPlan plan = plan(apps(), apps("/c", "/a", "/b"));

    assertThat(steps(plan)).containsExactly(
      "StartApplication /a, StartApplication /b, StartApplication /c",
      "ScaleApplication /a, ScaleApplication /b, ScaleApplication /c");
  }

  @Test
  void aDiamondTakesThreeSteps() {
    DeploymentPlan plan = plan(apps(), apps("/top needs /left,/right", "/left needs /base", "/right needs /base",
      "/base"));

    assertThat(steps(plan).subList(1, 4)).containsExactly(
      "ScaleApplication /base",
      "ScaleApplication /left, ScaleApplication /right",
      "ScaleApplication /top");
  }

  @Test
  void stopsComeBeforeStartsWhichComeBeforeScalesAndRestarts() {
    DeploymentPlan plan = plan(
      apps("/old", "/db x1", "/web x1 needs /db"),
      apps("/new needs /db", "/db x2 version=2", "/web x1 needs /db cmd=v2 version=2"));

    assertThat(steps(plan)).containsExactly(
      "StopApplication /old",
      "StartApplication /new",
      "ScaleApplication /db",
      "ScaleApplication /new, RestartApplication /web");
  }

  @Test
  void aDependencyOnAnAppOutsideThePlanDoesNotDelayAnApp() {
    DeploymentPlan plan = plan(
      apps("/db", "/web needs /db,/nowhere", "/cache"),
      apps("/db", "/web needs /db,/nowhere cmd=v2 version=2", "/cache cmd=v2 version=2"));

    assertThat(steps(plan)).containsExactly("RestartApplication /cache, RestartApplication /web");
  }

  @Test
  void anUnchangedAppInBetweenStillOrdersTheAppsAroundIt() {
    DeploymentPlan plan = plan(
      apps("/db", "/api needs /db", "/web needs /api"),
      apps("/db cmd=v2 version=2", "/api needs /db", "/web needs /api cmd=v2 version=2"));

    assertThat(steps(plan)).containsExactly("RestartApplication /db", "RestartApplication /web");
  }

  @Test
  void aCycleIsRefusedByName() {
    assertThatThrownBy(() -> plan(apps(), apps("/a needs /b", "/b needs /c", "/c needs /a", "/d needs /a")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("dependency cycle: /a -> /b -> /c -> /a");
  }

  @Test
  void aCycleThroughAnUnchangedAppIsRefused() {
    assertThatThrownBy(() -> plan(apps("/a", "/b needs /a"), apps("/a needs /b cmd=v2 version=2", "/b needs /a")))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessage("dependency cycle: /a -> /b -> /a");
  }

  @Test
  void anAppThatNeedsItselfIsACycle() {
    assertThatThrownBy(() -> plan(apps(), apps("/a needs /a")))
      .hasMessage("dependency cycle: /a -> /a");
  }

  @Test
  void theOrderOfTheInputDoesNotMatter() {
    Map<PathId, AppDefinition> target = apps("/b needs /a", "/a", "/d", "/c needs /d,/a");
    Map<PathId, AppDefinition> reversed = new LinkedHashMap<>();
    List<PathId> ids = new ArrayList<>(target.keySet());
    Collections.reverse(ids);
    ids.forEach(app -> reversed.put(app, target.get(app)));

    assertThat(plan(apps(), reversed)).isEqualTo(plan(apps(), target));
  }

  @Test
  void theIdAndVersionAreTheCallers() {
    DeploymentPlan plan = plan(apps(), apps("/db"));

    assertThat(plan.id()).isEqualTo(ID);
    assertThat(plan.version()).isEqualTo(VERSION);
  }

  @Test
  void twoPlansThatChangeTheSameAppConflict() {
    DeploymentPlan scaleDb = plan(apps("/db x1", "/web"), apps("/db x2 version=2", "/web"));
    DeploymentPlan restartDbAndWeb = plan(apps("/db x1", "/web"), apps("/db cmd=v2 version=2", "/web version=2"));
    DeploymentPlan startCache = plan(apps("/db x1"), apps("/db x1", "/cache"));

    assertThat(scaleDb.conflictsWith(restartDbAndWeb)).isTrue();
    assertThat(scaleDb.conflictsWith(startCache)).isFalse();
  }

  @Test
  void aRollbackUndoesEveryChangeOfThePlan() {
    Map<PathId, AppDefinition> before = apps("/gone x2", "/db x3", "/web x1", "/other x1");
    Map<PathId, AppDefinition> after = apps("/new x2", "/db x5 version=2", "/web cmd=v2 version=2", "/other x1");
    DeploymentPlan deployment = plan(before, after);

    DeploymentPlan rollback = DeploymentPlanner.rollback(deployment, after, "rollback-id", "2015-09-30T10:00:00.000Z");

    assertThat(steps(rollback)).containsExactly(
      "StopApplication /new",
      "StartApplication /gone",
      "ScaleApplication /db, ScaleApplication /gone, RestartApplication /web");
    assertThat(rollback.target()).isEqualTo(only(before, "/gone", "/db", "/web"));
    assertThat(rollback.id()).isEqualTo("rollback-id");
  }

  @Test
  void aRollbackLeavesAppsOtherDeploymentsChangedSinceAlone() {
    Map<PathId, AppDefinition> before = apps("/db x3", "/other x1");
    DeploymentPlan deployment = plan(before, apps("/db x5 version=2", "/other x1"));
    Map<PathId, AppDefinition> now = apps("/db x5 version=2", "/other x4 version=3", "/extra");

    Map<PathId, AppDefinition> reverted = DeploymentPlanner.revertedApps(deployment, now);

    assertThat(reverted).isEqualTo(apps("/db x3", "/other x4 version=3", "/extra"));
  }

  @Test
  void aRollbackOfARestartRestartsBackToTheOriginalVersion() {
    DeploymentPlan restart = plan(apps("/db x2 version=1"), apps("/db x2 version=2"));

    DeploymentPlan rollback = DeploymentPlanner.rollback(restart, apps("/db x2 version=2"), ID, VERSION);

    assertThat(steps(rollback)).containsExactly("RestartApplication /db");
    assertThat(rollback.target().get(id("/db"))).isEqualTo(app("/db x2 version=1"));
  }

  private static DeploymentPlan plan(Map<PathId, AppDefinition> original, Map<PathId, AppDefinition> target) {
    return DeploymentPlanner.plan(original, target, ID, VERSION);
  }

  /** Each step as "Action /app, Action /app". */
  static List<String> steps(DeploymentPlan plan) {
    return plan.steps().stream()
      .map(step -> step.actions().stream()
        .map(action -> action.action().marathonName() + " " + action.app())
        .collect(Collectors.joining(", ")))
      .toList();
  }

  private static Map<PathId, AppDefinition> only(Map<PathId, AppDefinition> apps, String... ids) {
    Map<PathId, AppDefinition> kept = new LinkedHashMap<>();
    for (String text : ids) {
      kept.put(id(text), apps.get(id(text)));
    }
    return kept;
  }
}
