package io.drover.marathon.http;

import io.drover.common.Addresses;
import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.PathId;
import io.drover.marathon.core.MarathonReads;
import io.drover.marathon.events.EventStream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What dashboards see of Marathon, published by the leader on {@code drover.ui.apps} and
 * {@code drover.ui.deployments}: whole app rows (counts, last failure, why pending), so a dashboard
 * only upserts them. The events mark apps as changed; a flush every {@value #FLUSH_MS} ms sends each
 * changed app once, however many of its tasks changed meanwhile.
 */
public final class DashboardFeed {

  static final long FLUSH_MS = 250;
  /** The launch queue changes without events (offers, backoff); it is looked at this often. */
  static final long QUEUE_CHECK_MS = 1000;
  /** An app row as the dashboard's first read has it: {@code /v2/apps?embed=apps.lastTaskFailure}. */
  private static final Set<AppEmbed> DASHBOARD_EMBEDS =
    EnumSet.of(AppEmbed.COUNTS, AppEmbed.DEPLOYMENTS, AppEmbed.LAST_TASK_FAILURE);

  private final Vertx vertx;
  private final EventStream events;
  private final MarathonReads reads;
  private final Set<String> changedApps = new HashSet<>();
  /** What the dashboard shows of each app's queue entry (count and why), as last sent. */
  private Map<String, String> sentQueue = new HashMap<>();
  /** The launch queue by app, as last looked at. */
  private Map<String, JsonObject> queue = Map.of();
  private long queueCheckedMs;
  private boolean deploymentsChanged;
  private Runnable unlisten = () -> { };
  private long timer = -1;

  public DashboardFeed(Vertx vertx, EventStream events, MarathonReads reads) {
    this.vertx = vertx;
    this.events = events;
    this.reads = reads;
  }

  /** Follows the events and publishes every {@value #FLUSH_MS} ms until {@link #stop}. */
  public void start() {
    unlisten = events.listen(this::changed);
    timer = vertx.setPeriodic(FLUSH_MS, t -> flush());
  }

  public void stop() {
    vertx.cancelTimer(timer);
    unlisten.run();
  }

  private void changed(EventStream.Event event) {
    collectApps(event.data());
    if (event.type().startsWith("deployment_")) {
      deploymentsChanged = true;
    }
  }

  /** Every app an event names, wherever it names it (appId, runSpecId, appDefinition, affectedApps). */
  private void collectApps(JsonObject json) {
    for (Map.Entry<String, Object> field : json) {
      Object value = field.getValue();
      switch (field.getKey()) {
        case "appId", "runSpecId" -> {
          if (value instanceof String id) {
            changedApps.add(id);
          }
        }
        case "affectedApps" -> {
          if (value instanceof JsonArray ids) {
            ids.forEach(id -> changedApps.add(String.valueOf(id)));
          }
        }
        case "appDefinition" -> {
          if (value instanceof JsonObject app && app.getValue("id") instanceof String id) {
            changedApps.add(PathId.parse(id).toString());
          }
        }
        default -> {
          if (value instanceof JsonObject nested) {
            collectApps(nested);
          }
        }
      }
    }
  }

  private void flush() {
    checkQueue();
    for (String id : changedApps) {
      Optional<AppDefinition> run = reads.appOrPod(PathId.parse(id));
      if (run.filter(AppDefinition::isPod).isPresent()) {
        continue; // the dashboard's rows are apps
      }
      JsonObject event = run
        .map(app -> new JsonObject().put("event", "updated").put("app", MarathonJson.app(reads, app, DASHBOARD_EMBEDS))
          .put("queue", queue.get(id)))
        .orElseGet(() -> new JsonObject().put("event", "removed").put("id", id));
      publish("apps", event);
    }
    changedApps.clear();
    if (deploymentsChanged) {
      deploymentsChanged = false;
      publish("deployments", new JsonObject().put("deployments", MarathonJson.deployments(reads)));
    }
  }

  /**
   * Reads the launch queue, at most every {@value #QUEUE_CHECK_MS} ms, and marks as changed the apps
   * whose count or reason changed, or that left the queue.
   */
  private void checkQueue() {
    long now = System.currentTimeMillis();
    if (now - queueCheckedMs < QUEUE_CHECK_MS) {
      return;
    }
    queueCheckedMs = now;
    Map<String, JsonObject> queue = new HashMap<>();
    Map<String, String> shown = new HashMap<>();
    MarathonJson.queue(reads, false, true).forEach(entry -> {
      JsonObject item = (JsonObject) entry;
      if (!item.containsKey("app")) {
        return; // a queued pod (Marathon's QueuePod): the dashboard's rows are apps
      }
      String id = item.getJsonObject("app").getString("id");
      queue.put(id, item);
      shown.put(id, item.getInteger("count") + " " + item.getString("message"));
    });
    shown.forEach((id, what) -> {
      if (!what.equals(sentQueue.get(id))) {
        changedApps.add(id);
      }
    });
    sentQueue.keySet().stream().filter(id -> !shown.containsKey(id)).forEach(changedApps::add);
    sentQueue = shown;
    this.queue = queue;
  }

  private void publish(String topic, JsonObject event) {
    vertx.eventBus().publish(Addresses.ui(topic), event.put("timestamp", System.currentTimeMillis() / 1000.0));
  }
}
