package io.drover.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolesTest {

  @ParameterizedTest
  @ValueSource(strings = {"*", "eng", "eng/web", "a/b/c", "team-1", "x.y", "a*b"})
  void acceptsRoleNames(String role) {
    assertThat(Roles.problem(role)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/eng", "eng/", "a//b", ".", "..", "a/./b", "a/../b", "eng/*", "-eng", "a/-b",
    "a b", "a\tb", "a\u007fb", "a\u0001b"})
  void refusesWhatIsNotARoleName(String role) {
    assertThat(Roles.problem(role)).isNotNull();
  }

  @Test
  void namesTheProblem() {
    assertThat(Roles.problem("")).isEqualTo("Empty role name is invalid");
    assertThat(Roles.problem("eng/..")).isEqualTo("Role 'eng/..' cannot have '..' as a path element");
    assertThat(Roles.problem(null)).isEqualTo("Empty role name is invalid");
  }

  @Test
  void ancestorsComeNearestLast() {
    assertThat(Roles.ancestors("a/b/c")).containsExactly("a", "a/b");
    assertThat(Roles.ancestors("eng")).isEmpty();
  }

  @Test
  void aRoleIsWithinItselfAndItsAncestorsOnly() {
    assertThat(Roles.within("eng/web", "eng")).isTrue();
    assertThat(Roles.within("eng", "eng")).isTrue();
    assertThat(Roles.within("engine", "eng")).isFalse();
    assertThat(Roles.within("eng", "eng/web")).isFalse();
  }
}
