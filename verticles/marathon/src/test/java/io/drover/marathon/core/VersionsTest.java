package io.drover.marathon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void versionsOnlyGrowEvenWhenTheClockStandsOrGoesBack() {
    AtomicLong clock = new AtomicLong(1_000);
    Versions versions = new Versions(clock::get);

    assertThat(versions.next()).hasToString("1970-01-01T00:00:01Z");
    // the same millisecond: one later
    assertThat(versions.next()).hasToString("1970-01-01T00:00:01.001Z");
    clock.set(500);
    assertThat(versions.next()).hasToString("1970-01-01T00:00:01.002Z");
    clock.set(5_000);
    assertThat(versions.next()).hasToString("1970-01-01T00:00:05Z");
  }

  @Test
  void aChangeKeepsTheVersionItTookAndADeleteTakesAFreshOne() {
    AtomicLong clock = new AtomicLong(1_000);
    Versions versions = new Versions(clock::get);

    versions.newChange();
    var stamped = versions.next();
    clock.set(2_000);
    assertThat(versions.ofChange()).isEqualTo(stamped);

    versions.newChange();
    assertThat(versions.ofChange()).hasToString("1970-01-01T00:00:02Z");
  }
}
