package io.drover.launcher;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One command-line flag. It sets {@code key} in the configuration of {@code role} (for single-role
 * commands, of that role); the same setting comes from {@code DROVER_<FLAG>} in the environment.
 */
record Option(String flag, String key, Kind kind, Set<Command> commands, Role role, String help) {

  /** What a value must be; {@code label} names it in help and in errors. */
  enum Kind {
    STRING("text", "text"),
    INT("int", "a whole number"),
    LONG("long", "a whole number"),
    DOUBLE("number", "a number"),
    MILLIS("duration", "a duration such as 500ms, 30s, 5m, 1h or 7d (a bare number is milliseconds)"),
    SECONDS("duration", "a duration such as 30s, 5m or 1h (a bare number is seconds)");

    final String label;
    final String expected;

    Kind(String label, String expected) {
      this.label = label;
      this.expected = expected;
    }
  }

  private static final Set<Command> ALL = EnumSet.allOf(Command.class);
  private static final Set<Command> CLUSTER = EnumSet.of(Command.LOCAL, Command.MASTER, Command.AGENT,
    Command.MARATHON);
  private static final Set<Command> MARATHONS = EnumSet.of(Command.LOCAL, Command.MARATHON);
  private static final Set<Command> MASTERS = EnumSet.of(Command.LOCAL, Command.MASTER);
  private static final Set<Command> AGENTS = EnumSet.of(Command.LOCAL, Command.AGENT);

  /** Every flag of every command; {@code --help} prints this table. */
  static final List<Option> ALL_OPTIONS = List.of(
    new Option("--zk", "zk", Kind.STRING, CLUSTER, null,
      "ZooKeeper ensemble host:port,... (local: starts an embedded one unless given)"),
    new Option("--host", "host", Kind.STRING, ALL, null, "address to bind and advertise (default 127.0.0.1)"),
    new Option("--port", "port", Kind.INT, ALL, Role.MASTER,
      "HTTP port (master 5050, agent 5051, marathon 8080), client port for zk (2181); 0 picks a free one"),
    new Option("--work-dir", "workDir", Kind.STRING, ALL, null,
      "sandboxes, agent ids, port files, ZooKeeper data (default /tmp/drover)"),
    new Option("--log-level", "logLevel", Kind.STRING, ALL, null,
      "trace, debug, info, warn, error or off, also per package: info,io.drover.agent=debug (default info)"),
    new Option("--log-format", "logFormat", Kind.STRING, ALL, null,
      "text, or json: one JSON object per line (default text)"),
    new Option("--conf", "conf", Kind.STRING, ALL, null,
      "a JSON config file, or a directory of <role>.json files (default $DROVER_HOME/conf)"),
    new Option("--token-file", "tokenFile", Kind.STRING, ALL, null,
      "a file holding the operator token every API requires (else DROVER_TOKEN; local: generated if neither)"),
    new Option("--read-token-file", "readTokenFile", Kind.STRING, ALL, null,
      "a file holding a read-only token (else DROVER_READ_TOKEN)"),
    new Option("--zk-auth-file", "zkAuthFile", Kind.STRING, CLUSTER, null,
      "a file holding user:password for ZooKeeper digest auth; Drover's znodes then belong to it alone (else DROVER_ZK_AUTH)"),
    new Option("--bus-keystore", "busKeystore", Kind.STRING, CLUSTER, null,
      "a PKCS12 key store: the event bus then speaks mutual TLS and trusts only its key (default plain TCP)"),
    new Option("--bus-keystore-password-file", "busKeystorePasswordFile", Kind.STRING, CLUSTER, null,
      "a file holding the key store's password (else DROVER_BUS_KEYSTORE_PASSWORD)"),
    new Option("--zk-session-timeout-ms", "zkSessionTimeoutMs", Kind.MILLIS, CLUSTER, null,
      "ZooKeeper session timeout; bounds failover time (default 3000)"),
    new Option("--zk-connect-timeout-ms", "zkConnectTimeoutMs", Kind.MILLIS, CLUSTER, null,
      "give up when ZooKeeper cannot be reached within this (default 10000)"),
    new Option("--master-id", "masterId", Kind.STRING, EnumSet.of(Command.MASTER), Role.MASTER,
      "this master's id (default: a fresh one)"),
    new Option("--allocation-interval-ms", "allocationIntervalMs", Kind.MILLIS, MASTERS, Role.MASTER,
      "how often the allocator runs (default 1000)"),
    new Option("--mesos-zk-path", "mesosZkPath", Kind.STRING, MASTERS, Role.MASTER,
      "where the leader announces itself to Mesos tools as json.info_<n> (default /mesos)"),
    new Option("--offer-timeout-ms", "offerTimeoutMs", Kind.MILLIS, MASTERS, Role.MASTER,
      "rescind offers unanswered for this long; 0 = never (default 30000)"),
    new Option("--agent-ping-timeout-ms", "agentPingTimeoutMs", Kind.MILLIS, MASTERS, Role.MASTER,
      "one missed agent heartbeat after this much silence (default 15000)"),
    new Option("--max-agent-ping-timeouts", "maxAgentPingTimeouts", Kind.INT, MASTERS, Role.MASTER,
      "missed heartbeats before an agent is unreachable (default 5)"),
    new Option("--agent-reregister-timeout-ms", "agentReregisterTimeoutMs", Kind.MILLIS, MASTERS, Role.MASTER,
      "how long a new leader waits for known agents to re-register (default 600000)"),
    new Option("--registry-max-agent-age-ms", "registryMaxAgentAgeMs", Kind.MILLIS, MASTERS, Role.MASTER,
      "an agent unreachable this long leaves the registry (default two weeks)"),
    new Option("--registry-max-agent-count", "registryMaxAgentCount", Kind.INT, MASTERS, Role.MASTER,
      "beyond this many unreachable agents the oldest leave the registry (default 102400)"),
    new Option("--weights", "weights", Kind.STRING, MASTERS, Role.MASTER,
      "the roles' weights for fair sharing, e.g. \"eng=3,eng/web=1.5\" (default 1 each)"),
    new Option("--framework-heartbeat-ms", "frameworkHeartbeatMs", Kind.MILLIS, MASTERS, Role.MASTER,
      "how often the leader checks frameworks are connected (default 5000)"),
    new Option("--resources", "resources", Kind.STRING, AGENTS, Role.AGENT,
      "Mesos syntax, e.g. \"cpus:4;mem:8192;disk:20000;ports:[31000-32000]\" (default: detect)"),
    new Option("--attributes", "attributes", Kind.STRING, AGENTS, Role.AGENT, "Mesos syntax, e.g. \"rack:r1;zone:a\""),
    new Option("--hostname", "hostname", Kind.STRING, AGENTS, Role.AGENT,
      "the hostname agents advertise (default: this machine's)"),
    new Option("--heartbeat-interval-ms", "heartbeatIntervalMs", Kind.MILLIS, AGENTS, Role.AGENT,
      "how often agents tell the masters they are alive (default 5000)"),
    new Option("--register-retry-ms", "registerRetryMs", Kind.MILLIS, AGENTS, Role.AGENT,
      "how often an agent repeats its registration until the leader answers (default 1000)"),
    new Option("--agents", "agents", Kind.INT, AGENTS, Role.AGENT,
      "how many agents this process hosts (local default 2, agent default 1)"),
    new Option("--emulate", "emulate", Kind.INT, AGENTS, Role.AGENT,
      "host this many emulated agents instead: real registration, heartbeats and status updates, no processes (benchmarks)"),
    new Option("--emulated-task-ms", "emulatedTaskMs", Kind.MILLIS, AGENTS, Role.AGENT,
      "how long an emulated agent's task runs before TASK_FINISHED; 0 = until killed (default 0)"),
    new Option("--recover", "recover", Kind.STRING, AGENTS, Role.AGENT,
      "reconnect: take back the tasks of the last run; cleanup: kill them and start as a new agent (default reconnect)"),
    new Option("--executor-registration-timeout-ms", "executorRegistrationTimeoutMs", Kind.MILLIS, AGENTS, Role.AGENT,
      "how long a framework's executor has to subscribe before it is killed and its tasks fail (default 60000)"),
    new Option("--executor-recovery-timeout-ms", "executorRecoveryTimeoutMs", Kind.MILLIS, AGENTS, Role.AGENT,
      "after an agent restart, how long its running executors have to subscribe again (default 900000)"),
    new Option("--executor-shutdown-grace-ms", "executorShutdownGraceMs", Kind.MILLIS, AGENTS, Role.AGENT,
      "how long an executor told to shut down has before it is killed (default 5000)"),
    new Option("--sandbox-gc-delay-ms", "sandboxGcDelayMs", Kind.MILLIS, AGENTS, Role.AGENT,
      "how long the sandbox of an ended task is kept (default one week)"),
    new Option("--docker-socket", "dockerSocket", Kind.STRING, AGENTS, Role.AGENT,
      "the Docker engine's address (default unix:///var/run/docker.sock)"),
    new Option("--docker-allow", "dockerAllow", Kind.STRING, AGENTS, Role.AGENT,
      "what Docker tasks may ask for: any of privileged,volumes,parameters,host-network (default none)"),
    new Option("--task-user", "taskUser", Kind.STRING, AGENTS, Role.AGENT,
      "who command tasks run as when the agent runs as root and the app names no user (default nobody)"),
    new Option("--allowed-task-users", "allowedTaskUsers", Kind.STRING, AGENTS, Role.AGENT,
      "comma-separated users an app's user may name when the agent runs as root (default none)"),
    new Option("--secrets-dir", "secretsDir", Kind.STRING, AGENTS, Role.AGENT,
      "a directory of secrets: each file is one that tasks may name (Marathon's secrets' source) (default none)"),
    new Option("--fetch-max-mb", "fetchMaxMb", Kind.LONG, AGENTS, Role.AGENT,
      "the largest file a task may fetch into its sandbox (default 1024)"),
    new Option("--fetch-max-unpacked-mb", "fetchMaxUnpackedMb", Kind.LONG, AGENTS, Role.AGENT,
      "the most one fetched archive may unpack to (default 4096)"),
    new Option("--fetch-max-entries", "fetchMaxEntries", Kind.INT, AGENTS, Role.AGENT,
      "the most files, directories and links one fetched archive may hold (default 5000)"),
    new Option("--fetch-max-ratio", "fetchMaxRatio", Kind.INT, AGENTS, Role.AGENT,
      "how many times its own size an archive may unpack to, past the first 64 MB (default 100)"),
    new Option("--fetch-timeout-secs", "fetchTimeoutSecs", Kind.SECONDS, AGENTS, Role.AGENT,
      "how long fetching one URI may take in all (default 600)"),
    new Option("--fault-drop-rate", "faultDropRate", Kind.DOUBLE, AGENTS, Role.AGENT,
      "TESTING ONLY: share (0-1) of status updates and acknowledgements the agent loses (default 0)"),
    new Option("--fault-duplicate-rate", "faultDuplicateRate", Kind.DOUBLE, AGENTS, Role.AGENT,
      "TESTING ONLY: share (0-1) of status updates the agent sends twice (default 0)"),
    new Option("--fault-crash-at", "faultCrashAt", Kind.STRING, AGENTS, Role.AGENT,
      "TESTING ONLY: halt the agent at this step of a launch: after-spawn or after-container-create (default none)"),
    new Option("--agent-port", "port", Kind.INT, EnumSet.of(Command.LOCAL), Role.AGENT,
      "local: the agents' HTTP port (default 5051)"),
    new Option("--zk-port", "port", Kind.INT, EnumSet.of(Command.LOCAL), Role.ZOOKEEPER,
      "local: the embedded ZooKeeper's client port (default 2181)"),
    new Option("--ensemble", "ensemble", Kind.STRING, EnumSet.of(Command.ZK), Role.ZOOKEEPER,
      "zk: run as a member of this ensemble, host:clientPort:peerPort:electionPort,... (default: standalone)"),
    new Option("--server-id", "serverId", Kind.INT, EnumSet.of(Command.ZK), Role.ZOOKEEPER,
      "zk: this member's number in --ensemble, from 1"),
    new Option("--marathon-port", "port", Kind.INT, EnumSet.of(Command.LOCAL), Role.MARATHON,
      "local: the marathon /v2 API's port (default 8080)"),
    new Option("--node-id", "nodeId", Kind.STRING, EnumSet.of(Command.MARATHON), Role.MARATHON,
      "this marathon node's id in its leader election (default: a fresh one)"),
    new Option("--framework-name", "frameworkName", Kind.STRING, MARATHONS, Role.MARATHON,
      "the name the scheduler registers with the master (default marathon)"),
    new Option("--reconcile-interval-ms", "reconcileIntervalMs", Kind.MILLIS, MARATHONS, Role.MARATHON,
      "how often the marathon leader reconciles its tasks with the master (default 60000)"),
    new Option("--deployment-deadline-ms", "deploymentDeadlineMs", Kind.MILLIS, MARATHONS, Role.MARATHON,
      "a deployment not done by then fails and rolls back; 0 = never (default 0)"),
    new Option("--converge-interval-ms", "convergeIntervalMs", Kind.MILLIS, MARATHONS, Role.MARATHON,
      "how often the marathon leader compares apps with their tasks, besides on every event (default 1000)"),
    new Option("--event-backlog", "eventBacklog", Kind.INT, MARATHONS, Role.MARATHON,
      "events kept for /v2/events clients that reconnect with Last-Event-ID (default 2000)"),
    new Option("--max-body-bytes", "maxBodyBytes", Kind.LONG, MARATHONS, Role.MARATHON,
      "larger /v2 request bodies get 413 (default 1048576)"),
    new Option("--event-subscriber-allow", "eventSubscriberAllow", Kind.STRING, MARATHONS, Role.MARATHON,
      "callback URL prefixes /v2/eventSubscriptions may take, comma-separated (default none: no callbacks)"),
    new Option("--mesos-role", "mesosRole", Kind.STRING, MARATHONS, Role.MARATHON,
      "the role marathon subscribes with beside *, and that of apps naming none (default *)"));

  /** {@code DROVER_WORK_DIR} for {@code --work-dir}. */
  String envName() {
    return "DROVER_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** The role this option configures when running {@code command}; null means every role. */
  Role roleFor(Command command) {
    return command == Command.LOCAL ? role : null;
  }

  /** A flag's or environment variable's text as the value the role reads. */
  Object parse(String value) {
    return parse(value, flag);
  }

  /** As {@link #parse(String)}, naming {@code source} (the flag or its variable) in the error. */
  Object parse(String value, String source) {
    Object parsed = convert(value);
    if (parsed == null) {
      throw new UsageException(source + ": '" + value + "' is not " + kind.expected);
    }
    return parsed;
  }

  private Object convert(String value) {
    return switch (kind) {
      case STRING -> value;
      case INT -> wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE);
      case DOUBLE -> decimal(value);
      case MILLIS -> Durations.parse(value, TimeUnit.MILLISECONDS);
      case SECONDS -> Durations.parse(value, TimeUnit.SECONDS);
    };
  }

  /** A conf file's JSON value, type-checked; {@code source} names the file in the error. */
  Object check(Object value, String source) {
    Object checked = switch (kind) {
      case STRING -> value instanceof String ? value : null;
      case INT, LONG -> isWhole(value) ? convert(value.toString()) : null;
      case DOUBLE -> value instanceof Number n ? n.doubleValue() : null;
      case MILLIS, SECONDS -> isWhole(value) && ((Number) value).longValue() >= 0 ? ((Number) value).longValue()
        : value instanceof String text ? convert(text) : null;
    };
    if (checked == null) {
      throw new UsageException(source + ": \"" + key + "\" must be " + kind.expected + ", not "
        + (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
    }
    return checked;
  }

  /** JSON's whole numbers decode as Integer or Long; 1.5 and "15" are not whole numbers. */
  private static boolean isWhole(Object value) {
    return value instanceof Integer || value instanceof Long;
  }

  private static Object wholeNumber(String value, long min, long max) {
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < min || parsed > max) {
        return null;
      }
      return max == Integer.MAX_VALUE ? (Object) (int) parsed : (Object) parsed;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Object decimal(String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Option find(String flag, Command command) {
    for (Option option : ALL_OPTIONS) {
      if (option.flag.equals(flag) && option.commands.contains(command)) {
        return option;
      }
    }
    throw new UsageException("unknown flag " + flag + " for 'drover " + command.id() + "'"
      + Suggestion.hint(flag, forCommand(command).stream().map(Option::flag).toList()));
  }

  /** The flags of {@code command}, in table order. */
  static List<Option> forCommand(Command command) {
    return ALL_OPTIONS.stream().filter(o -> o.commands.contains(command)).toList();
  }
}
