package io.drover.marathon.deploy;

import io.drover.marathon.app.AppDefinition.UpgradeStrategy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Marathon's task replacement during a {@code RestartApplication} (its {@code TaskReplaceActor}) as a
 * pure function: from how many old- and new-version instances there are now, how many new ones to
 * start and old ones to kill now. The caller applies a decision, waits until the counts change (a
 * launch, a kill, a health or readiness change) and asks again, until the decision says done.
 *
 * <p>The rules, for {@code N} target instances:
 * <ul>
 *   <li>{@code minHealthy = ceil(N * minimumHealthCapacity)},
 *       {@code maxCapacity = floor(N * (1 + maximumOverCapacity))};</li>
 *   <li>old instances that are not healthy are killed at once, since they count for nothing;</li>
 *   <li>healthy old ones are killed while old healthy + new ready stays at least {@code minHealthy};</li>
 *   <li>new ones are started, after those kills, while old + new stays at most {@code maxCapacity}
 *       and new at most {@code N};</li>
 *   <li>when {@code minHealthy == maxCapacity} (say N=1, minimumHealthCapacity=1, maximumOverCapacity=0)
 *       no rule above can move once all new instances are ready, so one instance beyond
 *       {@code maxCapacity} is started, as Marathon does for apps without local volumes.</li>
 * </ul>
 */
public final class RollingUpgrade {

  private RollingUpgrade() {
  }

  /**
   * The instances of one app during its restart.
   *
   * @param instances   the target instance count N
   * @param oldRunning  old-version instances not yet killed, whatever their state
   * @param oldHealthy  of those, the ones running and passing their health checks (running, without checks)
   * @param newLaunched new-version instances launched or asked for, staging included
   * @param newReady    of those, the ones running, healthy and passing their readiness checks
   */
  public record State(int instances, UpgradeStrategy strategy, int oldRunning, int oldHealthy, int newLaunched,
                      int newReady) {

    public State {
      Objects.requireNonNull(strategy, "strategy");
      if (instances < 0 || oldHealthy < 0 || newReady < 0) {
        throw new IllegalArgumentException("counts must not be negative: " + instances + ", " + oldHealthy + ", "
          + newReady);
      }
      if (oldHealthy > oldRunning || newReady > newLaunched) {
        throw new IllegalArgumentException("more healthy than running: old " + oldHealthy + "/" + oldRunning
          + ", new " + newReady + "/" + newLaunched);
      }
    }

    /** Instances that serve now: old healthy plus new ready. */
    public int healthy() {
      return oldHealthy + newReady;
    }

    public int total() {
      return oldRunning + newLaunched;
    }
  }

  /** What to do now; kill the unhealthy old instances before the healthy ones. */
  public record Decision(int startNew, int killOld, boolean done) {

    public static final Decision DONE = new Decision(0, 0, true);
    public static final Decision WAIT = new Decision(0, 0, false);
  }

  public static Decision next(State state) {
    int n = state.instances();
    if (state.oldRunning() == 0 && state.newReady() >= n) {
      return Decision.DONE;
    }
    int minHealthy = minHealthy(n, state.strategy());
    int maxCapacity = maxCapacity(n, state.strategy());

    int unhealthyOld = state.oldRunning() - state.oldHealthy();
    int spareHealthyOld = clamp(state.healthy() - minHealthy, 0, state.oldHealthy());
    int kill = unhealthyOld + spareHealthyOld;

    int room = maxCapacity - (state.oldRunning() - kill) - state.newLaunched();
    int start = clamp(Math.min(n - state.newLaunched(), room), 0, n);

    boolean newPending = state.newLaunched() > state.newReady();
    if (kill == 0 && start == 0 && !newPending && state.newLaunched() < n) {
      // only reachable when minHealthy == maxCapacity: no old may go before a new one is ready
      return new Decision(1, 0, false);
    }
    return kill == 0 && start == 0 ? Decision.WAIT : new Decision(start, kill, false);
  }

  /**
   * {@code ceil(N * minimumHealthCapacity)}, on the decimal the user wrote: 100 x 0.29 is 29, not 30.
   * Never above N, which would stall the upgrade.
   */
  public static int minHealthy(int instances, UpgradeStrategy strategy) {
    return clamp(BigDecimal.valueOf(instances)
      .multiply(BigDecimal.valueOf(strategy.minimumHealthCapacity()))
      .setScale(0, RoundingMode.CEILING)
      .intValueExact(), 0, instances);
  }

  /** {@code N + floor(N * maximumOverCapacity)}, on the decimal the user wrote. */
  public static int maxCapacity(int instances, UpgradeStrategy strategy) {
    return instances + Math.max(0, BigDecimal.valueOf(instances)
      .multiply(BigDecimal.valueOf(strategy.maximumOverCapacity()))
      .setScale(0, RoundingMode.FLOOR)
      .intValueExact());
  }

  private static int clamp(int value, int low, int high) {
    return Math.max(low, Math.min(high, value));
  }
}
