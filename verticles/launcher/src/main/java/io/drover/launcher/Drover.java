package io.drover.launcher;

import io.drover.agent.AgentSettings;
import io.drover.agent.AgentVerticle;
import io.drover.agent.executor.DockerAllowList;
import io.drover.common.BuildInfo;
import io.drover.common.ClusterNode;
import io.drover.common.PortFile;
import io.drover.common.ZooKeeperSettings;
import io.drover.common.security.ClusterSecurity;
import io.drover.common.security.Credentials;
import io.drover.marathon.MarathonVerticle;
import io.drover.master.MasterVerticle;
import io.drover.protocol.AgentInfo;
import io.drover.resources.Attributes;
import io.drover.resources.Reservations;
import io.vertx.core.Deployable;
import io.vertx.core.json.JsonObject;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The {@code drover} command: starts one role, or every role in one process ({@code drover local}).
 * Mistakes are one line on stderr and a non-zero exit, never a stack trace.
 */
public final class Drover {

  static final String DEFAULT_HOST = "127.0.0.1";
  static final String DEFAULT_WORK_DIR = "/tmp/drover";
  static final long DEPLOY_TIMEOUT_S = 60;

  private final List<AutoCloseable> running = new ArrayList<>();

  public static void main(String[] args) {
    try {
      Logging.configure();
      new Drover().run(args, System.getenv());
    } catch (UsageException e) {
      System.err.println("drover: " + e.getMessage());
      System.err.println("Run 'drover --help' for usage.");
      System.exit(2);
    } catch (Exception e) {
      System.err.println("drover: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      System.exit(1);
    }
  }

  void run(String[] args, Map<String, String> env) throws Exception {
    if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
      System.out.print(Help.text());
      return;
    }
    if (List.of("version", "--version").contains(args[0])) {
      System.out.println(BuildInfo.CURRENT.line());
      return;
    }
    Command command = Command.parse(args[0]);
    Map<Option, String> flags = parseFlags(command, args);
    if (flags == null) {
      System.out.print(Help.text(command));
      return;
    }
    Map<Role, JsonObject> configs = Configuration.assemble(command, flags, env);
    configs.values().forEach(c -> c.put("host", c.getString("host", DEFAULT_HOST))
      .put("workDir", c.getString("workDir", DEFAULT_WORK_DIR)));
    JsonObject any = configs.values().iterator().next();
    Logging.apply(any.getString("logLevel", "info"), any.getString("logFormat", "text"), command);
    Logger.getLogger(Drover.class.getName()).info(() -> BuildInfo.CURRENT.line() + " starts: " + command.id());
    if (configs.containsKey(Role.AGENT)) {
      checkAgent(configs.get(Role.AGENT));
    }
    secure(command, configs, env);
    Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "drover-shutdown"));
    switch (command) {
      case ZK -> startZooKeeper(configs.get(Role.ZOOKEEPER));
      case MASTER -> startRoles(configs, null);
      case AGENT -> startRoles(configs, null);
      case MARATHON -> startRoles(configs, null);
      case LOCAL -> {
        JsonObject master = configs.get(Role.MASTER);
        String zk = master.getString("zk");
        if (zk == null) {
          zk = startZooKeeper(configs.get(Role.ZOOKEEPER));
        }
        startRoles(configs, zk);
        String masterUrl = "http://" + master.getString("host") + ":" + readPort(master, "master");
        System.out.println("Drover is running: master " + masterUrl + "  marathon http://" + master.getString("host")
          + ":" + readPort(configs.get(Role.MARATHON), "marathon") + "  agents http://" + master.getString("host") + ":"
          + readPort(configs.get(Role.AGENT), "agent") + "  zk " + zk);
        System.out.println("Dashboard: " + masterUrl + "/");
      }
    }
  }

  private static Map<Option, String> parseFlags(Command command, String[] args) {
    Map<Option, String> flags = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return null;
      }
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException(arg + " needs a value");
      }
      Option option = Option.find(name, command);
      option.parse(value);
      flags.put(option, value);
    }
    return flags;
  }

  private static void checkAgent(JsonObject agent) {
    try {
      String resources = agent.getString("resources");
      if (resources != null && !resources.isBlank()) {
        String wrongKind = AgentInfo.resourcesProblem(Reservations.parseAgentFlag(resources).total());
        if (wrongKind != null) {
          throw new UsageException("--resources: " + wrongKind);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("--resources: " + e.getMessage());
    }
    try {
      Attributes.parse(agent.getString("attributes", ""));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--attributes: " + e.getMessage());
    }
    try {
      AgentSettings.recovery(agent.getString("recover", "reconnect"));
      DockerAllowList.parse(agent.getString("dockerAllow", ""));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (agent.getInteger("agents", 1) < 1) {
      throw new UsageException("--agents: must be at least 1");
    }
    if (agent.getInteger("emulate", 0) < 0 || agent.getLong("emulatedTaskMs", 0L) < 0) {
      throw new UsageException("--emulate and --emulated-task-ms: must not be negative");
    }
  }

  /**
   * Closed by default: with no token configured, {@code drover local} makes one; any other role
   * without a token listens on the loopback interface only.
   */
  private static void secure(Command command, Map<Role, JsonObject> configs, Map<String, String> env) throws Exception {
    JsonObject any = configs.values().iterator().next();
    Credentials credentials;
    try {
      credentials = ClusterSecurity.from(any, env).credentials();
      ZooKeeperSettings.from(any, env);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (command == Command.LOCAL && !credentials.enabled()) {
      // the work directory's token outlives restarts, so clients need not learn a new one
      Path file = Path.of(any.getString("workDir"), "token");
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Credentials.generate() + "\n");
      }
      String token = Files.readString(file).strip();
      configs.values().forEach(c -> c.put("tokenFile", file.toString()));
      try {
        Credentials.from(any, env);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage() + " (remove it to get a new token)");
      }
      System.out.println("Token: " + token + "  (in " + file + "; send it as Authorization: Bearer <token>)");
      return;
    }
    if (credentials.enabled()) {
      return;
    }
    for (JsonObject config : configs.values()) {
      String host = config.getString("host");
      if (!isLoopback(host)) {
        throw new UsageException("refusing to listen on " + host + " without authentication: set DROVER_TOKEN or "
          + "--token-file, or keep --host on 127.0.0.1");
      }
    }
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private String startZooKeeper(JsonObject config) throws Exception {
    String host = config.getString("host");
    String workDir = config.getString("workDir");
    EmbeddedZooKeeper.Ensemble ensemble = config.getString("ensemble") == null ? null
      : EmbeddedZooKeeper.Ensemble.parse(config.getString("ensemble"), config.getInteger("serverId", 0));
    EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(host, config.getInteger("port", EmbeddedZooKeeper.DEFAULT_PORT),
      Path.of(workDir, "zk"), ensemble);
    running.add(zk);
    PortFile.write(workDir, "zk", zk.port());
    System.out.println(ensemble == null ? "ZooKeeper listening on " + zk.connectString()
      : "ZooKeeper member " + ensemble.serverId() + " of " + ensemble.connectString() + " listening on "
        + zk.connectString());
    return zk.connectString();
  }

  /** Joins the cluster and deploys the master, agent and/or marathon verticles; {@code zk} overrides the ensemble. */
  private void startRoles(Map<Role, JsonObject> configs, String zk) throws Exception {
    JsonObject first = configs.containsKey(Role.MASTER) ? configs.get(Role.MASTER)
      : configs.containsKey(Role.AGENT) ? configs.get(Role.AGENT) : configs.get(Role.MARATHON);
    if (zk != null) {
      configs.values().forEach(c -> c.put("zk", zk));
    }
    ClusterNode node = ClusterNode.join(ZooKeeperSettings.from(first), first.getString("host"),
      ClusterSecurity.from(first));
    running.add(0, node);
    if (configs.containsKey(Role.MASTER)) {
      deploy(node, new MasterVerticle(node.zk(), node.detector()), configs.get(Role.MASTER), "master");
    }
    if (configs.containsKey(Role.AGENT)) {
      deploy(node, new AgentVerticle(node.detector()), configs.get(Role.AGENT), "agent");
    }
    if (configs.containsKey(Role.MARATHON)) {
      deploy(node, new MarathonVerticle(node.zk(), node.detector()), configs.get(Role.MARATHON), "marathon");
    }
  }

  private static void deploy(ClusterNode node, Deployable verticle, JsonObject config, String role) throws Exception {
    try {
      node.deploy(verticle, config).toCompletionStage().toCompletableFuture().get(DEPLOY_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not start the " + role + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static int readPort(JsonObject config, String role) {
    try {
      return Integer.parseInt(java.nio.file.Files.readString(PortFile.path(config.getString("workDir"), role)).trim());
    } catch (Exception e) {
      return config.getInteger("port", -1);
    }
  }

  private void shutdown() {
    for (AutoCloseable closeable : running) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // shutting down anyway
      }
    }
  }
}
