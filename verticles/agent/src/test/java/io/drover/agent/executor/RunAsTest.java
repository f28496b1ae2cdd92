package io.drover.agent.executor;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunAsTest {

  @Test
  void aRootAgentRunsTasksAsItsTaskUserAndOnlyTheUsersItAllows() {
    RunAs runAs = new RunAs("root", "nobody", Set.of("www-data"));
    assertThat(runAs.userFor(null)).isEqualTo("nobody");
    assertThat(runAs.userFor(" ")).isEqualTo("nobody");
    assertThat(runAs.userFor("www-data")).isEqualTo("www-data");
    assertThat(runAs.switches()).isTrue();
    assertThatThrownBy(() -> runAs.userFor("root")).hasMessageContaining("'root' is not allowed")
      .hasMessageContaining("--allowed-task-users");
  }

  @Test
  void rootRunsTasksAsRootOnlyWhenTheOperatorSaysSo() {
    assertThat(new RunAs("root", "root", Set.of()).switches()).isFalse();
    assertThat(new RunAs("root", "nobody", Set.of("root")).userFor("root")).isEqualTo("root");
  }

  @Test
  void anAgentThatIsNotRootRunsTasksAsItselfAndRefusesOtherUsers() {
    RunAs runAs = new RunAs("alice", "nobody", Set.of("bob"));
    assertThat(runAs.userFor(null)).isEqualTo("alice");
    assertThat(runAs.userFor("alice")).isEqualTo("alice");
    assertThat(runAs.switches()).isFalse();
    assertThatThrownBy(() -> runAs.userFor("bob")).hasMessageContaining("runs as alice and cannot run tasks as bob");
  }
}
