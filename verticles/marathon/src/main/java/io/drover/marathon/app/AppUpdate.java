package io.drover.marathon.app;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Marathon's partial update: the current definition, written as JSON, with each top-level field of
 * the patch laid over it, read again like a new app.
 */
final class AppUpdate {

  private AppUpdate() {
  }

  static AppDefinition apply(AppDefinition current, JsonObject patch) {
    Violations violations = new Violations();
    checkId(current, patch, violations);
    violations.throwIfAny();
    JsonObject merged = AppWriter.write(current.withVersion(null, null));
    dropReplacedForms(merged, patch);
    for (String field : patch.fieldNames()) {
      Object value = patch.getValue(field);
      if (value != null && !field.equals("id")) {
        merged.put(field, value);
      }
    }
    return AppJson.readApp(merged, PathId.ROOT);
  }

  private static void checkId(AppDefinition current, JsonObject patch, Violations violations) {
    Object id = patch.getValue("id");
    if (id == null) {
      return;
    }
    String text = JsonFields.asString(id, "/id", violations);
    if (text != null && !PathId.parse(text).equals(current.id())) {
      violations.add("/id", "must be absent or " + current.id() + ", the id of the app being updated");
    }
  }

  /**
   * Fields of the current definition that the patch replaces under another name: without this a
   * patch with {@code ports} would clash with the current {@code portDefinitions}, or {@code args}
   * with the current {@code cmd}.
   */
  private static void dropReplacedForms(JsonObject merged, JsonObject patch) {
    replaces(merged, patch, "ports", List.of("portDefinitions"));
    replaces(merged, patch, "portDefinitions", List.of("ports"));
    replaces(merged, patch, "uris", List.of("fetch"));
    replaces(merged, patch, "cmd", List.of("args"));
    replaces(merged, patch, "args", List.of("cmd"));
    JsonObject container = merged.getJsonObject("container");
    JsonObject docker = container == null ? null : container.getJsonObject("docker");
    if (patch.getValue("networks") != null && patch.getValue("container") == null && docker != null) {
      docker.remove("network");
    }
    JsonObject patchContainer = patch.getValue("container") instanceof JsonObject c ? c : null;
    JsonObject patchDocker = patchContainer != null && patchContainer.getValue("docker") instanceof JsonObject d ? d : null;
    if (patchDocker != null && patchDocker.getValue("network") != null && patch.getValue("networks") == null) {
      merged.remove("networks");
    }
  }

  private static void replaces(JsonObject merged, JsonObject patch, String field, List<String> others) {
    if (patch.getValue(field) != null) {
      others.stream().filter(other -> patch.getValue(other) == null).forEach(merged::remove);
    }
  }
}
