package io.drover.master.state;

import io.drover.master.state.AgentDrain.State;
import io.drover.protocol.AgentInfo;
import io.drover.protocol.PersistentVolume;
import io.drover.resources.Attributes;
import io.drover.resources.Reservations;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentDrainTest {

  @Test
  void anAgentIsReactivatedOnlyWhenDeactivatedAndNotDraining() {
    AgentDrain draining = new AgentDrain(State.DRAINING, 1.0, false);
    assertThat(AgentDrain.reactivationProblem(false, null)).isEqualTo("Agent is not deactivated");
    assertThat(AgentDrain.reactivationProblem(true, draining)).isEqualTo("Agent is still in the DRAINING state");
    assertThat(AgentDrain.reactivationProblem(true, draining.drained())).isNull();
    assertThat(AgentDrain.reactivationProblem(true, null)).as("deactivated without a drain").isNull();
  }

  @Test
  void aDrainReadsAsMesosWritesItsDrainInfo() {
    AgentDrain drain = new AgentDrain(State.DRAINED, 1.5, false);
    assertThat(drain.toJson()).isEqualTo(new JsonObject().put("state", "DRAINED").put("config",
      new JsonObject().put("mark_gone", false).put("max_grace_period", new JsonObject().put("nanoseconds", 1_500_000_000L))));
    assertThat(AgentDrain.fromJson(drain.toJson())).isEqualTo(drain);
    assertThat(AgentDrain.fromJson(new AgentDrain(State.DRAINING, null, false).toJson()).maxGracePeriodSeconds()).isNull();
  }

  @Test
  void theRegistryEntryKeepsTheDrainReservationsAndVolumesAndReadsOldEntriesAsActive() {
    AgentInfo info = new AgentInfo("a-1", "host", 5051, "node", Resources.parse("cpus:1"), Attributes.EMPTY);
    var entry = new DurableAgentRegistry.Admitted(info, null, true, new AgentDrain(State.DRAINING, null, false),
      Reservations.of(Map.of("db", Resources.parse("cpus:0.5"))),
      List.of(new PersistentVolume("data-1", "db", 64, "data", "ops")));
    var read = DurableAgentRegistry.Admitted.fromJson(new JsonObject(entry.toJson().encode()));
    assertThat(read.deactivated()).isTrue();
    assertThat(read.volumes()).isEqualTo(entry.volumes());
    assertThat(read.dynamic().of("db")).isEqualTo(Resources.parse("cpus:0.5"));
    assertThat(read.drain()).isEqualTo(entry.drain());
    var old = DurableAgentRegistry.Admitted.fromJson(new JsonObject().put("info", info.toJson()));
    assertThat(old.deactivated()).isFalse();
    assertThat(old.drain()).isNull();
  }
}
