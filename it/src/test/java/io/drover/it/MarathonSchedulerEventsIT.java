package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MarathonEvents;
import io.drover.it.fixture.MarathonShapes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Marathon's scheduler events on real processes: a marathon that leads before any master exists
 * says it registered once one does, and when the leading master is killed it says it was
 * disconnected, then re-registered with the new one, in Marathon's shapes.
 */
class MarathonSchedulerEventsIT {

  static final Duration FAILOVER = Duration.ofSeconds(90);

  @Test
  void marathonSaysItRegisteredWasDisconnectedAndReregisteredAsTheLeadingMasterChanges() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("scheduler-events")) {
      MarathonClient marathon = new MarathonClient(cluster.marathon("marathon").url("marathon"));
      Await.until("marathon leads, with no master yet", Duration.ofSeconds(60),
        () -> marathon.send("GET", "/v2/info", null).status() == 200);
      try (MarathonEvents events = MarathonEvents.attach(marathon.url())) {
        Await.until("the stream is attached", Duration.ofSeconds(30), () -> events.has("event_stream_attached"));
        cluster.master("master-1");
        cluster.master("master-2");

        JsonObject registered = Await.value("marathon registers with the first leader", FAILOVER,
          () -> only(events, "scheduler_registered_event"));
        JsonObject leader = cluster.leaderState().getJsonObject("leader_info");
        String frameworkId = marathon.send("GET", "/v2/info", null).json().getString("frameworkId");
        assertThat(registered.getString("frameworkId")).isEqualTo(frameworkId);
        assertThat(registered.getString("master")).isEqualTo(leader.getString("hostname"));
        assertThat(events.has("scheduler_disconnected_event")).isFalse();

        DroverProcess oldLeader = cluster.leader().orElseThrow();
        long oldEpoch = leader.getLong("epoch");
        oldLeader.kill9();
        JsonObject reregistered = Await.value("marathon re-registers with the next leader", FAILOVER,
          () -> only(events, "scheduler_reregistered_event"));
        JsonObject newLeader = cluster.leaderState().getJsonObject("leader_info");
        assertThat(newLeader.getLong("epoch")).isGreaterThan(oldEpoch);
        assertThat(reregistered.getString("master")).isEqualTo(newLeader.getString("hostname"));

        List<String> order = events.received().stream().map(e -> e.getString("eventType"))
          .filter(type -> type.startsWith("scheduler_")).toList();
        assertThat(order).containsExactly("scheduler_registered_event", "scheduler_disconnected_event",
          "scheduler_reregistered_event");
        MarathonShapes shapes = new MarathonShapes();
        events.received().stream().filter(e -> e.getString("eventType").startsWith("scheduler_"))
          .forEach(event -> assertThat(shapes.checkEvent(event)).as(event.encode()).isEmpty());
      }
    }
  }

  /** The one event of {@code type} so far, or null while there is none. */
  private static JsonObject only(MarathonEvents events, String type) {
    List<JsonObject> found = events.received().stream().filter(e -> type.equals(e.getString("eventType"))).toList();
    assertThat(found).as(type + " events").hasSizeLessThanOrEqualTo(1);
    return found.isEmpty() ? null : found.get(0);
  }
}
