package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppDefinition.KillSelection;
import io.drover.marathon.app.AppDefinition.UnreachableStrategy;
import io.drover.marathon.app.AppDefinition.UpgradeStrategy;
import io.drover.marathon.app.HealthCheckDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.app.ReadinessCheck;
import io.drover.protocol.TaskState;
import io.drover.resources.Attributes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Apps and their tasks from readable one-liners, times in seconds.
 *
 * <p>{@code app("/web x3 config=v2 health ready upgrade=0.5/0 unreachable=60/120 oldest-first backoff=1/2/300")}
 * is /web with 3 instances at configuration version v2, a health check (which kills after 3 failures;
 * {@code health=0} never kills), a readiness check,
 * minimumHealthCapacity 0.5 and maximumOverCapacity 0, inactive after 60 s and expunged after 120 s
 * when unreachable (or {@code unreachable=off}), killing the oldest first, backoff 1 s times 2 up to
 * 300 s. Defaults: 1 instance, config v1, no checks, upgrade 1/1, unreachable 0/0, youngest first.
 *
 * <p>{@code tasks("t1 v1 running healthy started@10, t2 v2 staging, t3 v1 unreachable@0 dying")}:
 * per task its id, configuration version, state ({@code staging}, {@code starting}, {@code running},
 * {@code killing} or {@code unreachable@s}), then any of {@code healthy}, {@code unhealthy},
 * {@code ready}, {@code dying} (a kill was asked for), {@code staged@s}, {@code started@s},
 * {@code on=agent-2} (its agent; agent-1 by default). A running
 * task without {@code started@s} started when it was staged (0 by default).
 */
final class Fleet {

  private Fleet() {
  }

  static AppDefinition app(String spec) {
    String[] words = spec.trim().split("\\s+");
    PathId id = PathId.parse(words[0]);
    int instances = 1;
    String config = "v1";
    List<HealthCheckDefinition> health = List.of();
    List<ReadinessCheck> readiness = List.of();
    UpgradeStrategy upgrade = UpgradeStrategy.DEFAULT;
    UnreachableStrategy unreachable = UnreachableStrategy.DEFAULT;
    KillSelection killSelection = KillSelection.YOUNGEST_FIRST;
    double[] backoff = {AppDefinition.DEFAULT_BACKOFF_SECONDS, AppDefinition.DEFAULT_BACKOFF_FACTOR,
      AppDefinition.DEFAULT_MAX_LAUNCH_DELAY_SECONDS};
    for (int i = 1; i < words.length; i++) {
      String word = words[i];
      if (word.matches("x\\d+")) {
        instances = Integer.parseInt(word.substring(1));
      } else if (word.startsWith("config=")) {
        config = value(word);
      } else if (word.equals("health") || word.startsWith("health=")) {
        int maxFailures = word.equals("health") ? 3 : Integer.parseInt(value(word));
        health = List.of(new HealthCheckDefinition(HealthCheckDefinition.Protocol.HTTP, "/", 0, null, null,
          300, 60, 20, maxFailures, false, 15));
      } else if (word.equals("ready")) {
        readiness = List.of(new ReadinessCheck("ready", "HTTP", "/ready", null, 30, 10, List.of(200), false));
      } else if (word.startsWith("upgrade=")) {
        double[] fractions = numbers(value(word));
        upgrade = new UpgradeStrategy(fractions[0], fractions[1]);
      } else if (word.equals("unreachable=off")) {
        unreachable = UnreachableStrategy.DISABLED;
      } else if (word.startsWith("unreachable=")) {
        double[] seconds = numbers(value(word));
        unreachable = new UnreachableStrategy(true, (long) seconds[0], (long) seconds[1]);
      } else if (word.equals("oldest-first")) {
        killSelection = KillSelection.OLDEST_FIRST;
      } else if (word.startsWith("backoff=")) {
        backoff = numbers(value(word));
      } else {
        throw new IllegalArgumentException("cannot read '" + word + "' in " + spec);
      }
    }
    return new AppDefinition(id, "sleep 1000", List.of(), null, Map.of(), instances, 0.1, 32, 0, List.of(),
      List.of(), null, List.of(), false, health, readiness, List.of(), upgrade, Map.of(), backoff[0], backoff[1],
      backoff[2], killSelection, unreachable, null, config, new AppDefinition.VersionInfo(config, config));
  }

  /** The tasks of {@code /web}, in the order written. */
  static List<Instance> tasks(String spec) {
    List<Instance> tasks = new ArrayList<>();
    for (String one : spec.split(",")) {
      tasks.add(task(one));
    }
    return tasks;
  }

  static Instance task(String spec) {
    String[] words = spec.trim().split("\\s+");
    String config = words[1];
    long stagedAt = 0;
    Long startedAt = null;
    String agent = "agent-1";
    for (String word : words) {
      if (word.startsWith("on=")) {
        agent = value(word);
      } else if (word.startsWith("staged@")) {
        stagedAt = ms(word);
      } else if (word.startsWith("started@")) {
        startedAt = ms(word);
      }
    }
    Instance task = new Instance(words[0], PathId.parse("/web"), "*", config, config, agent, "host-" + agent,
      Attributes.EMPTY, List.of(31000), List.of(), stagedAt);
    for (int i = 2; i < words.length; i++) {
      String word = words[i];
      switch (word) {
        case "staging" -> task.state = TaskState.TASK_STAGING;
        case "starting" -> task.state = TaskState.TASK_STARTING;
        case "running" -> {
          task.state = TaskState.TASK_RUNNING;
          task.startedAtMs = startedAt == null ? stagedAt : startedAt;
        }
        case "killing" -> {
          task.state = TaskState.TASK_KILLING;
          task.killRequested = true;
        }
        case "healthy" -> task.healthy = true;
        case "unhealthy" -> task.healthy = false;
        case "ready" -> task.ready = true;
        case "dying" -> task.killRequested = true;
        default -> {
          if (word.startsWith("unreachable@")) {
            task.state = TaskState.TASK_UNREACHABLE;
            task.unreachableSinceMs = ms(word);
          } else if (!word.startsWith("staged@") && !word.startsWith("started@") && !word.startsWith("on=")) {
            throw new IllegalArgumentException("cannot read '" + word + "' in " + spec);
          }
        }
      }
    }
    return task;
  }

  /** Seconds, as the clock's epoch millis. */
  static long at(double seconds) {
    return Math.round(seconds * 1000);
  }

  private static String value(String word) {
    return word.substring(word.indexOf('=') + 1);
  }

  private static double[] numbers(String slashed) {
    return Arrays.stream(slashed.split("/")).mapToDouble(Double::parseDouble).toArray();
  }

  private static long ms(String word) {
    return at(Double.parseDouble(word.substring(word.indexOf('@') + 1)));
  }
}
