package io.drover.master.state;

import io.drover.protocol.PersistentVolume;
import io.drover.protocol.TaskInfo;
import io.drover.resources.Resources;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeChecksTest {

  private static final Resources RESERVED = Resources.parse("cpus:1;disk:100");
  private static final PersistentVolume DATA = new PersistentVolume("data", "db", 60, "data", null);
  private static final PersistentVolume LOGS = new PersistentVolume("logs", "db", 30, "logs", null);

  @Test
  void aVolumeIsCreatedOfTheOffersReservedDiskOnly() {
    assertThat(VolumeChecks.problem("db", List.of(DATA, LOGS), List.of(), RESERVED, List.of(), List.of())).isNull();
    assertThat(VolumeChecks.problem("db", List.of(DATA, new PersistentVolume("logs", "db", 41, "logs", null)), List.of(), RESERVED, List.of(), List.of()))
      .contains("cannot create persistent volumes of disk:101");
    assertThat(VolumeChecks.problem("web", List.of(DATA), List.of(), RESERVED, List.of(), List.of()))
      .contains("is for role 'db', the offers for 'web'");
    assertThat(VolumeChecks.problem("db", List.of(DATA), List.of(), RESERVED, List.of(), List.of(DATA)))
      .contains("exists on the agent already");
    assertThat(VolumeChecks.problem("db", List.of(new PersistentVolume("x", "db", 1, "/abs", null)), List.of(),
      RESERVED, List.of(), List.of())).contains("relative to the sandbox");
    assertThat(VolumeChecks.problem("db", List.of(new PersistentVolume("x", "db", 1, "a/../../b", null)), List.of(),
      RESERVED, List.of(), List.of())).contains("without '..'");
    assertThat(VolumeChecks.problem("*", List.of(new PersistentVolume("x", "*", 1, "x", null)), List.of(),
      RESERVED, List.of(), List.of())).contains("not '*'");
  }

  @Test
  void onlyAnOfferedVolumeIsDestroyed() {
    assertThat(VolumeChecks.problem("db", List.of(), List.of(DATA), RESERVED, List.of(DATA), List.of(DATA))).isNull();
    // on the agent, but in use: not offered
    assertThat(VolumeChecks.problem("db", List.of(), List.of(DATA), RESERVED, List.of(), List.of(DATA)))
      .contains("the offers do not hold it");
    assertThat(VolumeChecks.after(List.of(DATA, LOGS), List.of(), List.of(DATA))).containsExactly(LOGS);
  }

  @Test
  void aTaskUsesAVolumeOfferedOrCreatedHereWithItsPathAndByItself() {
    TaskInfo named = TaskInfo.command("t1", "a1", Resources.parse("cpus:0.1"), "true")
      .withVolumes(List.of(new PersistentVolume("data", null, 0, null, null)));
    List<TaskInfo> resolved = new ArrayList<>();
    Map<String, PersistentVolume> usable = VolumeChecks.usable(List.of(LOGS), List.of(DATA), List.of());
    assertThat(VolumeChecks.resolve(List.of(named), usable, resolved)).isNull();
    assertThat(resolved.get(0).getVolumes()).containsExactly(DATA);

    TaskInfo twin = named.withFrameworkId("f");
    assertThat(VolumeChecks.resolve(List.of(named, twin), usable, new ArrayList<>())).contains("used by two tasks");
    assertThat(VolumeChecks.resolve(List.of(named), VolumeChecks.usable(List.of(DATA), List.of(), List.of(DATA)),
      new ArrayList<>())).contains("which the offers do not hold");
  }
}
