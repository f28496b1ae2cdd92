package io.drover.marathon.app;

import static io.drover.marathon.app.MarathonExamples.isUnsupported;
import static io.drover.marathon.app.MarathonExamples.object;
import static io.drover.marathon.app.MarathonExamples.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.HealthCheckDefinition.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodJsonTest {

  /** Marathon's pod example without what Drover does not support: its image, host volume and named network. */
  private static JsonObject supportedExample() {
    JsonObject json = object("pod.json");
    json.remove("networks");
    json.put("volumes", new JsonArray().add(new JsonObject().put("name", "etc")));
    JsonObject container = json.getJsonArray("containers").getJsonObject(0);
    container.remove("image");
    container.getJsonArray("endpoints").getJsonObject(0).remove("containerPort");
    container.getJsonArray("volumeMounts").getJsonObject(0).put("mountPath", "etc").remove("readOnly");
    return json;
  }

  @Test
  void marathonsPodExampleIsRefusedOnlyForWhatDroverDoesNotSupport() {
    List<Violation> found = violations(() -> AppJson.readPod(object("pod.json"), PathId.ROOT));

    assertThat(found).filteredOn(v -> !isUnsupported(v)).extracting(Violation::path).containsExactlyInAnyOrder(
      // the example's network is a named container network: an endpoint's containerPort is for those
      "/containers(0)/endpoints(0)",
      // a host path, not relative to the sandbox (and the host volume it names is unsupported)
      "/containers(0)/volumeMounts(0)/mountPath",
      "/containers(0)/volumeMounts(0)/name");
    assertThat(found).filteredOn(MarathonExamples::isUnsupported).extracting(Violation::path)
      .containsExactlyInAnyOrder("/networks", "/volumes(0)", "/containers(0)/image",
        "/containers(0)/volumeMounts(0)/readOnly");
  }

  @Test
  void aPodIsAnAppDefinitionWithItsContainersResourcesSummedUp() {
    AppDefinition pod = AppJson.readPod(supportedExample(), PathId.ROOT);

    assertThat(pod.isPod()).isTrue();
    assertThat(pod.id()).isEqualTo(PathId.parse("/foo"));
    assertThat(pod.instances()).isEqualTo(1);
    // the container's and the executor's
    assertThat(pod.cpus()).isEqualTo(1.2);
    assertThat(pod.mem()).isEqualTo(192);
    assertThat(pod.disk()).isEqualTo(50);
    assertThat(pod.maxLaunchDelaySeconds()).isEqualTo(3600);
    assertThat(pod.hostPorts()).containsExactly(0);
    assertThat(pod.acceptedResourceRoles()).containsExactly("*");
    Pod.PodContainer container = pod.pod().containers().get(0);
    assertThat(container.shell()).isEqualTo("sleep 100");
    assertThat(container.killGracePeriodSeconds()).isEqualTo(60);
    assertThat(container.volumeMounts()).containsExactly(new Pod.VolumeMount("etc", "etc"));
    assertThat(container.healthCheck().protocol()).isEqualTo(Protocol.MESOS_HTTP);
    assertThat(container.healthCheck().path()).isEqualTo("/health");
    assertThat(pod.healthChecks()).containsExactly(container.healthCheck());
    assertThat(pod.pod().checkIndex("container1")).isZero();
  }

  @Test
  void aWrittenPodReadsBackTheSameAndAStoredOneKeepsItsVersion() {
    String version = "2026-12-07T00:00:00Z";
    AppDefinition pod = AppJson.readPod(supportedExample(), PathId.ROOT)
      .withVersion(version, new AppDefinition.VersionInfo(version, version));

    assertThat(AppJson.readPod(AppJson.writePod(pod), PathId.ROOT)).isEqualTo(pod.withVersion(null, null));
    assertThat(AppJson.readStoredApp(AppJson.writeStored(pod))).isEqualTo(pod);
    assertThat(AppJson.writePod(pod).getJsonObject("scaling").getInteger("instances")).isEqualTo(1);
  }

  @Test
  void everyViolationIsNamedAtOnce() {
    JsonObject json = new JsonObject().put("id", "/p").put("containers", new JsonArray()
      .add(new JsonObject().put("name", "Bad_Name").put("resources", new JsonObject().put("cpus", 0.1)))
      .add(new JsonObject().put("name", "web").put("exec", new JsonObject().put("command",
          new JsonObject().put("shell", "serve")))
        .put("resources", new JsonObject().put("cpus", 0.1))
        .put("healthCheck", new JsonObject().put("tcp", new JsonObject().put("endpoint", "nope")))));

    assertThat(violations(() -> AppJson.readPod(json, PathId.ROOT))).extracting(Violation::path)
      .containsExactlyInAnyOrder("/containers(0)/name", "/containers(0)/exec", "/containers(1)/healthCheck/tcp/endpoint");
  }
}
