package io.drover.launcher;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

  @Test
  void unitsConvertToTheKeysUnit() {
    assertThat(Durations.parse("30000", TimeUnit.MILLISECONDS)).isEqualTo(30_000);
    assertThat(Durations.parse("30s", TimeUnit.MILLISECONDS)).isEqualTo(30_000);
    assertThat(Durations.parse(" 5m ", TimeUnit.MILLISECONDS)).isEqualTo(300_000);
    assertThat(Durations.parse("1H", TimeUnit.SECONDS)).isEqualTo(3_600);
    assertThat(Durations.parse("7d", TimeUnit.MILLISECONDS)).isEqualTo(604_800_000);
    assertThat(Durations.parse("2000ms", TimeUnit.SECONDS)).isEqualTo(2);
    assertThat(Durations.parse("0", TimeUnit.SECONDS)).isZero();
  }

  @Test
  void whatIsNotAWholeDurationIsRefused() {
    assertThat(Durations.parse("1500ms", TimeUnit.SECONDS)).as("not whole seconds").isNull();
    assertThat(Durations.parse("-5s", TimeUnit.MILLISECONDS)).isNull();
    assertThat(Durations.parse("1.5s", TimeUnit.MILLISECONDS)).isNull();
    assertThat(Durations.parse("5 minutes", TimeUnit.MILLISECONDS)).isNull();
    assertThat(Durations.parse("99999999999999999999", TimeUnit.MILLISECONDS)).isNull();
  }
}
