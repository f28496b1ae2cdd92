package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.HealthCheckDefinition;
import io.drover.marathon.deploy.RollingUpgrade;
import io.drover.marathon.placement.Candidate;
import io.drover.marathon.placement.KillOrder;
import io.drover.marathon.placement.LaunchDelay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one app needs now, as a pure function of the app, its tasks and the time: how many tasks to
 * launch, which to kill and why, which to forget. {@link AppScheduler} applies a {@link Decision}
 * (queue, driver, events); nothing here acts, reads a clock or touches Vert.x.
 *
 * <ul>
 *   <li>tasks of the app's configuration version count towards its {@code instances}, except those
 *       being killed and those unreachable past {@code inactiveAfterSeconds} (they get replacements);</li>
 *   <li>without old-version tasks: launch what is missing, kill what is extra in {@link KillOrder};</li>
 *   <li>with old-version tasks: one {@link RollingUpgrade} step, within {@code minimumHealthCapacity}
 *       and {@code maximumOverCapacity};</li>
 *   <li>tasks unreachable past {@code expungeAfterSeconds} (and inactive) are killed and forgotten;</li>
 *   <li>a gone app's tasks are all killed, and its unreachable ones forgotten (they may never answer).</li>
 * </ul>
 */
final class Convergence {

  /** A task that ran this long before it ended starts its app's backoff afresh. */
  static final long RESET_BACKOFF_AFTER_RUNNING_MS = 60_000;

  private Convergence() {
  }

  /** A task to kill, and why (for the log). */
  record Kill(Instance instance, String reason) {
  }

  /**
   * What to do for one app now.
   *
   * @param launch     how many tasks should wait in the launch queue (0 when none)
   * @param kills      tasks to kill, not already being killed, in the order to kill them
   * @param forgotten  tasks to drop from the book at once: they will never report their end
   * @param readiness  new tasks whose readiness checks a rolling upgrade waits for
   */
  record Decision(int launch, List<Kill> kills, List<Instance> forgotten, List<Instance> readiness) {

    Decision {
      kills = List.copyOf(kills);
      forgotten = List.copyOf(forgotten);
      readiness = List.copyOf(readiness);
    }
  }

  /**
   * The decision for one app.
   *
   * @param app       the app as the deployments let it be now, or null when it is gone
   * @param instances every live task of the app, those being killed included
   * @param now       epoch millis
   */
  static Decision decide(AppDefinition app, List<Instance> instances, long now) {
    return decide(app, instances, now, Set.of());
  }

  /**
   * The decision for one app, whose tasks on {@code agentsToLeave} (machines going into maintenance,
   * see {@link Evacuation}) are replaced elsewhere as old versions are in a rolling upgrade.
   */
  static Decision decide(AppDefinition app, List<Instance> instances, long now, Set<String> agentsToLeave) {
    if (app == null) {
      // an unreachable task of a removed app may never answer: give it up, so its stop can finish
      return new Decision(0,
        instances.stream().filter(i -> !i.killRequested).map(i -> new Kill(i, "its app is gone")).toList(),
        instances.stream().filter(i -> i.unreachableSinceMs != null).toList(),
        List.of());
    }
    List<Kill> kills = new ArrayList<>();
    List<Instance> expunged = instances.stream()
      .filter(i -> !i.killRequested && isExpunged(app, i, now))
      .toList();
    expunged.forEach(i -> kills.add(new Kill(i, "unreachable for longer than expungeAfterSeconds")));
    List<Instance> live = expunged.isEmpty() ? instances
      : instances.stream().filter(i -> i.killRequested || !isExpunged(app, i, now)).toList();

    String config = TaskFactory.configVersion(app);
    List<Instance> current = new ArrayList<>();
    List<Instance> old = new ArrayList<>();
    for (Instance i : live) {
      if (config.equals(i.configVersion) && !Evacuation.moves(i, agentsToLeave)) {
        if (!i.killRequested) {
          current.add(i);
        }
      } else {
        old.add(i);
      }
    }
    // unreachable tasks past inactiveAfterSeconds still exist but no longer count: they get replacements
    List<Instance> counted = current.stream().filter(i -> !isInactive(app, i, now)).toList();
    if (old.isEmpty()) {
      pickToKill(app, counted, counted.size() - app.instances())
        .forEach(i -> kills.add(new Kill(i, "the app is scaled down")));
      return new Decision(Math.max(0, app.instances() - counted.size()), kills, expunged, List.of());
    }
    // old tasks being killed still hold their resources: they count as running, not as healthy
    List<Instance> oldAlive = old.stream().filter(i -> !i.killRequested).toList();
    RollingUpgrade.Decision step = RollingUpgrade.next(new RollingUpgrade.State(app.instances(),
      app.upgradeStrategy(), old.size(), (int) oldAlive.stream().filter(i -> i.isHealthy(app)).count(),
      counted.size(), (int) counted.stream().filter(i -> i.isReady(app)).count()));
    int alreadyKilling = old.size() - oldAlive.size();
    pickToKill(app, oldAlive, step.killOld() - alreadyKilling)
      .forEach(i -> kills.add(new Kill(i, Evacuation.moves(i, agentsToLeave) && config.equals(i.configVersion)
        ? "its agent " + i.agentId + " goes into maintenance" : "replaced by version " + app.version())));
    return new Decision(Math.max(0, step.startNew()), kills, expunged, counted);
  }

  /** What a task's new health verdict means for its app. */
  enum HealthVerdict {
    /** The app has no health checks, or is gone: nothing follows. */
    NONE,
    /** A healthy task proves the configuration works: the app's backoff is forgotten. */
    PROVEN,
    /** It failed its check and stays: the check kills nothing, or the task is already going. */
    FAILED,
    /** It failed its check and is killed (the check's {@code maxConsecutiveFailures} is above 0). */
    KILL
  }

  /** The verdict on {@code task}, whose health (all its checks together) just changed. */
  static HealthVerdict onHealth(AppDefinition app, Instance task) {
    if (app == null || app.healthChecks().isEmpty()) {
      return HealthVerdict.NONE;
    }
    return Boolean.TRUE.equals(task.healthy) ? HealthVerdict.PROVEN : HealthVerdict.FAILED;
  }

  /**
   * The verdict on {@code task}, which just failed {@code check}: killed once it failed
   * {@code maxConsecutiveFailures} times in a row (the agent counts its own check's failures before
   * it reports one), unless that is 0 or the task is already going.
   */
  static HealthVerdict onFailedCheck(HealthCheckDefinition check, CheckHealth health, Instance task,
                                     boolean countedByAgent) {
    boolean enough = countedByAgent || health.consecutiveFailures() >= check.maxConsecutiveFailures();
    return check.maxConsecutiveFailures() > 0 && enough && !task.killRequested
      ? HealthVerdict.KILL : HealthVerdict.FAILED;
  }

  /** Whether the app runs exactly its instances, all of its configuration, none going, all ready. */
  static boolean converged(AppDefinition app, List<Instance> instances) {
    String config = TaskFactory.configVersion(app);
    return instances.size() == app.instances() && instances.stream()
      .allMatch(i -> config.equals(i.configVersion) && !i.killRequested && i.isReady(app));
  }

  /**
   * The app's backoff after {@code ended} stopped at {@code now}: every end we did not ask for counts,
   * since long-running apps should not end; after a long run the count starts afresh.
   */
  static LaunchDelay backoffAfter(LaunchDelay delay, Instance ended, long now) {
    if (ended.killRequested) {
      return delay;
    }
    if (ended.startedAtMs != null && now - ended.startedAtMs > RESET_BACKOFF_AFTER_RUNNING_MS) {
      // it ran well for a while: this failure starts a new series rather than compounding old ones
      delay = delay.reset();
    }
    if (delay.failures() == 0 && ended.startedAtMs != null) {
      // a task that ran and ended, first of its series, is replaced at once: the backoff is for an
      // app that keeps failing, not for a container someone killed
      return delay.failedWithoutWait(now);
    }
    return delay.failed(now);
  }

  /** Unreachable past {@code inactiveAfterSeconds}: it still exists but no longer counts. */
  private static boolean isInactive(AppDefinition app, Instance i, long now) {
    return unreachableFor(app, i, now, app.unreachableStrategy().inactiveAfterSeconds());
  }

  /** Unreachable past {@code expungeAfterSeconds} (and inactive): given up. */
  private static boolean isExpunged(AppDefinition app, Instance i, long now) {
    return unreachableFor(app, i, now, app.unreachableStrategy().expungeAfterSeconds()) && isInactive(app, i, now);
  }

  private static boolean unreachableFor(AppDefinition app, Instance i, long now, long seconds) {
    return i.unreachableSinceMs != null && app.unreachableStrategy().enabled()
      && now - i.unreachableSinceMs >= seconds * 1000;
  }

  private static List<Instance> pickToKill(AppDefinition app, List<Instance> from, int count) {
    if (count <= 0) {
      return List.of();
    }
    Map<String, Instance> byId = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (Instance i : from) {
      byId.put(i.taskId, i);
      candidates.add(new Candidate(i.taskId, i.isRunning(), i.healthy,
        i.startedAtMs == null ? i.stagedAtMs : i.startedAtMs));
    }
    return KillOrder.toKill(candidates, count, app.killSelection()).stream().map(c -> byId.get(c.taskId())).toList();
  }
}
