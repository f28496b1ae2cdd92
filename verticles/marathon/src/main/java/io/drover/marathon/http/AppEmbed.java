package io.drover.marathon.http;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an app's JSON may carry beyond its definition, and the {@code embed} query values that ask
 * for it, read as Marathon's {@code InfoEmbedResolver} reads them: with the prefix {@code app.},
 * {@code apps.} or {@code group.apps.}, or none; unknown values are ignored.
 */
enum AppEmbed {
  TASKS, COUNTS, DEPLOYMENTS, READINESS, LAST_TASK_FAILURE, TASK_STATS;

  private static final List<String> PREFIXES = List.of("group.apps.", "apps.", "app.");

  /** The embeds {@code values} ask for; each value may also be a comma-separated list. */
  static Set<AppEmbed> resolve(Collection<String> values) {
    Set<AppEmbed> embeds = EnumSet.noneOf(AppEmbed.class);
    for (String value : values) {
      for (String one : value.split(",")) {
        embeds.addAll(named(withoutPrefix(one.trim())));
      }
    }
    return embeds;
  }

  private static String withoutPrefix(String embed) {
    return PREFIXES.stream().filter(embed::startsWith).findFirst()
      .map(prefix -> embed.substring(prefix.length())).orElse(embed);
  }

  private static Set<AppEmbed> named(String name) {
    return switch (name) {
      // asking for tasks brings the deployments too, as in Marathon (deprecated there, relied on by clients)
      case "tasks" -> EnumSet.of(TASKS, DEPLOYMENTS);
      // Marathon's deprecated "failures" is tasks, last failure and deployments
      case "failures" -> EnumSet.of(TASKS, LAST_TASK_FAILURE, DEPLOYMENTS);
      case "deployments" -> EnumSet.of(DEPLOYMENTS);
      case "readiness" -> EnumSet.of(READINESS);
      case "lastTaskFailure" -> EnumSet.of(LAST_TASK_FAILURE);
      case "counts" -> EnumSet.of(COUNTS);
      case "taskStats" -> EnumSet.of(TASK_STATS);
      default -> EnumSet.noneOf(AppEmbed.class);
    };
  }
}
