package io.drover.marathon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.marathon.app.AppDefinition.UpgradeStrategy;
import io.drover.marathon.deploy.RollingUpgrade.Decision;
import io.drover.marathon.deploy.RollingUpgrade.State;
import org.junit.jupiter.api.Test;

class RollingUpgradeTest {

  private static final UpgradeStrategy DEFAULT = UpgradeStrategy.DEFAULT;

  @Test
  void boundsRoundAsMarathonDocumentsThem() {
    // ceil(3 x 0.7) = ceil(2.1) = 3, the documentation's example
    assertThat(RollingUpgrade.minHealthy(3, strategy(0.7, 0))).isEqualTo(3);
    // 100 x 0.29 is 29 on paper, 29.000000000000004 in doubles
    assertThat(RollingUpgrade.minHealthy(100, strategy(0.29, 0))).isEqualTo(29);
    // 3 + floor(3 x 0.5) = 4
    assertThat(RollingUpgrade.maxCapacity(3, strategy(1, 0.5))).isEqualTo(4);
    assertThat(RollingUpgrade.maxCapacity(10, strategy(1, 0.1))).isEqualTo(11);
  }

  @Test
  void theDefaultStrategyStartsAllNewBesideTheOldThenKillsOneOldPerReadyNew() {
    // minHealthy 3, maxCapacity 6
    assertThat(next(3, DEFAULT, old(3, 3), fresh(0, 0))).isEqualTo(start(3).kill(0));
    assertThat(next(3, DEFAULT, old(3, 3), fresh(3, 0))).isEqualTo(Decision.WAIT);
    assertThat(next(3, DEFAULT, old(3, 3), fresh(3, 1))).isEqualTo(start(0).kill(1));
    assertThat(next(3, DEFAULT, old(2, 2), fresh(3, 3))).isEqualTo(start(0).kill(2));
    assertThat(next(3, DEFAULT, old(0, 0), fresh(3, 3))).isEqualTo(Decision.DONE);
  }

  @Test
  void halfHealthyCapacityKillsHalfTheOldAtOnce() {
    // minHealthy 2, maxCapacity 4: 4 old - 2 killed + 2 started = 4
    assertThat(next(4, strategy(0.5, 0), old(4, 4), fresh(0, 0))).isEqualTo(start(2).kill(2));
    // 2 old + 2 ready = 4 healthy: both old may go, and then 2 more new fit
    assertThat(next(4, strategy(0.5, 0), old(2, 2), fresh(2, 2))).isEqualTo(start(2).kill(2));
  }

  @Test
  void zeroHealthyCapacityReplacesEverythingAtOnce() {
    assertThat(next(3, strategy(0, 0), old(3, 3), fresh(0, 0))).isEqualTo(start(3).kill(3));
  }

  @Test
  void fullHealthyCapacityWithoutOverCapacityGoesOneInstanceOver() {
    // minHealthy 1 = maxCapacity 1: no old may go and no new fits, so Marathon allows a second
    UpgradeStrategy noRoom = strategy(1, 0);
    assertThat(next(1, noRoom, old(1, 1), fresh(0, 0))).isEqualTo(start(1).kill(0));
    assertThat(next(1, noRoom, old(1, 1), fresh(1, 0))).isEqualTo(Decision.WAIT);
    assertThat(next(1, noRoom, old(1, 1), fresh(1, 1))).isEqualTo(start(0).kill(1));
    assertThat(next(1, noRoom, old(0, 0), fresh(1, 1))).isEqualTo(Decision.DONE);
  }

  @Test
  void unhealthyOldInstancesGoAtOnce() {
    // 3 old, 1 healthy: the 2 unhealthy go; 1 + 3 new = 4 of 6
    assertThat(next(3, DEFAULT, old(3, 1), fresh(0, 0))).isEqualTo(start(3).kill(2));
  }

  @Test
  void aRestartThatAlsoScalesDownKillsTheExcess() {
    // minHealthy 2, maxCapacity 4: 5 old - 3 killed + 2 started = 4
    assertThat(next(2, DEFAULT, old(5, 5), fresh(0, 0))).isEqualTo(start(2).kill(3));
  }

  @Test
  void aRestartThatAlsoScalesUpStartsUpToTheCapacity() {
    // minHealthy 6, maxCapacity 6 + 3 = 9: 2 old + 7 new
    assertThat(next(6, strategy(1, 0.5), old(2, 2), fresh(0, 0))).isEqualTo(start(6).kill(0));
  }

  @Test
  void zeroInstancesKillsAllOld() {
    assertThat(next(0, DEFAULT, old(3, 2), fresh(0, 0))).isEqualTo(start(0).kill(3));
    assertThat(next(0, DEFAULT, old(0, 0), fresh(0, 0))).isEqualTo(Decision.DONE);
  }

  @Test
  void countsThatCannotBeAreRefused() {
    assertThatThrownBy(() -> new State(3, DEFAULT, 1, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new State(3, DEFAULT, 0, 0, 1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new State(-1, DEFAULT, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Decision next(int instances, UpgradeStrategy strategy, int[] old, int[] fresh) {
    return RollingUpgrade.next(new State(instances, strategy, old[0], old[1], fresh[0], fresh[1]));
  }

  private static UpgradeStrategy strategy(double minimumHealthCapacity, double maximumOverCapacity) {
    return new UpgradeStrategy(minimumHealthCapacity, maximumOverCapacity);
  }

  /** Old-version instances: running, of which healthy. */
  private static int[] old(int running, int healthy) {
    return new int[] {running, healthy};
  }

  /** New-version instances: launched, of which ready. */
  private static int[] fresh(int launched, int ready) {
    return new int[] {launched, ready};
  }

  private static Start start(int instances) {
    return new Start(instances);
  }

  private record Start(int instances) {
    Decision kill(int old) {
      return new Decision(instances, old, false);
    }
  }
}
