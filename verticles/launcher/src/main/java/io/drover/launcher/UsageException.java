package io.drover.launcher;

/** A mistake on the command line or in configuration: reported as one line, exit status 2. */
final class UsageException extends RuntimeException {

  UsageException(String message) {
    super(message);
  }
}
