package io.drover.marathon.core;

import io.drover.marathon.app.PathId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The tasks the scheduler believes are alive (staging to running, and unreachable), by task id and
 * by app: every pass and every status update asks for one app's tasks, which must not cost a scan
 * of all of them. Soft state: a new leader rebuilds it from the master. Terminal tasks leave.
 */
final class InstanceBook {

  private final Map<String, Instance> byTask = new LinkedHashMap<>();
  /** Pod instances by their containers' task ids (by their own ids they are in {@code byTask}). */
  private final Map<String, Instance> byContainerTask = new LinkedHashMap<>();
  private final Map<PathId, Map<String, Instance>> byApp = new TreeMap<>();

  void add(Instance instance) {
    byTask.put(instance.taskId, instance);
    instance.containers.keySet().forEach(id -> byContainerTask.put(id, instance));
    byApp.computeIfAbsent(instance.appId, id -> new LinkedHashMap<>()).put(instance.taskId, instance);
  }

  /** The instance of a task id, or of a pod's instance id. */
  Optional<Instance> get(String taskId) {
    Instance instance = byTask.get(taskId);
    return Optional.ofNullable(instance != null ? instance : byContainerTask.get(taskId));
  }

  /** Adds a container task to a pod instance of the book (one adopted from the master). */
  void addContainer(Instance instance, String taskId, String container, List<Integer> ports, long nowMs) {
    instance.addContainer(taskId, container, ports, nowMs);
    byContainerTask.put(taskId, instance);
  }

  void remove(String taskId) {
    Instance instance = get(taskId).orElse(null);
    if (instance != null && byTask.remove(instance.taskId) != null) {
      instance.containers.keySet().forEach(byContainerTask::remove);
      Map<String, Instance> ofApp = byApp.get(instance.appId);
      ofApp.remove(instance.taskId);
      if (ofApp.isEmpty()) {
        byApp.remove(instance.appId);
      }
    }
  }

  Collection<Instance> all() {
    return byTask.values();
  }

  List<Instance> of(PathId appId) {
    Map<String, Instance> ofApp = byApp.get(appId);
    return ofApp == null ? List.of() : new ArrayList<>(ofApp.values());
  }

  /** Every app id that has tasks, whether or not the app still exists. */
  Set<PathId> appIds() {
    return byApp.keySet();
  }
}
