package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Browser;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's roles view in a real headless Chromium against real processes: a master (that
 * also knows a read-only token), one agent of 2 cpus, a quota on role {@code eng} and a v1 framework
 * in its subrole {@code eng/web} that takes every offer. The view lists eng/web and its parent eng
 * as the framework subscribes, without a reload; a weight set from the page reaches
 * {@code /weights}; a weight of 0 shows the leader's reason and changes nothing, and so does any
 * weight sent with the read-only token. The framework's page names its role and leads to it.
 */
class DashboardRolesIT {

  static final Duration LIVE = Duration.ofSeconds(30);
  static final String READ_TOKEN = "read-only-" + UUID.randomUUID();
  static final JsonArray ENG_WEIGHS_3 = new JsonArray().add(new JsonObject().put("role", "eng").put("weight", 3.0));

  @Test
  void theRolesViewFollowsAFrameworksRoleLiveAndSetsWeights() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("dashboard-roles")) {
      String master = cluster.master("master", cluster.readToken(READ_TOKEN)).url("master");
      cluster.agent("agent", "cpus:2;mem:512;disk:100;ports:[31000-31009]");
      cluster.awaitActiveAgents(1);
      JsonObject quota = new JsonObject().put("role", "eng")
        .put("guarantees", new JsonObject().put("cpus", new JsonObject().put("value", 1)))
        .put("limits", new JsonObject().put("cpus", new JsonObject().put("value", 2)));
      assertThat(Http.send("POST", master + "/api/v1", new JsonObject().put("type", "UPDATE_QUOTA")
        .put("update_quota", new JsonObject().put("quota_configs", new JsonArray().add(quota))).encode())
        .statusCode()).isEqualTo(200);

      Protos.FrameworkInfo.Builder info = Protos.FrameworkInfo.newBuilder().setUser("nobody").setName("web")
        .addRoles("eng/web").addCapabilities(Protos.FrameworkInfo.Capability.newBuilder()
          .setType(Protos.FrameworkInfo.Capability.Type.MULTI_ROLE));
      try (Browser browser = Browser.open();
           MesosHttpScheduler web = new MesosHttpScheduler(info, MediaType.JSON)) {
        browser.get(master + "/#/roles");
        browser.awaitLive();
        web.fillOffers("sleep 600");
        web.subscribe(master);
        Await.until("eng/web shows with the agent's 2 cpus, without a reload", LIVE, () ->
          cell(browser, "eng/web", "cpus").equals("2"));
        assertThat(roleNames(browser)).containsExactly("eng", "eng/web");
        assertThat(cell(browser, "eng/web", "weight")).isEqualTo("1");
        // the name comes from the framework's own live event (its "subscribed" is no bridge confirmation)
        Await.until("eng/web names its framework", LIVE, () -> cell(browser, "eng/web", "frameworks").equals("1: web"));
        assertThat(cell(browser, "eng/web", "share")).isEqualTo("100% cpus");
        // the parent holds nothing itself, but its share counts its subrole's, as the allocator does
        assertThat(cell(browser, "eng", "cpus")).isEqualTo("0");
        assertThat(cell(browser, "eng", "share")).isEqualTo("100% cpus");
        assertThat(cell(browser, "eng", "guarantee")).isEqualTo("cpus 1");
        assertThat(cell(browser, "eng", "limit")).isEqualTo("cpus 2");
        assertThat(cell(browser, "eng", "consumed")).isEqualTo("cpus 2 of 1");
        assertThat(cell(browser, "eng/web", "guarantee")).isEqualTo("\u2014");

        setWeight(browser, "eng", "3");
        Await.until("the leader has eng's weight", LIVE, () -> weights(master).equals(ENG_WEIGHS_3));
        Await.until("the page shows it", LIVE, () -> cell(browser, "eng", "weight").equals("3"));
        assertThat(browser.text("#weight-error")).isEmpty();
        browser.screenshot("roles");

        setWeight(browser, "eng", "0");
        Await.until("the leader's reason shows beside the form", LIVE, () ->
          browser.text("#weight-error").contains("must be a positive number"));
        assertThat(weights(master)).as("a refused weight changes nothing").isEqualTo(ENG_WEIGHS_3);
        assertThat(cell(browser, "eng", "weight")).isEqualTo("3");
        browser.screenshot("roles-weight-refused");

        // the order is in the address: a link shows the same rows
        browser.visit("about:blank");
        browser.get(master + "/#/roles?sort=weight&dir=asc");
        browser.awaitLive();
        Await.until("lightest first", LIVE, () -> roleNames(browser).equals(List.of("eng/web", "eng")));
        assertThat(browser.one("#roles-table th[data-sort='weight']").getAttribute("aria-sort")).isEqualTo("ascending");

        browser.script("location.hash = arguments[0]", "#/frameworks/" + web.frameworkId());
        Await.until("the framework's page names its role", LIVE, () ->
          browser.text("#framework-details [data-label='Roles'] dd").equals("eng/web"));
        browser.one("#framework-details [data-label='Roles'] dd a").click();
        Await.until("its role's row, alone", LIVE, () -> roleNames(browser).equals(List.of("eng/web")));
      }

      try (Browser reader = Browser.open()) {
        reader.visit(master + "/#/roles");
        Await.until("the page asks for the token", LIVE, () -> reader.one("#sign-in").isDisplayed());
        reader.signIn(READ_TOKEN);
        reader.awaitLive();
        Await.until("the reader sees eng's weight", LIVE, () -> cell(reader, "eng", "weight").equals("3"));
        setWeight(reader, "eng", "5");
        Await.until("the page says the token may only read", LIVE, () ->
          reader.text("#weight-error").contains("may only read"));
        assertThat(weights(master)).isEqualTo(ENG_WEIGHS_3);
      }
    }
  }

  private static void setWeight(Browser browser, String role, String weight) {
    WebElement name = browser.one("#weight-role");
    name.clear();
    name.sendKeys(role);
    WebElement value = browser.one("#weight-value");
    value.clear();
    value.sendKeys(weight);
    browser.one("#weight-set").click();
  }

  private static JsonArray weights(String master) {
    return new JsonArray(Http.get(master + "/weights").body());
  }

  private static String cell(Browser browser, String role, String column) {
    return browser.text("#roles-table tr[data-id='" + role + "'] td." + column);
  }

  private static List<String> roleNames(Browser browser) {
    return browser.all("#roles-table tbody tr").stream().map(row -> row.getAttribute("data-id")).toList();
  }
}
