package io.drover.master.state;

import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.TaskInfo;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The master's soft state of tasks (DESIGN §5): rebuilt from agents when they re-register, never
 * written to ZooKeeper. A terminal state is final; terminal tasks move to a bounded history.
 */
public final class TaskBook {

  /** How many finished tasks the master remembers, as Mesos's {@code max_completed_tasks_per_framework}. */
  public static final int COMPLETED_TASKS_KEPT = 1_000;

  /** A task, its latest state and the states it went through. */
  public static final class Task {
    private final TaskInfo info;
    private final double knownSince = System.currentTimeMillis() / 1000.0;
    private final List<TaskStatus> history = new ArrayList<>();
    private TaskStatus latest;

    Task(TaskInfo info, TaskStatus latest) {
      this.info = info;
      update(latest);
    }

    private void update(TaskStatus status) {
      // one entry per state reached (Mesos's statuses): a health report in the same state only
      // refreshes that entry, so a long-running task's history stays short
      if (latest != null && latest.getState() == status.getState()) {
        history.set(history.size() - 1, status);
      } else {
        if (!history.isEmpty()) {
          history.set(history.size() - 1, TaskMemory.settled(history.get(history.size() - 1)));
        }
        history.add(status);
      }
      latest = status;
    }

    /** The task's states as it reached them, oldest first, the latest last. */
    public List<TaskStatus> statuses() {
      return List.copyOf(history);
    }

    /** When this master learnt of the task (its launch, or its agent's report after a failover), in epoch seconds. */
    public double knownSince() {
      return knownSince;
    }

    public TaskInfo info() {
      return info;
    }

    public TaskStatus latest() {
      return latest;
    }

    public TaskState state() {
      return latest.getState();
    }

    public String agentId() {
      return info.getAgentId();
    }

    public String frameworkId() {
      return info.getFrameworkId();
    }
  }

  /** What applying an update did. */
  public enum Applied {
    /** The task moved to the update's state. */
    CHANGED,
    /** The update was seen before (same uuid), or tells the state the task has already. */
    DUPLICATE,
    /** The task ended already with another update; a terminal state is never overwritten. */
    STALE,
    /** No such task. */
    UNKNOWN
  }

  private final Map<String, Task> active = new LinkedHashMap<>();
  private final Map<String, Resources> usedByAgent = new HashMap<>();
  private final Map<String, Map<String, Resources>> usedByFramework = new HashMap<>();
  /** What the active tasks hold of their roles' reservations, per agent. */
  private final Map<String, Reservations> usedReservedByAgent = new HashMap<>();
  /** Active tasks per framework executor on an agent: an executor holds its resources while it has any. */
  private final Map<String, Integer> executorTasks = new HashMap<>();
  private final Deque<Task> completed = new ArrayDeque<>();
  private final Map<TaskState, Long> terminalCounts = new EnumMap<>(TaskState.class);
  private Listener changed = (task, added) -> { };

  /** Told of every task that appears or changes state, once per change. */
  public interface Listener {
    /** @param added the task is new to this master (launched, or learnt from its agent) */
    void changed(Task task, boolean added);
  }

  /** Tells {@code listener} of every task that appears or changes state (dashboards and operators follow it). */
  public void onChange(Listener listener) {
    this.changed = listener;
  }

  public void launch(TaskInfo info, TaskStatus staging) {
    TaskInfo kept = TaskMemory.compact(info);
    Task task = new Task(kept, TaskMemory.compact(staging, kept));
    activate(TaskInfo.key(info.getFrameworkId(), info.getTaskId()), task);
    changed.changed(task, true);
  }

  public boolean isActive(String frameworkId, String taskId) {
    return active.containsKey(TaskInfo.key(frameworkId, taskId));
  }

  /** The task, active or recently completed. */
  public Optional<Task> find(String frameworkId, String taskId) {
    Task task = active.get(TaskInfo.key(frameworkId, taskId));
    if (task != null) {
      return Optional.of(task);
    }
    return completed.stream()
      .filter(t -> t.frameworkId().equals(frameworkId) && t.info().getTaskId().equals(taskId)).findFirst();
  }

  /** A task by its id alone (ids are unique in practice; the first match wins), active or recently completed. */
  public Optional<Task> findById(String taskId) {
    return Stream.concat(active.values().stream(), completed.stream())
      .filter(t -> t.info().getTaskId().equals(taskId)).findFirst();
  }

  /** Applies an update: a terminal state is never overwritten, and ends the task's active life. */
  public Applied apply(TaskStatus status) {
    String key = TaskInfo.key(status.getFrameworkId(), status.getTaskId());
    Task task = active.get(key);
    if (task == null) {
      Optional<Task> ended = find(status.getFrameworkId(), status.getTaskId());
      if (ended.isEmpty()) {
        return Applied.UNKNOWN;
      }
      return sameUpdate(ended.get().latest, status) ? Applied.DUPLICATE : Applied.STALE;
    }
    if (sameUpdate(task.latest, status)) {
      return Applied.DUPLICATE;
    }
    task.update(TaskMemory.compact(status, task.info));
    if (status.getState().isTerminal()) {
      deactivate(key, task);
      complete(task);
    }
    changed.changed(task, false);
    return Applied.CHANGED;
  }

  private static boolean sameUpdate(TaskStatus known, TaskStatus update) {
    return update.getUuid() == null ? known.getState() == update.getState() : update.getUuid().equals(known.getUuid());
  }

  private void complete(Task task) {
    terminalCounts.merge(task.state(), 1L, Long::sum);
    completed.addFirst(task);
    if (completed.size() > COMPLETED_TASKS_KEPT) {
      completed.removeLast();
    }
  }

  /**
   * Replaces what the master believes runs on an agent with what the agent reports, and returns
   * the tasks the master had there that the agent no longer knows. A task still staging since
   * after {@code launchedBeforeMs} is left out: its launch may simply not have arrived yet.
   */
  public List<Task> reconcileAgent(String agentId, List<TaskInfo> tasks, List<TaskStatus> statuses,
                                   long launchedBeforeMs) {
    Map<String, TaskStatus> latest = new HashMap<>();
    statuses.forEach(s -> latest.put(TaskInfo.key(s.getFrameworkId(), s.getTaskId()), s));
    Set<String> reported = new java.util.HashSet<>();
    for (TaskInfo info : tasks) {
      String key = TaskInfo.key(info.getFrameworkId(), info.getTaskId());
      reported.add(key);
      TaskStatus status = latest.get(key);
      if (status == null || status.getState().isTerminal()) {
        continue;
      }
      Task known = active.get(key);
      if (known != null) {
        boolean moved = known.latest.getState() != status.getState();
        known.update(TaskMemory.compact(status, known.info));
        if (moved) {
          changed.changed(known, false);
        }
      } else if (find(info.getFrameworkId(), info.getTaskId()).isEmpty()) {
        TaskInfo kept = TaskMemory.compact(info);
        Task learnt = new Task(kept, TaskMemory.compact(status, kept));
        activate(key, learnt);
        changed.changed(learnt, true);
      }
      // a task that already ended here stays ended: its updates are stale and get it killed
    }
    List<Task> missing = new ArrayList<>();
    for (Task task : List.copyOf(active.values())) {
      String key = TaskInfo.key(task.frameworkId(), task.info().getTaskId());
      boolean launching = task.state() == TaskState.TASK_STAGING
        && task.latest.getTimestamp() * 1000 > launchedBeforeMs;
      if (agentId.equals(task.agentId()) && !reported.contains(key) && !launching) {
        missing.add(task);
      }
    }
    return missing;
  }

  public Collection<Task> active() {
    return active.values();
  }

  public Collection<Task> completed() {
    return completed;
  }

  public List<Task> onAgent(String agentId) {
    return active.values().stream().filter(t -> agentId.equals(t.agentId())).toList();
  }

  /** The ids of the persistent volumes the agent's tasks use that have not ended. */
  public Set<String> volumesInUse(String agentId) {
    Set<String> ids = new HashSet<>();
    onAgent(agentId).stream().filter(t -> !t.state().isTerminal())
      .forEach(t -> t.info().getVolumes().forEach(v -> ids.add(v.id())));
    return ids;
  }

  public List<Task> ofFramework(String frameworkId) {
    return active.values().stream().filter(t -> frameworkId.equals(t.frameworkId())).toList();
  }

  /** What the active tasks use, per agent; kept as tasks come and go (the allocator reads it every pass). */
  public Map<String, Resources> usedByAgent() {
    return Collections.unmodifiableMap(usedByAgent);
  }

  /**
   * The cpus, mem and disk the active tasks use, per framework and within it per role the tasks were
   * allocated to; kept as tasks come and go. Ports are left out: tasks of one framework on different
   * agents often have the same port numbers, which a sum of sets would merge.
   */
  public Map<String, Map<String, Resources>> usedByFramework() {
    return Collections.unmodifiableMap(usedByFramework);
  }

  /** What the active tasks hold of their roles' reservations, per agent; kept as tasks come and go. */
  public Map<String, Reservations> usedReservedByAgent() {
    return Collections.unmodifiableMap(usedReservedByAgent);
  }

  private void activate(String key, Task task) {
    active.put(key, task);
    Resources held = task.info().resources();
    if (task.info().getExecutor() != null && executorTasks.merge(executorKey(task), 1, Integer::sum) == 1) {
      held = held.plus(task.info().getExecutor().resources());
    }
    usedByAgent.merge(task.agentId(), held, Resources::plus);
    usedByFramework.computeIfAbsent(task.frameworkId(), id -> new HashMap<>())
      .merge(task.info().getRole(), held.scalarsOnly(), Resources::plus);
    if (!task.info().getReserved().isEmpty()) {
      usedReservedByAgent.merge(task.agentId(), Reservations.NONE.plus(task.info().getRole(), task.info().getReserved()),
        Reservations::plus);
    }
  }

  private void deactivate(String key, Task task) {
    active.remove(key);
    Resources released = task.info().resources();
    if (task.info().getExecutor() != null
      && executorTasks.computeIfPresent(executorKey(task), (k, n) -> n > 1 ? n - 1 : null) == null) {
      released = released.plus(task.info().getExecutor().resources());
    }
    Resources held = usedByAgent.getOrDefault(task.agentId(), Resources.EMPTY);
    if (held.contains(released)) {
      usedByAgent.put(task.agentId(), held.minus(released));
    } else {
      // ranges add as sets: two tasks adopted on one port of an agent (after a failover) hold it
      // once, and the first to end gave it back already. Count that agent afresh rather than throw.
      usedByAgent.put(task.agentId(), usedOn(task.agentId()));
    }
    usedByAgent.remove(task.agentId(), Resources.EMPTY);
    Resources reserved = task.info().getReserved();
    usedReservedByAgent.computeIfPresent(task.agentId(), (agent, used) -> {
      Resources left = used.of(task.info().getRole());
      // as for the agent's total: tasks adopted twice on one reserved port give it back once
      Reservations rest = left.contains(reserved) ? used.minus(task.info().getRole(), reserved)
        : used.minus(task.info().getRole(), left);
      return rest.isEmpty() ? null : rest;
    });
    Resources releasedScalars = released.scalarsOnly();
    usedByFramework.computeIfPresent(task.frameworkId(), (id, byRole) -> {
      byRole.computeIfPresent(task.info().getRole(), (role, used) -> {
        Resources left = used.minus(releasedScalars);
        return left.isEmpty() ? null : left;
      });
      return byRole.isEmpty() ? null : byRole;
    });
  }

  /** Whether the framework's executor has active tasks on the agent, and so holds its resources there. */
  public boolean executorActive(String agentId, String frameworkId, String executorId) {
    return executorTasks.containsKey(agentId + "/" + ExecutorInfo.key(frameworkId, executorId));
  }

  private static String executorKey(Task task) {
    return task.agentId() + "/" + ExecutorInfo.key(task.frameworkId(), task.info().getExecutor().getExecutorId());
  }

  /** What the active tasks on an agent and their executors hold, counted afresh. */
  private Resources usedOn(String agentId) {
    Resources used = Resources.EMPTY;
    Set<String> executors = new HashSet<>();
    for (Task task : onAgent(agentId)) {
      used = used.plus(task.info().resources());
      if (task.info().getExecutor() != null && executors.add(executorKey(task))) {
        used = used.plus(task.info().getExecutor().resources());
      }
    }
    return used;
  }


  /** Active tasks by state plus every terminal state reached so far. */
  public Map<TaskState, Long> countsByState() {
    Map<TaskState, Long> counts = new EnumMap<>(terminalCounts);
    active.values().forEach(t -> counts.merge(t.state(), 1L, Long::sum));
    return counts;
  }
}
