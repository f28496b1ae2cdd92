package io.drover.marathon.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.marathon.deploy.DeploymentAction.Action;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DeploymentActionTest {

  @Test
  void actionsAreNamedAsInMarathonsRaml() {
    assertThat(Arrays.stream(Action.values()).map(Action::marathonName))
      .containsExactly("StartApplication", "ScaleApplication", "RestartApplication", "StopApplication");
  }

  @Test
  void aMarathonNameReadsBack() {
    for (Action action : Action.values()) {
      assertThat(Action.fromMarathonName(action.marathonName())).isEqualTo(action);
    }
    assertThatThrownBy(() -> Action.fromMarathonName("KillAllOldTasksOf"))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
