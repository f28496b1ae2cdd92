package io.drover.marathon.app;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads Marathon path ids from request bodies: resolves relative ids and checks Marathon's naming rules. */
final class PathIdReader {

  /** Marathon's rule for one segment of an id: lowercase DNS-like labels separated by dots. */
  static final String SEGMENT_REGEX =
    "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$";

  /**
   * Drover's limit on a whole id: Marathon sets none, but ids end up in task ids, ZooKeeper node
   * names and container names.
   */
  static final int MAX_ID_LENGTH = 255;

  private static final Pattern SEGMENT = Pattern.compile(SEGMENT_REGEX);

  private PathIdReader() {
  }

  /**
   * Resolves {@code text} against {@code base} unless it starts with '/'. Relative ids may use
   * {@code .} and {@code ..} (as Marathon group bodies do, e.g. a dependency on {@code ../db});
   * absolute ids may not. Returns null after recording a violation.
   */
  static PathId read(String text, PathId base, String path, Violations violations) {
    if (text.isBlank()) {
      violations.add(path, "must not be empty");
      return null;
    }
    boolean absolute = text.startsWith("/");
    // clients send //group/app for /group/app; an empty segment anywhere else is a mistake
    if (text.replaceFirst("^/+", "").contains("//")) {
      violations.add(path, "must not contain '//' inside the id");
      return null;
    }
    List<String> segments = new ArrayList<>(absolute ? List.of() : base.segments());
    int before = violations.count();
    for (String part : text.split("/")) {
      if (part.isEmpty()) {
        continue; // the leading slashes, or a trailing one
      }
      if (part.equals(".") || part.equals("..")) {
        if (absolute) {
          violations.add(path, "must not contain '.' or '..' segments in an absolute id");
        } else if (part.equals("..")) {
          if (segments.isEmpty()) {
            violations.add(path, "'" + text + "' goes above the root group from " + base);
          } else {
            segments.remove(segments.size() - 1);
          }
        }
      } else if (!SEGMENT.matcher(part).matches()) {
        violations.add(path, "'" + part + "' must fully match regular expression '" + SEGMENT_REGEX + "'");
      } else {
        segments.add(part);
      }
    }
    if (violations.count() > before) {
      return null;
    }
    PathId id = new PathId(segments);
    if (id.toString().length() > MAX_ID_LENGTH) {
      violations.add(path, "must be at most " + MAX_ID_LENGTH + " characters long");
      return null;
    }
    return id;
  }
}
