package io.drover.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.List;

/**
 * A directory the tasks of one task group share while the group runs (Marathon's ephemeral pod
 * volume; Mesos's {@code SANDBOX_PATH} volume of type {@code PARENT}): {@code volumes/<name>} in the
 * group's own sandbox, which a task sees through a link at {@code containerPath}, relative to its
 * sandbox. Links cannot make it read-only for one task, so it is read-write for all.
 */
public record SharedVolume(String name, String containerPath) {

  /** What is wrong with it, or null: both must be paths inside a sandbox, without '..'. */
  public String problem() {
    if (!inside(name) || name.contains("/")) {
      return "a shared volume's name must be a plain directory name: '" + name + "'";
    }
    if (!inside(containerPath)) {
      return "shared volume " + name + " needs a container path relative to the sandbox, without '..': '"
        + containerPath + "'";
    }
    return null;
  }

  private static boolean inside(String path) {
    return path != null && !path.isBlank() && !Path.of(path).isAbsolute()
      && Path.of(path).normalize().equals(Path.of(path)) && !path.startsWith("..");
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("container_path", containerPath);
  }

  public static JsonArray toJson(List<SharedVolume> volumes) {
    JsonArray array = new JsonArray();
    volumes.forEach(v -> array.add(v.toJson()));
    return array;
  }

  public static List<SharedVolume> fromJson(JsonArray array) {
    return Json.list(array, json -> new SharedVolume(json.getString("name"), json.getString("container_path")));
  }
}
