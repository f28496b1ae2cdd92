package io.drover.agent;

import io.drover.protocol.PersistentVolume;
import io.drover.protocol.SharedVolume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where an agent keeps persistent volumes, as Mesos does: {@code volumes/roles/<role>/<id>} in its
 * work directory, outside every sandbox, so the data outlives the tasks. A task sees a volume
 * through a link in its sandbox at the volume's container path (a Docker task through the same link,
 * its target bound into the container). A task group's shared volumes are linked the same way. All
 * methods block: call them off the event loop.
 */
final class PersistentVolumeDirs {

  private final Path root;

  PersistentVolumeDirs(Path root) {
    this.root = root;
  }

  Path dir(PersistentVolume volume) {
    return root.resolve("roles").resolve(volume.role()).resolve(volume.id());
  }

  /** Creates each volume's directory (kept when it exists) and links it into {@code sandbox}. */
  void link(List<PersistentVolume> volumes, Path sandbox) throws IOException {
    for (PersistentVolume volume : volumes) {
      link(dir(volume), sandbox.resolve(volume.containerPath()));
    }
  }

  /**
   * Creates each shared volume's directory in the group's sandbox, {@code volumes/<name>} as in Mesos,
   * and links it into the task's {@code sandbox}.
   */
  static void linkShared(List<SharedVolume> shared, Path groupSandbox, Path sandbox) throws IOException {
    for (SharedVolume volume : shared) {
      link(groupSandbox.resolve("volumes").resolve(volume.name()), sandbox.resolve(volume.containerPath()));
    }
  }

  private static void link(Path dir, Path link) throws IOException {
    Files.createDirectories(dir);
    Files.createDirectories(link.getParent());
    if (!Files.isSymbolicLink(link)) {
      Files.createSymbolicLink(link, dir.toAbsolutePath());
    }
  }

  /** Deletes the volumes' data: they were destroyed. */
  void destroy(List<PersistentVolume> volumes) throws IOException {
    for (PersistentVolume volume : volumes) {
      Path dir = dir(volume);
      if (!Files.exists(dir)) {
        continue;
      }
      // links are deleted, not followed: a volume holding a link must not reach beyond itself
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
