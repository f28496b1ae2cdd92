package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.Container;

import java.util.List;

/**
 * Where the scheduler's HTTP, HTTPS and TCP probes of a task go, as Marathon aims them: a container
 * on a USER network has an address of its own, so the probe goes there, to the container port of
 * the app's port mapping; every other task is reached at its agent, on its host port.
 *
 * @param host an address or a host name
 */
record CheckEndpoint(String host, int port) {

  /** The task's port number {@code index} (Marathon's {@code portIndex}); null when it has no such port. */
  static CheckEndpoint of(AppDefinition app, Instance task, int index) {
    if (!task.containerIps().isEmpty() && onUserNetwork(app)) {
      List<Container.PortMapping> mappings = app.container().portMappings();
      return index < mappings.size() ? new CheckEndpoint(task.containerIps().get(0), mappings.get(index).containerPort())
        : null;
    }
    return index < task.ports.size() ? new CheckEndpoint(task.host, task.ports.get(index)) : null;
  }

  /** The port named {@code name} (or the first, for none), as readiness checks name theirs. */
  static CheckEndpoint named(AppDefinition app, Instance task, String name) {
    if (name == null) {
      return of(app, task, 0);
    }
    // on a USER network every mapping is a port of the task; elsewhere only those given a host port
    List<String> names = app.isDocker() && !app.container().portMappings().isEmpty()
      ? app.container().portMappings().stream().filter(m -> onUserNetwork(app) || m.hostPort() != null)
        .map(Container.PortMapping::name).toList()
      : app.portDefinitions().stream().map(AppDefinition.PortDefinition::name).toList();
    return of(app, task, Math.max(0, names.indexOf(name)));
  }

  private static boolean onUserNetwork(AppDefinition app) {
    return app.isDocker() && app.container().docker().network() == Container.Network.USER;
  }
}
