package io.drover.marathon.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition.KillSelection;
import java.util.List;
import org.junit.jupiter.api.Test;

class KillOrderTest {

  private final Candidate old = new Candidate("old", true, true, 1_000);
  private final Candidate middle = new Candidate("middle", true, null, 2_000);
  private final Candidate young = new Candidate("young", true, true, 3_000);
  private final Candidate sick = new Candidate("sick", true, false, 1_500);
  private final Candidate staging = new Candidate("staging", false, null, 500);
  private final List<Candidate> all = List.of(old, middle, young, sick, staging);

  @Test
  void notRunningThenUnhealthyThenYoungestFirst() {
    assertThat(KillOrder.toKill(all, 5, KillSelection.YOUNGEST_FIRST))
        .containsExactly(staging, sick, young, middle, old);
  }

  @Test
  void notRunningThenUnhealthyThenOldestFirst() {
    assertThat(KillOrder.toKill(all, 5, KillSelection.OLDEST_FIRST))
        .containsExactly(staging, sick, old, middle, young);
  }

  @Test
  void takesOnlyAsManyAsAsked() {
    assertThat(KillOrder.toKill(List.of(old, middle, young), 1, KillSelection.YOUNGEST_FIRST)).containsExactly(young);
    assertThat(KillOrder.toKill(all, 0, KillSelection.YOUNGEST_FIRST)).isEmpty();
    assertThat(KillOrder.toKill(List.of(old), 3, KillSelection.YOUNGEST_FIRST)).containsExactly(old);
  }

  @Test
  void theTaskIdBreaksTies() {
    Candidate a = new Candidate("a", true, true, 1_000);
    Candidate b = new Candidate("b", true, true, 1_000);

    assertThat(KillOrder.toKill(List.of(b, a), 2, KillSelection.YOUNGEST_FIRST)).containsExactly(a, b);
  }
}
