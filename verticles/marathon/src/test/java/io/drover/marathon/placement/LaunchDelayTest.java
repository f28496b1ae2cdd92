package io.drover.marathon.placement;

import static io.drover.marathon.placement.Fixtures.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LaunchDelayTest {

  @Test
  void eachFailureMultipliesTheDelayUpToTheCap() {
    // 1s * 2^(n-1), at most 5s
    LaunchDelay delay = LaunchDelay.of(1, 2, 5);

    delay = delay.failed(0);
    assertThat(delay.currentDelaySeconds()).isEqualTo(1);
    assertThat(delay.launchableAt()).isEqualTo(1_000);
    delay = delay.failed(1_000);
    assertThat(delay.currentDelaySeconds()).isEqualTo(2);
    assertThat(delay.launchableAt()).isEqualTo(3_000);
    delay = delay.failed(3_000);
    assertThat(delay.currentDelaySeconds()).isEqualTo(4);
    delay = delay.failed(7_000);
    assertThat(delay.currentDelaySeconds()).isEqualTo(5);
    delay = delay.failed(12_000);
    assertThat(delay.currentDelaySeconds()).isEqualTo(5);
    assertThat(delay.launchableAt()).isEqualTo(17_000);
    assertThat(delay.failures()).isEqualTo(5);
  }

  @Test
  void marathonsDefaultsGrowByFifteenPercent() {
    LaunchDelay delay = LaunchDelay.of(app("cpus:1").build());

    delay = delay.failed(0).failed(0).failed(0);

    // 1 * 1.15^2
    assertThat(delay.currentDelaySeconds()).isCloseTo(1.3225, within(0.001));
  }

  @Test
  void theCapHoldsAfterVeryManyFailures() {
    LaunchDelay delay = LaunchDelay.of(1, 1.15, 300);
    for (int i = 0; i < 10_000; i++) {
      delay = delay.failed(0);
    }

    assertThat(delay.currentDelaySeconds()).isEqualTo(300);
  }

  @Test
  void delayedUntilLaunchableAt() {
    LaunchDelay delay = LaunchDelay.of(10, 2, 60).failed(5_000);

    assertThat(delay.isDelayed(5_000)).isTrue();
    assertThat(delay.timeLeftSeconds(5_000)).isEqualTo(10);
    assertThat(delay.timeLeftSeconds(14_001)).isEqualTo(1);
    assertThat(delay.isDelayed(15_000)).isFalse();
    assertThat(delay.timeLeftSeconds(15_000)).isZero();
  }

  @Test
  void resetStartsOver() {
    LaunchDelay delay = LaunchDelay.of(1, 2, 60).failed(0).failed(0).failed(0);

    delay = delay.reset();

    assertThat(delay.isDelayed(0)).isFalse();
    assertThat(delay.currentDelaySeconds()).isZero();
    assertThat(delay.failures()).isZero();
    assertThat(delay.failed(0).currentDelaySeconds()).isEqualTo(1);
  }

  @Test
  void noFailureNoDelay() {
    LaunchDelay delay = LaunchDelay.of(1, 2, 60);

    assertThat(delay.isDelayed(Long.MIN_VALUE + 1)).isFalse();
    assertThat(delay.timeLeftSeconds(0)).isZero();
  }

  @Test
  void refusesAShrinkingFactor() {
    assertThatThrownBy(() -> LaunchDelay.of(1, 0.5, 60)).isInstanceOf(IllegalArgumentException.class);
  }
}
