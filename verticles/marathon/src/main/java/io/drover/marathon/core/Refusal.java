package io.drover.marathon.core;

import java.util.List;
import java.util.Objects;

/**
 * A change or read the scheduler refuses, with a named {@link Reason} and a message for the user.
 * What a reason means on the wire (Marathon's status code and body) is decided by the API, in one
 * table, not here.
 */
public final class Refusal extends RuntimeException {

  /** Why the scheduler refused. */
  public enum Reason {
    /** No app, group or deployment has the id asked for. */
    UNKNOWN,
    /** An app or group already has the id a new app or group asks for. */
    ID_TAKEN,
    /** Another deployment is changing the same apps; {@code ?force=true} overrides it. */
    LOCKED,
    /** The apps' {@code dependencies} form a cycle. */
    DEPENDENCY_CYCLE,
    /** The change would write more to ZooKeeper in one transaction than it takes. */
    CHANGE_TOO_LARGE,
    /** Every service port of the range is taken. */
    NO_SERVICE_PORT,
    /** An app names a role it may not have (Marathon 1.9+'s group roles). */
    INVALID_ROLE
  }

  private final Reason reason;
  private final List<String> deployments;

  private Refusal(Reason reason, String message, List<String> deployments) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.deployments = List.copyOf(deployments);
  }

  static Refusal of(Reason reason, String message) {
    return new Refusal(reason, message, List.of());
  }

  static Refusal unknown(String message) {
    return of(Reason.UNKNOWN, message);
  }

  /** Marathon's words when apps are locked by the deployments {@code deploymentIds}. */
  static Refusal locked(List<String> deploymentIds) {
    return new Refusal(Reason.LOCKED, "App is locked by one or more deployments. Override with the option "
      + "'?force=true'. View details at '/v2/deployments/" + deploymentIds.get(0) + "'.", deploymentIds);
  }

  public Reason reason() {
    return reason;
  }

  /** The ids of the deployments that hold the apps, for {@link Reason#LOCKED}; empty otherwise. */
  public List<String> deployments() {
    return deployments;
  }
}
