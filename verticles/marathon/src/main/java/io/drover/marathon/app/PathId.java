package io.drover.marathon.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Marathon path id such as {@code /prod/db/postgres}: groups, then the app. Relative ids are
 * resolved against a base group; {@code .} and {@code ..} are not allowed in stored ids.
 */
public record PathId(List<String> segments) implements Comparable<PathId> {

  public static final PathId ROOT = new PathId(List.of());

  public PathId {
    segments = List.copyOf(segments);
  }

  /** Splits an id at '/', dropping empty segments (clients send {@code //group/app}). */
  public static PathId parse(String text) {
    List<String> parts = new ArrayList<>();
    for (String part : text.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return new PathId(parts);
  }

  /** Resolves {@code text} against {@code base} when it does not start with '/'. */
  public static PathId parse(String text, PathId base) {
    return text.startsWith("/") ? parse(text) : base.append(parse(text));
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  public PathId parent() {
    return isRoot() ? this : new PathId(segments.subList(0, segments.size() - 1));
  }

  public PathId append(PathId relative) {
    List<String> parts = new ArrayList<>(segments);
    parts.addAll(relative.segments);
    return new PathId(parts);
  }

  /** True for this id itself and every id below it. */
  public boolean includes(PathId other) {
    return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
  }

  /**
   * The id as Marathon names an app's Mesos tasks, its segments reversed and dot-joined:
   * {@code /prod/web} becomes {@code web.prod}, so mesos-dns makes {@code web.prod.marathon.mesos}.
   */
  public String hostname() {
    List<String> reversed = new ArrayList<>(segments);
    Collections.reverse(reversed);
    return String.join(".", reversed);
  }

  /** The id in task-id form: {@code /prod/db} becomes {@code prod_db}. */
  public String safeName() {
    return String.join("_", segments);
  }

  @Override
  public int compareTo(PathId o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return "/" + String.join("/", segments);
  }
}
