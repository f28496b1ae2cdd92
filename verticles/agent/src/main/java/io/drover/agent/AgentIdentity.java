package io.drover.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/** An agent keeps its id in its directory, so it comes back as itself after a restart. */
final class AgentIdentity {

  private static final String FILE = "agent.id";

  private AgentIdentity() {
  }

  static String loadOrCreate(Path dir) {
    Path file = dir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
      Files.createDirectories(dir);
      String id = UUID.randomUUID().toString();
      Path temp = Files.createTempFile(dir, FILE, ".tmp");
      Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the agent id in " + dir + ": " + e.getMessage(), e);
    }
  }
}
