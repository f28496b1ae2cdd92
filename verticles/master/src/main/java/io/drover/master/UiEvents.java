package io.drover.master;

import io.drover.common.Addresses;
import io.drover.common.Batcher;
import io.drover.master.mesos.OperatorEvents;
import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.FrameworkRegistry.Framework;
import io.drover.master.state.MasterState;
import io.drover.master.state.TaskBook.Task;
import io.drover.master.view.AgentView;
import io.drover.master.view.FrameworkView;
import io.drover.master.view.TaskView;
import io.drover.protocol.FrameworkInfo;
import io.drover.protocol.LeaderInfo;
import io.drover.protocol.Offer;
import io.drover.resources.Resources;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Publishes what happens in the cluster on {@code drover.ui.<topic>} for dashboards. Agents, tasks and
 * frameworks go out whole, in the shapes of {@code /master/state}, so a dashboard only upserts them.
 * Only a leader in its term speaks about them: standbys keep a warm view, but it is not theirs to show.
 * The same changes go to the operator API's subscribers through {@link OperatorEvents}.
 */
public final class UiEvents {

  private final Vertx vertx;
  private final MasterState state;
  private final BooleanSupplier leading;
  private final OperatorEvents operators;
  private final ClusterHistory history;
  /**
   * Tasks and offers change thousands of times a second while apps scale: a dashboard gets them
   * gathered for this long, each task once in its latest state, in one message per topic.
   */
  static final long WINDOW_MS = 50;
  private final Batcher<String, Task> tasks;
  private final Batcher<String, JsonObject> offers;

  UiEvents(Vertx vertx, MasterState state, BooleanSupplier leading, OperatorEvents operators, ClusterHistory history) {
    this.vertx = vertx;
    this.history = history;
    this.state = state;
    this.leading = leading;
    this.operators = operators;
    Context context = vertx.getOrCreateContext();
    this.tasks = new Batcher<>(context, WINDOW_MS, Batcher.MAX_ITEMS, (topic, changed) -> publishTasks(changed));
    this.offers = new Batcher<>(context, WINDOW_MS, Batcher.MAX_ITEMS, this::publishAll);
    state.tasks.onChange(this::task);
  }

  void leader(LeaderInfo leader) {
    vertx.eventBus().publish(Addresses.ui("leader"), stamped(leader.toJson(), UiChange.ELECTED));
  }

  void steppedDown(String masterId) {
    vertx.eventBus().publish(Addresses.ui("leader"),
      stamped(new SteppedDown(masterId).toJson(), UiChange.STEPPED_DOWN));
  }

  /**
   * {@code change}: registered, unreachable, or updated (its reservations, its deactivation or drain,
   * or its machine's maintenance mode changed: Mesos's operator API has no event for those, so only
   * dashboards hear of them).
   */
  void agent(Agent agent, UiChange change) {
    Resources used = state.tasks.usedByAgent().getOrDefault(agent.id(), Resources.EMPTY);
    AgentView view = AgentView.of(agent, used, Resources.EMPTY);
    publish("agents", view.toJson(), change);
    if (leading.getAsBoolean()) {
      if (change == UiChange.REGISTERED) {
        operators.agentAdded(view);
      } else if (change == UiChange.UNREACHABLE) {
        operators.agentRemoved(agent.id());
      }
    }
  }

  void agentRemoved(String agentId) {
    publish("agents", new Removed(agentId).toJson(), UiChange.REMOVED);
    if (leading.getAsBoolean()) {
      operators.agentRemoved(agentId);
    }
  }

  /** A task appeared or changed state (the task book says so once per change). */
  private void task(Task task, boolean added) {
    if (!leading.getAsBoolean()) {
      return;
    }
    tasks.add("tasks", task);
    if (added) {
      history.launched();
    }
    if (operators.subscribed()) {
      TaskView view = TaskView.of(task, state.agents);
      if (added) {
        operators.taskAdded(view);
      } else {
        operators.taskUpdated(view);
      }
    }
  }

  /** The tasks that changed in the last window, each once, as it is now. */
  private void publishTasks(List<Task> changed) {
    Map<String, Task> latest = new LinkedHashMap<>();
    changed.forEach(task -> latest.put(task.info().key(), task));
    publishAll("tasks", latest.values().stream()
      .map(task -> stamped(TaskView.of(task, state.agents).toJson(), UiChange.UPDATED)).toList());
  }

  /** {@code change}: created, accepted, declined or rescinded. */
  public void offer(Offer offer, UiChange change) {
    if (leading.getAsBoolean()) {
      offers.add("offers", stamped(offer.toJson(), change));
      if (change == UiChange.CREATED) {
        history.offered();
      }
    }
  }

  /** Several events of one topic in one message: {@code {"events": [...]}}, oldest first. */
  private void publishAll(String topic, List<JsonObject> events) {
    if (leading.getAsBoolean()) {
      vertx.eventBus().publish(Addresses.ui(topic), new JsonObject().put("events", new JsonArray(new ArrayList<>(events))));
    }
  }

  /** The leader's latest sample of the cluster, for the dashboards' charts. */
  void historySample(JsonObject sample) {
    if (leading.getAsBoolean()) {
      vertx.eventBus().publish(Addresses.ui("history"), sample);
    }
  }

  /** {@code change}: subscribed or disconnected. */
  public void framework(Framework framework, UiChange change) {
    List<TaskView> tasks = state.tasks.ofFramework(framework.id()).stream().map(t -> TaskView.of(t, state.agents))
      .toList();
    List<Offer> offers = state.offers.all().stream().filter(o -> o.getFrameworkId().equals(framework.id())).toList();
    FrameworkView view = FrameworkView.of(framework, tasks, offers);
    publish("frameworks", view.toJson(), change);
    if (leading.getAsBoolean()) {
      operators.frameworkChanged(view);
    }
  }

  void frameworkRemoved(FrameworkInfo framework) {
    publish("frameworks", new Removed(framework.getId()).toJson(), UiChange.REMOVED);
    if (leading.getAsBoolean()) {
      operators.frameworkRemoved(framework);
    }
  }

  private void publish(String topic, JsonObject subject, UiChange change) {
    if (leading.getAsBoolean()) {
      vertx.eventBus().publish(Addresses.ui(topic), stamped(subject, change));
    }
  }

  /** A view of what changed, with what happened to it and when. */
  private static JsonObject stamped(JsonObject subject, UiChange change) {
    return subject.put("event", change.wireName()).put("timestamp", System.currentTimeMillis() / 1000.0);
  }

  /** An agent or framework gone: only its id is left to say. */
  private record Removed(String id) {
    JsonObject toJson() {
      return new JsonObject().put("id", id);
    }
  }

  /** A master that no longer leads. */
  private record SteppedDown(String masterId) {
    JsonObject toJson() {
      return new JsonObject().put("master_id", masterId);
    }
  }
}
