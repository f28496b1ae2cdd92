package io.drover.marathon.app;

import java.util.List;

/** A request body that is well-formed JSON but not a valid definition (HTTP 422). */
public final class ValidationException extends RuntimeException {

  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super("Object is not valid");
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
