package io.drover.common.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpLimitsTest {

  @Test
  void onlyAPercentWithTwoHexDigitsIsAnEscape() {
    assertThat(HttpLimits.wellEscaped("/v2/apps/a%2Fb?x=%20")).isTrue();
    assertThat(HttpLimits.wellEscaped("/v2/apps/plain")).isTrue();
    assertThat(HttpLimits.wellEscaped("/v2/apps/%zz")).isFalse();
    assertThat(HttpLimits.wellEscaped("/v2/apps/%2")).isFalse();
    assertThat(HttpLimits.wellEscaped("/v2/apps/%")).isFalse();
    assertThat(HttpLimits.wellEscaped("/x?q=%g0")).isFalse();
  }
}
