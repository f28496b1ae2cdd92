package io.drover.marathon.deploy;

import io.drover.marathon.app.PathId;
import java.util.List;

/** Actions a deployment runs side by side; the next step starts only when all of them have finished. */
public record DeploymentStep(List<DeploymentAction> actions) {

  public DeploymentStep {
    actions = List.copyOf(actions);
  }

  public static DeploymentStep of(DeploymentAction.Action action, List<PathId> apps) {
    return new DeploymentStep(apps.stream().map(app -> new DeploymentAction(action, app)).toList());
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }
}
