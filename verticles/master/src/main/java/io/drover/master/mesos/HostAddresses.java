package io.drover.master.mesos;

import io.vertx.core.Vertx;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The IPv4 addresses of agents' hosts, for the network info of their tasks' statuses: resolved off
 * the event loop the first time a host is asked for, then remembered (until then, none is known).
 */
public final class HostAddresses {

  private final Vertx vertx;
  private final Map<String, Optional<String>> known = new ConcurrentHashMap<>();

  public HostAddresses(Vertx vertx) {
    this.vertx = vertx;
  }

  public Optional<String> ipv4(String host) {
    Optional<String> ip = known.putIfAbsent(host, Optional.empty());
    if (ip == null) {
      vertx.executeBlocking(() -> MesosAnnouncement.ipv4(host)).onSuccess(found -> known.put(host, found));
      return Optional.empty();
    }
    return ip;
  }
}
