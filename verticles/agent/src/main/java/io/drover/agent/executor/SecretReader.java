package io.drover.agent.executor;

/** The secrets an agent keeps ({@code --secrets-dir}), read by name where a task names one. */
@FunctionalInterface
public interface SecretReader {

  /**
   * The value of {@code secret}. Blocking.
   *
   * @param holder what names the secret (a variable, an image's pull config), for messages
   * @throws IllegalArgumentException naming the secret and its holder, never a value, when it cannot be read
   */
  String read(String secret, String holder);
}
