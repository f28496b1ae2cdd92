package io.drover.marathon.http;

import io.drover.common.BuildInfo;
import io.drover.common.NodeMetrics;
import io.drover.common.ZooKeeperSettings;
import io.drover.marathon.MarathonSettings;
import io.drover.protocol.FrameworkInfo;
import io.drover.marathon.core.MarathonReads;
import io.drover.protocol.LaunchTrace;
import io.drover.protocol.LeaderInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /v2/info}, {@code /v2/leader}, {@code /ping}, {@code /metrics} and the launch traces. */
final class InfoApi {

  /** The Marathon release whose API Drover follows. */
  static final String MARATHON_VERSION = "1.11.0";
  /** What /v2/info reports of settings Drover does not have as Marathon's flags: Marathon's defaults. */
  private static final long DECLINE_OFFER_DURATION_MS = 120_000;
  private static final long TASK_LAUNCH_TIMEOUT_MS = 300_000;
  private static final long TASK_LOST_EXPUNGE_INITIAL_DELAY_MS = 300_000;
  private static final long TASK_LOST_EXPUNGE_INTERVAL_MS = 30_000;

  private final MarathonSettings settings;
  private final Supplier<MarathonReads> reads;
  private final Supplier<Optional<LeaderInfo>> leader;
  private final Runnable abdicate;
  private final Supplier<Optional<LeaderInfo>> masters;
  private final ZooKeeperSettings zooKeeper;

  InfoApi(MarathonSettings settings, Supplier<MarathonReads> reads, Supplier<Optional<LeaderInfo>> leader,
          Runnable abdicate, Supplier<Optional<LeaderInfo>> masters, ZooKeeperSettings zooKeeper) {
    this.settings = settings;
    this.reads = reads;
    this.leader = leader;
    this.abdicate = abdicate;
    this.masters = masters;
    this.zooKeeper = zooKeeper;
  }

  /** Routes any node answers itself, leader or not. */
  void mountLocal(Router router) {
    router.get("/ping").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("pong"));
    router.get("/v2/leader").handler(this::handleLeader);
    router.get("/version").handler(ctx -> ctx.json(BuildInfo.CURRENT.toJson()));
  }

  /** Routes the leader answers (others forward them). */
  void mount(Router router) {
    router.get("/v2/info").handler(this::handleInfo);
    router.delete("/v2/leader").handler(this::handleAbdicate);
    router.get("/metrics").handler(this::handleMetrics);
    router.get("/metrics/prometheus").handler(ctx -> prometheus(ctx, reads.get().metrics()));
    router.get("/metrics/launch-traces").handler(this::handleLaunchTraces);
  }

  /**
   * Drover's own: when the latest launches (of apps under {@code ?app=}, all by default) passed
   * each hop from the POST to being counted running, in microseconds since the epoch.
   */
  private void handleLaunchTraces(RoutingContext ctx) {
    String prefix = Optional.ofNullable(ctx.request().getParam("app")).orElse("/");
    JsonArray traces = new JsonArray();
    reads.get().launchTraces(prefix).forEach(t -> traces.add(new JsonObject().put("taskId", t.taskId())
      .put("appId", t.appId().toString()).put("hops", t.trace().toJson())));
    JsonArray hops = new JsonArray();
    for (LaunchTrace.Hop hop : LaunchTrace.Hop.values()) {
      hops.add(hop.key());
    }
    ctx.json(new JsonObject().put("hops", hops).put("traces", traces));
  }

  private void handleLeader(RoutingContext ctx) {
    Optional<LeaderInfo> current = leader.get();
    if (current.isEmpty()) {
      ApiErrors.send(ctx, 404, new JsonObject().put("message", "There is no leader"));
      return;
    }
    ctx.json(new JsonObject().put("leader", current.get().getHostname() + ":" + current.get().getPort()));
  }

  private void handleAbdicate(RoutingContext ctx) {
    ctx.json(new JsonObject().put("message", "Leadership abdicated"));
    abdicate.run();
  }

  /** Marathon 1.11's {@code MarathonInfo}: its fields and no others; the leading master's page as its UI. */
  private void handleInfo(RoutingContext ctx) {
    String leaderAddress = leader.get().map(l -> l.getHostname() + ":" + l.getPort()).orElse(null);
    JsonObject marathonConfig = new JsonObject()
      .put("checkpoint", true)
      .put("decline_offer_duration", DECLINE_OFFER_DURATION_MS)
      .put("executor", "//cmd")
      .put("failover_timeout", (long) FrameworkInfo.DEFAULT_FAILOVER_TIMEOUT_SECONDS)
      .put("features", new JsonArray())
      .put("framework_name", settings.frameworkName())
      .put("ha", true)
      .put("hostname", settings.host())
      .put("mesos_role", "*")
      .put("reconciliation_interval", settings.reconcileIntervalMs())
      .put("task_launch_timeout", TASK_LAUNCH_TIMEOUT_MS)
      .put("task_lost_expunge_initial_delay", TASK_LOST_EXPUNGE_INITIAL_DELAY_MS)
      .put("task_lost_expunge_interval", TASK_LOST_EXPUNGE_INTERVAL_MS);
    masters.get().ifPresent(m -> marathonConfig.put("mesos_leader_ui_url",
      "http://" + m.getHostname() + ":" + m.getPort() + "/"));
    JsonObject info = new JsonObject()
      .put("name", "marathon")
      .put("version", MARATHON_VERSION)
      .put("buildref", BuildInfo.CURRENT.commit())
      .put("elected", true)
      .put("leader", leaderAddress)
      .put("frameworkId", reads.get().frameworkId())
      .put("marathon_config", marathonConfig)
      .put("zookeeper_config", new JsonObject()
        .put("zk", "zk://" + zooKeeper.connectString() + "/drover")
        .put("zk_connection_timeout", zooKeeper.connectTimeoutMs())
        .put("zk_max_versions", reads.get().maxVersions())
        .put("zk_session_timeout", zooKeeper.sessionTimeoutMs())
        .put("zk_timeout", zooKeeper.sessionTimeoutMs()))
      .put("http_config", new JsonObject().put("http_port", ctx.request().localAddress().port()).putNull("https_port"));
    ctx.json(info);
  }

  /** JSON by default; Prometheus text when the client asks for text/plain. */
  private void handleMetrics(RoutingContext ctx) {
    Map<String, Number> metrics = reads.get().metrics();
    String accept = ctx.request().getHeader("Accept");
    if (accept != null && accept.contains("text/plain")) {
      prometheus(ctx, metrics);
      return;
    }
    JsonObject gauges = new JsonObject();
    metrics.forEach((name, value) -> gauges.put(name, new JsonObject().put("value", value)));
    ctx.json(new JsonObject().put("version", "4.0.0").put("gauges", gauges).put("counters", new JsonObject()));
  }

  /** Marathon's gauges, then the node's meters (JVM, HTTP, event bus). */
  private static void prometheus(RoutingContext ctx, Map<String, Number> metrics) {
    StringBuilder text = new StringBuilder();
    metrics.forEach((name, value) -> {
      String metric = name.replace('.', '_');
      text.append("# TYPE ").append(metric).append(" gauge\n").append(metric).append(' ').append(value).append('\n');
    });
    text.append(NodeMetrics.REGISTRY.scrape());
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(text.toString());
  }
}
