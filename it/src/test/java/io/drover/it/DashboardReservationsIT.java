package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Browser;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent's reservations on the dashboard, in a real headless Chromium against real processes: a
 * master, agent {@code reserved} that reserves 2 cpus, 512 MB and ports 31100-31109 for role
 * {@code pg} with its {@code --resources} flag, and agent {@code plain} that reserves nothing. The
 * agents table says what each reserves and sorts by it; the reserved agent's page lists pg's
 * reservation (leading to the roles view) and what is left for any role. An operator's
 * RESERVE_RESOURCES of half a cpu more for pg shows on that page and in the table without a reload.
 */
class DashboardReservationsIT {

  static final Duration LIVE = Duration.ofSeconds(30);
  static final String RESERVED =
    "cpus:1;mem:256;disk:100;ports:[31000-31009];cpus(pg):2;mem(pg):512;ports(pg):[31100-31109]";
  static final String PLAIN = "cpus:1;mem:256;disk:100;ports:[31010-31019]";
  static final String NONE = "\u2014";

  @Test
  void anAgentsReservationsShowOnItsPageAndInTheTableAndFollowAnOperatorsReserveLive() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("dashboard-reservations")) {
      String master = cluster.master("master").url("master");
      cluster.agent("reserved", RESERVED);
      cluster.agent("plain", PLAIN);
      cluster.awaitActiveAgents(2);
      List<JsonObject> agents = cluster.leaderState().getJsonArray("slaves").stream().map(JsonObject.class::cast)
        .toList();
      String reservedId = agents.stream().filter(a -> !a.getJsonObject("reserved_resources").isEmpty())
        .findFirst().orElseThrow().getString("id");
      String plainId = agents.stream().filter(a -> a.getJsonObject("reserved_resources").isEmpty())
        .findFirst().orElseThrow().getString("id");

      try (Browser browser = Browser.open()) {
        browser.get(master + "/#/agents");
        browser.awaitLive();
        Await.until("the table says what each agent reserves", LIVE, () ->
          reservedCell(browser, reservedId).equals("pg: cpus 2, mem 512 MB")
            && reservedCell(browser, plainId).equals(NONE));
        browser.one("#agents-table th[data-sort='reserved'] button").click();
        Await.until("agents reserving nothing first", LIVE, () ->
          agentIds(browser).equals(List.of(plainId, reservedId)));
        browser.one("#agents-table th[data-sort='reserved'] button").click();
        Await.until("and last, reversed", LIVE, () -> agentIds(browser).equals(List.of(reservedId, plainId)));
        assertThat(browser.one("#agents-table th[data-sort='reserved']").getAttribute("aria-sort"))
          .isEqualTo("descending");
        // "pg", not "db": the filter also matches agent ids, which are hex and may hold "db"
        browser.one("#agent-filter").sendKeys("pg");
        Await.until("the filter matches a reserved role", LIVE, () -> agentIds(browser).equals(List.of(reservedId)));
        browser.one("#agent-filter").sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE);
        Await.until("both again", LIVE, () -> agentIds(browser).size() == 2);

        browser.one("#agents-table tr[data-id='" + reservedId + "'] td.id a").click();
        Await.until("the agent's page lists pg's reservation", LIVE, () ->
          reservation(browser, "pg", "cpus").equals("2"));
        assertThat(reservation(browser, "pg", "mem")).isEqualTo("512 MB");
        assertThat(reservation(browser, "pg", "disk")).isEqualTo(NONE);
        assertThat(reservation(browser, "pg", "ports")).isEqualTo("31100-31109");
        // and what is left for any role
        assertThat(reservation(browser, "", "role")).isEqualTo("unreserved (any role)");
        assertThat(reservation(browser, "", "cpus")).isEqualTo("1");
        assertThat(reservation(browser, "", "mem")).isEqualTo("256 MB");
        assertThat(reservation(browser, "", "disk")).isEqualTo("100 MB");
        assertThat(reservation(browser, "", "ports")).isEqualTo("31000-31009");
        assertThat(browser.one("#agent-reservations-none").isDisplayed()).isFalse();
        assertThat(browser.one("#agent-reservations-table tr[data-id='pg'] td.role a").getAttribute("href"))
          .endsWith("#/roles?q=pg");

        // an operator reserves half of the unreserved cpu for pg: the page follows, not reloaded
        browser.script("window.notReloaded = true");
        HttpResponse<String> reserved = Http.send("POST", master + "/api/v1", reserve(reservedId, 0.5, "pg").encode());
        assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(202);
        Await.until("pg's 2.5 cpus show without a reload", LIVE, () ->
          reservation(browser, "pg", "cpus").equals("2.5") && reservation(browser, "", "cpus").equals("0.5"));
        assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
        browser.screenshot("agent-reservations");

        browser.script("location.hash = arguments[0]", "#/agents");
        Await.until("the table has it too", LIVE, () ->
          reservedCell(browser, reservedId).equals("pg: cpus 2.5, mem 512 MB"));
        browser.screenshot("agents-reserved");

        browser.script("location.hash = arguments[0]", "#/agents/" + plainId);
        Await.until("an agent reserving nothing says so", LIVE, () ->
          browser.one("#agent-reservations-none").isDisplayed());
        assertThat(browser.one("#agent-reservations-table").isDisplayed()).isFalse();
        assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);

        browser.script("location.hash = arguments[0]", "#/agents/" + reservedId);
        Await.until("the reserved agent's page again", LIVE, () -> reservation(browser, "pg", "cpus").equals("2.5"));
        browser.one("#agent-reservations-table tr[data-id='pg'] td.role a").click();
        Await.until("the role leads to the roles view, filtered by it", LIVE, () ->
          browser.one("#view-roles").isDisplayed() && browser.one("#role-filter").getAttribute("value").equals("pg"));
      }
    }
  }

  /** A RESERVE_RESOURCES call of {@code cpus} for {@code role}, as an operator sends it. */
  private static JsonObject reserve(String agentId, double cpus, String role) {
    JsonObject resource = new JsonObject().put("name", "cpus").put("type", "SCALAR")
      .put("scalar", new JsonObject().put("value", cpus))
      .put("reservations", new JsonArray().add(new JsonObject().put("type", "DYNAMIC").put("role", role)));
    return new JsonObject().put("type", "RESERVE_RESOURCES").put("reserve_resources", new JsonObject()
      .put("agent_id", new JsonObject().put("value", agentId)).put("resources", new JsonArray().add(resource)));
  }

  private static String reservedCell(Browser browser, String agentId) {
    return browser.text("#agents-table tr[data-id='" + agentId + "'] td.reserved");
  }

  /** A cell of the agent page's reservations: row {@code role}, or "" for what is left for any role. */
  private static String reservation(Browser browser, String role, String column) {
    return browser.text("#agent-reservations-table tr[data-id='" + role + "'] td." + column);
  }

  private static List<String> agentIds(Browser browser) {
    return browser.all("#agents-table tbody tr").stream().map(row -> row.getAttribute("data-id")).toList();
  }
}
