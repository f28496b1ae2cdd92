package io.drover.master.state;

import io.drover.protocol.Unavailability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Mesos's maintenance {@code Schedule}: windows, each a set of machines and when they will be
 * unavailable. A machine appears in at most one window.
 */
public record MaintenanceSchedule(List<Window> windows) {

  public static final MaintenanceSchedule EMPTY = new MaintenanceSchedule(List.of());

  public MaintenanceSchedule {
    windows = List.copyOf(windows);
  }

  public record Window(List<MachineId> machines, Unavailability unavailability) {
    public Window {
      machines = List.copyOf(machines);
    }

    public JsonObject toJson() {
      return new JsonObject().put("machine_ids", new JsonArray(machines.stream().map(MachineId::toJson).toList()))
        .put("unavailability", unavailability.toJson());
    }
  }

  /** The window a machine is in, if any. */
  public Optional<Window> windowOf(MachineId machine) {
    return windows.stream().filter(w -> w.machines().contains(machine)).findFirst();
  }

  /** The window of the machine an agent is on, if any. */
  public Optional<Window> windowFor(String agentHostname, String agentIp) {
    return windows.stream().filter(w -> w.machines().stream().anyMatch(m -> m.hosts(agentHostname, agentIp)))
      .findFirst();
  }

  public List<MachineId> machines() {
    return windows.stream().flatMap(w -> w.machines().stream()).toList();
  }

  /** Mesos's check of a schedule, or null when it may replace the current one given the machines down now. */
  public String problem(Set<MachineId> down) {
    Set<MachineId> seen = new HashSet<>();
    for (Window window : windows) {
      if (window.machines().isEmpty()) {
        return "List of machines in the maintenance window is empty";
      }
      Long duration = window.unavailability().getDurationNanos();
      if (duration != null && duration < 0) {
        return "Unavailability 'duration' is negative";
      }
      for (MachineId machine : window.machines()) {
        String invalid = machine.problem();
        if (invalid != null) {
          return invalid;
        }
        if (!seen.add(machine)) {
          return "Machine " + machine + " appears more than once in the schedule";
        }
      }
    }
    for (MachineId machine : down) {
      if (!seen.contains(machine)) {
        return "Machine " + machine + " is deactivated and cannot be removed from the schedule";
      }
    }
    return null;
  }

  /** The schedule without these machines, and without windows left empty (Mesos, bringing machines up). */
  public MaintenanceSchedule without(Set<MachineId> machines) {
    List<Window> kept = new ArrayList<>();
    for (Window window : windows) {
      List<MachineId> left = window.machines().stream().filter(m -> !machines.contains(m)).toList();
      if (!left.isEmpty()) {
        kept.add(new Window(left, window.unavailability()));
      }
    }
    return new MaintenanceSchedule(kept);
  }

  public JsonObject toJson() {
    return new JsonObject().put("windows", new JsonArray(windows.stream().map(Window::toJson).toList()));
  }

  /** @throws IllegalArgumentException naming what is malformed */
  public static MaintenanceSchedule fromJson(JsonObject json) {
    List<Window> windows = new ArrayList<>();
    JsonArray list = json.getJsonArray("windows", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      JsonObject window = list.getJsonObject(i);
      JsonObject unavailability = window.getJsonObject("unavailability");
      if (unavailability == null) {
        throw new IllegalArgumentException("Expecting 'unavailability' in window " + i);
      }
      windows.add(new Window(machines(window.getJsonArray("machine_ids", new JsonArray())),
        new Unavailability(unavailability)));
    }
    return new MaintenanceSchedule(windows);
  }

  /** A list of {@code MachineID}s, as {@code /machine/down} and {@code /machine/up} take them. */
  public static List<MachineId> machines(JsonArray json) {
    List<MachineId> machines = new ArrayList<>();
    for (int i = 0; i < json.size(); i++) {
      machines.add(MachineId.fromJson(json.getJsonObject(i)));
    }
    return machines;
  }
}
