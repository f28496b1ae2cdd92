package io.drover.marathon.app;

import io.drover.marathon.app.AppDefinition.FetchUri;
import io.drover.marathon.app.AppDefinition.KillSelection;
import io.drover.marathon.app.AppDefinition.UnreachableStrategy;
import io.drover.marathon.app.AppDefinition.UpgradeStrategy;
import io.drover.marathon.app.AppDefinition.VersionInfo;
import io.drover.marathon.app.ContainerReader.Networking;
import io.drover.protocol.ResourceLimits;
import io.drover.protocol.SecretName;
import io.drover.resources.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one Marathon app definition, filling in Marathon's defaults and checking Marathon's rules. */
final class AppReader {

  /** Marathon's smallest cpus value (RAML: minimum 0.001). */
  static final double MIN_CPUS = 0.001;
  /** Marathon's RAML allows 0; a task with no memory cannot run, so Drover asks for at least 1 MB. */
  static final double MIN_MEM = 1;

  static final Set<String> FIELDS = Set.of("id", "cmd", "args", "user", "env", "instances", "cpus", "mem", "disk",
    "constraints", "fetch", "uris", "container", "networks", "portDefinitions", "ports", "requirePorts",
    "healthChecks", "readinessChecks", "dependencies", "upgradeStrategy", "labels", "backoffSeconds",
    "backoffFactor", "maxLaunchDelaySeconds", "killSelection", "unreachableStrategy", "taskKillGracePeriodSeconds",
    // Marathon fields Drover accepts only with their default value
    "gpus", "executor", "acceptedResourceRoles", "role", "tty", "secrets", "residency", "ipAddress", "storeUrls",
    "check", "executorResources", "resourceLimits");

  /** Fields of a GET reply that clients echo back; they describe state, not the definition. */
  static final Set<String> READ_ONLY_FIELDS = Set.of("version", "versionInfo", "tasksStaged", "tasksRunning",
    "tasksHealthy", "tasksUnhealthy", "deployments", "tasks", "lastTaskFailure", "readinessCheckResults",
    "tasksStats");

  private static final List<String> EXTRACTABLE = List.of(".tgz", ".tar.gz", ".tbz2", ".tar.bz2", ".txz", ".tar.xz",
    ".zip");
  private static final int MAX_URI_LENGTH = 1024;

  private final JsonFields app;
  private final Violations violations;
  private final PathId base;

  AppReader(JsonFields app, PathId base) {
    this.app = app;
    this.violations = app.violations();
    this.base = base;
  }

  /** The app, or null when a violation was recorded; relative ids resolve against {@code base}. */
  static AppDefinition read(JsonFields app, PathId base) {
    return new AppReader(app, base).read();
  }

  /** Like {@link #read} but keeps {@code version} and {@code versionInfo}, for definitions Drover stored. */
  static AppDefinition readStored(JsonFields app) {
    return withStoredVersion(read(app, PathId.ROOT), app.json());
  }

  /** The definition read from {@code stored} with the {@code version} and {@code versionInfo} stored with it. */
  static AppDefinition withStoredVersion(AppDefinition read, JsonObject stored) {
    if (read == null) {
      return null;
    }
    JsonObject info = stored.getJsonObject("versionInfo");
    VersionInfo versionInfo = info == null ? null
      : new VersionInfo(info.getString("lastScalingAt"), info.getString("lastConfigChangeAt"));
    return read.withVersion(stored.getString("version"), versionInfo);
  }

  private AppDefinition read() {
    int before = violations.count();
    app.rejectUnknown(FIELDS, READ_ONLY_FIELDS);
    rejectUnsupported();
    PathId id = readId();
    String cmd = app.nonEmptyString("cmd");
    List<String> args = orEmpty(app.strings("args"));
    Networking networking = ContainerReader.read(app);
    checkCommand(cmd, args, networking.container());
    CheckReader checks = new CheckReader(networking.portNames(), violations);
    List<HealthCheckDefinition> healthChecks = orEmpty(app.objects("healthChecks", checks::healthCheck));
    List<ReadinessCheck> readinessChecks = orEmpty(app.objects("readinessChecks", checks::readinessCheck));
    if (readinessChecks.size() > 1) {
      violations.add(app.pathOf("readinessChecks"), "must contain at most one readiness check");
    }
    PathId group = id == null ? base : id.parent();
    List<PathId> dependencies = orEmpty(app.list("dependencies", (item, path) -> {
      String text = JsonFields.asString(item, path, violations);
      return text == null ? null : PathIdReader.read(text, group, path, violations);
    }));
    AppDefinition read = new AppDefinition(
      id == null ? PathId.ROOT : id,
      cmd,
      args,
      app.string("user"),
      readEnv(),
      app.integer("instances", AppDefinition.DEFAULT_INSTANCES, 0, AppDefinition.MAX_INSTANCES),
      app.number("cpus", AppDefinition.DEFAULT_CPUS, MIN_CPUS, Double.MAX_VALUE),
      app.number("mem", AppDefinition.DEFAULT_MEM, MIN_MEM, Double.MAX_VALUE),
      app.number("disk", AppDefinition.DEFAULT_DISK, 0, Double.MAX_VALUE),
      orEmpty(app.list("constraints", this::readConstraint)),
      readFetch(),
      networking.container(),
      networking.portDefinitions(),
      // Marathon: requirePorts only applies to host networking
      app.bool("requirePorts", false) && networking.hostNetworking(),
      healthChecks,
      readinessChecks,
      dependencies,
      readUpgradeStrategy(),
      orEmpty(app.stringMap("labels")),
      app.number("backoffSeconds", AppDefinition.DEFAULT_BACKOFF_SECONDS, 0, Double.MAX_VALUE),
      app.number("backoffFactor", AppDefinition.DEFAULT_BACKOFF_FACTOR, 1, Double.MAX_VALUE),
      app.number("maxLaunchDelaySeconds", AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS, 0, Double.MAX_VALUE),
      app.enumValue("killSelection", KillSelection.class, KillSelection.YOUNGEST_FIRST),
      readUnreachableStrategy(),
      readGracePeriod(),
      null,
      null,
      app.string("executor", ""),
      readSecrets(),
      readResourceLimits(),
      readRole(),
      readAcceptedResourceRoles(),
      null,
      app.has("check") ? checks.check(app.object("check")) : null);
    return violations.count() > before ? null : read;
  }

  /** Marathon's {@code role}: a role name; absent, Marathon's own role. */
  String readRole() {
    String role = app.string("role");
    String problem = role == null ? null : Roles.problem(role);
    if (problem != null) {
      violations.add(app.pathOf("role"), problem);
    }
    return role;
  }

  /**
   * Marathon's {@code acceptedResourceRoles}: {@code *} (resources for anyone) and the app's own
   * role (resources reserved for it), at least one; absent, both. An app without a role of its own
   * takes Marathon's, which only the scheduler knows: then any role name passes here.
   */
  private List<String> readAcceptedResourceRoles() {
    List<String> roles = app.strings("acceptedResourceRoles");
    if (roles == null) {
      return null;
    }
    if (roles.isEmpty()) {
      violations.add(app.pathOf("acceptedResourceRoles"), "must not be empty");
    }
    String role = app.string("role");
    for (String accepted : roles) {
      String problem = Roles.problem(accepted);
      if (problem != null) {
        violations.add(app.pathOf("acceptedResourceRoles"), problem);
      } else if (role != null && !accepted.equals(Roles.DEFAULT) && !accepted.equals(role)) {
        violations.add(app.pathOf("acceptedResourceRoles"), "may name '*' and the app's role '" + role
          + "' only, not '" + accepted + "'");
      }
    }
    return roles;
  }

  PathId readId() {
    if (!app.has("id")) {
      violations.add(app.pathOf("id"), "is required");
      return null;
    }
    String text = app.string("id");
    PathId id = text == null ? null : PathIdReader.read(text, base, app.pathOf("id"), violations);
    if (id != null && id.isRoot()) {
      violations.add(app.pathOf("id"), "must not be root");
      return null;
    }
    return id;
  }

  private static final Pattern EXECUTOR = Pattern.compile("^(//cmd)|(/?[^/]+(/[^/]+)*)|$");

  private void rejectUnsupported() {
    Integer gpus = app.integer("gpus");
    if (gpus != null && gpus != 0) {
      violations.unsupported(app.pathOf("gpus"), "/gpus");
    }
    String executor = app.string("executor", "");
    if (!EXECUTOR.matcher(executor).matches()) {
      // Marathon's pattern: empty, //cmd, or a path to the executor
      violations.add(app.pathOf("executor"), "must be empty, //cmd or a path to an executor");
    }
    if (app.bool("tty", false) && !(app.json().getValue("container") instanceof JsonObject)) {
      violations.unsupported(app.pathOf("tty"), "/tty");
    }
    JsonArray storeUrls = app.array("storeUrls");
    if (storeUrls != null && !storeUrls.isEmpty()) {
      violations.unsupported(app.pathOf("storeUrls"), "/storeUrls");
    }
    for (String field : List.of("residency", "ipAddress", "executorResources")) {
      if (app.has(field)) {
        violations.unsupported(app.pathOf(field), "/" + field);
      }
    }
  }

  /** Marathon: exactly one of cmd and args, or a container with an image and at most one of them. */
  private void checkCommand(String cmd, List<String> args, Container container) {
    boolean hasCmd = cmd != null;
    boolean hasArgs = !args.isEmpty();
    boolean hasImage = container != null && container.docker() != null;
    if (!((hasCmd ^ hasArgs) || (!(hasCmd && hasArgs) && hasImage))) {
      violations.add(app.path(), "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
    }
  }

  private Map<String, String> readEnv() {
    JsonFields env = app.object("env");
    if (env == null) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    JsonObject json = env.json();
    for (String name : json.fieldNames()) {
      if (json.getValue(name) instanceof JsonObject) {
        continue; // a secret's: readSecrets
      }
      String value = env.string(name);
      if (value != null) {
        values.put(name, value);
      }
    }
    return values;
  }

  /**
   * Marathon's {@code resourceLimits}: for cpus and mem, a number at least the request or
   * {@code "unlimited"}; null when absent.
   */
  private ResourceLimits readResourceLimits() {
    JsonFields limits = app.object("resourceLimits");
    if (limits == null) {
      return null;
    }
    limits.rejectUnknown(Set.of("cpus", "mem"), Set.of());
    // the requests as given (their own checks report them): a limit is measured against them
    Double cpus = readLimit(limits, "cpus", requested("cpus", AppDefinition.DEFAULT_CPUS));
    Double mem = readLimit(limits, "mem", requested("mem", AppDefinition.DEFAULT_MEM));
    return cpus == null && mem == null ? null : new ResourceLimits(cpus, mem);
  }

  private double requested(String field, double fallback) {
    return app.json().getValue(field) instanceof Number number ? number.doubleValue() : fallback;
  }

  private Double readLimit(JsonFields limits, String field, double requested) {
    Object value = limits.json().getValue(field);
    if (value == null) {
      return null;
    }
    if ("unlimited".equals(value)) {
      return ResourceLimits.UNLIMITED;
    }
    if (!(value instanceof Number number)) {
      violations.add(limits.pathOf(field), "must be a number or \"unlimited\"");
      return null;
    }
    if (number.doubleValue() < requested) {
      violations.add(limits.pathOf(field), "must be greater than or equal to the requested " + field + " ("
        + requested + ")");
      return null;
    }
    return number.doubleValue();
  }

  /**
   * Marathon's secrets and the variables that hold one, as in
   * {@code "secrets": {"db": {"source": "db/password"}}, "env": {"DB_PASSWORD": {"secret": "db"}}}.
   */
  private Secrets readSecrets() {
    Map<String, String> sources = new LinkedHashMap<>();
    JsonFields secrets = app.object("secrets");
    JsonObject definitions = secrets == null ? new JsonObject() : secrets.json();
    for (String id : definitions.fieldNames()) {
      JsonObject definition = JsonFields.asObject(definitions.getValue(id), secrets.pathOf(id), violations);
      if (definition == null) {
        continue;
      }
      JsonFields secret = new JsonFields(definition, secrets.pathOf(id), violations);
      secret.rejectUnknown(Set.of("source"), Set.of());
      String source = secret.nonEmptyString("source");
      if (!secret.has("source")) {
        violations.add(secret.pathOf("source"), "is required");
      } else if (source != null && !SecretName.valid(source)) {
        violations.add(secret.pathOf("source"), "must be " + SecretName.RULE + " (a file of the agents' --secrets-dir)");
      } else if (source != null) {
        sources.put(id, source);
      }
    }
    Map<String, String> variables = new LinkedHashMap<>();
    // readEnv already says when env is not an object
    JsonObject json = app.json().getValue("env") instanceof JsonObject object ? object : new JsonObject();
    JsonFields env = new JsonFields(json, app.pathOf("env"), violations);
    for (String name : json.fieldNames()) {
      if (json.getValue(name) instanceof JsonObject reference) {
        JsonFields variable = new JsonFields(reference, env.pathOf(name), violations);
        variable.rejectUnknown(Set.of("secret"), Set.of());
        String id = variable.nonEmptyString("secret");
        if (!variable.has("secret")) {
          violations.add(variable.pathOf("secret"), "is required");
        } else if (id != null && !definitions.containsKey(id)) {
          violations.add(variable.pathOf("secret"), "references an undefined secret named '" + id + "'");
        } else if (id != null) {
          variables.put(name, id);
        }
      }
    }
    return sources.isEmpty() && variables.isEmpty() ? Secrets.NONE : new Secrets(sources, variables);
  }

  Constraint readConstraint(Object item, String path) {
    JsonArray parts = JsonFields.asArray(item, path, violations);
    if (parts == null) {
      return null;
    }
    if (parts.size() < 2 || parts.size() > 3) {
      violations.add(path, "Each constraint must have either 2 or 3 fields");
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      texts.add(JsonFields.asString(parts.getValue(i), path + "(" + i + ")", violations));
    }
    if (texts.subList(0, 2).contains(null)) {
      violations.add(path, "Missing field and operator");
      return null;
    }
    Constraint.Operator operator;
    try {
      operator = Constraint.Operator.valueOf(texts.get(1));
    } catch (IllegalArgumentException e) {
      violations.add(path, "Constraint operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, "
        + "UNLIKE, MAX_PER or IS");
      return null;
    }
    String value = texts.size() == 3 ? texts.get(2) : null;
    String error = constraintError(operator, value);
    if (error != null) {
      violations.add(path, error);
      return null;
    }
    boolean noValue = value == null || value.isEmpty() && operator != Constraint.Operator.CLUSTER;
    return new Constraint(texts.get(0), operator, noValue ? null : value);
  }

  private static String constraintError(Constraint.Operator operator, String value) {
    boolean empty = value == null || value.isEmpty();
    switch (operator) {
      case UNIQUE:
        // older Marathon versions wrote ["hostname", "UNIQUE", ""]
        return empty ? null : "Value specified but not used";
      case CLUSTER:
        return value == null ? "Missing value" : null;
      case GROUP_BY:
        return empty || isPositiveInt(value) ? null : "GROUP_BY may either have no value or a positive integer value";
      case MAX_PER:
        return isPositiveInt(value) ? null : "MAX_PER must have a positive integer value";
      case LIKE:
      case UNLIKE:
        if (value == null) {
          return "A regular expression value must be provided";
        }
        try {
          Pattern.compile(value);
          return null;
        } catch (PatternSyntaxException e) {
          return "'" + value + "' is not a valid regular expression";
        }
      case IS:
        return empty ? "IS must have a value" : null;
      default:
        throw new IllegalStateException("unhandled operator " + operator);
    }
  }

  private static boolean isPositiveInt(String value) {
    try {
      return value != null && Integer.parseInt(value) > 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** {@code fetch}, or the deprecated {@code uris} turned into fetch entries as Marathon does. */
  private List<FetchUri> readFetch() {
    List<FetchUri> fetch = app.objects("fetch", this::fetchUri);
    List<String> uris = app.list("uris", (item, path) ->
      uri(JsonFields.asString(item, path, violations), path));
    if (fetch != null && !fetch.isEmpty() && uris != null && !uris.isEmpty()) {
      violations.add(app.pathOf("uris"), "may not be set in conjunction with fetch");
    }
    if ((fetch == null || fetch.isEmpty()) && uris != null) {
      return uris.stream().map(u -> new FetchUri(u, false, EXTRACTABLE.stream().anyMatch(u::endsWith), false, null))
        .toList();
    }
    return orEmpty(fetch);
  }

  /** One entry of {@code fetch} (a pod container's {@code artifacts} have the same shape). */
  FetchUri fetchUri(JsonFields f) {
    f.rejectUnknown(Set.of("uri", "extract", "executable", "cache", "destPath"), Set.of());
    String uri = uri(f.nonEmptyString("uri"), f.pathOf("uri"));
    if (!f.has("uri")) {
      violations.add(f.pathOf("uri"), "is required");
    }
    String destPath = f.nonEmptyString("destPath");
    return uri == null ? null : new FetchUri(uri, f.bool("executable", false), f.bool("extract", true),
      f.bool("cache", false), destPath);
  }

  private String uri(String uri, String path) {
    if (uri != null && uri.length() > MAX_URI_LENGTH) {
      violations.add(path, "must be at most " + MAX_URI_LENGTH + " characters long");
      return null;
    }
    return uri;
  }

  private UpgradeStrategy readUpgradeStrategy() {
    JsonFields strategy = app.object("upgradeStrategy");
    if (strategy == null) {
      return UpgradeStrategy.DEFAULT;
    }
    strategy.rejectUnknown(Set.of("minimumHealthCapacity", "maximumOverCapacity"), Set.of());
    return new UpgradeStrategy(
      strategy.number("minimumHealthCapacity", UpgradeStrategy.DEFAULT.minimumHealthCapacity(), 0, 1),
      strategy.number("maximumOverCapacity", UpgradeStrategy.DEFAULT.maximumOverCapacity(), 0, 1));
  }

  UnreachableStrategy readUnreachableStrategy() {
    Object raw = app.raw("unreachableStrategy");
    String path = app.pathOf("unreachableStrategy");
    if (raw == null) {
      return UnreachableStrategy.DEFAULT;
    }
    if (raw instanceof String text) {
      if (!text.equals("disabled")) {
        violations.add(path, "must be \"disabled\" or an object");
      }
      return UnreachableStrategy.DISABLED;
    }
    JsonFields strategy = app.object("unreachableStrategy");
    if (strategy == null) {
      return UnreachableStrategy.DEFAULT;
    }
    strategy.rejectUnknown(Set.of("inactiveAfterSeconds", "expungeAfterSeconds"), Set.of());
    long inactive = seconds(strategy, "inactiveAfterSeconds", UnreachableStrategy.DEFAULT.inactiveAfterSeconds());
    long expunge = seconds(strategy, "expungeAfterSeconds", UnreachableStrategy.DEFAULT.expungeAfterSeconds());
    if (inactive > expunge) {
      violations.add(strategy.pathOf("inactiveAfterSeconds"), "must be less than or equal to expungeAfterSeconds");
    }
    return new UnreachableStrategy(true, inactive, expunge);
  }

  private static long seconds(JsonFields object, String field, long fallback) {
    Long value = object.longInteger(field);
    if (value == null) {
      return fallback;
    }
    return JsonFields.inRange(object.pathOf(field), value, 0, Long.MAX_VALUE, object.violations()) ? value : fallback;
  }

  private Integer readGracePeriod() {
    Integer seconds = app.integer("taskKillGracePeriodSeconds");
    if (seconds != null && !JsonFields.inRange(app.pathOf("taskKillGracePeriodSeconds"), seconds, 0,
      Integer.MAX_VALUE, violations)) {
      return null;
    }
    return seconds;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }
}
