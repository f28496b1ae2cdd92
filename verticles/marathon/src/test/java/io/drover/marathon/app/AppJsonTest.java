package io.drover.marathon.app;

import static io.drover.marathon.app.MarathonExamples.app;
import static io.drover.marathon.app.MarathonExamples.array;
import static io.drover.marathon.app.MarathonExamples.isUnsupported;
import static io.drover.marathon.app.MarathonExamples.object;
import static io.drover.marathon.app.MarathonExamples.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition.FetchUri;
import io.drover.marathon.app.AppDefinition.KillSelection;
import io.drover.marathon.app.AppDefinition.PortDefinition;
import io.drover.marathon.app.AppDefinition.UnreachableStrategy;
import io.drover.marathon.app.AppDefinition.UpgradeStrategy;
import io.drover.marathon.app.Container.Network;
import io.drover.marathon.app.Container.PortMapping;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppJsonTest {

  @Test
  void theSimpleAppOfMarathonsDocsGetsMarathonsDefaults() {
    AppDefinition app = AppJson.readApp(object("request-app-simple.json"), PathId.ROOT);

    assertThat(app.id()).isEqualTo(PathId.parse("/simple"));
    assertThat(app.cmd()).isEqualTo("sleep 1000");
    assertThat(app.instances()).isEqualTo(2);
    assertThat(app.cpus()).isEqualTo(0.1);
    assertThat(app.mem()).isEqualTo(16);
    assertThat(app.container()).isNull();
    assertThat(app.portDefinitions()).containsExactly(new PortDefinition(0, "tcp", "default", Map.of()));
    assertThat(app.backoffSeconds()).isEqualTo(1);
    assertThat(app.backoffFactor()).isEqualTo(1.15);
    assertThat(app.maxLaunchDelaySeconds()).isEqualTo(300);
    assertThat(app.upgradeStrategy()).isEqualTo(new UpgradeStrategy(1, 1));
    assertThat(app.unreachableStrategy()).isEqualTo(UnreachableStrategy.DEFAULT);
    assertThat(app.killSelection()).isEqualTo(KillSelection.YOUNGEST_FIRST);
    assertThat(app.requirePorts()).isFalse();
    assertThat(app.version()).isNull();
    assertThat(app.versionInfo()).isNull();
  }

  @Test
  void anEmptyAppGetsTheRamlDefaults() {
    AppDefinition app = app("{\"id\":\"a\",\"cmd\":\"x\"}");

    assertThat(app.instances()).isEqualTo(1);
    assertThat(app.cpus()).isEqualTo(1);
    assertThat(app.mem()).isEqualTo(128);
    assertThat(app.disk()).isEqualTo(0);
    assertThat(app.taskKillGracePeriodSeconds()).isNull();
  }

  @Test
  void marathonsAppJsonIsRejectedOnlyForUnsupportedFieldsAndItsCmdArgsClash() {
    List<Violation> violations = violations(() -> AppJson.readApp(object("app.json"), PathId.ROOT));

    // app.json sets cmd, args and a container at once, and its PASSWORD names a secret it does not
    // define (secret1 and secret3 are): Marathon rejects both too
    Violation cmdAndArgs = new Violation("/",
      "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
    Violation undefinedSecret = new Violation("/env/PASSWORD/secret",
      "references an undefined secret named '/db/password'");
    assertThat(violations).filteredOn(v -> !isUnsupported(v)).containsExactlyInAnyOrder(cmdAndArgs, undefinedSecret);
    assertThat(violations).extracting(Violation::path).containsExactlyInAnyOrder(
      "/", "/env/PASSWORD/secret", "/ipAddress");
  }

  @Test
  void marathonsAppJsonWithoutItsUnsupportedFieldsIsABridgedDockerApp() {
    JsonObject json = object("app.json");
    List.of("acceptedResourceRoles", "ipAddress", "args").forEach(json::remove);
    json.getJsonObject("env").put("PASSWORD", new JsonObject().put("secret", "secret1"));

    AppDefinition app = AppJson.readApp(json, PathId.ROOT);

    assertThat(app.container().docker().network()).isEqualTo(Network.BRIDGE);
    assertThat(app.container().portMappings()).containsExactly(
      new PortMapping(80, 0, 10019, "tcp", "http", Map.of("vip", "192.168.0.1:80")));
    assertThat(app.portDefinitions()).isEmpty();
    assertThat(app.hostPorts()).containsExactly(0);
    assertThat(app.fetch()).containsExactly(
      new FetchUri("https://foo.com/setup.py", false, true, false, null),
      new FetchUri("https://foo.com/archive.zip", false, true, true, "newname.zip"));
    assertThat(app.readinessChecks()).singleElement()
      .satisfies(r -> assertThat(r.portName()).isEqualTo("http"));
    assertThat(app.maxLaunchDelaySeconds()).isEqualTo(3600);
    assertThat(app.container().docker().tty()).isEqualTo(json.getBoolean("tty"));
    assertThat(app.secrets()).isEqualTo(new Secrets(Map.of("secret1", "/db/password", "secret3", "/foo2"),
      Map.of("PASSWORD", "secret1")));
    assertThat(app.secrets().envSources()).containsExactly(Map.entry("PASSWORD", "/db/password"));
    assertThat(AppJson.readStoredApp(AppJson.writeApp(app)).secrets()).isEqualTo(app.secrets());
  }

  @Test
  void theAppListOfAGetReplyIsAcceptedAsItIs() {
    JsonArray apps = object("app_list.json").getJsonArray("apps");

    AppDefinition app = AppJson.readApp(apps.getJsonObject(0), PathId.ROOT);

    assertThat(app.id()).isEqualTo(PathId.parse("/myapp"));
    assertThat(app.portDefinitions()).extracting(PortDefinition::port).containsExactly(10013, 10015);
    assertThat(app.fetch()).containsExactly(new FetchUri(
      "https://raw.github.com/mesosphere/marathon/master/README.md", false, false, false, null));
    assertThat(app.constraints()).containsExactly(new Constraint("hostname", Constraint.Operator.UNIQUE, null));
  }

  @Test
  void aBatchOfAppsIsAccepted() {
    List<AppDefinition> apps = AppJson.readApps(array("apps_create.json"), PathId.ROOT);

    assertThat(apps).extracting(a -> a.id().toString()).containsExactly("/test/sleep60", "/test/sleep120");
    assertThat(apps.get(0).dependencies()).containsExactly(
      PathId.parse("/test/sleep120"), PathId.parse("/other/namespace/or/app"));
  }

  @Test
  void aBatchReportsViolationsWithTheAppIndex() {
    JsonArray apps = new JsonArray().add(new JsonObject().put("id", "a").put("cmd", "x"))
      .add(new JsonObject().put("id", "b").put("cmd", "x").put("cpus", -1));

    assertThat(violations(() -> AppJson.readApps(apps, PathId.ROOT)))
      .containsExactly(new Violation("/(1)/cpus", "must be greater than or equal to 0.001"));
  }

  @Test
  void theMesosCheckExampleIsAMesosHttpCheckOnItsFirstPort() {
    AppDefinition app = AppJson.readApp(object("app-check-http-example.json"), PathId.ROOT);

    assertThat(app.check()).isEqualTo(new HealthCheckDefinition(HealthCheckDefinition.Protocol.MESOS_HTTP, "/", 0,
      null, null, 0, 60, 20, 0, false, 15));
    assertThat(AppJson.writeApp(app).getJsonObject("check")).isEqualTo(new JsonObject()
      .put("http", new JsonObject().put("portIndex", 0).put("path", "/").put("scheme", "HTTP"))
      .put("intervalSeconds", 60).put("timeoutSeconds", 20).put("delaySeconds", 15));
    assertThat(AppJson.readApp(AppJson.writeApp(app), PathId.ROOT)).isEqualTo(app);
  }

  @Test
  void theGroupExampleIsAccepted() {
    GroupDefinition root = AppJson.readGroup(object("group.json"), PathId.ROOT);

    assertThat(root.id()).isEqualTo(PathId.ROOT);
    GroupDefinition tools = root.groups().get(0);
    assertThat(tools.apps()).extracting(a -> a.id().toString())
      .containsExactly("/tools/oauth-server", "/tools/datadog-agent");
    assertThat(tools.groups()).extracting(g -> g.id().toString()).containsExactly("/tools/log", "/tools/docker");
    AppDefinition registry = tools.groups().get(1).apps().get(0);
    assertThat(registry.container().portMappings()).containsExactly(
      new PortMapping(5000, 0, 5000, "tcp", null, Map.of()));
    AppDefinition oauth = tools.apps().get(0);
    assertThat(oauth.container().docker().network()).isEqualTo(Network.HOST);
    assertThat(oauth.portDefinitions()).extracting(PortDefinition::port).containsExactly(1980);
    assertThat(oauth.upgradeStrategy()).isEqualTo(new UpgradeStrategy(0.5, 0));
  }

  @Test
  void thePatchExamplesApply() {
    AppDefinition foo = app("{\"id\":\"/foo\",\"cmd\":\"sleep 1\"}");
    assertThat(AppJson.updateApp(foo, object("app_patch.json")).instances()).isEqualTo(2);

    AppDefinition sleep60 = app("{\"id\":\"/test/sleep60\",\"cmd\":\"sleep 60\"}");
    AppDefinition sleep120 = app("{\"id\":\"/test/sleep120\",\"cmd\":\"sleep 120\"}");
    JsonArray patches = array("apps_patch.json");
    assertThat(AppJson.updateApp(sleep60, patches.getJsonObject(0)).cpus()).isEqualTo(0.3);
    assertThat(AppJson.updateApp(sleep120, patches.getJsonObject(1)).instances()).isEqualTo(2);
  }

  @Test
  void writingShowsEveryFieldInMarathonsShape() {
    AppDefinition app = app("""
      {"id":"/web","container":{"type":"DOCKER","docker":{"image":"nginx","network":"BRIDGE",
       "portMappings":[{"containerPort":80,"name":"http"}]}},
       "healthChecks":[{"protocol":"HTTP","portIndex":0}]}""");

    JsonObject json = AppJson.writeApp(app.withVersion("2024-01-01T00:00:00.000Z", null));

    assertThat(json.fieldNames()).contains("id", "args", "env", "instances", "cpus", "mem", "disk", "gpus",
      "executor", "constraints", "fetch", "backoffSeconds", "backoffFactor", "maxLaunchDelaySeconds", "container",
      "healthChecks", "readinessChecks", "dependencies", "upgradeStrategy", "labels", "killSelection",
      "unreachableStrategy", "requirePorts", "portDefinitions", "networks", "version");
    assertThat(json.getValue("backoffSeconds")).isEqualTo(1L);
    assertThat(json.getJsonArray("networks")).containsExactly(new JsonObject().put("mode", "container/bridge"));
    assertThat(json.getJsonObject("container").getJsonArray("portMappings").getJsonObject(0))
      .isEqualTo(new JsonObject().put("containerPort", 80).put("hostPort", 0).put("servicePort", 0)
        .put("protocol", "tcp").put("name", "http").put("labels", new JsonObject()));
    assertThat(json.getJsonObject("container").getJsonObject("docker").getString("network")).isEqualTo("BRIDGE");
    assertThat(json.getJsonObject("unreachableStrategy"))
      .isEqualTo(new JsonObject().put("inactiveAfterSeconds", 0L).put("expungeAfterSeconds", 0L));
  }

  @Test
  void whatIsWrittenReadsBackEqual() {
    AppDefinition app = app("""
      {"id":"/prod/web","args":["serve","--port","80"],"env":{"A":"1"},"labels":{"team":"x"},
       "container":{"type":"DOCKER","volumes":[{"containerPath":"/data","hostPath":"/srv","mode":"RO"}],
         "docker":{"image":"nginx","forcePullImage":true,"privileged":false,
           "parameters":[{"key":"label","value":"a=b"}]}},
       "networks":[{"mode":"container/bridge"}],
       "constraints":[["hostname","UNIQUE"],["rack","GROUP_BY","3"],["zone","LIKE","eu-.*"]],
       "dependencies":["db"],"unreachableStrategy":"disabled","killSelection":"OLDEST_FIRST",
       "healthChecks":[{"protocol":"TCP"},{"command":{"value":"true"}}],
       "taskKillGracePeriodSeconds":5,"backoffFactor":2.5,"uris":["http://x/a.tgz"]}""");

    assertThat(AppJson.readApp(AppJson.writeApp(app), PathId.ROOT)).isEqualTo(app);
  }

  @Test
  void aStoredAppKeepsItsVersion() {
    AppDefinition stored = app("{\"id\":\"/a\",\"cmd\":\"x\"}")
      .withVersion("2024-01-01T00:00:00Z", new AppDefinition.VersionInfo("2024-01-01T00:00:00Z", "2023-12-31T00:00:00Z"));

    assertThat(AppJson.readStoredApp(AppJson.writeApp(stored))).isEqualTo(stored);
  }

  @Test
  void theUnsupportedTableIsPublic() {
    assertThat(AppJson.unsupportedFields()).containsKeys("/ipAddress", "/gpus").doesNotContainKeys("/secrets", "/env/*");
  }
}
