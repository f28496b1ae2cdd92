package io.drover.master.state;

import io.drover.protocol.PersistentVolume;
import io.drover.protocol.TaskInfo;
import io.drover.resources.Resources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mesos's checks of the persistent-volume operations of an {@code ACCEPT}: CREATE makes volumes of
 * the offers' disk reserved for their role, DESTROY gives an offered volume's disk back to the
 * reservation (its data is deleted), and a launched task may use volumes offered or created in the
 * same accept, each by one task. Pure; a refused accept changes nothing.
 */
public final class VolumeChecks {

  private VolumeChecks() {
  }

  /**
   * What is wrong with creating {@code create} and destroying {@code destroy} in an accept of offers
   * made for {@code role}, or null.
   *
   * @param reservedFree the offers' resources reserved for the role, after the accept's RESERVE and UNRESERVE
   * @param offered the volumes the offers hold
   * @param existing every volume on the agent
   */
  public static String problem(String role, List<PersistentVolume> create, List<PersistentVolume> destroy,
                               Resources reservedFree, List<PersistentVolume> offered, List<PersistentVolume> existing) {
    String creation = createProblem(role, create, reservedFree, existing);
    return creation != null ? creation : destroyProblem(destroy, offered);
  }

  /**
   * What is wrong with creating {@code create} for {@code role} of {@code reservedFree}, or null.
   *
   * @param taken the volumes whose ids a new one may not have: those on the agent (and any created beside)
   */
  public static String createProblem(String role, List<PersistentVolume> create, Resources reservedFree,
                                     List<PersistentVolume> taken) {
    Set<String> ids = new HashSet<>();
    taken.forEach(v -> ids.add(v.id()));
    for (PersistentVolume volume : create) {
      String bad = volume.problem();
      if (bad != null) {
        return bad;
      }
      if (!volume.role().equals(role)) {
        return "persistent volume " + volume.id() + " is for role '" + volume.role() + "', the offers for '" + role + "'";
      }
      if (!ids.add(volume.id())) {
        return "persistent volume " + volume.id() + " exists on the agent already";
      }
    }
    Resources wanted = PersistentVolume.disk(create);
    if (!reservedFree.contains(wanted)) {
      return "cannot create persistent volumes of " + wanted + ": the offers hold only "
        + reservedFree.scalarsOnly() + " reserved for role '" + role + "'";
    }
    return null;
  }

  /** What is wrong with destroying {@code destroy}, or null: only a volume no task uses ({@code offered}) goes. */
  public static String destroyProblem(List<PersistentVolume> destroy, List<PersistentVolume> offered) {
    Set<String> offeredIds = new HashSet<>();
    offered.forEach(v -> offeredIds.add(v.id()));
    for (PersistentVolume volume : destroy) {
      if (!offeredIds.contains(volume.id())) {
        return "cannot destroy persistent volume " + volume.id() + ": the offers do not hold it (unknown, or in use)";
      }
    }
    return null;
  }

  /** The volumes tasks of the accept may use, by id: those offered or created, less those destroyed. */
  public static Map<String, PersistentVolume> usable(List<PersistentVolume> offered, List<PersistentVolume> create,
                                                     List<PersistentVolume> destroy) {
    Map<String, PersistentVolume> usable = new LinkedHashMap<>();
    offered.forEach(v -> usable.put(v.id(), v));
    create.forEach(v -> usable.put(v.id(), v));
    destroy.forEach(v -> usable.remove(v.id()));
    return usable;
  }

  /**
   * The tasks with their volumes as the agent has them (a framework names a volume; its role, size
   * and path are the volume's), into {@code resolved}; or what is wrong: a volume not usable, or used
   * by two tasks.
   */
  public static String resolve(List<TaskInfo> tasks, Map<String, PersistentVolume> usable, List<TaskInfo> resolved) {
    Set<String> used = new HashSet<>();
    for (TaskInfo task : tasks) {
      List<PersistentVolume> volumes = new ArrayList<>();
      for (PersistentVolume named : task.getVolumes()) {
        PersistentVolume volume = usable.get(named.id());
        if (volume == null) {
          return "task " + task.getTaskId() + " uses persistent volume " + named.id()
            + ", which the offers do not hold and the accept does not create";
        }
        if (!used.add(volume.id())) {
          return "persistent volume " + volume.id() + " is used by two tasks of the accept";
        }
        volumes.add(volume);
      }
      resolved.add(volumes.isEmpty() ? task : task.withVolumes(volumes));
    }
    return null;
  }

  /** The agent's volumes after the accept. */
  public static List<PersistentVolume> after(List<PersistentVolume> existing, List<PersistentVolume> create,
                                             List<PersistentVolume> destroy) {
    Set<String> destroyed = new HashSet<>();
    destroy.forEach(v -> destroyed.add(v.id()));
    List<PersistentVolume> after = new ArrayList<>();
    existing.stream().filter(v -> !destroyed.contains(v.id())).forEach(after::add);
    after.addAll(create);
    return after;
  }
}
