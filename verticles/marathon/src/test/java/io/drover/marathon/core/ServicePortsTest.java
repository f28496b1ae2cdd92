package io.drover.marathon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePortsTest {

  /** An app whose host ports (and so its service ports) are {@code ports}. */
  private static AppDefinition app(String id, Integer... ports) {
    JsonObject json = new JsonObject().put("id", id).put("cmd", "sleep 1000");
    json.put("portDefinitions", new io.vertx.core.json.JsonArray(List.of(ports).stream()
      .map(p -> new JsonObject().put("port", p)).toList()));
    return AppJson.readApp(json, PathId.ROOT);
  }

  @Test
  void zeroPortsTakeTheLowestFreeOnesOfTheRange() {
    ServicePorts ports = new ServicePorts();
    // taken by others: 10000, 10001; the app's own 10003 counts too
    var others = List.of(app("/a", 10000), app("/b", 10001));

    var assigned = ports.assign(app("/web", 0, 10003, 0), others);

    // 0 -> 10002, 10003 stays, 0 -> 10004
    assertThat(assigned.servicePorts()).containsExactly(10002, 10003, 10004);
  }

  @Test
  void theAppsOwnStoredVersionDoesNotHoldItsPorts() {
    var assigned = new ServicePorts().assign(app("/web", 0), List.of(app("/web", 10000)));

    assertThat(assigned.servicePorts()).containsExactly(10000);
  }

  @Test
  void appsOfOneChangeGetDifferentPortsAndANewChangeForgetsThem() {
    ServicePorts ports = new ServicePorts();
    assertThat(ports.assign(app("/g/a", 0), List.of()).servicePorts()).containsExactly(10000);
    assertThat(ports.assign(app("/g/b", 0), List.of()).servicePorts()).containsExactly(10001);

    ports.newChange();
    assertThat(ports.assign(app("/g/c", 0), List.of()).servicePorts()).containsExactly(10000);
  }

  @Test
  void aFullRangeIsRefused() {
    ServicePorts ports = new ServicePorts();
    Integer[] all = new Integer[ServicePorts.MAX - ServicePorts.MIN];
    for (int i = 0; i < all.length; i++) {
      all[i] = ServicePorts.MIN + i;
    }

    Refusal refusal = catchThrowableOfType(Refusal.class, () -> ports.assign(app("/web", 0), List.of(app("/all", all))));

    assertThat(refusal.reason()).isEqualTo(Refusal.Reason.NO_SERVICE_PORT);
    assertThat(refusal.getMessage()).isEqualTo("no free service port is left in 10000-20000");
  }
}
