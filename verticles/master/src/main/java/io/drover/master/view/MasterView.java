package io.drover.master.view;

import io.drover.allocator.NotOffered;
import io.drover.allocator.RoleQuota;
import io.drover.master.state.MasterState;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a master shows its readers ({@code /master/state}, {@code /metrics/snapshot}), taken at one
 * moment on the master's context: nothing in it changes after, so it may be rendered anywhere.
 *
 * @param leader the leading master as this one knows it, itself included
 * @param term this master's own term while it leads, else empty
 * @param notOffered why the allocator's last pass offered a framework nothing (leader only)
 * @param masters every live master listed in ZooKeeper
 * @param tasks the active tasks
 * @param completed the finished tasks the master remembers
 * @param taskCounts active tasks by state plus every terminal state reached so far
 * @param counters the master's message counters and timers by metric name
 * @param flags the master's configuration as Mesos's {@code /flags} lists it
 * @param weights the roles' weights set by flag or update (leader only; a standby knows the flag's)
 * @param quotas the roles' quotas (leader only)
 */
public record MasterView(String masterId, String hostname, double startTime, Optional<LeaderInfo> leader,
                         Optional<LeaderInfo> term, Map<String, NotOffered> notOffered, List<LeaderInfo> masters,
                         List<AgentView> agents, List<FrameworkView> frameworks, List<TaskView> tasks,
                         List<TaskView> completed, List<Offer> offers, Map<TaskState, Long> taskCounts,
                         Map<String, Number> counters, Map<String, String> flags, Map<String, Double> weights,
                         Map<String, RoleQuota> quotas) {

  public MasterView {
    notOffered = Collections.unmodifiableMap(new LinkedHashMap<>(notOffered));
    masters = List.copyOf(masters);
    agents = List.copyOf(agents);
    frameworks = List.copyOf(frameworks);
    tasks = List.copyOf(tasks);
    completed = List.copyOf(completed);
    offers = List.copyOf(offers);
    taskCounts = Collections.unmodifiableMap(new EnumMap<>(taskCounts));
    counters = Map.copyOf(counters);
    flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
    weights = Collections.unmodifiableMap(new TreeMap<>(weights));
    quotas = Collections.unmodifiableMap(new TreeMap<>(quotas));
  }

  /** Takes the view of {@code state}, with the facts only the master verticle knows. */
  public static MasterView of(String masterId, String hostname, double startTime, Optional<LeaderInfo> leader,
                              Optional<LeaderInfo> term, Map<String, NotOffered> notOffered,
                              List<LeaderInfo> masters, MasterState state, Map<String, Number> counters,
                              Map<String, String> flags) {
    List<Offer> offers = List.copyOf(state.offers.all());
    Map<String, Resources> used = state.tasks.usedByAgent();
    Map<String, Resources> offered = new HashMap<>();
    offers.forEach(o -> offered.merge(o.getAgentId(), o.resources(), Resources::plus));
    List<AgentView> agents = state.agents.all().stream().map(a -> AgentView.of(a,
      used.getOrDefault(a.id(), Resources.EMPTY), offered.getOrDefault(a.id(), Resources.EMPTY))).toList();
    List<TaskView> tasks = state.tasks.active().stream().map(t -> TaskView.of(t, state.agents)).toList();
    Map<String, List<TaskView>> tasksByFramework = tasks.stream()
      .collect(Collectors.groupingBy(TaskView::frameworkId));
    Map<String, List<Offer>> offersByFramework = offers.stream().collect(Collectors.groupingBy(Offer::getFrameworkId));
    List<FrameworkView> frameworks = state.frameworks.all().stream().map(f -> FrameworkView.of(f,
      tasksByFramework.getOrDefault(f.id(), List.of()), offersByFramework.getOrDefault(f.id(), List.of()))).toList();
    List<TaskView> completed = state.tasks.completed().stream().map(t -> TaskView.of(t, state.agents)).toList();
    return new MasterView(masterId, hostname, startTime, leader, term, notOffered, masters, agents, frameworks,
      tasks, completed, offers, state.tasks.countsByState(), counters, flags, state.weights.all(),
      state.quotas.all());
  }

  /** The roles with a weight, a framework, a task or an offer, and their parents, by name. */
  public List<RoleView> roles() {
    return RoleView.of(weights, quotas, frameworks, tasks, offers);
  }

  /** True while this master leads. */
  public boolean elected() {
    return term.isPresent();
  }

  /** An active or a remembered finished task. */
  public Optional<TaskView> task(String taskId) {
    return Stream.concat(tasks.stream(), completed.stream())
      .filter(t -> t.id().equals(taskId)).findFirst();
  }

  public Optional<AgentView> agent(String agentId) {
    return agents.stream().filter(a -> a.id().equals(agentId)).findFirst();
  }
}
