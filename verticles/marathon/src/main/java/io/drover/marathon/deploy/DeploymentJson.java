package io.drover.marathon.deploy;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Deployment plans in Marathon's JSON ({@code /v2/deployments}, the {@code {deploymentId, version}}
 * answer of a change) and in the form Drover stores them, with the step they are at.
 */
public final class DeploymentJson {

  private DeploymentJson() {
  }

  /** {@link #toJson(DeploymentPlan, int, Function)} with no readiness check results. */
  public static JsonObject toJson(DeploymentPlan plan, int currentStep) {
    return toJson(plan, currentStep, app -> new JsonArray());
  }

  /**
   * One entry of {@code GET /v2/deployments}. {@code currentStep} counts from 1 as Marathon's does; 0
   * means no step has begun yet, and then there are no current actions.
   *
   * @param readinessCheckResults the {@code readinessCheckResults} of a current action, by app; null for none
   */
  public static JsonObject toJson(DeploymentPlan plan, int currentStep,
                                  Function<PathId, JsonArray> readinessCheckResults) {
    checkStep(plan, currentStep);
    JsonArray currentActions = new JsonArray();
    if (currentStep > 0) {
      for (DeploymentAction action : plan.steps().get(currentStep - 1).actions()) {
        JsonArray results = readinessCheckResults.apply(action.app());
        currentActions.add(actionJson(action, plan).put("readinessCheckResults", results == null ? new JsonArray() : results));
      }
    }
    return new JsonObject()
      .put("id", plan.id())
      .put("version", plan.version())
      .put("affectedApps", affected(plan, false))
      .put("affectedPods", affected(plan, true))
      .put("steps", stepsJson(plan))
      .put("currentActions", currentActions)
      .put("currentStep", currentStep)
      .put("totalSteps", plan.steps().size());
  }

  /** The body Marathon answers a change with: {@code {deploymentId, version}}. */
  public static JsonObject result(DeploymentPlan plan) {
    return new JsonObject().put("deploymentId", plan.id()).put("version", plan.version());
  }

  /**
   * The plan as Drover stores it, so that a new leader carries on at {@code currentStep}: the steps
   * are kept as planned rather than planned again, and the apps are written by {@code writer}.
   */
  public static JsonObject toStored(DeploymentPlan plan, int currentStep, Function<AppDefinition, JsonObject> writer) {
    checkStep(plan, currentStep);
    return new JsonObject()
      .put("id", plan.id())
      .put("version", plan.version())
      .put("currentStep", currentStep)
      .put("original", appsJson(plan.original(), writer))
      .put("target", appsJson(plan.target(), writer))
      .put("steps", stepsJson(plan));
  }

  /** The plan {@link #toStored} wrote, with its apps read by {@code reader}. */
  public static DeploymentPlan fromStored(JsonObject stored, Function<JsonObject, AppDefinition> reader) {
    List<DeploymentStep> steps = new ArrayList<>();
    for (Object step : stored.getJsonArray("steps")) {
      List<DeploymentAction> actions = new ArrayList<>();
      for (Object action : ((JsonObject) step).getJsonArray("actions")) {
        JsonObject json = (JsonObject) action;
        actions.add(new DeploymentAction(DeploymentAction.Action.fromMarathonName(json.getString("action")),
          PathId.parse(json.getString("app", json.getString("pod")))));
      }
      steps.add(new DeploymentStep(actions));
    }
    return new DeploymentPlan(stored.getString("id"), stored.getString("version"),
      apps(stored.getJsonObject("original"), reader), apps(stored.getJsonObject("target"), reader), steps);
  }

  /** The step a stored plan was at. */
  public static int storedCurrentStep(JsonObject stored) {
    return stored.getInteger("currentStep");
  }

  private static void checkStep(DeploymentPlan plan, int currentStep) {
    if (currentStep < 0 || currentStep > plan.steps().size()) {
      throw new IllegalArgumentException("step " + currentStep + " of a plan with " + plan.steps().size() + " steps");
    }
  }

  /** The apps the plan changes, or with {@code pods} the pods. */
  private static JsonArray affected(DeploymentPlan plan, boolean pods) {
    JsonArray ids = new JsonArray();
    plan.affectedApps().stream().filter(id -> isPod(plan, id) == pods).forEach(id -> ids.add(id.toString()));
    return ids;
  }

  private static boolean isPod(DeploymentPlan plan, PathId id) {
    AppDefinition app = plan.target().containsKey(id) ? plan.target().get(id) : plan.original().get(id);
    return app != null && app.isPod();
  }

  private static JsonArray stepsJson(DeploymentPlan plan) {
    JsonArray json = new JsonArray();
    for (DeploymentStep step : plan.steps()) {
      JsonArray actions = new JsonArray();
      step.actions().forEach(action -> actions.add(actionJson(action, plan)));
      json.add(new JsonObject().put("actions", actions));
    }
    return json;
  }

  /** One action of the plan, as {@code {"action": "ScaleApplication", "app": "/a"}} or with {@code pod}. */
  public static JsonObject actionJson(DeploymentAction action, DeploymentPlan plan) {
    boolean pod = isPod(plan, action.app());
    return new JsonObject().put("action", action.action().marathonName(pod))
      .put(pod ? "pod" : "app", action.app().toString());
  }

  private static JsonObject appsJson(Map<PathId, AppDefinition> apps, Function<AppDefinition, JsonObject> writer) {
    JsonObject json = new JsonObject();
    apps.forEach((id, app) -> json.put(id.toString(), writer.apply(app)));
    return json;
  }

  private static Map<PathId, AppDefinition> apps(JsonObject json, Function<JsonObject, AppDefinition> reader) {
    Map<PathId, AppDefinition> apps = new TreeMap<>();
    for (String id : json.fieldNames()) {
      apps.put(PathId.parse(id), reader.apply(json.getJsonObject(id)));
    }
    return apps;
  }
}
