package io.drover.marathon.app;

import java.util.List;

/** A check a new task must pass before a deployment counts it as ready. */
public record ReadinessCheck(String name, String protocol, String path, String portName, int intervalSeconds,
                             int timeoutSeconds, List<Integer> httpStatusCodesForReady,
                             boolean preserveLastResponse) {

  public ReadinessCheck {
    httpStatusCodesForReady = List.copyOf(httpStatusCodesForReady);
  }
}
