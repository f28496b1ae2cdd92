package io.drover.marathon.core;

import io.drover.marathon.app.PathId;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Everything the leading scheduler holds in memory; used from its context only. */
final class MarathonState {

  final AppBook apps = new AppBook();
  final InstanceBook instances = new InstanceBook();
  final LaunchQueue queue = new LaunchQueue();
  final LaunchTraces traces = new LaunchTraces();
  final Deployments deployments;
  /** Each app's last task that ended without being asked to (Marathon's {@code lastTaskFailure}). */
  final Map<PathId, TaskFailure> lastFailures = new HashMap<>();
  String frameworkId;
  /** The callback URLs of {@code /v2/eventSubscriptions}, in the order they came. */
  final Set<String> callbackUrls = new LinkedHashSet<>();
  /** False until the tasks a former leader left are known again: before that, nothing launches. */
  boolean recovered;

  MarathonState(Deployments deployments) {
    this.deployments = deployments;
  }
}
