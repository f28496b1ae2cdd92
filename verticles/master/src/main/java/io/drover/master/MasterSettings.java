package io.drover.master;

import io.drover.allocator.AllocatorSettings;
import io.drover.master.state.RoleWeights;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A master's configuration, read from its verticle config. Defaults are Mesos's where Mesos has
 * one, except where fast failover asks for less.
 *
 * @param masterId                 this master's id (a fresh one per process unless configured)
 * @param host                     address to bind and advertise
 * @param port                     HTTP port; 0 picks a free one
 * @param workDir                  where the chosen port is written
 * @param allocationIntervalMs     how often the allocator runs (it also runs on events)
 * @param offerTimeoutMs           offers not answered within this are rescinded; 0 = never
 * @param agentPingTimeoutMs       the interval after which a silent agent has missed one heartbeat
 * @param maxAgentPingTimeouts     missed heartbeats before an agent is unreachable
 * @param agentReregisterTimeoutMs how long a new leader waits for known agents to re-register
 * @param frameworkHeartbeatMs     how often the leader checks that frameworks are still there
 * @param mesosZkPath              where the leader announces itself the Mesos way (see MesosAnnouncement)
 * @param registryMaxAgentAgeMs    an agent unreachable this long leaves the registry
 * @param registryMaxAgentCount    beyond this many unreachable agents the oldest leave the registry
 * @param weights                  the roles' first weights ({@code --weights}); updates through the
 *                                 operator API override them
 */
public record MasterSettings(String masterId, String host, int port, String workDir, long allocationIntervalMs,
                             long offerTimeoutMs, long agentPingTimeoutMs, int maxAgentPingTimeouts,
                             long agentReregisterTimeoutMs, long frameworkHeartbeatMs, String mesosZkPath,
                             long registryMaxAgentAgeMs, int registryMaxAgentCount, Map<String, Double> weights) {

  public static final int DEFAULT_PORT = 5050;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_WORK_DIR = "/tmp/drover";
  public static final long DEFAULT_ALLOCATION_INTERVAL_MS = 1_000;
  public static final long DEFAULT_OFFER_TIMEOUT_MS = 30_000;
  /** Mesos: {@code agent_ping_timeout=15secs}. */
  public static final long DEFAULT_AGENT_PING_TIMEOUT_MS = 15_000;
  /** Mesos: {@code max_agent_ping_timeouts=5}. */
  public static final int DEFAULT_MAX_AGENT_PING_TIMEOUTS = 5;
  /** Mesos: {@code agent_reregister_timeout=10mins}. */
  public static final long DEFAULT_AGENT_REREGISTER_TIMEOUT_MS = 600_000;
  public static final long DEFAULT_FRAMEWORK_HEARTBEAT_MS = 5_000;
  /** Mesos's {@code --zk=zk://host:2181/mesos}: where mesos-dns, pymesos and mesos-go look by default. */
  public static final String DEFAULT_MESOS_ZK_PATH = "/mesos";
  /** Mesos: {@code registry_max_agent_age=2weeks}. */
  public static final long DEFAULT_REGISTRY_MAX_AGENT_AGE_MS = 14L * 24 * 3600 * 1000;
  /** Mesos: {@code registry_max_agent_count=102400}. */
  public static final int DEFAULT_REGISTRY_MAX_AGENT_COUNT = 102_400;

  public static MasterSettings from(JsonObject config) {
    return new MasterSettings(
      config.getString("masterId", UUID.randomUUID().toString()),
      config.getString("host", DEFAULT_HOST),
      config.getInteger("port", DEFAULT_PORT),
      config.getString("workDir", DEFAULT_WORK_DIR),
      config.getLong("allocationIntervalMs", DEFAULT_ALLOCATION_INTERVAL_MS),
      config.getLong("offerTimeoutMs", DEFAULT_OFFER_TIMEOUT_MS),
      config.getLong("agentPingTimeoutMs", DEFAULT_AGENT_PING_TIMEOUT_MS),
      config.getInteger("maxAgentPingTimeouts", DEFAULT_MAX_AGENT_PING_TIMEOUTS),
      config.getLong("agentReregisterTimeoutMs", DEFAULT_AGENT_REREGISTER_TIMEOUT_MS),
      config.getLong("frameworkHeartbeatMs", DEFAULT_FRAMEWORK_HEARTBEAT_MS),
      config.getString("mesosZkPath", DEFAULT_MESOS_ZK_PATH),
      config.getLong("registryMaxAgentAgeMs", DEFAULT_REGISTRY_MAX_AGENT_AGE_MS),
      config.getInteger("registryMaxAgentCount", DEFAULT_REGISTRY_MAX_AGENT_COUNT),
      RoleWeights.parse(config.getString("weights")));
  }

  /**
   * This configuration as Mesos's {@code /flags} lists a master's flags: Mesos's flag names where
   * Mesos has the setting, durations in Mesos's syntax ({@code 1000ms}), Drover's own settings by
   * their names in Mesos's style. Served by {@code /flags} and the operator API's {@code GET_FLAGS}.
   */
  public Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("hostname", host);
    flags.put("ip", host);
    flags.put("port", Integer.toString(port));
    flags.put("work_dir", workDir);
    flags.put("allocation_interval", allocationIntervalMs + "ms");
    flags.put("offer_timeout", offerTimeoutMs + "ms");
    flags.put("agent_ping_timeout", agentPingTimeoutMs + "ms");
    flags.put("max_agent_ping_timeouts", Integer.toString(maxAgentPingTimeouts));
    flags.put("agent_reregister_timeout", agentReregisterTimeoutMs + "ms");
    flags.put("framework_heartbeat_interval", frameworkHeartbeatMs + "ms");
    flags.put("mesos_zk_path", mesosZkPath);
    flags.put("registry_max_agent_age", registryMaxAgentAgeMs + "ms");
    flags.put("registry_max_agent_count", Integer.toString(registryMaxAgentCount));
    if (!weights.isEmpty()) {
      flags.put("weights", String.join(",", weights.entrySet().stream().map(w -> w.getKey() + "=" + w.getValue()).toList()));
    }
    return flags;
  }

  /** What the allocator needs of this configuration. */
  public AllocatorSettings allocatorSettings() {
    AllocatorSettings defaults = AllocatorSettings.defaults();
    return new AllocatorSettings(offerTimeoutMs, defaults.minOfferCpus(), defaults.minOfferMemMb());
  }

  /** An agent silent for this long is unreachable. */
  public long agentHeartbeatTimeoutMs() {
    return agentPingTimeoutMs * maxAgentPingTimeouts;
  }
}
