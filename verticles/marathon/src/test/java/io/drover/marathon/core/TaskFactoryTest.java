package io.drover.marathon.core;

import io.drover.marathon.app.AppDefinition;
import io.drover.marathon.app.AppJson;
import io.drover.marathon.app.PathId;
import io.drover.protocol.DiscoveryInfo;
import io.drover.protocol.ExecutorInfo;
import io.drover.protocol.HealthCheck;
import io.drover.protocol.ResourceLimits;
import io.drover.protocol.TaskInfo;
import io.drover.resources.Resources;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tasks named and described as Marathon does, so mesos-dns makes the same names and SRV records. */
class TaskFactoryTest {

  private static AppDefinition app(JsonObject json) {
    String version = "2026-12-05T00:00:00.000Z";
    return AppJson.readApp(json.put("cmd", "sleep 1000"), PathId.ROOT)
      .withVersion(version, new AppDefinition.VersionInfo(version, version));
  }

  @Test
  void aTaskIsNamedByItsAppIdReversedAndDotJoined() {
    AppDefinition app = app(new JsonObject().put("id", "/prod/web"));

    TaskInfo task = TaskFactory.build(app, "prod_web.1", "a1", "h", Resources.parse("cpus:1"), List.of());

    assertThat(task.getName()).isEqualTo("web.prod");
    assertThat(task.getTaskId()).isEqualTo("prod_web.1");
    assertThat(task.getDiscovery().name()).isEqualTo("web.prod");
    assertThat(task.getDiscovery().visibility()).isEqualTo(DiscoveryInfo.FRAMEWORK);
  }

  @Test
  void anAppsResourceLimitsAndSecretsGoWithItsTasksByNameAndBound() {
    AppDefinition app = app(new JsonObject().put("id", "/web").put("mem", 64)
      .put("resourceLimits", new JsonObject().put("cpus", "unlimited").put("mem", 256))
      .put("env", new JsonObject().put("DB_PASSWORD", new JsonObject().put("secret", "db")))
      .put("secrets", new JsonObject().put("db", new JsonObject().put("source", "/db/password"))));

    TaskInfo task = TaskFactory.build(app, "web.1", "a1", "h", Resources.parse("cpus:1;mem:64"), List.of());

    assertThat(task.getLimits()).isEqualTo(new ResourceLimits(ResourceLimits.UNLIMITED, 256.0));
    assertThat(task.getCommand().getSecretEnvironment()).containsExactly(Map.entry("DB_PASSWORD", "/db/password"));
    assertThat(task.getCommand().getEnvironment()).doesNotContainKey("DB_PASSWORD");
    assertThat(new TaskInfo(task.toJson()).getLimits()).isEqualTo(task.getLimits());
  }

  @Test
  void aPullConfigGoesWithItsTasksAsTheSourceOfItsSecret() {
    AppDefinition app = app(new JsonObject().put("id", "/private")
      .put("container", new JsonObject().put("type", "DOCKER").put("docker", new JsonObject()
        .put("image", "registry.example:5000/app:1").put("pullConfig", new JsonObject().put("secret", "pull"))))
      .put("secrets", new JsonObject().put("pull", new JsonObject().put("source", "/registry/config"))));

    TaskInfo task = TaskFactory.build(app, "private.1", "a1", "h", Resources.parse("cpus:1"), List.of());

    assertThat(task.getContainer().getPullConfigSecret()).isEqualTo("/registry/config");
    assertThat(new TaskInfo(task.toJson()).getContainer().getPullConfigSecret()).isEqualTo("/registry/config");
    assertThat(TaskFactory.build(app(new JsonObject().put("id", "/public").put("container", new JsonObject()
        .put("docker", new JsonObject().put("image", "busybox")))), "public.1", "a1", "h", Resources.parse("cpus:1"),
      List.of()).getContainer().getPullConfigSecret()).isNull();
  }

  @Test
  void anAppWithACustomExecutorRunsItAsMarathonDoes() {
    AppDefinition app = app(new JsonObject().put("id", "/exec").put("executor", "/opt/my executor"));

    TaskInfo task = TaskFactory.build(app, "exec.1", "a1", "h", Resources.parse("cpus:1"), List.of());

    assertThat(task.getCommand()).isNull();
    assertThat(task.getExecutor().getExecutorId()).isEqualTo("marathon-exec.1");
    assertThat(task.getExecutor().getType()).isEqualTo(ExecutorInfo.Type.CUSTOM);
    assertThat(task.getExecutor().getCommand().getValue())
      .isEqualTo("chmod ug+rx '/opt/my executor' && exec '/opt/my executor' sleep 1000");
    assertThat(task.getExecutor().getCommand().getEnvironment()).containsEntry("MARATHON_APP_ID", "/exec");
    JsonObject definition = new JsonObject(new String(Base64.getDecoder().decode(task.getData()),
      StandardCharsets.UTF_8));
    assertThat(definition.getString("id")).isEqualTo("/exec");
    assertThat(definition.getString("executor")).isEqualTo("/opt/my executor");
  }

  @Test
  void discoveryNamesTheHostPortsTheTaskGot() {
    AppDefinition app = app(new JsonObject().put("id", "/web").put("portDefinitions", new JsonArray()
      .add(new JsonObject().put("port", 0).put("name", "http").put("protocol", "tcp"))
      .add(new JsonObject().put("port", 0).put("name", "dns").put("protocol", "udp,tcp"))));

    DiscoveryInfo discovery = TaskFactory.discovery(app, List.of(31000, 31001));

    assertThat(discovery.ports()).containsExactly(new DiscoveryInfo.Port(31000, "http", "tcp"),
      new DiscoveryInfo.Port(31001, "dns", "udp"), new DiscoveryInfo.Port(31001, "dns", "tcp"));
  }

  @Test
  void aBridgedAppsPortsAreItsMappingsThatAskForAHostPort() {
    JsonObject docker = new JsonObject().put("image", "busybox").put("network", "BRIDGE");
    JsonArray mappings = new JsonArray()
      .add(new JsonObject().put("containerPort", 80).put("hostPort", 0).put("name", "web"))
      .add(new JsonObject().put("containerPort", 81).put("name", "internal"));
    AppDefinition app = AppJson.readApp(new JsonObject().put("id", "/b").put("container", new JsonObject()
      .put("type", "DOCKER").put("docker", docker).put("portMappings", mappings)), PathId.ROOT);

    assertThat(TaskFactory.discovery(app, List.of(31005)).ports())
      .containsExactly(new DiscoveryInfo.Port(31005, "web", "tcp"));
  }

  @Test
  void aChecksPortIndexNamesThePortInTheAppsOrderThoughTheAgentCountsThemLowestFirst() {
    AppDefinition app = app(new JsonObject().put("id", "/web")
      .put("portDefinitions", new JsonArray().add(new JsonObject().put("port", 0)).add(new JsonObject().put("port", 0)))
      .put("healthChecks", new JsonArray().add(new JsonObject().put("protocol", "MESOS_TCP").put("portIndex", 1)))
      .put("check", new JsonObject().put("http", new JsonObject().put("portIndex", 0))));

    TaskInfo task = TaskFactory.build(app, "web.1", "a1", "h", Resources.parse("cpus:1"), List.of(31005, 31002));

    // the app's second port is 31002, the lower of the two
    assertThat(task.getHealthCheck().getPortIndex()).isZero();
    assertThat(task.getCheck().getPortIndex()).isEqualTo(1);
    assertThat(task.getCheck().getType()).isEqualTo(HealthCheck.Type.HTTP);
  }
}
