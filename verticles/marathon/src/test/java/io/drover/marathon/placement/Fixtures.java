package io.drover.marathon.placement;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.Constraint;
import io.drover.marathon.app.PathId;
import io.drover.resources.Attributes;
import io.drover.resources.Resources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Apps, offers and placements from readable strings, so that tests read like arithmetic. */
final class Fixtures {

  private Fixtures() {}

  /** An app needing {@code cpus:1;mem:128;disk:0}-style resources, without ports or constraints. */
  static TestApp app(String resources) {
    return new TestApp(Resources.parse(resources));
  }

  /** An offer of agent {@code agentId} on {@code hostname}; attributes as {@code rack:r1;zone:a}. */
  static AgentOffer offer(String agentId, String hostname, String resources, String attributes) {
    return new AgentOffer(agentId, hostname, Attributes.parse(attributes), Resources.parse(resources));
  }

  static AgentOffer offer(String agentId, String hostname, String resources) {
    return offer(agentId, hostname, resources, "");
  }

  /** An instance on {@code hostname}, whose agent id is {@code agent-<hostname>}. */
  static Placement on(String hostname, String attributes) {
    return new Placement("agent-" + hostname, hostname, Attributes.parse(attributes));
  }

  static Placement on(String hostname) {
    return on(hostname, "");
  }

  /** Marathon's {@code [field, operator, value]} written {@code field:OPERATOR[:value]}. */
  static Constraint constraint(String text) {
    String[] parts = text.split(":", 3);
    return new Constraint(parts[0], Constraint.Operator.valueOf(parts[1]), parts.length > 2 ? parts[2] : null);
  }

  static final class TestApp {
    private final Resources resources;
    private final List<Integer> ports = new ArrayList<>();
    private boolean requirePorts;
    private final List<Constraint> constraints = new ArrayList<>();
    private double backoffSeconds = AppDefinition.DEFAULT_BACKOFF_SECONDS;
    private double backoffFactor = AppDefinition.DEFAULT_BACKOFF_FACTOR;
    private double maxLaunchDelaySeconds = AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS;

    private TestApp(Resources resources) {
      this.resources = resources;
    }

    /** Port definitions; 0 asks for any port. */
    TestApp ports(Integer... ports) {
      this.ports.addAll(Arrays.asList(ports));
      return this;
    }

    TestApp requirePorts() {
      requirePorts = true;
      return this;
    }

    /** Constraints written {@code field:OPERATOR[:value]}. */
    TestApp constraints(String... constraints) {
      for (String text : constraints) {
        this.constraints.add(constraint(text));
      }
      return this;
    }

    TestApp backoff(double seconds, double factor, double maxSeconds) {
      backoffSeconds = seconds;
      backoffFactor = factor;
      maxLaunchDelaySeconds = maxSeconds;
      return this;
    }

    AppDefinition build() {
      List<AppDefinition.PortDefinition> portDefinitions = ports.stream()
          .map(port -> new AppDefinition.PortDefinition(port, "tcp", null, Map.of()))
          .toList();
      return new AppDefinition(PathId.parse("/test/app"), "sleep 60", List.of(), null, Map.of(), 1,
          resources.cpus(), resources.mem(), resources.disk(), constraints, List.of(), null,
          portDefinitions, requirePorts, List.of(), List.of(), List.of(),
          AppDefinition.UpgradeStrategy.DEFAULT, Map.of(), backoffSeconds, backoffFactor,
          maxLaunchDelaySeconds, AppDefinition.KillSelection.YOUNGEST_FIRST,
          AppDefinition.UnreachableStrategy.DEFAULT, null, null, null);
    }
  }
}
