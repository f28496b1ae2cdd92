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
  private final Map<PathId, Map<String, Instance>> byApp = new TreeMap<>();

  void add(Instance instance) {
    byTask.put(instance.taskId, instance);
    byApp.computeIfAbsent(instance.appId, id -> new LinkedHashMap<>()).put(instance.taskId, instance);
  }

  Optional<Instance> get(String taskId) {
    return Optional.ofNullable(byTask.get(taskId));
  }

  void remove(String taskId) {
    Instance instance = byTask.remove(taskId);
    if (instance != null) {
      Map<String, Instance> ofApp = byApp.get(instance.appId);
      ofApp.remove(taskId);
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
