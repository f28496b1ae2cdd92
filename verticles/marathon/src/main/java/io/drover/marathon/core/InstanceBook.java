package io.drover.marathon.core;

import io.drover.marathon.app.PathId;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tasks the scheduler believes are alive (staging to running, and unreachable). Soft state: a
 * new leader rebuilds it from the master. Terminal tasks leave the book.
 */
final class InstanceBook {

  private final Map<String, Instance> byTask = new LinkedHashMap<>();

  void add(Instance instance) {
    byTask.put(instance.taskId, instance);
  }

  Optional<Instance> get(String taskId) {
    return Optional.ofNullable(byTask.get(taskId));
  }

  void remove(String taskId) {
    byTask.remove(taskId);
  }

  Collection<Instance> all() {
    return byTask.values();
  }

  List<Instance> of(PathId appId) {
    return byTask.values().stream().filter(i -> i.appId.equals(appId)).toList();
  }

  /** Every app id that has tasks, whether or not the app still exists. */
  Set<PathId> appIds() {
    Set<PathId> ids = new TreeSet<>();
    byTask.values().forEach(i -> ids.add(i.appId));
    return ids;
  }

  void clear() {
    byTask.clear();
  }
}
