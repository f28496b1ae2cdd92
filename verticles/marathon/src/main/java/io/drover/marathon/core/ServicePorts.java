package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Service ports as Marathon assigns them: each port an app leaves at 0 (without {@code requirePorts})
 * gets the lowest port of {@value #MIN}-{@value #MAX} that no other app holds.
 */
final class ServicePorts {

  /** Marathon's default range for service ports ({@code --local_port_min/max}). */
  static final int MIN = 10_000;
  static final int MAX = 20_000;

  /** Ports the change now running has handed out (a group may bring several new apps). */
  private final Set<Integer> ofChange = new HashSet<>();

  /** A new change begins: it has handed out nothing yet. */
  void newChange() {
    ofChange.clear();
  }

  /**
   * {@code app} with its 0 service ports assigned.
   *
   * @param apps every stored app; {@code app}'s own stored version is not counted
   */
  AppDefinition assign(AppDefinition app, Collection<AppDefinition> apps) {
    if (app.requirePorts() || !app.servicePorts().contains(0)) {
      return app;
    }
    Set<Integer> taken = new HashSet<>();
    apps.stream().filter(a -> !a.id().equals(app.id())).forEach(a -> taken.addAll(a.servicePorts()));
    taken.addAll(app.servicePorts());
    taken.addAll(ofChange);
    List<Integer> ports = new ArrayList<>();
    int candidate = MIN;
    for (int port : app.servicePorts()) {
      if (port != 0) {
        ports.add(port);
        continue;
      }
      while (taken.contains(candidate) && candidate < MAX) {
        candidate++;
      }
      if (candidate >= MAX) {
        throw Refusal.of(Refusal.Reason.NO_SERVICE_PORT, "no free service port is left in " + MIN + "-" + MAX);
      }
      ports.add(candidate);
      taken.add(candidate);
      ofChange.add(candidate);
    }
    return app.withServicePorts(ports);
  }
}
