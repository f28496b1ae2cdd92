package io.drover.master.state;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoleWeightsTest {

  @Test
  void readsTheFlagAsMesosWritesIt() {
    assertThat(RoleWeights.parse("eng=3, eng/web=1.5,ads=0.5")).isEqualTo(Map.of("eng", 3.0, "eng/web", 1.5, "ads", 0.5));
    assertThat(RoleWeights.parse("")).isEmpty();
    assertThat(RoleWeights.parse(null)).isEmpty();
  }

  @Test
  void refusesAFlagItCannotRead() {
    assertThatThrownBy(() -> RoleWeights.parse("eng")).hasMessage("--weights: 'eng' is not role=weight");
    assertThatThrownBy(() -> RoleWeights.parse("eng=x")).hasMessage("--weights: the weight of 'eng' is not a number");
    assertThatThrownBy(() -> RoleWeights.parse("eng=0"))
      .hasMessage("--weights: the weight of role 'eng' must be a positive number, not 0.0");
    assertThatThrownBy(() -> RoleWeights.parse("/eng=1")).hasMessageContaining("cannot start or end with '/'");
  }

  @Test
  void anUpdateReplacesTheRolesItNamesAndANewTermStartsFromTheFlagThenTheStore() {
    RoleWeights weights = new RoleWeights();
    weights.startTerm(Map.of("eng", 3.0, "ads", 2.0), Map.of("ads", 5.0));
    weights.update(Map.of("web", 0.5));

    assertThat(weights.all()).isEqualTo(Map.of("eng", 3.0, "ads", 5.0, "web", 0.5));
    assertThat(weights.of("nobody")).isEqualTo(1.0);
  }
}
