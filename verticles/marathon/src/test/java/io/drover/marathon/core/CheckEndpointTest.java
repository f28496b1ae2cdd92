package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.protocol.TaskState;
import io.drover.protocol.TaskStatus;
import io.drover.resources.Attributes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckEndpointTest {

  private static final String MAPPINGS = "\"portMappings\":[{\"containerPort\":80,\"name\":\"web\"},"
    + "{\"containerPort\":9000,\"hostPort\":0,\"name\":\"admin\"}]";

  private static AppDefinition app(String networks) {
    return AppJson.readApp(new JsonObject("{\"id\":\"/web\",\"cmd\":\"x\",\"container\":{\"docker\":{\"image\":\"i\"},"
      + MAPPINGS + "}," + networks + "}"), PathId.ROOT);
  }

  private static Instance task(List<Integer> hostPorts, List<String> containerIps) {
    Instance task = new Instance("web.1", PathId.parse("/web"), "*", "v", "v", "agent-1", "host-1",
      Attributes.parse(""), hostPorts, List.of(), 0);
    task.update(new TaskStatus("web.1", "f", "agent-1", TaskState.TASK_RUNNING, null, null, TaskStatus.SOURCE_AGENT,
      "u", 0, null).withContainerIps(containerIps), 0);
    return task;
  }

  @Test
  void aContainerOnAUserNetworkIsProbedAtItsOwnAddressAndContainerPort() {
    AppDefinition app = app("\"networks\":[{\"mode\":\"container\",\"name\":\"backend\"}]");
    Instance task = task(List.of(31005), List.of("172.18.0.7"));

    assertThat(CheckEndpoint.of(app, task, 0)).isEqualTo(new CheckEndpoint("172.18.0.7", 80));
    assertThat(CheckEndpoint.of(app, task, 1)).isEqualTo(new CheckEndpoint("172.18.0.7", 9000));
    assertThat(CheckEndpoint.of(app, task, 2)).isNull();
    assertThat(CheckEndpoint.named(app, task, "admin")).isEqualTo(new CheckEndpoint("172.18.0.7", 9000));
  }

  @Test
  void aBridgedContainerIsProbedAtItsAgentOnTheHostPortsItWasGiven() {
    AppDefinition app = app("\"networks\":[{\"mode\":\"container/bridge\"}]");
    Instance task = task(List.of(31000, 31001), List.of());

    assertThat(CheckEndpoint.of(app, task, 1)).isEqualTo(new CheckEndpoint("host-1", 31001));
    assertThat(CheckEndpoint.named(app, task, "admin")).isEqualTo(new CheckEndpoint("host-1", 31001));
    assertThat(CheckEndpoint.of(app, task, 2)).isNull();
  }
}
