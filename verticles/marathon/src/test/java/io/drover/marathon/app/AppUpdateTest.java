package io.drover.marathon.app;

import static io.drover.marathon.app.MarathonExamples.app;
import static io.drover.marathon.app.MarathonExamples.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.marathon.app.AppDefinition.PortDefinition;
import io.drover.marathon.app.Container.Network;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppUpdateTest {

  private final AppDefinition web = app("""
    {"id":"/prod/web","cmd":"serve","cpus":0.5,"env":{"A":"1"},"labels":{"x":"y"},
     "portDefinitions":[{"port":0,"name":"http"}],"healthChecks":[{"path":"/health"}]}""");

  private static AppDefinition update(AppDefinition current, String patch) {
    return AppJson.updateApp(current, new JsonObject(patch));
  }

  @Test
  void aScaleOnlyBodyChangesOnlyTheInstances() {
    AppDefinition scaled = update(web, "{\"instances\":3}");

    assertThat(scaled.instances()).isEqualTo(3);
    assertThat(scaled.sameConfigAs(web)).isTrue();
  }

  @Test
  void anEmptyPatchChangesNothing() {
    assertThat(update(web, "{}")).isEqualTo(web);
    assertThat(update(web.withVersion("v1", null), "{\"version\":\"v0\"}")).isEqualTo(web);
  }

  @Test
  void presentFieldsReplaceWholeValues() {
    AppDefinition updated = update(web, "{\"env\":{\"B\":\"2\"},\"cpus\":2,\"user\":null}");

    assertThat(updated.env()).isEqualTo(Map.of("B", "2"));
    assertThat(updated.cpus()).isEqualTo(2);
    assertThat(updated.labels()).isEqualTo(web.labels());
  }

  @Test
  void theIdMayBeRepeatedButNotChanged() {
    assertThat(update(web, "{\"id\":\"prod/web\",\"instances\":2}").instances()).isEqualTo(2);
    assertThat(violations(() -> update(web, "{\"id\":\"/prod/api\"}")))
      .containsExactly(new Violation("/id", "must be absent or /prod/web, the id of the app being updated"));
  }

  @Test
  void theResultIsValidated() {
    assertThat(violations(() -> update(web, "{\"cpus\":0,\"instances\":\"5\"}")))
      .extracting(Violation::path).containsExactlyInAnyOrder("/cpus", "/instances");
    assertThat(violations(() -> update(web, "{\"ipAddress\":{}}"))).allMatch(MarathonExamples::isUnsupported);
  }

  @Test
  void argsReplaceCmdAndPortsReplacePortDefinitions() {
    AppDefinition updated = update(web, "{\"args\":[\"serve\",\"-v\"],\"ports\":[0,0]}");

    assertThat(updated.cmd()).isNull();
    assertThat(updated.args()).containsExactly("serve", "-v");
    assertThat(updated.portDefinitions()).containsExactly(
      new PortDefinition(0, "tcp", null, Map.of()), new PortDefinition(0, "tcp", null, Map.of()));
  }

  @Test
  void aDockerAppCanChangeItsNetworkEitherWay() {
    AppDefinition docker = app("{\"id\":\"/a\",\"container\":{\"docker\":{\"image\":\"x\",\"network\":\"BRIDGE\"}}}");

    assertThat(update(docker, "{\"networks\":[{\"mode\":\"host\"}]}").container().docker().network())
      .isEqualTo(Network.HOST);
    assertThat(update(docker, "{\"container\":{\"docker\":{\"image\":\"y\",\"network\":\"HOST\"}}}")
      .container().docker().network()).isEqualTo(Network.HOST);
    assertThat(update(docker, "{\"container\":{\"docker\":{\"image\":\"y\"}}}").container().docker().network())
      .isEqualTo(Network.BRIDGE);
  }
}
