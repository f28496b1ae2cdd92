package io.drover.marathon.deploy;

import static io.drover.marathon.deploy.AppFixture.app;
import static io.drover.marathon.deploy.AppFixture.apps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeploymentJsonTest {

  private static final String ID = "97c136bf-5a28-4821-9d94-480d9fbb01c8";
  private static final String VERSION = "2015-09-30T09:09:17.614Z";

  @Test
  void aPlanReadsAsMarathonsDeploymentsExampleWithoutItsPod() {
    DeploymentPlan plan = DeploymentPlanner.plan(apps("/foo x1"), apps("/foo x2 version=2"), ID, VERSION);

    assertThat(DeploymentJson.toJson(plan, 1)).isEqualTo(new JsonObject("""
      {
        "id": "97c136bf-5a28-4821-9d94-480d9fbb01c8",
        "version": "2015-09-30T09:09:17.614Z",
        "affectedApps": ["/foo"],
        "affectedPods": [],
        "steps": [{"actions": [{"action": "ScaleApplication", "app": "/foo"}]}],
        "currentActions": [{"action": "ScaleApplication", "app": "/foo", "readinessCheckResults": []}],
        "currentStep": 1,
        "totalSteps": 1
      }"""));
  }

  @Test
  void theStepsOfANewAppReadAsMarathonsDeploymentStepsExample() {
    DeploymentPlan plan = DeploymentPlanner.plan(apps(), apps("/tools/oauth-server x2"), ID, VERSION);

    assertThat(DeploymentJson.toJson(plan, 1).getJsonArray("steps")).isEqualTo(new JsonObject("""
      {
        "steps": [
          {"actions": [{"action": "StartApplication", "app": "/tools/oauth-server"}]},
          {"actions": [{"action": "ScaleApplication", "app": "/tools/oauth-server"}]}
        ]
      }""").getJsonArray("steps"));
  }

  @Test
  void theCurrentActionsAreThoseOfTheCurrentStepCountedFromOne() {
    DeploymentPlan plan = DeploymentPlanner.plan(apps(), apps("/db", "/web needs /db"), ID, VERSION);

    assertThat(currentApps(DeploymentJson.toJson(plan, 0))).isEmpty();
    assertThat(currentApps(DeploymentJson.toJson(plan, 1))).isEqualTo("StartApplication /db, StartApplication /web");
    assertThat(currentApps(DeploymentJson.toJson(plan, 3))).isEqualTo("ScaleApplication /web");
    assertThat(DeploymentJson.toJson(plan, 3).getInteger("totalSteps")).isEqualTo(3);
    assertThatThrownBy(() -> DeploymentJson.toJson(plan, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readinessCheckResultsGoWithTheirApp() {
    DeploymentPlan plan = DeploymentPlanner.plan(apps("/foo x1"), apps("/foo x2 version=2"), ID, VERSION);
    JsonArray results = new JsonArray().add(new JsonObject().put("taskId", "foo.instance-c9de6033").put("ready", false));

    JsonObject json = DeploymentJson.toJson(plan, 1, app -> app.equals(PathId.parse("/foo")) ? results : null);

    assertThat(json.getJsonArray("currentActions").getJsonObject(0).getJsonArray("readinessCheckResults"))
      .isEqualTo(results);
  }

  @Test
  void aChangeIsAnsweredWithTheDeploymentIdAndVersion() {
    DeploymentPlan plan = DeploymentPlanner.plan(apps(), apps("/db"), "5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43",
      "2015-09-29T15:59:51.164Z");

    assertThat(DeploymentJson.result(plan)).isEqualTo(new JsonObject("""
      {"deploymentId": "5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43", "version": "2015-09-29T15:59:51.164Z"}"""));
  }

  @Test
  void aStoredPlanComesBackWithItsStep() {
    DeploymentPlan plan = DeploymentPlanner.plan(
      apps("/gone x2", "/db x3", "/web x1 needs /db"),
      apps("/new x2 needs /db", "/db x5 version=2", "/web x1 needs /db cmd=v2 version=2"), ID, VERSION);

    JsonObject stored = DeploymentJson.toStored(plan, 2, DeploymentJsonTest::write);
    JsonObject afterRestart = new JsonObject(stored.encode());

    assertThat(DeploymentJson.fromStored(afterRestart, DeploymentJsonTest::read)).isEqualTo(plan);
    assertThat(DeploymentJson.storedCurrentStep(afterRestart)).isEqualTo(2);
  }

  @Test
  void aStoredPlanKeepsItsStepsRatherThanPlanningAgain() {
    DeploymentPlan plan = new DeploymentPlan(ID, VERSION, apps(), apps("/db"),
      List.of(DeploymentStep.of(DeploymentAction.Action.SCALE_APPLICATION, List.of(
        PathId.parse("/db")))));

    DeploymentPlan back = DeploymentJson.fromStored(DeploymentJson.toStored(plan, 0, DeploymentJsonTest::write),
      DeploymentJsonTest::read);

    assertThat(DeploymentPlannerTest.steps(back)).containsExactly("ScaleApplication /db");
  }

  @Test
  void anUnknownStoredActionIsRefused() {
    JsonObject stored = DeploymentJson.toStored(DeploymentPlanner.plan(apps(), apps("/db"), ID, VERSION), 0,
      DeploymentJsonTest::write);
    stored.getJsonArray("steps").getJsonObject(0).getJsonArray("actions").getJsonObject(0)
      .put("action", "ResolveArtifacts");

    assertThatThrownBy(() -> DeploymentJson.fromStored(stored, DeploymentJsonTest::read))
      .isInstanceOf(IllegalArgumentException.class)
      .hasMessageContaining("ResolveArtifacts");
  }

  private static String currentApps(JsonObject deployment) {
    return deployment.getJsonArray("currentActions").stream()
      .map(JsonObject.class::cast)
      .map(action -> action.getString("action") + " " + action.getString("app"))
      .collect(Collectors.joining(", "));
  }

  /** A stand-in for the app codec: the fixture's one-liner. */
  private static JsonObject write(AppDefinition app) {
    String needs = app.dependencies().isEmpty() ? ""
      : " needs " + app.dependencies().stream().map(PathId::toString).collect(Collectors.joining(","));
    return new JsonObject().put("spec",
      app.id() + " x" + app.instances() + needs + " cmd=" + app.cmd() + " version=" + app.version());
  }

  private static AppDefinition read(JsonObject json) {
    return app(json.getString("spec"));
  }
}
