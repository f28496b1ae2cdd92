package io.drover.marathon.core;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The IP address of an agent's host, for a task's {@code ipAddresses} as Marathon reports them
 * ({@code [{ipAddress, protocol}]}). Names are resolved once, on a thread of their own, never on an
 * event loop: until a name is resolved its tasks report no address, as Marathon's do before their
 * first status with network information.
 */
public final class HostAddresses {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Map<String, JsonObject> KNOWN = new ConcurrentHashMap<>();
  private static final ExecutorService RESOLVER = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "drover-marathon-resolver");
    thread.setDaemon(true);
    return thread;
  });

  private HostAddresses() {
  }

  /** Marathon's {@code ipAddresses} of a task: its container's own on a USER network, else its host's. */
  public static JsonArray of(Instance task) {
    if (task.containerIps().isEmpty()) {
      return of(task.host());
    }
    JsonArray addresses = new JsonArray();
    task.containerIps().forEach(ip -> addresses.add(new JsonObject().put("ipAddress", ip)
      .put("protocol", ip.contains(":") ? "IPv6" : "IPv4")));
    return addresses;
  }

  /** Marathon's {@code ipAddresses} of a task on {@code host}: one address, or none yet. */
  public static JsonArray of(String host) {
    if (host == null || host.isEmpty()) {
      return new JsonArray();
    }
    JsonObject known = KNOWN.get(host);
    if (known != null) {
      return new JsonArray().add(known.copy());
    }
    if (IPV4.matcher(host).matches() || host.contains(":")) {
      // a literal: getByName parses it without asking any resolver
      resolve(host);
      known = KNOWN.get(host);
      return known == null ? new JsonArray() : new JsonArray().add(known.copy());
    }
    RESOLVER.execute(() -> resolve(host));
    return new JsonArray();
  }

  private static void resolve(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      KNOWN.put(host, new JsonObject().put("ipAddress", address.getHostAddress())
        .put("protocol", address instanceof Inet6Address ? "IPv6" : "IPv4"));
    } catch (UnknownHostException unknown) {
      // asked again next time
    }
  }
}
