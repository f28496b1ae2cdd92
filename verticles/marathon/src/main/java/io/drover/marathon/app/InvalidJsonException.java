package io.drover.marathon.app;

/** A request body that is not JSON Drover can read: malformed, truncated, not UTF-8, too deep (HTTP 400). */
public final class InvalidJsonException extends RuntimeException {

  public InvalidJsonException(String message) {
    super(message);
  }
}
