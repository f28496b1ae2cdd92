package io.drover.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a role writes the port it listens on ({@code <work-dir>/<role>.port}), so scripts and tests
 * find a port picked with {@code --port 0}.
 */
public final class PortFile {

  private PortFile() {
  }

  public static Path path(String workDir, String role) {
    return Path.of(workDir, role + ".port");
  }

  /** Writes atomically: a reader never sees a half-written number. */
  public static void write(String workDir, String role, int port) {
    try {
      Path target = path(workDir, role);
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), role, ".tmp");
      Files.writeString(temp, port + "\n", StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the port file in " + workDir, e);
    }
  }
}
