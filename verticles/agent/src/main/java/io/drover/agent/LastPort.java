package io.drover.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/** The port an agent process listened on last time, kept in its work directory. Blocking. */
final class LastPort {

  private static final Logger LOG = Logger.getLogger(LastPort.class.getName());

  private LastPort() {
  }

  /** The port recorded in {@code file}; 0 when there is none or it is unreadable. */
  static int read(Path file) {
    try {
      return Files.exists(file) ? Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
    } catch (IOException | NumberFormatException unreadable) {
      return 0;
    }
  }

  static void write(Path file, int port) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, port + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warning("could not record the port in " + file + ": " + e.getMessage());
    }
  }
}
