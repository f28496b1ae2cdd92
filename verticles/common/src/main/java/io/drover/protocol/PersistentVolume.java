package io.drover.protocol;

import io.drover.resources.Resources;
import io.drover.resources.Roles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A persistent volume (Mesos's {@code disk.persistence} with {@code disk.volume}): {@code diskMb} of
 * its role's reservation on one agent, made a directory that outlives the tasks using it. A task
 * sees it at {@code containerPath}, relative to its sandbox; only one task uses it at a time.
 *
 * @param principal who created it; may be null
 */
public record PersistentVolume(String id, String role, double diskMb, String containerPath, String principal) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /** What is wrong with it as a new volume, or null. */
  public String problem() {
    if (id == null || !ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
      return "a persistent volume's id must be letters, digits, '_', '.' or '-': '" + id + "'";
    }
    String badRole = Roles.problem(role);
    if (badRole != null) {
      return "persistent volume " + id + ": " + badRole;
    }
    if (role.equals(Roles.DEFAULT)) {
      return "persistent volume " + id + " must be on disk reserved for a role, not '*'";
    }
    if (!(diskMb > 0)) {
      return "persistent volume " + id + " needs a disk size above 0";
    }
    if (containerPath == null || containerPath.isBlank() || Path.of(containerPath).isAbsolute()
      || !Path.of(containerPath).normalize().equals(Path.of(containerPath)) || containerPath.startsWith("..")) {
      return "persistent volume " + id + " needs a container_path relative to the sandbox, without '..': '"
        + containerPath + "'";
    }
    return null;
  }

  /** The disk it holds. */
  public Resources disk() {
    return Resources.builder().scalar(Resources.DISK, diskMb).build();
  }

  /** The disk the volumes hold together. */
  public static Resources disk(List<PersistentVolume> volumes) {
    return volumes.stream().map(PersistentVolume::disk).reduce(Resources.EMPTY, Resources::plus);
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("role", role).put("disk", diskMb)
      .put("container_path", containerPath);
    return principal == null ? json : json.put("principal", principal);
  }

  public static PersistentVolume fromJson(JsonObject json) {
    return new PersistentVolume(json.getString("id"), json.getString("role"), json.getDouble("disk", 0.0),
      json.getString("container_path"), json.getString("principal"));
  }

  public static JsonArray toJson(List<PersistentVolume> volumes) {
    JsonArray array = new JsonArray();
    volumes.forEach(v -> array.add(v.toJson()));
    return array;
  }

  /** @throws ClassCastException when an item is not an object */
  public static List<PersistentVolume> fromJson(JsonArray array) {
    List<PersistentVolume> volumes = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> volumes.add(fromJson((JsonObject) item)));
    }
    return List.copyOf(volumes);
  }
}
