package io.drover.marathon.deploy;

import io.drover.marathon.app.PathId;
import java.util.Arrays;
import java.util.Objects;

/** One thing a deployment step does to one app or pod, as Marathon names it in {@code /v2/deployments}. */
public record DeploymentAction(Action action, PathId app) {

  public DeploymentAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(app, "app");
  }

  /**
   * Marathon's actions (deploymentAction.raml), which name an app's and a pod's alike but for the
   * word; Drover has no artifact resolution.
   */
  public enum Action {
    /** Registers an app that did not exist, with no instances yet; a later step scales it. */
    START_APPLICATION("StartApplication", "StartPod"),
    /** Starts or kills instances until the app runs its instance count. */
    SCALE_APPLICATION("ScaleApplication", "ScalePod"),
    /** Replaces every instance by one of the new version, as the upgrade strategy allows. */
    RESTART_APPLICATION("RestartApplication", "RestartPod"),
    /** Kills every instance and removes the app. */
    STOP_APPLICATION("StopApplication", "StopPod");

    private final String marathonName;
    private final String podName;

    Action(String marathonName, String podName) {
      this.marathonName = marathonName;
      this.podName = podName;
    }

    public String marathonName() {
      return marathonName;
    }

    /** Its name in Marathon's JSON for an app or, with {@code pod}, for a pod. */
    public String marathonName(boolean pod) {
      return pod ? podName : marathonName;
    }

    /** The action called {@code name} in Marathon's JSON; IllegalArgumentException when there is none. */
    public static Action fromMarathonName(String name) {
      return Arrays.stream(values())
        .filter(a -> a.marathonName.equals(name) || a.podName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown deployment action: " + name));
    }
  }
}
