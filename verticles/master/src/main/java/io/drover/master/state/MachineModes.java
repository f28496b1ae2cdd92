package io.drover.master.state;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mesos's maintenance state: the schedule, and which of its machines are DOWN. A machine in the
 * schedule and not down is DRAINING; every other is UP. Changes are checked as Mesos checks them
 * and leave everything as it was when refused.
 */
public final class MachineModes {

  /** Mesos's {@code MachineInfo.Mode}. */
  public enum Mode { UP, DRAINING, DOWN }

  private MaintenanceSchedule schedule = MaintenanceSchedule.EMPTY;
  private final Set<MachineId> down = new LinkedHashSet<>();

  public MaintenanceSchedule schedule() {
    return schedule;
  }

  public Set<MachineId> down() {
    return Set.copyOf(down);
  }

  /** Why {@code next} may not replace the schedule, or null. */
  public String scheduleProblem(MaintenanceSchedule next) {
    return next.problem(down);
  }

  public void setSchedule(MaintenanceSchedule next) {
    schedule = next;
  }

  /** Why these machines may not go down ({@code START_MAINTENANCE}), or null. */
  public String downProblem(List<MachineId> machines) {
    return transitionProblem(machines, Mode.DRAINING, "brought down");
  }

  /** Why these machines may not come up ({@code STOP_MAINTENANCE}), or null. */
  public String upProblem(List<MachineId> machines) {
    return transitionProblem(machines, Mode.DOWN, "brought up");
  }

  private String transitionProblem(List<MachineId> machines, Mode from, String verb) {
    if (machines.isEmpty()) {
      return "List of machines is empty";
    }
    Set<MachineId> seen = new HashSet<>();
    for (MachineId machine : machines) {
      String invalid = machine.problem();
      if (invalid != null) {
        return invalid;
      }
      if (!seen.add(machine)) {
        return "Machine " + machine + " appears more than once in the schedule";
      }
      if (schedule.windowOf(machine).isEmpty()) {
        return "Machine " + machine + " is not part of a maintenance schedule";
      }
      if (mode(machine) != from) {
        return "Machine " + machine + " is not in " + from + " mode and cannot be " + verb;
      }
    }
    return null;
  }

  public void bringDown(Collection<MachineId> machines) {
    down.addAll(machines);
  }

  /** The machines come up and leave the schedule, as in Mesos. */
  public void bringUp(Collection<MachineId> machines) {
    down.removeAll(machines);
    schedule = schedule.without(Set.copyOf(machines));
  }

  public Mode mode(MachineId machine) {
    if (down.contains(machine)) {
      return Mode.DOWN;
    }
    return schedule.windowOf(machine).isPresent() ? Mode.DRAINING : Mode.UP;
  }

  /** The mode of the machine an agent is on. */
  public Mode modeOf(String agentHostname, String agentIp) {
    if (down.stream().anyMatch(m -> m.hosts(agentHostname, agentIp))) {
      return Mode.DOWN;
    }
    return schedule.windowFor(agentHostname, agentIp).isPresent() ? Mode.DRAINING : Mode.UP;
  }

  /** The maintenance window of the machine an agent is on, if it is scheduled. */
  public Optional<MaintenanceSchedule.Window> windowOf(String agentHostname, String agentIp) {
    return schedule.windowFor(agentHostname, agentIp);
  }

  /** What ZooKeeper keeps. */
  public JsonObject toJson() {
    return new JsonObject().put("schedule", schedule.toJson())
      .put("down", new JsonArray(down.stream().map(MachineId::toJson).toList()));
  }

  public void load(JsonObject json) {
    schedule = MaintenanceSchedule.fromJson(json.getJsonObject("schedule", new JsonObject()));
    down.clear();
    down.addAll(MaintenanceSchedule.machines(json.getJsonArray("down", new JsonArray())));
  }
}
