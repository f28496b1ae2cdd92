package io.drover.marathon.app;

import static io.drover.marathon.app.MarathonExamples.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class GroupJsonTest {

  private static GroupDefinition group(String json, String base) {
    return AppJson.readGroup(new JsonObject(json), PathId.parse(base));
  }

  @Test
  void appAndGroupIdsAreRelativeToTheirGroup() {
    GroupDefinition prod = group("""
      {"id":"prod","dependencies":["shared"],
       "apps":[{"id":"web","cmd":"x","dependencies":["db","../shared/cache"]},{"id":"/prod/db","cmd":"y"}],
       "groups":[{"id":"batch","apps":[{"id":"etl","cmd":"z"}]}]}""", "/");

    assertThat(prod.id()).isEqualTo(PathId.parse("/prod"));
    assertThat(prod.dependencies()).containsExactly(PathId.parse("/shared"));
    assertThat(prod.apps()).extracting(a -> a.id().toString()).containsExactly("/prod/web", "/prod/db");
    assertThat(prod.apps().get(0).dependencies()).containsExactly(PathId.parse("/prod/db"), PathId.parse("/shared/cache"));
    assertThat(prod.groups().get(0).apps().get(0).id()).isEqualTo(PathId.parse("/prod/batch/etl"));
  }

  @Test
  void aBodyWithoutIdIsTheGroupOfTheUrl() {
    assertThat(group("{\"apps\":[{\"id\":\"web\",\"cmd\":\"x\"}]}", "/prod").apps().get(0).id())
      .isEqualTo(PathId.parse("/prod/web"));
  }

  @Test
  void violationsCarryTheirPlaceInTheTree() {
    assertThat(violations(() -> group("""
      {"id":"/prod","apps":[{"id":"web","cmd":"x"},{"id":"api","cmd":"x","cpus":-1}],
       "groups":[{"id":"batch","apps":[{"id":"etl","cmd":"z","ipAddress":{}}]},{"apps":[]}]}""", "/")))
      .extracting(Violation::path)
      .containsExactly("/apps(1)/cpus", "/groups(0)/apps(0)/ipAddress", "/groups(1)/id");
  }

  @Test
  void membersMustBeDirectChildren() {
    assertThat(violations(() -> group("{\"id\":\"/prod\",\"apps\":[{\"id\":\"/dev/web\",\"cmd\":\"x\"}]}", "/")))
      .containsExactly(new Violation("/apps", "identifier /dev/web is not child of /prod. Hint: use relative paths."));
  }

  @Test
  void podsAreUnsupported() {
    assertThat(violations(() -> group("{\"id\":\"/prod\",\"pods\":[{}]}", "/")))
      .allMatch(MarathonExamples::isUnsupported).hasSize(1);
  }

  @Test
  void onlyATopLevelGroupEnforcesItsRole() {
    assertThat(group("{\"id\":\"/prod\",\"enforceRole\":true}", "/").enforceRole()).isTrue();
    assertThat(group("{\"id\":\"/prod\"}", "/").enforceRole()).isNull();
    assertThat(violations(() -> group("{\"id\":\"/prod/web\",\"enforceRole\":true}", "/")))
      .containsExactly(new Violation("/enforceRole",
        "enforceRole can only be set for top-level groups, and /prod/web is not one"));
    assertThat(violations(() -> group("{\"id\":\"/prod\",\"groups\":[{\"id\":\"web\",\"enforceRole\":true}]}",
      "/"))).extracting(Violation::path).containsExactly("/groups(0)/enforceRole");
  }

  @Test
  void aScaleIsNeverPartOfAChangeOfTheGroup() {
    assertThat(violations(() -> group("{\"id\":\"/prod\",\"scaleBy\":2,\"apps\":[]}", "/")))
      .extracting(Violation::path).containsExactly("/scaleBy");
  }
}
