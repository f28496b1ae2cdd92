package io.drover.master.state;

import io.drover.master.state.RegistryPruning.Unreachable;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.drover.master.state.RegistryPruning.prune;
import static org.assertj.core.api.Assertions.assertThat;

class RegistryPruningTest {

  static final long SECOND = 1000;
  static final int NO_COUNT_LIMIT = Integer.MAX_VALUE;
  static final long NO_AGE_LIMIT = Long.MAX_VALUE;

  /** "a@100 b@200": agent a unreachable since second 100, b since second 200. */
  static List<Unreachable> unreachable(String agents) {
    return Arrays.stream(agents.split(" ")).filter(a -> !a.isBlank()).map(a -> a.split("@"))
      .map(a -> new Unreachable(a[0], Double.parseDouble(a[1]))).toList();
  }

  @Test
  void anAgentUnreachableLongerThanTheMaximumAgeIsForgotten() {
    // at second 1000: a is 900 s unreachable, b 800 s, c 700 s
    List<Unreachable> agents = unreachable("c@300 a@100 b@200");
    assertThat(prune(agents, 1000, 850 * SECOND, NO_COUNT_LIMIT)).containsExactly("a");
    assertThat(prune(agents, 1000, 750 * SECOND, NO_COUNT_LIMIT)).containsExactly("a", "b");
    assertThat(prune(agents, 1000, 900 * SECOND, NO_COUNT_LIMIT)).as("exactly the age: kept").isEmpty();
  }

  @Test
  void beyondTheMaximumCountTheOldestAreForgotten() {
    List<Unreachable> agents = unreachable("c@300 a@100 b@200");
    assertThat(prune(agents, 1000, NO_AGE_LIMIT, 3)).isEmpty();
    assertThat(prune(agents, 1000, NO_AGE_LIMIT, 2)).containsExactly("a");
    assertThat(prune(agents, 1000, NO_AGE_LIMIT, 1)).containsExactly("a", "b");
    assertThat(prune(agents, 1000, NO_AGE_LIMIT, 0)).containsExactly("a", "b", "c");
  }

  @Test
  void ageAndCountTogether() {
    // count 2 forgets a (3 > 2); age 750 s forgets b too; c (700 s) stays
    assertThat(prune(unreachable("a@100 b@200 c@300"), 1000, 750 * SECOND, 2)).containsExactly("a", "b");
    assertThat(prune(unreachable(""), 1000, 0, 0)).isEmpty();
  }
}
