package io.drover.agent;

import io.drover.agent.executor.SecretReader;
import io.drover.protocol.SecretName;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets an operator keeps on an agent ({@code --secrets-dir}): each file under the directory is
 * a secret named by its path relative to it. A task names secrets (Mesos's Secret.Reference,
 * Marathon's {@code secrets.*.source}); the agent reads them at launch into the task's environment
 * (or, for a Docker {@code config.json}, to pull its image with), so their values never pass through
 * the master, a status update, the task's definition or a log.
 */
final class SecretStore implements SecretReader {

  /** An environment variable's worth; a bigger file is not a secret but a misplaced file. */
  static final int MAX_BYTES = 64 * 1024;

  /** Null when the agent keeps no secrets. */
  private final Path dir;

  SecretStore(String dir) {
    this.dir = dir == null || dir.isBlank() ? null : Path.of(dir).toAbsolutePath().normalize();
  }

  /**
   * The values of {@code references} (variable name to secret name), by variable name. Blocking.
   *
   * @throws IllegalArgumentException naming the variable and the secret when one cannot be read
   */
  Map<String, String> resolve(Map<String, String> references) {
    Map<String, String> values = new LinkedHashMap<>();
    references.forEach((variable, secret) -> values.put(variable, read(secret, variable)));
    return values;
  }

  @Override
  public String read(String secret, String holder) {
    String what = "secret '" + secret + "' of " + holder + ": ";
    if (dir == null) {
      throw new IllegalArgumentException(what + "this agent keeps no secrets (start it with --secrets-dir)");
    }
    if (!SecretName.valid(secret)) {
      throw new IllegalArgumentException(what + "a secret's name is " + SecretName.RULE);
    }
    try {
      Path file = dir.resolve(SecretName.relative(secret));
      // a link may not lead out of the directory: what the operator put there is all a task may read
      if (!file.toRealPath().startsWith(dir.toRealPath()) || !Files.isRegularFile(file)) {
        throw new IllegalArgumentException(what + "not a file of the agent's secrets directory");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(what + "larger than " + MAX_BYTES + " bytes");
      }
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + "not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException(what + "no such secret on this agent");
    }
  }
}
