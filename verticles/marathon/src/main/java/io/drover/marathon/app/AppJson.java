package io.drover.marathon.app;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place Marathon app and group JSON is read and written. Reading fills in Marathon's
 * defaults, normalizes deprecated forms (such as {@code ports}, {@code uris} and
 * {@code container.docker.portMappings}) and reports every violation at once, with Marathon-style
 * paths such as {@code /container/docker/image} or {@code /healthChecks(0)/path}. Fields Drover does
 * not support are listed in {@link #unsupportedFields()}.
 */
public final class AppJson {

  private AppJson() {
  }

  /**
   * Parses a request body into a {@link JsonObject} or {@link JsonArray}.
   *
   * @throws InvalidJsonException when the body is empty, not UTF-8, malformed or truncated, nested
   *                              deeper than 32 levels, or a bare value
   */
  public static Object parseBody(Buffer body) {
    return JsonBody.parse(body);
  }

  /**
   * Reads a new app (version and versionInfo null); a relative id resolves against {@code base}.
   *
   * @throws ValidationException listing every violation
   */
  public static AppDefinition readApp(JsonObject json, PathId base) {
    Violations violations = new Violations();
    AppDefinition app = AppReader.read(new JsonFields(json, "", violations), base);
    violations.throwIfAny();
    return app;
  }

  /**
   * Reads the array body of {@code POST /v2/apps} with several apps; violations carry the index,
   * as in {@code /(1)/cpus}.
   *
   * @throws ValidationException listing every violation
   */
  public static List<AppDefinition> readApps(JsonArray json, PathId base) {
    Violations violations = new Violations();
    List<AppDefinition> apps = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      JsonObject item = JsonFields.asObject(json.getValue(i), "/(" + i + ")", violations);
      AppDefinition app = item == null ? null : AppReader.read(new JsonFields(item, "/(" + i + ")", violations), base);
      if (app != null) {
        apps.add(app);
      }
    }
    violations.throwIfAny();
    return apps;
  }

  /**
   * Reads a definition Drover wrote with {@link #writeApp} and stored, keeping its version and
   * versionInfo.
   *
   * @throws ValidationException when it no longer passes the rules
   */
  public static AppDefinition readStoredApp(JsonObject json) {
    Violations violations = new Violations();
    // only a pod has containers
    AppDefinition app = json.containsKey("containers")
      ? AppReader.withStoredVersion(PodReader.read(new JsonFields(json, "", violations), PathId.ROOT), json)
      : AppReader.readStored(new JsonFields(json, "", violations));
    violations.throwIfAny();
    return app;
  }

  /** An app or a pod as Drover stores it, for {@link #readStoredApp}. */
  public static JsonObject writeStored(AppDefinition app) {
    if (!app.isPod()) {
      return writeApp(app);
    }
    JsonObject json = writePod(app);
    if (app.versionInfo() != null) {
      json.put("versionInfo", new JsonObject().put("lastScalingAt", app.versionInfo().lastScalingAt())
        .put("lastConfigChangeAt", app.versionInfo().lastConfigChangeAt()));
    }
    return json;
  }

  /**
   * Reads a new pod (version null) as the app definition that carries it; a relative id resolves
   * against {@code base}.
   *
   * @throws ValidationException listing every violation, with paths like {@code /containers(0)/resources/cpus}
   */
  public static AppDefinition readPod(JsonObject json, PathId base) {
    Violations violations = new Violations();
    AppDefinition pod = PodReader.read(new JsonFields(json, "", violations), base);
    violations.throwIfAny();
    return pod;
  }

  /** The pod as Marathon's {@code GET /v2/pods/{id}} shows it. */
  public static JsonObject writePod(AppDefinition pod) {
    return PodWriter.write(pod);
  }

  /**
   * Applies a partial update ({@code PUT} without {@code partialUpdate=false}, or {@code PATCH}):
   * each field present in {@code patch} replaces the current one, as in Marathon. The result is
   * validated like a new app and has no version yet. A read-only {@code version} in the patch is
   * ignored here; a rollback is the caller's business.
   *
   * @throws ValidationException when the patch names another app or the result is not valid
   */
  public static AppDefinition updateApp(AppDefinition current, JsonObject patch) {
    return AppUpdate.apply(current, patch);
  }

  /** The app as Marathon's {@code GET /v2/apps/{id}} shows it (without task counts). */
  public static JsonObject writeApp(AppDefinition app) {
    return AppWriter.write(app);
  }

  /**
   * Reads a group body; ids of its apps and subgroups are relative to the group, whose own id
   * resolves against {@code base} (and is {@code base} when absent).
   *
   * @throws ValidationException listing every violation, with paths like {@code /groups(0)/apps(1)/cpus}
   */
  /** A health check as Marathon writes it, in an app and in its health events. */
  public static JsonObject writeHealthCheck(HealthCheckDefinition check) {
    return AppWriter.healthCheck(check);
  }

  public static GroupDefinition readGroup(JsonObject json, PathId base) {
    Violations violations = new Violations();
    GroupDefinition group = GroupReader.read(new JsonFields(json, "", violations), base, false);
    violations.throwIfAny();
    return group;
  }

  /** The Marathon fields Drover rejects: JSON path pattern to what is not supported there. */
  public static Map<String, String> unsupportedFields() {
    return UnsupportedFields.table();
  }
}
