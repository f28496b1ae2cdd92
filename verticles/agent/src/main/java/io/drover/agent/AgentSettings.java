package io.drover.agent;

import io.drover.agent.checkpoint.AgentCheckpoint;
import io.drover.agent.executor.DockerAllowList;
import io.drover.agent.executor.DockerExecutor;
import io.drover.agent.executor.RunAs;
import io.drover.agent.fetch.FetchLimits;
import io.drover.resources.Attributes;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;

/**
 * An agent process's configuration, read from its verticle config.
 *
 * @param host                address to bind the HTTP API to
 * @param port                HTTP port; 0 picks a free one
 * @param hostname            the name agents advertise (and tasks see as {@code HOST})
 * @param workDir             holds each agent's id, checkpoints and task sandboxes
 * @param resources           what each agent advertises; null to detect the machine's own
 * @param attributes          each agent's attributes
 * @param agents              how many agents this process hosts
 * @param heartbeatIntervalMs how often the process tells the masters its agents are alive
 * @param registerRetryMs     how often an agent repeats its registration until the leader answers
 * @param recovery            what to do with the tasks an earlier run of the agent left
 * @param sandboxGcDelayMs    how long the sandbox of an ended task is kept
 * @param dockerSocket        where the Docker engine listens
 * @param dockerAllow         what Docker tasks may ask for beyond a plain container (see DockerAllowList)
 * @param taskUser            who command tasks run as when the agent is root and the app names nobody
 * @param allowedTaskUsers    which other users an app may name when the agent is root
 * @param fetchLimits         how much one fetched URI may bring into a sandbox
 * @param executorTimeouts    how long framework executors have to subscribe, to come back, and to shut down
 * @param secretsDir          where the operator keeps the secrets tasks may name (null: none)
 * @param faultDropRate       testing only: the share of status updates and acknowledgements to lose
 * @param faultDuplicateRate  testing only: the share of status updates to send twice
 */
public record AgentSettings(String host, int port, String hostname, String workDir, Reservations.Split resources,
                            Attributes attributes, int agents, long heartbeatIntervalMs, long registerRetryMs,
                            AgentCheckpoint.Recovery recovery, long sandboxGcDelayMs, String dockerSocket,
                            Set<String> dockerAllow, String taskUser, Set<String> allowedTaskUsers, FetchLimits fetchLimits,
                            ExecutorTimeouts executorTimeouts, String secretsDir, double faultDropRate, double faultDuplicateRate, int emulate, long emulatedTaskMs) {

  public static final int DEFAULT_PORT = 5051;
  private static final long MB = 1024 * 1024;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_WORK_DIR = "/tmp/drover";
  /** Well inside the master's default unreachable timeout (15 s x 5). */
  public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 5_000;
  public static final long DEFAULT_REGISTER_RETRY_MS = 1_000;
  /** Mesos: {@code gc_delay=1weeks}. */
  public static final long DEFAULT_SANDBOX_GC_DELAY_MS = 7L * 24 * 3600 * 1000;
  /** What each emulated agent offers unless {@code --resources} says otherwise: a mid-sized machine. */
  public static final String DEFAULT_EMULATED_RESOURCES = "cpus:8;mem:16384;disk:102400;ports:[31000-32999]";

  /** Reads the config; a malformed {@code resources} or {@code attributes} throws, naming it. */
  public static AgentSettings from(JsonObject config) {
    String resources = config.getString("resources");
    return new AgentSettings(
      config.getString("host", DEFAULT_HOST),
      config.getInteger("port", DEFAULT_PORT),
      config.getString("hostname", localHostname()),
      config.getString("workDir", DEFAULT_WORK_DIR),
      resources == null || resources.isBlank() ? null : Reservations.parseAgentFlag(resources),
      Attributes.parse(config.getString("attributes", "")),
      config.getInteger("agents", 1),
      config.getLong("heartbeatIntervalMs", DEFAULT_HEARTBEAT_INTERVAL_MS),
      config.getLong("registerRetryMs", DEFAULT_REGISTER_RETRY_MS),
      recovery(config.getString("recover", "reconnect")),
      config.getLong("sandboxGcDelayMs", DEFAULT_SANDBOX_GC_DELAY_MS),
      config.getString("dockerSocket", DockerExecutor.DEFAULT_SOCKET),
      DockerAllowList.parse(config.getString("dockerAllow", "")),
      config.getString("taskUser", RunAs.DEFAULT_TASK_USER),
      users(config.getString("allowedTaskUsers", "")),
      fetchLimits(config),
      new ExecutorTimeouts(config.getLong("executorRegistrationTimeoutMs", ExecutorTimeouts.DEFAULT_REGISTRATION_MS),
        config.getLong("executorRecoveryTimeoutMs", ExecutorTimeouts.DEFAULT_RECOVERY_MS),
        config.getLong("executorShutdownGraceMs", ExecutorTimeouts.DEFAULT_SHUTDOWN_GRACE_MS)),
      config.getString("secretsDir"),
      config.getDouble("faultDropRate", 0.0),
      config.getDouble("faultDuplicateRate", 0.0),
      config.getInteger("emulate", 0),
      config.getLong("emulatedTaskMs", 0L));
  }

  /**
   * Mesos's {@code executor_registration_timeout}, {@code recovery_timeout} and
   * {@code executor_shutdown_grace_period}, with its defaults.
   */
  public record ExecutorTimeouts(long registrationMs, long recoveryMs, long shutdownGraceMs) {
    static final long DEFAULT_REGISTRATION_MS = 60_000;
    static final long DEFAULT_RECOVERY_MS = 15 * 60_000;
    static final long DEFAULT_SHUTDOWN_GRACE_MS = 5_000;
  }

  private static FetchLimits fetchLimits(JsonObject config) {
    return new FetchLimits(
      config.getLong("fetchMaxMb", FetchLimits.DEFAULT_MAX_FILE_MB) * MB,
      config.getLong("fetchMaxUnpackedMb", FetchLimits.DEFAULT_MAX_UNPACKED_MB) * MB,
      config.getInteger("fetchMaxEntries", FetchLimits.DEFAULT_MAX_ENTRIES),
      config.getInteger("fetchMaxRatio", FetchLimits.DEFAULT_MAX_RATIO),
      Duration.ofSeconds(config.getLong("fetchTimeoutSecs", FetchLimits.DEFAULT_DEADLINE_SECONDS)));
  }

  /** True when this process hosts emulated agents, which launch nothing. */
  public boolean emulated() {
    return emulate > 0;
  }

  /** How many agents this process hosts: the emulated ones, or else {@code agents}. */
  public int hostedAgents() {
    return emulated() ? emulate : agents;
  }

  /** What agent {@code index} advertises as its hostname: each emulated agent is a machine of its own. */
  public String hostnameOf(int index) {
    return emulated() ? hostname + "-" + index : hostname;
  }

  /** The comma-separated names of {@code --allowed-task-users}. */
  public static Set<String> users(String list) {
    Set<String> users = new java.util.TreeSet<>();
    for (String user : list.split(",")) {
      if (!user.isBlank()) {
        users.add(user.trim());
      }
    }
    return users;
  }

  /** Who command tasks and their health checks run as. */
  public RunAs runAs() {
    return RunAs.forThisProcess(taskUser, allowedTaskUsers);
  }

  /** {@code reconnect} (take the tasks back) or {@code cleanup} (start afresh), as Mesos's {@code --recover}. */
  public static AgentCheckpoint.Recovery recovery(String value) {
    try {
      return AgentCheckpoint.Recovery.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--recover must be reconnect or cleanup, not '" + value + "'");
    }
  }

  private static String localHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
