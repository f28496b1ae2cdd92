package io.drover.agent;

import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskStatus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An agent's outgoing status updates (Mesos's status update manager): per task (keyed by {@link HostedTask#key}), in order, one in
 * flight at a time; the head is resent with backoff until the framework acknowledges its uuid.
 */
final class StatusUpdateStream {

  static final long INITIAL_BACKOFF_MS = 1_000;
  static final long MAX_BACKOFF_MS = 10_000;

  private static final class Pending {
    final Deque<TaskStatus> updates = new ArrayDeque<>();
    long nextSendMs;
    long backoffMs = INITIAL_BACKOFF_MS;
  }

  private final Map<String, Pending> streams = new LinkedHashMap<>();
  private final Consumer<TaskStatus> sender;

  StatusUpdateStream(Consumer<TaskStatus> sender) {
    this.sender = sender;
  }

  void add(TaskStatus update, long nowMs) {
    Pending pending = streams.computeIfAbsent(TaskInfo.key(update.getFrameworkId(), update.getTaskId()),
      key -> new Pending());
    pending.updates.addLast(update);
    if (pending.updates.size() == 1) {
      send(pending, nowMs);
    }
  }

  /**
   * Takes an acknowledgement. Returns the acknowledged update when it was the task's head, which
   * lets the next one go; anything else (a duplicate or late acknowledgement) returns null.
   */
  TaskStatus acknowledge(String taskKey, String uuid, long nowMs) {
    Pending pending = streams.get(taskKey);
    if (pending == null || !pending.updates.peekFirst().getUuid().equals(uuid)) {
      return null;
    }
    TaskStatus acknowledged = pending.updates.removeFirst();
    if (pending.updates.isEmpty()) {
      streams.remove(taskKey);
    } else {
      pending.backoffMs = INITIAL_BACKOFF_MS;
      send(pending, nowMs);
    }
    return acknowledged;
  }

  /** Resends every head whose backoff has passed. */
  void resendDue(long nowMs) {
    for (Pending pending : streams.values()) {
      if (pending.nextSendMs <= nowMs) {
        pending.backoffMs = Math.min(pending.backoffMs * 2, MAX_BACKOFF_MS);
        send(pending, nowMs);
      }
    }
  }

  /** Resends every head now (a new leader knows none of them). */
  void resendAll(long nowMs) {
    for (Pending pending : streams.values()) {
      pending.backoffMs = INITIAL_BACKOFF_MS;
      send(pending, nowMs);
    }
  }

  boolean pending(String taskKey) {
    return streams.containsKey(taskKey);
  }

  int size() {
    return streams.values().stream().mapToInt(p -> p.updates.size()).sum();
  }

  private void send(Pending pending, long nowMs) {
    pending.nextSendMs = nowMs + pending.backoffMs;
    sender.accept(pending.updates.peekFirst());
  }
}
