package io.drover.marathon.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random valid app bodies: whatever Drover reads, it writes back in a form it reads as the same app. */
class AppJsonRoundTripPropertiesTest {

  @Property(tries = 500)
  void readingWhatWasWrittenGivesTheSameApp(@ForAll("appBodies") JsonObject body) {
    AppDefinition app = read(body, PathId.parse("/group"));
    JsonObject written = AppJson.writeApp(app);

    assertThat(AppJson.readApp(written, PathId.ROOT)).isEqualTo(app);
    assertThat(AppJson.writeApp(AppJson.readApp(written.copy(), PathId.ROOT))).isEqualTo(written);
  }

  @Property(tries = 200)
  void anEmptyPatchOrAScaleKeepsTheConfiguration(@ForAll("appBodies") JsonObject body) {
    AppDefinition app = read(body, PathId.ROOT);

    assertThat(AppJson.updateApp(app, new JsonObject())).isEqualTo(app);
    AppDefinition scaled = AppJson.updateApp(app, new JsonObject().put("instances", app.instances() + 1));
    assertThat(scaled.sameConfigAs(app)).isTrue();
    assertThat(scaled.instances()).isEqualTo(app.instances() + 1);
  }

  /** Reads a generated body, showing the violations when the generator made an invalid one. */
  private static AppDefinition read(JsonObject body, PathId base) {
    try {
      return AppJson.readApp(body, base);
    } catch (ValidationException e) {
      throw new AssertionError(e.violations() + " in " + body.encode(), e);
    }
  }

  @Provide
  Arbitrary<JsonObject> appBodies() {
    return Arbitraries.longs().map(seed -> randomApp(new Random(seed)));
  }

  private static JsonObject randomApp(Random r) {
    JsonObject app = new JsonObject().put("id", pick(r, "web", "/a/b-c", "x.y/z", "//d/e"));
    String network = pick(r, "command", "HOST", "BRIDGE", "NONE", "networks-host", "networks-bridge");
    int ports = r.nextInt(3);
    if (network.equals("command")) {
      if (r.nextBoolean()) {
        app.put("cmd", "sleep " + r.nextInt(100));
      } else {
        app.put("args", new JsonArray().add("sleep").add("1"));
      }
    } else {
      app.put("container", container(r, network, ports));
      if (r.nextBoolean()) {
        app.getJsonObject("container").getJsonObject("docker").put("pullConfig", new JsonObject().put("secret", "pull"));
        app.put("secrets", new JsonObject().put("pull", new JsonObject().put("source", "registry/config")));
      }
      if (network.startsWith("networks-")) {
        app.put("networks", new JsonArray().add(new JsonObject()
          .put("mode", network.endsWith("host") ? "host" : "container/bridge")));
      }
      if (r.nextBoolean()) {
        app.put("cmd", "run");
      }
    }
    boolean hostPorts = network.equals("command") || network.endsWith("HOST") || network.endsWith("host");
    if (hostPorts && r.nextBoolean()) {
      JsonArray definitions = new JsonArray();
      for (int i = 0; i < ports; i++) {
        JsonObject definition = new JsonObject().put("port", r.nextBoolean() ? 0 : 10000 + i)
          .put("protocol", pick(r, "tcp", "udp", "udp,tcp"));
        if (r.nextBoolean()) {
          definition.put("name", "p" + i).put("labels", new JsonObject().put("vip", "1.2.3.4:" + i));
        }
        definitions.add(definition);
      }
      if (r.nextBoolean()) {
        app.put("portDefinitions", definitions);
      } else {
        app.put("ports", new JsonArray(definitions.stream().map(d -> ((JsonObject) d).getInteger("port")).toList()));
      }
      app.put("requirePorts", r.nextBoolean());
    }
    app.put("instances", r.nextInt(5)).put("cpus", 0.001 + r.nextInt(400) / 100.0).put("mem", (double) (1 + r.nextInt(4096)))
      .put("disk", r.nextInt(3) * 0.5)
      .put("env", new JsonObject().put("K" + r.nextInt(3), "v"))
      .put("labels", new JsonObject().put("l", "v" + r.nextInt(3)))
      .put("constraints", constraints(r))
      .put("dependencies", new JsonArray().add("dep" + r.nextInt(3)).add("/abs/dep"))
      .put("backoffSeconds", r.nextInt(10)).put("backoffFactor", 1 + r.nextInt(10) / 4.0)
      .put("maxLaunchDelaySeconds", 300 + r.nextInt(4000))
      .put("killSelection", pick(r, "YOUNGEST_FIRST", "OLDEST_FIRST"))
      .put("upgradeStrategy", new JsonObject().put("minimumHealthCapacity", r.nextInt(5) / 4.0)
        .put("maximumOverCapacity", r.nextInt(5) / 4.0));
    app.put("unreachableStrategy", r.nextBoolean() ? "disabled"
      : new JsonObject().put("inactiveAfterSeconds", 60).put("expungeAfterSeconds", 60 + r.nextInt(600)));
    if (r.nextBoolean()) {
      app.put("taskKillGracePeriodSeconds", r.nextInt(60));
    }
    if (r.nextBoolean()) {
      app.put("fetch", new JsonArray().add(new JsonObject().put("uri", "http://x/f.zip").put("cache", r.nextBoolean())
        .put("destPath", "f.zip")));
    } else if (r.nextBoolean()) {
      app.put("uris", new JsonArray().add("http://x/a.tgz").add("http://x/run.sh"));
    }
    app.put("healthChecks", healthChecks(r));
    // a check by port index needs a port, which depends on the networking drawn above
    int portCount = read(app.copy(), PathId.ROOT).hostPorts().size();
    if (portCount > 0) {
      app.getJsonArray("healthChecks").add(new JsonObject().put("protocol", "TCP").put("portIndex", portCount - 1));
    }
    return app;
  }

  private static JsonObject container(Random r, String network, int ports) {
    JsonObject docker = new JsonObject().put("image", "nginx:" + r.nextInt(3))
      .put("forcePullImage", r.nextBoolean()).put("privileged", r.nextBoolean())
      .put("parameters", new JsonArray().add(new JsonObject().put("key", "label").put("value", "x=" + r.nextInt(3))));
    if (!network.startsWith("networks-")) {
      docker.put("network", network);
    }
    JsonObject container = new JsonObject().put("type", "DOCKER").put("docker", docker)
      .put("volumes", new JsonArray().add(new JsonObject().put("containerPath", "/data").put("hostPath", "/srv")
        .put("mode", pick(r, "RO", "RW"))));
    if (r.nextBoolean()) {
      JsonArray mappings = new JsonArray();
      for (int i = 0; i < ports; i++) {
        JsonObject mapping = new JsonObject().put("containerPort", 80 + i).put("name", "m" + i);
        if (r.nextBoolean()) {
          mapping.put("hostPort", r.nextInt(2) * 31000).put("servicePort", r.nextInt(2) * 10000 + i)
            .put("protocol", "udp");
        }
        mappings.add(mapping);
      }
      // old clients put the mappings under docker
      (r.nextBoolean() ? container : docker).put("portMappings", mappings);
    }
    return container;
  }

  private static JsonArray constraints(Random r) {
    List<JsonArray> all = List.of(
      new JsonArray().add("hostname").add("UNIQUE"),
      new JsonArray().add("rack").add("CLUSTER").add("r1"),
      new JsonArray().add("rack").add("GROUP_BY"),
      new JsonArray().add("rack").add("GROUP_BY").add("3"),
      new JsonArray().add("zone").add("LIKE").add("eu-.*"),
      new JsonArray().add("zone").add("UNLIKE").add("us-.*"),
      new JsonArray().add("hostname").add("MAX_PER").add("2"),
      new JsonArray().add("level").add("IS").add("0.8"));
    JsonArray picked = new JsonArray();
    all.stream().filter(c -> r.nextInt(3) == 0).forEach(picked::add);
    return picked;
  }

  private static JsonArray healthChecks(Random r) {
    JsonArray checks = new JsonArray().add(new JsonObject().put("command", new JsonObject().put("value", "true"))
      .put("gracePeriodSeconds", r.nextInt(600)));
    checks.add(new JsonObject().put("protocol", pick(r, "HTTP", "TCP", "MESOS_HTTP", "MESOS_TCP")).put("port", 8080)
      .put("ignoreHttp1xx", r.nextBoolean()).put("path", "/health"));
    return checks;
  }

  @SafeVarargs
  private static <T> T pick(Random r, T... choices) {
    return choices[r.nextInt(choices.length)];
  }
}
