package io.drover.marathon.app;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one request body, so the client hears about all of them at once. */
final class Violations {

  private final List<Violation> found = new ArrayList<>();

  void add(String path, String error) {
    found.add(new Violation(path, error));
  }

  /** A Marathon field Drover rejects; {@code tableKey} is its row in {@link UnsupportedFields#table()}. */
  void unsupported(String path, String tableKey) {
    add(path, UnsupportedFields.error(tableKey));
  }

  int count() {
    return found.size();
  }

  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }
}
