package io.drover.marathon.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackPolicyTest {

  static final CallbackPolicy POLICY = CallbackPolicy.parse("http://hooks.example.com:9000/marathon, https://lb.internal/");
  static final Set<String> CLUSTER = Set.of("10.0.0.5:8080", "10.0.0.6:5050");

  @Test
  void urlsUnderAnAllowedPrefixAreTaken() {
    assertThat(POLICY.refusal("http://hooks.example.com:9000/marathon/events", CLUSTER)).isEmpty();
    assertThat(POLICY.refusal("HTTP://Hooks.Example.com:9000/marathon", CLUSTER)).isEmpty();
    assertThat(POLICY.refusal("https://lb.internal/any/path", CLUSTER)).isEmpty();
    assertThat(POLICY.refusal("https://lb.internal:443/x", CLUSTER)).as("the scheme's own port").isEmpty();
  }

  @Test
  void lookAlikesOfAnAllowedPrefixAreNot() {
    assertThat(POLICY.refusal("http://hooks.example.com.evil.net:9000/marathon", CLUSTER)).isPresent();
    assertThat(POLICY.refusal("http://hooks.example.com:9001/marathon", CLUSTER)).isPresent();
    assertThat(POLICY.refusal("https://hooks.example.com:9000/marathon", CLUSTER)).isPresent();
    assertThat(POLICY.refusal("http://hooks.example.com:9000/other", CLUSTER)).isPresent();
    assertThat(POLICY.refusal("http://user:pw@hooks.example.com:9000/marathon", CLUSTER)).get().asString()
      .contains("credentials");
  }

  @Test
  void notHttpOrNotAUrlOrTheClustersOwnAddressIsRefused() {
    assertThat(POLICY.refusal(null, CLUSTER)).isPresent();
    assertThat(POLICY.refusal("file:///etc/passwd", CLUSTER)).isPresent();
    assertThat(POLICY.refusal("not a url", CLUSTER)).isPresent();
    CallbackPolicy everything = CallbackPolicy.parse("http://10.0.0.5:8080/");
    assertThat(everything.refusal("http://10.0.0.5:8080/v2/apps", CLUSTER)).get().asString()
      .contains("into the cluster");
  }

  @Test
  void withoutAnAllowListCallbacksAreOffAndABadEntryIsAnError() {
    assertThat(CallbackPolicy.parse("").enabled()).isFalse();
    assertThat(CallbackPolicy.parse(null).enabled()).isFalse();
    assertThat(POLICY.enabled()).isTrue();
    assertThatThrownBy(() -> CallbackPolicy.parse("ftp://x/")).hasMessageContaining("ftp://x/");
  }
}
