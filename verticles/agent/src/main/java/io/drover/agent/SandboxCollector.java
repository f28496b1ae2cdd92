package io.drover.agent;

import io.drover.protocol.TaskInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Removes the sandboxes of tasks that ended more than the GC delay ago (Mesos's {@code gc_delay}),
 * so finished tasks' files do not fill the disk. Blocking: run it off the event loop.
 */
final class SandboxCollector {

  private static final Logger LOG = Logger.getLogger(SandboxCollector.class.getName());

  private SandboxCollector() {
  }

  /**
   * Deletes every {@code <root>/<framework>/<task>} not in {@code keep} (keys {@code framework/task})
   * and untouched for {@code delayMs}. Returns how many it removed.
   */
  static int collect(Path root, Set<String> keep, long delayMs, long nowMs) {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> frameworks = Files.list(root)) {
      for (Path framework : frameworks.filter(Files::isDirectory).toList()) {
        try (Stream<Path> tasks = Files.list(framework)) {
          for (Path task : tasks.filter(Files::isDirectory).toList()) {
            String key = TaskInfo.key(framework.getFileName().toString(), task.getFileName().toString());
            FileTime touched = Files.getLastModifiedTime(task);
            if (!keep.contains(key) && nowMs - touched.toMillis() >= delayMs) {
              delete(task);
              removed++;
            }
          }
        }
      }
    } catch (IOException e) {
      LOG.warning("could not collect old sandboxes under " + root + ": " + e.getMessage());
    }
    return removed;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      for (Path path : all) {
        Files.deleteIfExists(path);
      }
    }
  }
}
