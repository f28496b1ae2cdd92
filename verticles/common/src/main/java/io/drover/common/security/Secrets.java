package io.drover.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where Drover's secrets come from: a file named in the configuration, else an environment variable. */
public final class Secrets {

  private Secrets() {
  }

  /**
   * The secret in {@code file} if one is named, else {@code env} if set; stripped, or null when neither.
   *
   * @param what how an error names the file ("the token file")
   * @throws IllegalArgumentException naming the file when it cannot be read
   */
  public static String read(String file, String env, String what) {
    if (file == null) {
      return env == null || env.isBlank() ? null : env.strip();
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + what + " " + file + ": " + e.getMessage());
    }
  }
}
