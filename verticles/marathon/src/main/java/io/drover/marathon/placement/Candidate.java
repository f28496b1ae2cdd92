package io.drover.marathon.placement;

import java.util.Objects;

/**
 * An instance that could be killed when its app scales down.
 *
 * @param running     whether it reached RUNNING (false while staging or starting)
 * @param healthy     its health checks' verdict, null when it has none or none answered yet
 * @param startedAtMs when it started running, or was staged when not running yet
 */
public record Candidate(String taskId, boolean running, Boolean healthy, long startedAtMs) {

  public Candidate {
    Objects.requireNonNull(taskId, "taskId");
  }
}
