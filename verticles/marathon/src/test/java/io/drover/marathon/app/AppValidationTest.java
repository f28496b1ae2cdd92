package io.drover.marathon.app;

import static io.drover.marathon.app.MarathonExamples.app;
import static io.drover.marathon.app.MarathonExamples.appViolations;
import static io.drover.marathon.app.MarathonExamples.isUnsupported;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition.PortDefinition;
import io.drover.marathon.app.AppDefinition.UnreachableStrategy;
import io.drover.marathon.app.Container.Network;
import io.drover.marathon.app.Container.PortMapping;
import io.drover.marathon.app.HealthCheckDefinition.Protocol;
import io.drover.protocol.ResourceLimits;
import io.drover.protocol.SecretName;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppValidationTest {

  private static final String CMD = "\"id\":\"/a\",\"cmd\":\"sleep 1\"";

  private static List<Violation> violationsOf(String fields) {
    return appViolations("{" + CMD + "," + fields + "}");
  }

  @Test
  void anIdIsRequiredAndNotTheRoot() {
    assertThat(appViolations("{\"cmd\":\"x\"}")).containsExactly(new Violation("/id", "is required"));
    assertThat(appViolations("{\"id\":\"/\",\"cmd\":\"x\"}")).containsExactly(new Violation("/id", "must not be root"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/Foo", "/a b", "/a_b", "/-a", "/a-", "/a/./b", "/a/../b", "/a..b"})
  void badIdsAreRejectedAtId(String id) {
    assertThat(appViolations(new JsonObject().put("id", id).put("cmd", "x").encode()))
      .isNotEmpty().allMatch(v -> v.path().equals("/id"));
  }

  @Test
  void idsAreAtMost255Characters() {
    String longest = "/" + "a".repeat(254);
    assertThat(app(new JsonObject().put("id", longest).put("cmd", "x").encode()).id().toString()).hasSize(255);
    assertThat(appViolations(new JsonObject().put("id", longest + "a").put("cmd", "x").encode()))
      .containsExactly(new Violation("/id", "must be at most 255 characters long"));
  }

  @Test
  void idsMayUseDotsDoubleSlashesAndRelativePaths() {
    assertThat(app("{\"id\":\"//prod/web.v1\",\"cmd\":\"x\"}").id()).isEqualTo(PathId.parse("/prod/web.v1"));
    AppDefinition relative = AppJson.readApp(new JsonObject("{\"id\":\"web\",\"cmd\":\"x\",\"dependencies\":[\"../db/pg\",\"cache\"]}"),
      PathId.parse("/prod/front"));
    assertThat(relative.id()).isEqualTo(PathId.parse("/prod/front/web"));
    assertThat(relative.dependencies()).containsExactly(PathId.parse("/prod/db/pg"), PathId.parse("/prod/front/cache"));
  }

  @Test
  void anAppNeedsExactlyOneOfCmdAndArgsOrADockerImage() {
    Violation rule = new Violation("/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
    assertThat(appViolations("{\"id\":\"/a\"}")).containsExactly(rule);
    assertThat(appViolations("{\"id\":\"/a\",\"cmd\":\"x\",\"args\":[\"y\"]}")).containsExactly(rule);
    assertThat(app("{\"id\":\"/a\",\"args\":[\"y\"]}").args()).containsExactly("y");
    assertThat(app("{\"id\":\"/a\",\"args\":[\"-v\"],\"container\":{\"docker\":{\"image\":\"x\"}}}").isDocker()).isTrue();
    assertThat(appViolations("{\"id\":\"/a\",\"cmd\":\"\"}")).contains(new Violation("/cmd", "must not be empty"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "\"cpus\":0        | /cpus                  | must be greater than or equal to 0.001",
    "\"mem\":0         | /mem                   | must be greater than or equal to 1",
    "\"disk\":-0.5     | /disk                  | must be greater than or equal to 0",
    "\"instances\":-1  | /instances             | must be greater than or equal to 0",
    "\"instances\":\"5\" | /instances           | expected an integer",
    "\"instances\":2.5 | /instances             | expected an integer",
    "\"instances\":3000000000 | /instances      | expected a 32-bit integer",
    "\"cpus\":\"1\"    | /cpus                  | expected a number",
    "\"requirePorts\":\"yes\" | /requirePorts   | expected a boolean",
    "\"env\":[]        | /env                   | expected an object",
    "\"env\":{\"A\":1} | /env/A                 | expected a string",
    "\"labels\":{\"a\":true} | /labels/a        | expected a string",
    "\"args\":\"x\"    | /args                  | expected an array",
    "\"backoffFactor\":0.5 | /backoffFactor     | must be greater than or equal to 1",
    "\"backoffSeconds\":-1 | /backoffSeconds    | must be greater than or equal to 0",
    "\"maxLaunchDelaySeconds\":-1 | /maxLaunchDelaySeconds | must be greater than or equal to 0",
    "\"taskKillGracePeriodSeconds\":-1 | /taskKillGracePeriodSeconds | must be greater than or equal to 0",
    "\"upgradeStrategy\":{\"minimumHealthCapacity\":1.5} | /upgradeStrategy/minimumHealthCapacity | must be less than or equal to 1",
    "\"upgradeStrategy\":{\"maximumOverCapacity\":-0.1} | /upgradeStrategy/maximumOverCapacity | must be greater than or equal to 0",
    "\"killSelection\":\"RANDOM\" | /killSelection | must be one of YOUNGEST_FIRST, OLDEST_FIRST",
    "\"unreachableStrategy\":\"never\" | /unreachableStrategy | must be \"disabled\" or an object",
    "\"unreachableStrategy\":{\"inactiveAfterSeconds\":10,\"expungeAfterSeconds\":5} | /unreachableStrategy/inactiveAfterSeconds | must be less than or equal to expungeAfterSeconds",
    "\"unreachableStrategy\":{\"inactiveAfterSeconds\":-1} | /unreachableStrategy/inactiveAfterSeconds | must be greater than or equal to 0",
    "\"portDefinitions\":[{\"port\":70000}] | /portDefinitions(0)/port | must be less than or equal to 65535",
    "\"portDefinitions\":[{\"protocol\":\"icmp\"}] | /portDefinitions(0)/protocol | must be one of tcp, udp, udp,tcp",
    "\"portDefinitions\":[{\"name\":\"a\"},{\"name\":\"a\"}] | /portDefinitions | Port names must be unique.",
    "\"ports\":[80,80] | /portDefinitions | Ports must be unique.",
    "\"ports\":[1],\"portDefinitions\":[{\"port\":2}] | /portDefinitions | cannot specify both ports and port definitions",
    "\"fetch\":[{\"uri\":\"http://a\"}],\"uris\":[\"http://b\"] | /uris | may not be set in conjunction with fetch",
    "\"fetch\":[{\"extract\":true}] | /fetch(0)/uri | is required",
    "\"readinessChecks\":[{\"portName\":\"nope\"}] | /readinessChecks(0)/portName | No port definition reference for portName nope",
    "\"bogus\":1       | /bogus                 | unknown field",
    "\"container\":{\"docker\":{\"image\":\"x\",\"extra\":1}} | /container/docker/extra | unknown field",
    "\"env\":{\"PW\":{\"secret\":\"\"}} | /env/PW/secret | must not be empty",
    "\"env\":{\"PW\":{}} | /env/PW/secret | is required",
    "\"env\":{\"PW\":{\"secret\":\"pw\",\"key\":\"k\"}},\"secrets\":{\"pw\":{\"source\":\"db\"}} | /env/PW/key | unknown field",
    "\"secrets\":{\"pw\":{}} | /secrets/pw/source | is required",
    "\"secrets\":{\"pw\":\"db\"} | /secrets/pw | expected an object",
  })
  void eachRuleIsReportedAtItsPath(String fields, String path, String error) {
    assertThat(violationsOf(fields)).containsExactly(new Violation(path, error));
  }

  @Test
  void aSecretIsDefinedBeforeAVariableHoldsItAndItsSourceStaysInTheAgentsSecretsDirectory() {
    assertThat(violationsOf("\"env\":{\"PW\":{\"secret\":\"pw\"}}"))
      .containsExactly(new Violation("/env/PW/secret", "references an undefined secret named 'pw'"));
    assertThat(violationsOf("\"secrets\":{\"pw\":{\"source\":\"../etc/shadow\"}}")).containsExactly(
      new Violation("/secrets/pw/source", "must be " + SecretName.RULE + " (a file of the agents' --secrets-dir)"));
    AppDefinition app = MarathonExamples.app("{" + CMD
      + ",\"env\":{\"PW\":{\"secret\":\"pw\"},\"PLAIN\":\"x\"},\"secrets\":{\"pw\":{\"source\":\"/db/pw\"}}}");
    assertThat(app.env()).containsExactly(Map.entry("PLAIN", "x"));
    assertThat(app.secrets().envSources()).containsExactly(Map.entry("PW", "/db/pw"));
  }

  @Test
  void aPullConfigNamesOneOfTheAppsSecretsAndIsWrittenBackAsGiven() {
    String docker = "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"registry.example:5000/app:1\","
      + "\"pullConfig\":{\"secret\":\"pull\"}}}";

    AppDefinition app = app("{" + CMD + "," + docker + ",\"secrets\":{\"pull\":{\"source\":\"registry/config\"}}}");

    assertThat(app.container().docker().pullConfigSecret()).isEqualTo("pull");
    assertThat(app.secrets().sources()).containsExactly(Map.entry("pull", "registry/config"));
    JsonObject written = AppJson.writeApp(app);
    assertThat(written.getJsonObject("container").getJsonObject("docker").getJsonObject("pullConfig"))
      .isEqualTo(new JsonObject().put("secret", "pull"));
    assertThat(AppJson.readStoredApp(written).container().docker().pullConfigSecret()).isEqualTo("pull");
    assertThat(AppJson.writeApp(app("{" + CMD + ",\"container\":{\"docker\":{\"image\":\"x\"}}}"))
      .getJsonObject("container").getJsonObject("docker").containsKey("pullConfig")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"secret\":\"pull\"}                  | /container/docker/pullConfig | pullConfig.secret must refer to an existing secret",
    "{}                                   | /container/docker/pullConfig/secret | is required",
    "{\"secret\":\"\"}                      | /container/docker/pullConfig/secret | must not be empty",
    "{\"secret\":\"db\",\"registry\":\"r\"} | /container/docker/pullConfig/registry | unknown field",
    "\"db\"                                 | /container/docker/pullConfig | expected an object",
  })
  void aPullConfigIsAnObjectNamingADefinedSecretOnly(String pullConfig, String path, String error) {
    assertThat(violationsOf("\"container\":{\"docker\":{\"image\":\"x\",\"pullConfig\":" + pullConfig + "}},"
      + "\"secrets\":{\"db\":{\"source\":\"db/password\"}}")).containsExactly(new Violation(path, error));
  }

  @Test
  void aPullConfigOfAnAppWithoutSecretsNamesAnUndefinedOne() {
    assertThat(violationsOf("\"container\":{\"docker\":{\"image\":\"x\",\"pullConfig\":{\"secret\":\"pull\"}}}"))
      .containsExactly(new Violation("/container/docker/pullConfig",
        "pullConfig.secret must refer to an existing secret"));
  }

  @Test
  void resourceLimitsReachAtLeastTheRequestOrAreUnlimited() {
    AppDefinition app = MarathonExamples.app("{" + CMD + ",\"cpus\":0.5,\"mem\":64,"
      + "\"resourceLimits\":{\"cpus\":\"unlimited\",\"mem\":256}}");
    assertThat(app.resourceLimits()).isEqualTo(new ResourceLimits(ResourceLimits.UNLIMITED, 256.0));
    assertThat(AppJson.readStoredApp(AppJson.writeApp(app))).isEqualTo(app);
    assertThat(AppJson.writeApp(app).getJsonObject("resourceLimits"))
      .isEqualTo(new JsonObject().put("cpus", "unlimited").put("mem", 256.0));
    assertThat(MarathonExamples.app("{" + CMD + ",\"resourceLimits\":{}}").resourceLimits()).isNull();

    assertThat(violationsOf("\"mem\":128,\"resourceLimits\":{\"mem\":64}")).containsExactly(new Violation(
      "/resourceLimits/mem", "must be greater than or equal to the requested mem (128.0)"));
    assertThat(violationsOf("\"resourceLimits\":{\"cpus\":\"lots\"}"))
      .containsExactly(new Violation("/resourceLimits/cpus", "must be a number or \"unlimited\""));
    assertThat(violationsOf("\"resourceLimits\":{\"disk\":1}")).extracting(Violation::path)
      .containsExactly("/resourceLimits/disk");
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    assertThat(violationsOf("\"cpus\":-1,\"mem\":\"lots\",\"instances\":\"5\",\"killSelection\":1"))
      .extracting(Violation::path).containsExactlyInAnyOrder("/cpus", "/mem", "/instances", "/killSelection");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "[\"hostname\"]                         | Each constraint must have either 2 or 3 fields",
    "[\"hostname\",\"UNIQUE\",\"x\",\"y\"]  | Each constraint must have either 2 or 3 fields",
    "[\"hostname\",\"NEAR\"]                | Constraint operator must be one of the following UNIQUE, CLUSTER, GROUP_BY, LIKE, UNLIKE, MAX_PER or IS",
    "[\"hostname\",\"UNIQUE\",\"x\"]        | Value specified but not used",
    "[\"rack\",\"CLUSTER\"]                 | Missing value",
    "[\"rack\",\"GROUP_BY\",\"three\"]      | GROUP_BY may either have no value or a positive integer value",
    "[\"rack\",\"MAX_PER\"]                 | MAX_PER must have a positive integer value",
    "[\"rack\",\"MAX_PER\",\"0\"]           | MAX_PER must have a positive integer value",
    "[\"rack\",\"LIKE\"]                    | A regular expression value must be provided",
    "[\"rack\",\"IS\"]                      | IS must have a value",
  })
  void badConstraintsAreReportedAtTheirIndex(String constraint, String error) {
    assertThat(violationsOf("\"constraints\":[[\"hostname\",\"UNIQUE\"]," + constraint + "]"))
      .containsExactly(new Violation("/constraints(1)", error));
  }

  @Test
  void likeNeedsARegexThatCompiles() {
    assertThat(violationsOf("\"constraints\":[[\"rack\",\"UNLIKE\",\"[a-\"]]"))
      .containsExactly(new Violation("/constraints(0)", "'[a-' is not a valid regular expression"));
  }

  @Test
  void goodConstraintsAreRead() {
    AppDefinition app = app("{" + CMD + ",\"constraints\":[[\"hostname\",\"UNIQUE\"],[\"rack\",\"CLUSTER\",\"r1\"],"
      + "[\"rack\",\"GROUP_BY\"],[\"rack\",\"GROUP_BY\",\"3\"],[\"zone\",\"LIKE\",\"eu.*\"],[\"zone\",\"UNLIKE\",\"us.*\"],"
      + "[\"hostname\",\"MAX_PER\",\"2\"],[\"level\",\"IS\",\"0.8\"]]}");

    assertThat(app.constraints()).extracting(c -> c.operator() + "=" + c.value()).containsExactly(
      "UNIQUE=null", "CLUSTER=r1", "GROUP_BY=null", "GROUP_BY=3", "LIKE=eu.*", "UNLIKE=us.*", "MAX_PER=2", "IS=0.8");
  }

  @Test
  void healthChecksGetMarathonsDefaultsAndPortIndexZero() {
    HealthCheckDefinition check = app("{" + CMD + ",\"healthChecks\":[{}]}").healthChecks().get(0);

    assertThat(check).isEqualTo(new HealthCheckDefinition(Protocol.HTTP, "/", 0, null, null, 300, 60, 20, 3, false, 15));
  }

  @Test
  void healthCheckPortRules() {
    String noPorts = "\"portDefinitions\":[],";
    Violation unaddressable = new Violation("/healthChecks(0)",
      "Health check port indices must address an element of the ports array or container port mappings.");
    assertThat(violationsOf(noPorts + "\"healthChecks\":[{\"protocol\":\"HTTP\"}]")).containsExactly(unaddressable);
    assertThat(violationsOf("\"healthChecks\":[{\"portIndex\":1}]")).containsExactly(unaddressable);
    assertThat(app("{" + CMD + "," + noPorts + "\"healthChecks\":[{\"protocol\":\"TCP\",\"port\":8080}]}")
      .healthChecks().get(0).port()).isEqualTo(8080);
    assertThat(violationsOf("\"healthChecks\":[{\"protocol\":\"COMMAND\"}]"))
      .containsExactly(new Violation("/healthChecks(0)/command", "is required for a COMMAND health check"));
    assertThat(app("{" + CMD + ",\"healthChecks\":[{\"command\":{\"value\":\"true\"}}]}").healthChecks().get(0))
      .satisfies(c -> {
        assertThat(c.protocol()).isEqualTo(Protocol.COMMAND);
        assertThat(c.command()).isEqualTo("true");
      });
    assertThat(violationsOf("\"healthChecks\":[{\"protocol\":\"UDP\"}]")).containsExactly(new Violation(
      "/healthChecks(0)/protocol", "must be one of HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP"));
  }

  @Test
  void dockerRules() {
    assertThat(violationsOf("\"container\":{\"type\":\"DOCKER\",\"docker\":{}}"))
      .containsExactly(new Violation("/container/docker/image", "is required"));
    assertThat(violationsOf("\"container\":{\"docker\":{\"image\":\"\"}}"))
      .containsExactly(new Violation("/container/docker/image", "must not be empty"));
    assertThat(violationsOf("\"container\":{\"type\":\"DOCKER\"}"))
      .containsExactly(new Violation("/container/docker", "is required for a DOCKER container"));
    assertThat(violationsOf("\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"WIFI\"}}"))
      .containsExactly(new Violation("/container/docker/network", "must be one of HOST, BRIDGE, NONE, USER"));
    assertThat(violationsOf("\"container\":{\"type\":\"PODMAN\",\"docker\":{\"image\":\"x\"}}"))
      .containsExactly(new Violation("/container/type", "must be one of DOCKER, MESOS"));
  }

  @Test
  void bridgeAppsGetADefaultPortMappingAndHostPortZero() {
    AppDefinition defaults = app("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"BRIDGE\"}}}");
    assertThat(defaults.container().portMappings())
      .containsExactly(new PortMapping(0, 0, 0, "tcp", "default", Map.of()));
    assertThat(defaults.portDefinitions()).isEmpty();

    AppDefinition legacy = app("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"BRIDGE\","
      + "\"portMappings\":[{\"containerPort\":80},{\"containerPort\":53,\"hostPort\":5353,\"protocol\":\"udp\"}]}}}");
    assertThat(legacy.container().portMappings()).containsExactly(
      new PortMapping(80, 0, 0, "tcp", null, Map.of()), new PortMapping(53, 5353, 0, "udp", null, Map.of()));
    assertThat(legacy.hostPorts()).containsExactly(0, 5353);

    AppDefinition none = app("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\"},\"portMappings\":[]}}");
    assertThat(none.container().docker().network()).isEqualTo(Network.HOST);
    assertThat(none.portDefinitions()).containsExactly(new PortDefinition(0, "tcp", "default", Map.of()));
  }

  @Test
  void networksPickTheDockerNetwork() {
    String docker = "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\"}}";
    assertThat(app("{\"id\":\"/a\"," + docker + ",\"networks\":[{\"mode\":\"container/bridge\"}]}")
      .container().docker().network()).isEqualTo(Network.BRIDGE);
    assertThat(app("{\"id\":\"/a\"," + docker + ",\"networks\":[{\"mode\":\"host\"}]}")
      .container().docker().network()).isEqualTo(Network.HOST);
    assertThat(appViolations("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"HOST\"}},"
      + "\"networks\":[{\"mode\":\"container/bridge\"}]}"))
      .containsExactly(new Violation("/networks", "must not specify both container.docker.network and networks"));
  }

  @Test
  void aContainerNetworkIsADockerNetworkOfTheAgentsByNameWithItsOwnPorts() {
    String docker = "\"container\":{\"type\":\"DOCKER\",\"docker\":{\"image\":\"x\"},"
      + "\"portMappings\":[{\"containerPort\":80,\"name\":\"web\"},{\"containerPort\":9000,\"hostPort\":0}]}";
    AppDefinition user = app("{\"id\":\"/a\"," + docker + ",\"networks\":[{\"mode\":\"container\",\"name\":\"dnet\"}]}");
    assertThat(user.container().docker().network()).isEqualTo(Network.USER);
    assertThat(user.container().docker().networkName()).isEqualTo("dnet");
    // only a mapping with a hostPort takes a port of the agent
    assertThat(user.hostPorts()).containsExactly(0);
    assertThat(user.portDefinitions()).isEmpty();
    assertThat(AppJson.readStoredApp(AppJson.writeApp(user))).isEqualTo(user);
    assertThat(AppJson.writeApp(user).getJsonArray("networks"))
      .containsExactly(new JsonObject().put("mode", "container").put("name", "dnet"));
    // the deprecated form, when networks names the network
    assertThat(app("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"USER\"}},"
      + "\"networks\":[{\"mode\":\"container\",\"name\":\"dnet\"}]}").container().docker().networkName()).isEqualTo("dnet");

    assertThat(appViolations("{\"id\":\"/a\"," + docker + ",\"networks\":[{\"mode\":\"container\"}]}"))
      .containsExactly(new Violation("/networks(0)/name", "is required: the name of a Docker network on the agents"));
    assertThat(appViolations("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"USER\"}}}"))
      .extracting(Violation::path).containsExactly("/container/docker/network");
    assertThat(appViolations("{\"id\":\"/a\"," + docker + ",\"networks\":[{\"mode\":\"host\",\"name\":\"dnet\"}]}"))
      .containsExactly(new Violation("/networks(0)/name", "is only for container networks"));
    // Docker's own modes are not networks: "host" would be the host's network without the agent's leave
    for (String mode : List.of("host", "container:web")) {
      assertThat(appViolations("{\"id\":\"/a\"," + docker + ",\"networks\":[{\"mode\":\"container\",\"name\":\""
        + mode + "\"}]}")).containsExactly(new Violation("/networks(0)/name",
          "'" + mode + "' is Docker's own network mode, not a network of the agent's Docker"));
    }
  }

  @Test
  void portsAndUrisMapToTheirNewForms() {
    AppDefinition app = app("{" + CMD + ",\"ports\":[0,0],\"uris\":[\"http://x/a.tar.gz\",\"http://x/run.sh\"]}");

    assertThat(app.portDefinitions()).containsExactly(
      new PortDefinition(0, "tcp", null, Map.of()), new PortDefinition(0, "tcp", null, Map.of()));
    assertThat(app.fetch()).extracting(f -> f.uri() + " " + f.extract())
      .containsExactly("http://x/a.tar.gz true", "http://x/run.sh false");
  }

  @Test
  void unreachableStrategyIsAnObjectOrDisabled() {
    assertThat(app("{" + CMD + ",\"unreachableStrategy\":\"disabled\"}").unreachableStrategy())
      .isEqualTo(UnreachableStrategy.DISABLED);
    assertThat(app("{" + CMD + ",\"unreachableStrategy\":{\"inactiveAfterSeconds\":60,\"expungeAfterSeconds\":600}}")
      .unreachableStrategy()).isEqualTo(new UnreachableStrategy(true, 60, 600));
  }

  @Test
  void readinessChecksGetMarathonsDefaults() {
    ReadinessCheck check = app("{" + CMD + ",\"portDefinitions\":[{\"name\":\"http-api\"}],\"readinessChecks\":[{}]}")
      .readinessChecks().get(0);

    assertThat(check).isEqualTo(new ReadinessCheck("readinessCheck", "HTTP", "/", "http-api", 30, 10, List.of(200), false));
    assertThat(violationsOf("\"portDefinitions\":[{\"name\":\"http-api\"}],"
      + "\"readinessChecks\":[{\"intervalSeconds\":5,\"timeoutSeconds\":5}]"))
      .containsExactly(new Violation("/readinessChecks(0)/timeoutSeconds", "must be less than intervalSeconds (5)"));
  }

  @Test
  void fieldsEveryClientSendsAndGetRepliesAreAccepted() {
    AppDefinition app = app("""
      {"id":"/a","labels":{},"env":{},"version":"2015-09-25T15:13:48.343Z",
       "versionInfo":{"lastScalingAt":"x","lastConfigChangeAt":"y"},"tasksStaged":0,"tasksRunning":1,
       "tasksHealthy":1,"tasksUnhealthy":0,"deployments":[{"id":"d"}],"tasks":[],"lastTaskFailure":{},
       "readinessCheckResults":[],"tasksStats":{},"gpus":0,"executor":"//cmd","acceptedResourceRoles":["*"],
       "role":"*","tty":false,"secrets":{},"storeUrls":[],"ipAddress":null,"residency":null,
       "container":{"type":"DOCKER","docker":{"image":"x","forcePullImage":true,"privileged":true}},
       "healthChecks":[{"protocol":"HTTP","ignoreHttp1xx":true,"ipProtocol":"IPv4"}]}""");

    assertThat(app.container().docker().forcePullImage()).isTrue();
    assertThat(app.container().docker().privileged()).isTrue();
    assertThat(app.healthChecks().get(0).ignoreHttp1xx()).isTrue();
    assertThat(app.version()).isNull();
  }

  @Test
  void aCustomExecutorIsAPathOrTheCommandExecutor() {
    assertThat(MarathonExamples.app("{" + CMD + ",\"executor\":\"/opt/my-executor\"}").customExecutor())
      .isEqualTo("/opt/my-executor");
    assertThat(MarathonExamples.app("{" + CMD + ",\"executor\":\"//cmd\"}").customExecutor()).isNull();
    assertThat(violationsOf("\"executor\":\"a//b\"")).extracting(Violation::path).containsExactly("/executor");
  }

  @Test
  void anAppTakesResourcesOfTheRolesItAccepts() {
    AppDefinition app = MarathonExamples.app("{" + CMD + ",\"role\":\"db\",\"acceptedResourceRoles\":[\"db\"]}");
    assertThat(app.roleOr("*")).isEqualTo("db");
    assertThat(app.accepts("db")).isTrue();
    assertThat(app.accepts("*")).isFalse();
    AppDefinition anyRole = MarathonExamples.app("{" + CMD + "}");
    assertThat(anyRole.roleOr("ops")).isEqualTo("ops");
    assertThat(anyRole.accepts("*") && anyRole.accepts("ops")).isTrue();

    assertThat(violationsOf("\"role\":\"db/\"")).extracting(Violation::path).containsExactly("/role");
    assertThat(violationsOf("\"acceptedResourceRoles\":[]")).extracting(Violation::error)
      .containsExactly("must not be empty");
    assertThat(violationsOf("\"role\":\"db\",\"acceptedResourceRoles\":[\"*\",\"web\"]"))
      .extracting(Violation::error).containsExactly("may name '*' and the app's role 'db' only, not 'web'");
  }

  @Test
  void aMesosCheckHasExactlyOneKindAndACommandCheckItsCommand() {
    assertThat(violationsOf("\"check\":{\"http\":{},\"tcp\":{}}")).extracting(Violation::path)
      .containsExactly("/check");
    assertThat(violationsOf("\"check\":{\"exec\":{}}")).extracting(Violation::path)
      .containsExactly("/check/exec/command");
    assertThat(violationsOf("\"check\":{\"tcp\":{\"portIndex\":3}}")).extracting(Violation::path)
      .containsExactly("/check/tcp/portIndex");
    assertThat(app("{" + CMD + ",\"check\":{\"exec\":{\"command\":{\"shell\":\"true\"}}}}").check())
      .isEqualTo(new HealthCheckDefinition(Protocol.COMMAND, null, null, null, "true", 0, 60, 20, 0, false, 15));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "\"gpus\":1                                    | /gpus",
    "\"tty\":true                                  | /tty",
    "\"residency\":{}                              | /residency",
    "\"ipAddress\":{\"networkName\":\"dcos\"}      | /ipAddress",
    "\"storeUrls\":[\"http://x\"]                  | /storeUrls",
    "\"check\":{\"tcp\":{\"port\":80}}           | /check/tcp/port",
    "\"networks\":[{\"mode\":\"container\",\"name\":\"dcos\"}] | /networks",
    "\"networks\":[{\"mode\":\"container/bridge\"}] | /networks",
    "\"healthChecks\":[{\"protocol\":\"MESOS_HTTPS\"}] | /healthChecks(0)/protocol",
    "\"healthChecks\":[{\"ipProtocol\":\"IPv6\"}]  | /healthChecks(0)/ipProtocol",
    "\"portDefinitions\":[{\"name\":\"h\"}],\"readinessChecks\":[{\"protocol\":\"HTTPS\",\"portName\":\"h\"}] | /readinessChecks(0)/protocol",
    "\"container\":{\"type\":\"MESOS\",\"docker\":{\"image\":\"x\"}} | /container/type",
    "\"container\":{\"docker\":{\"image\":\"x\",\"credential\":{\"principal\":\"p\"}}} | /container/docker/credential",
    "\"container\":{\"docker\":{\"image\":\"x\"},\"volumes\":[{\"containerPath\":\"d\",\"persistent\":{\"size\":10}}]} | /container/volumes(0)",
    "\"container\":{\"docker\":{\"image\":\"x\"},\"volumes\":[{\"containerPath\":\"d\",\"external\":{\"name\":\"v\"}}]} | /container/volumes(0)",
  })
  void unsupportedFieldsAreNamedAsSuch(String fields, String path) {
    List<Violation> violations = violationsOf(fields);

    assertThat(violations).extracting(Violation::path).containsExactly(path);
    assertThat(violations).allMatch(MarathonExamples::isUnsupported);
  }

  @Test
  void anImagelessMesosContainerIsACommandApp() {
    assertThat(app("{" + CMD + ",\"container\":{\"type\":\"MESOS\",\"volumes\":[]}}").container()).isNull();
  }

  @Test
  void unsupportedRejectionsNameTheTableRow() {
    Violation gpus = violationsOf("\"gpus\":2").get(0);
    assertThat(gpus.error()).isEqualTo("not supported by Drover: GPUs (only 0)");
    assertThat(isUnsupported(gpus)).isTrue();
  }
}
