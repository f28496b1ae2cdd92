package io.drover.marathon.deploy;

import io.drover.marathon.app.PathId;
import java.util.Arrays;
import java.util.Objects;

/** One thing a deployment step does to one app, as Marathon names it in {@code /v2/deployments}. */
public record DeploymentAction(Action action, PathId app) {

  public DeploymentAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(app, "app");
  }

  /** Marathon's app actions (deploymentAction.raml); Drover has no pods and no artifact resolution. */
  public enum Action {
    /** Registers an app that did not exist, with no instances yet; a later step scales it. */
    START_APPLICATION("StartApplication"),
    /** Starts or kills instances until the app runs its instance count. */
    SCALE_APPLICATION("ScaleApplication"),
    /** Replaces every instance by one of the new version, as the upgrade strategy allows. */
    RESTART_APPLICATION("RestartApplication"),
    /** Kills every instance and removes the app. */
    STOP_APPLICATION("StopApplication");

    private final String marathonName;

    Action(String marathonName) {
      this.marathonName = marathonName;
    }

    public String marathonName() {
      return marathonName;
    }

    /** The action called {@code name} in Marathon's JSON; IllegalArgumentException when there is none. */
    public static Action fromMarathonName(String name) {
      return Arrays.stream(values())
        .filter(a -> a.marathonName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown deployment action: " + name));
    }
  }
}
