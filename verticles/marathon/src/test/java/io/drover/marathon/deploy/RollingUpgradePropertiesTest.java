package io.drover.marathon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition.UpgradeStrategy;
import io.drover.marathon.deploy.RollingUpgrade.Decision;
import io.drover.marathon.deploy.RollingUpgrade.State;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A restart simulated to its end: the caller applies each decision (unhealthy old instances killed
 * first), then some of the new instances still staging become ready, and it asks again. Nothing
 * fails on the way. Rules checked at every decision, with {@code cap} = maxCapacity, plus one when
 * minHealthy == maxCapacity:
 * <ul>
 *   <li>a kill never takes the healthy count (old healthy + new ready) below minHealthy, nor lower
 *       when it already is below: healthy after kills >= min(healthy before, minHealthy);</li>
 *   <li>a decision that starts instances leaves at most {@code cap} instances, old and new;</li>
 *   <li>never more than N new instances;</li>
 *   <li>no deadlock: until done, a decision starts or kills something, or a new instance is staging;</li>
 *   <li>it ends, within old + 2N rounds, with N new instances ready and no old one.</li>
 * </ul>
 */
class RollingUpgradePropertiesTest {

  @Property(tries = 2000)
  void everyRestartEndsWithOnlyNewReadyInstancesWithinItsBounds(
      @ForAll @IntRange(min = 0, max = 20) int instances,
      @ForAll("strategies") UpgradeStrategy strategy,
      @ForAll @IntRange(min = -20, max = 20) int oldBeyondTarget,
      @ForAll @IntRange(min = 0, max = 25) int oldUnhealthy,
      @ForAll @IntRange(min = 0, max = 20) int alreadyLaunched,
      @ForAll @IntRange(min = 0, max = 20) int alreadyReady,
      @ForAll long seed) {
    int oldRunning = Math.max(0, instances + oldBeyondTarget);
    int minHealthy = RollingUpgrade.minHealthy(instances, strategy);
    int maxCapacity = RollingUpgrade.maxCapacity(instances, strategy);
    int cap = minHealthy == maxCapacity ? maxCapacity + 1 : maxCapacity;
    Random random = new Random(seed);

    int old = oldRunning;
    int oldHealthy = Math.max(0, oldRunning - oldUnhealthy);
    int ready = Math.min(alreadyReady, Math.min(alreadyLaunched, instances));
    int staging = Math.min(alreadyLaunched, instances) - ready;
    int maxRounds = oldRunning + 2 * instances + 1;

    for (int round = 0; ; round++) {
      assertThat(round).as("rounds").isLessThan(maxRounds);
      State state = new State(instances, strategy, old, oldHealthy, staging + ready, ready);
      Decision decision = RollingUpgrade.next(state);
      if (decision.done()) {
        break;
      }

      assertThat(decision.killOld()).isBetween(0, old);
      int unhealthyKilled = Math.min(decision.killOld(), old - oldHealthy);
      oldHealthy -= decision.killOld() - unhealthyKilled;
      old -= decision.killOld();
      staging += decision.startNew();

      assertThat(oldHealthy + ready).as("healthy after %s at %s", decision, state)
        .isGreaterThanOrEqualTo(Math.min(state.healthy(), minHealthy));
      if (decision.startNew() > 0) {
        assertThat(old + staging + ready).as("instances after %s at %s", decision, state).isLessThanOrEqualTo(cap);
      }
      assertThat(staging + ready).as("new instances").isLessThanOrEqualTo(instances);
      assertThat(decision.startNew() + decision.killOld() > 0 || staging > 0)
        .as("progress after %s at %s", decision, state).isTrue();

      if (staging > 0) {
        int becomeReady = 1 + random.nextInt(staging);
        staging -= becomeReady;
        ready += becomeReady;
      }
    }

    assertThat(old).isZero();
    assertThat(staging).isZero();
    assertThat(ready).isEqualTo(instances);
  }

  /** Marathon's usual settings often, any percentages otherwise. */
  @Provide
  Arbitrary<UpgradeStrategy> strategies() {
    Arbitrary<Double> fraction = Arbitraries.frequencyOf(
      Tuple.of(1, Arbitraries.of(0.0, 0.5, 1.0)),
      Tuple.of(2, Arbitraries.integers().between(0, 100).map(percent -> percent / 100.0)));
    return Combinators.combine(fraction, fraction).as(UpgradeStrategy::new);
  }
}
