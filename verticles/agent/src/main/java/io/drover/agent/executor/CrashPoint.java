package io.drover.agent.executor;

import java.util.Set;
import java.util.logging.Logger;

/**
 * A testing aid, off by default ({@code --fault-crash-at}): the agent process halts at a named step
 * of a launch, as a {@code kill -9} there would, to show that recovery closes that window. Never
 * turn it on in production.
 */
public final class CrashPoint {

  /** The task's process exists; its pid is not recorded yet. */
  public static final String AFTER_SPAWN = "after-spawn";
  /** The task's container exists; its id is not recorded yet. */
  public static final String AFTER_CONTAINER_CREATE = "after-container-create";
  private static final Set<String> POINTS = Set.of(AFTER_SPAWN, AFTER_CONTAINER_CREATE);
  private static final Logger LOG = Logger.getLogger(CrashPoint.class.getName());
  private static volatile String armed = "";

  private CrashPoint() {
  }

  /** Arms {@code point} ("" for none); an unknown one throws, naming the known ones. */
  public static void arm(String point) {
    if (!point.isEmpty() && !POINTS.contains(point)) {
      throw new IllegalArgumentException("--fault-crash-at: " + point + " is none of " + POINTS);
    }
    if (!point.isEmpty()) {
      LOG.warning("FAULT INJECTION ON: the agent halts " + point);
    }
    armed = point;
  }

  static void reach(String point) {
    if (point.equals(armed)) {
      LOG.severe("FAULT INJECTION: halting " + point);
      Runtime.getRuntime().halt(137);
    }
  }
}
