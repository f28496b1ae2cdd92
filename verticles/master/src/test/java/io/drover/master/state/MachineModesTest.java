package io.drover.master.state;

import io.drover.master.state.MachineModes.Mode;
import io.drover.protocol.Unavailability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MachineModesTest {

  static final long SECOND = 1_000_000_000L;

  /** "a b": machines by hostname. */
  static List<MachineId> machines(String hostnames) {
    return Arrays.stream(hostnames.split(" ")).filter(h -> !h.isBlank()).map(h -> new MachineId(h, null)).toList();
  }

  /** "a b@100+60; c@200": windows of machines, starting at second 100 for 60 s, and at 200 open-ended. */
  static MaintenanceSchedule schedule(String windows) {
    List<MaintenanceSchedule.Window> list = Arrays.stream(windows.split(";")).map(String::strip)
      .filter(w -> !w.isEmpty()).map(w -> {
        String[] at = w.split("@");
        String[] when = at[1].split("\\+");
        return new MaintenanceSchedule.Window(machines(at[0]), new Unavailability(Long.parseLong(when[0]) * SECOND,
          when.length > 1 ? Long.parseLong(when[1]) * SECOND : null));
      }).toList();
    return new MaintenanceSchedule(list);
  }

  @Test
  void aMachineInTheScheduleIsDrainingUntilItGoesDownAndUpAgain() {
    MachineModes modes = new MachineModes();
    modes.setSchedule(schedule("a b@100+60; c@200"));
    assertThat(modes.mode(new MachineId("a", null))).isEqualTo(Mode.DRAINING);
    assertThat(modes.mode(new MachineId("d", null))).isEqualTo(Mode.UP);

    assertThat(modes.downProblem(machines("a"))).isNull();
    modes.bringDown(machines("a"));
    assertThat(modes.mode(new MachineId("a", null))).isEqualTo(Mode.DOWN);

    assertThat(modes.upProblem(machines("a"))).isNull();
    modes.bringUp(machines("a"));
    assertThat(modes.mode(new MachineId("a", null))).as("up and out of the schedule").isEqualTo(Mode.UP);
    assertThat(modes.schedule()).isEqualTo(schedule("b@100+60; c@200"));
  }

  @Test
  void aMachineInTwoWindowsIsRefused() {
    assertThat(schedule("a b@100+60; b@200").problem(Set.of()))
      .isEqualTo("Machine '{\"hostname\":\"b\"}' appears more than once in the schedule");
  }

  @Test
  void malformedSchedulesAreRefused() {
    assertThat(new MaintenanceSchedule(List.of(new MaintenanceSchedule.Window(List.of(), new Unavailability(0, null))))
      .problem(Set.of())).isEqualTo("List of machines in the maintenance window is empty");
    assertThat(schedule("a@100+-5").problem(Set.of())).isEqualTo("Unavailability 'duration' is negative");
    assertThat(new MaintenanceSchedule(List.of(new MaintenanceSchedule.Window(List.of(new MachineId("", "")),
      new Unavailability(0, null)))).problem(Set.of())).isEqualTo("Both 'hostname' and 'ip' for a machine are empty");
    assertThat(new MachineId(null, "10.0.0.300").problem()).startsWith("Failed to parse IP");
  }

  @Test
  void aMachineDownStaysInTheSchedule() {
    MachineModes modes = new MachineModes();
    modes.setSchedule(schedule("a b@100"));
    modes.bringDown(machines("a"));
    assertThat(modes.scheduleProblem(schedule("b@100")))
      .isEqualTo("Machine '{\"hostname\":\"a\"}' is deactivated and cannot be removed from the schedule");
    assertThat(modes.scheduleProblem(schedule("a@300"))).isNull();
  }

  @Test
  void onlyDrainingMachinesGoDownAndOnlyDownMachinesComeUp() {
    MachineModes modes = new MachineModes();
    modes.setSchedule(schedule("a b@100"));
    assertThat(modes.downProblem(machines("x")))
      .isEqualTo("Machine '{\"hostname\":\"x\"}' is not part of a maintenance schedule");
    assertThat(modes.upProblem(machines("a")))
      .isEqualTo("Machine '{\"hostname\":\"a\"}' is not in DOWN mode and cannot be brought up");
    modes.bringDown(machines("a"));
    assertThat(modes.downProblem(machines("a")))
      .isEqualTo("Machine '{\"hostname\":\"a\"}' is not in DRAINING mode and cannot be brought down");
    assertThat(modes.downProblem(List.of())).isEqualTo("List of machines is empty");
    assertThat(modes.downProblem(machines("b b"))).contains("appears more than once");
  }

  @Test
  void anAgentIsOnAMachineByEachFieldTheMachineNames() {
    assertThat(new MachineId("Host-1", null).hosts("host-1", "10.0.0.1")).isTrue();
    assertThat(new MachineId(null, "10.0.0.1").hosts("host-1", "10.0.0.1")).isTrue();
    assertThat(new MachineId("host-1", "10.0.0.2").hosts("host-1", "10.0.0.1")).isFalse();
    assertThat(new MachineId("host-2", null).hosts("host-1", null)).isFalse();

    MachineModes modes = new MachineModes();
    modes.setSchedule(schedule("host-1@100+60"));
    assertThat(modes.modeOf("host-1", null)).isEqualTo(Mode.DRAINING);
    assertThat(modes.windowOf("host-1", null).orElseThrow().unavailability())
      .isEqualTo(new Unavailability(100 * SECOND, 60 * SECOND));
    assertThat(modes.modeOf("host-2", null)).isEqualTo(Mode.UP);
  }

  @Test
  void whatZooKeeperKeepsReadsBackTheSame() {
    MachineModes modes = new MachineModes();
    modes.setSchedule(schedule("a b@100+60; c@200"));
    modes.bringDown(machines("c"));
    MachineModes read = new MachineModes();
    read.load(new JsonObject(modes.toJson().encode()));
    assertThat(read.schedule()).isEqualTo(modes.schedule());
    assertThat(read.down()).isEqualTo(modes.down());
  }

  @Test
  void protobufJsonWithStringNanosecondsIsRead() {
    JsonObject json = new JsonObject().put("windows", new JsonArray().add(new JsonObject()
      .put("machine_ids", new JsonArray().add(new JsonObject().put("hostname", "a").put("ip", "10.0.0.1")))
      .put("unavailability", new JsonObject().put("start", new JsonObject().put("nanoseconds", "5000000000")))));
    assertThat(MaintenanceSchedule.fromJson(json).windows().get(0).unavailability())
      .isEqualTo(new Unavailability(5 * SECOND, null));
  }
}
