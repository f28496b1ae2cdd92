package io.drover.master.state;

import io.vertx.core.json.JsonObject;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A machine as Mesos's maintenance names it ({@code MachineID}): a hostname, an IP, or both. An
 * agent is on the machine when each field given equals the agent's.
 */
public record MachineId(String hostname, String ip) {

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  public MachineId {
    hostname = hostname == null ? "" : hostname.toLowerCase(Locale.ROOT);
    ip = ip == null ? "" : ip;
  }

  /** Mesos's check of one machine, or null when it is well formed. */
  public String problem() {
    if (hostname.isEmpty() && ip.isEmpty()) {
      return "Both 'hostname' and 'ip' for a machine are empty";
    }
    if (!ip.isEmpty() && !isIpv4(ip)) {
      return "Failed to parse IP '" + ip + "' of machine " + this;
    }
    return null;
  }

  private static boolean isIpv4(String text) {
    var m = IPV4.matcher(text);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }

  /** Whether an agent advertising {@code agentHostname}, at {@code agentIp} (null when unknown), is on this machine. */
  public boolean hosts(String agentHostname, String agentIp) {
    boolean sameHost = hostname.isEmpty() || hostname.equalsIgnoreCase(agentHostname);
    boolean sameIp = ip.isEmpty() || ip.equals(agentIp) || ip.equals(agentHostname);
    return sameHost && sameIp;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (!hostname.isEmpty()) {
      json.put("hostname", hostname);
    }
    if (!ip.isEmpty()) {
      json.put("ip", ip);
    }
    return json;
  }

  public static MachineId fromJson(JsonObject json) {
    return new MachineId(json.getString("hostname"), json.getString("ip"));
  }

  @Override
  public String toString() {
    return "'" + toJson().encode() + "'";
  }
}
