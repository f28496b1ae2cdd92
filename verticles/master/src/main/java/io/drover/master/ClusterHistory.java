package io.drover.master;

import io.drover.master.state.AgentRegistry.Agent;
import io.drover.master.state.MasterState;
import io.drover.master.state.TaskBook.Task;
import io.drover.protocol.Offer;
import io.drover.protocol.TaskState;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The last hour of the cluster as the leader saw it, one sample every {@value #SAMPLE_MS} ms, for the
 * dashboard's charts: a page that connects reads it once ({@code /master/history}) and then follows
 * the samples live ({@code drover.ui.history}). A sample holds the reachable agents' cpus, mem and
 * disk (total, used by tasks, held in offers), the live tasks by state, and how many tasks were
 * launched and offers made since the sample before. Kept on the master's context.
 */
public final class ClusterHistory {

  /** How often the leader samples the cluster. */
  public static final long SAMPLE_MS = 5_000;
  /** One hour of samples. */
  public static final int SAMPLES_KEPT = (int) (3_600_000 / SAMPLE_MS);
  static final String[] SCALARS = {"cpus", "mem", "disk"};

  private final Deque<JsonObject> samples = new ArrayDeque<>();
  private long launched;
  private long offered;

  /** A task is new to the leader (launched, or learnt from its agent). */
  public void launched() {
    launched++;
  }

  /** The leader offered resources to a framework. */
  public void offered() {
    offered++;
  }

  /** A new term starts from nothing: what another leader saw is not this one's to tell. */
  public void clear() {
    samples.clear();
    launched = 0;
    offered = 0;
  }

  /** Takes a sample of {@code state} at {@code nowMs}, forgetting the oldest beyond an hour; returns it. */
  public JsonObject sample(MasterState state, long nowMs) {
    Resources total = Resources.EMPTY;
    for (Agent agent : state.agents.all()) {
      if (agent.reachable()) {
        total = total.plus(agent.info().resources());
      }
    }
    Resources used = Resources.EMPTY;
    Map<TaskState, Long> byState = new EnumMap<>(TaskState.class);
    for (Task task : state.tasks.active()) {
      used = used.plus(task.info().resources());
      byState.merge(task.state(), 1L, Long::sum);
    }
    Resources held = Resources.EMPTY;
    for (Offer offer : state.offers.all()) {
      held = held.plus(offer.resources());
    }
    JsonObject sample = new JsonObject().put("t", nowMs / 1000.0);
    for (String name : SCALARS) {
      sample.put(name + "_total", total.scalar(name)).put(name + "_used", used.scalar(name))
        .put(name + "_offered", held.scalar(name));
    }
    JsonObject tasks = new JsonObject();
    byState.forEach((taskState, count) -> tasks.put(taskState.name(), count));
    sample.put("tasks", tasks).put("launched", launched).put("offers", offered);
    launched = 0;
    offered = 0;
    samples.addLast(sample);
    while (samples.size() > SAMPLES_KEPT) {
      samples.removeFirst();
    }
    return sample;
  }

  /** {@code {"interval_ms", "samples": [oldest .. newest]}}. */
  public JsonObject toJson() {
    return new JsonObject().put("interval_ms", SAMPLE_MS).put("samples", new JsonArray(samples.stream().toList()));
  }
}
