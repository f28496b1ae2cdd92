package io.drover.marathon.core;

import io.drover.marathon.app.PathId;
import io.drover.protocol.TaskState;

/**
 * An app's last task that ended without being asked to (Marathon's {@code lastTaskFailure}).
 *
 * @param message what the last status update said, "" when nothing
 * @param atMs    when it ended, epoch millis
 */
public record TaskFailure(PathId appId, String taskId, TaskState state, String message, String host,
                          String agentId, String version, long atMs) {
}
