package io.drover.agent;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxTailTest {

  @Test
  void aChunkEndingMidCharacterStopsBeforeThatCharacter() {
    byte[] text = "ab€".getBytes(StandardCharsets.UTF_8); // € is 3 bytes
    assertThat(SandboxTail.wholeCharacters(Buffer.buffer(Arrays.copyOf(text, 3)))).isEqualTo(2);
    assertThat(SandboxTail.wholeCharacters(Buffer.buffer(Arrays.copyOf(text, 4)))).isEqualTo(2);
    assertThat(SandboxTail.wholeCharacters(Buffer.buffer(text))).isEqualTo(5);
  }

  @Test
  void everyCutOfMixedTextKeepsOnlyWholeCharacters() {
    byte[] text = "a é 中 😀 z".getBytes(StandardCharsets.UTF_8);
    for (int cut = 0; cut <= text.length; cut++) {
      int whole = SandboxTail.wholeCharacters(Buffer.buffer(Arrays.copyOf(text, cut)));
      String decoded = new String(text, 0, whole, StandardCharsets.UTF_8);
      assertThat(decoded).as("cut at %d", cut).doesNotContain("\uFFFD");
      assertThat(whole).as("cut at %d", cut).isGreaterThan(cut - 4).isLessThanOrEqualTo(cut);
    }
  }

  @Test
  void asciiIsNeverHeldBack() {
    assertThat(SandboxTail.wholeCharacters(Buffer.buffer("line-1\nline-2\n"))).isEqualTo(14);
    assertThat(SandboxTail.wholeCharacters(Buffer.buffer())).isZero();
  }
}
