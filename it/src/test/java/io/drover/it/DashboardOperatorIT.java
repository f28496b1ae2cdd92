package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Browser;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator does from the dashboard's detail pages, in a real headless Chromium against real
 * processes: an app edited, diffed and rolled back from its page, its scale and suspend and delete
 * asked for first. Screenshots land in {@code target/screenshots}.
 */
class DashboardOperatorIT {

  static final String RESOURCES = "cpus:4;mem:2048;disk:1000;ports:[31000-31099]";
  static final Duration LIVE = Duration.ofSeconds(30);
  static final Duration DEPLOY = Duration.ofSeconds(90);

  static ClusterFixture cluster;
  static MarathonClient marathon;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("dashboard-operator");
    cluster.master("master");
    cluster.agent("agent-1", RESOURCES);
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon-1");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anAppIsEditedIntoANewVersionDiffedAndRolledBackFromItsPage() {
    marathon.expect(201, "POST", "/v2/apps", app("/edited", "sleep 4501", 2));
    marathon.awaitRunning("edited", 2);
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/apps/edited");
      browser.awaitLive();
      Await.until("the editor holds the definition", LIVE, () -> editor(browser).contains("sleep 4501"));
      Await.until("the page lists both tasks", LIVE, () -> browser.all("#app-tasks-table tbody tr").size() == 2);

      // the server's reasons show beside the editor, and nothing changes
      edit(browser, editor(browser).replace("\"cpus\": 0.1", "\"cpus\": -1"));
      browser.one("#app-save").click();
      Await.until("the server's reason about cpus shows", LIVE, () -> browser.all("#app-edit-details li").stream()
        .anyMatch(li -> li.getText().contains("/cpus")));
      browser.screenshot("operator-app-edit-refused");
      assertThat(versions()).hasSize(1);

      Await.until("the changes can be discarded", LIVE, () -> browser.one("#app-revert").isEnabled());
      browser.one("#app-revert").click();
      Await.until("the editor shows the definition again", LIVE, () -> editor(browser).contains("\"cpus\": 0.1"));
      edit(browser, editor(browser).replace("sleep 4501", "sleep 4502"));
      browser.one("#app-save").click();
      Await.until("the new version is marathon's", LIVE, () -> "sleep 4502".equals(marathon.app("edited").getString("cmd")));
      Await.until("the page lists two versions", LIVE, () -> versionRows(browser).size() == 2);
      Await.until("the deployment replaced both tasks with the new version", DEPLOY, () ->
        currentTasks(browser) == 2 && marathon.deployments().isEmpty());

      WebElement older = versionRows(browser).get(1);
      older.findElement(org.openqa.selenium.By.cssSelector(".diff-button")).click();
      Await.until("the diff shows the changed command", LIVE, () -> browser.text("#app-diff .removed").contains("sleep 4501")
        && browser.text("#app-diff .added").contains("sleep 4502"));
      browser.screenshot("operator-app-diff");

      versionRows(browser).get(1).findElement(org.openqa.selenium.By.cssSelector(".rollback-button")).click();
      confirm(browser, "roll back");
      Await.until("marathon rolled back", LIVE, () -> "sleep 4501".equals(marathon.app("edited").getString("cmd")));
      Await.until("the page shows the rolled back definition", LIVE, () -> editor(browser).contains("sleep 4501")
        && versionRows(browser).size() == 3);
      Await.until("the tasks run the rolled back version", DEPLOY, () ->
        currentTasks(browser) == 2 && marathon.deployments().isEmpty());
      browser.screenshot("operator-app-rolled-back");
      assertThat(marathon.running("edited")).hasSize(2);
    } finally {
      marathon.send("DELETE", "/v2/apps/edited?force=true", null);
    }
  }

  @Test
  void scaleSuspendAndDeleteAreAskedForFirst() {
    marathon.expect(201, "POST", "/v2/apps", app("/asked", "sleep 4503", 2));
    marathon.awaitRunning("asked", 2);
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/apps/asked");
      browser.awaitLive();
      Await.until("the page lists both tasks", LIVE, () -> browser.all("#app-tasks-table tbody tr").size() == 2);

      WebElement instances = browser.one("#app-scale-input");
      instances.sendKeys("1");
      browser.one("#app-scale").click();
      Await.until("scaling down is asked for", LIVE, () -> browser.one("#confirm-dialog").isDisplayed());
      assertThat(browser.text("#confirm-message")).contains("from 2 to 1");
      browser.one("#confirm-cancel").click();
      assertThat(marathon.app("asked").getInteger("instances")).as("a cancelled scale changes nothing").isEqualTo(2);

      browser.one("#app-scale").click();
      confirm(browser, "scale down");
      Await.until("marathon scaled down", LIVE, () -> marathon.app("asked").getInteger("instances") == 1);
      Await.until("the page shows one task", DEPLOY, () -> browser.all("#app-tasks-table tbody tr").size() == 1);

      browser.one("#app-suspend").click();
      confirm(browser, "suspend");
      Await.until("marathon suspended the app", LIVE, () -> marathon.app("asked").getInteger("instances") == 0);
      Await.until("the page shows no task", DEPLOY, () -> browser.all("#app-tasks-table tbody tr").isEmpty());
      Await.until("the page says 0 wanted", LIVE, () -> browser.text("#app-status").contains("0 wanted"));

      browser.one("#app-delete").click();
      confirm(browser, "delete");
      Await.until("the app is gone", LIVE, () -> marathon.send("GET", "/v2/apps/asked", null).status() == 404);
      Await.until("the page went back to the list", LIVE, () -> browser.script("return location.hash").equals("#/apps"));
    } finally {
      marathon.send("DELETE", "/v2/apps/asked?force=true", null);
    }
  }

  private static String app(String id, String cmd, int instances) {
    return new JsonObject().put("id", id).put("cmd", cmd).put("instances", instances).put("cpus", 0.1)
      .put("mem", 16).encode();
  }

  /** Waits for the confirmation dialog and answers it with its action button. */
  static void confirm(Browser browser, String action) {
    Await.until("the dialog asks before " + action, LIVE, () -> browser.one("#confirm-dialog").isDisplayed());
    assertThat(browser.text("#confirm-ok")).isEqualTo(action);
    browser.one("#confirm-ok").click();
    Await.until("the dialog closes", LIVE, () -> !browser.one("#confirm-dialog").isDisplayed());
  }

  private static String editor(Browser browser) {
    return (String) browser.script("return document.getElementById('app-definition').value");
  }

  /** Replaces the editor's text as typing would (an input event follows). */
  private static void edit(Browser browser, String text) {
    browser.script("const editor = document.getElementById('app-definition'); editor.value = arguments[0];"
      + " editor.dispatchEvent(new Event('input'));", text);
  }

  private static List<WebElement> versionRows(Browser browser) {
    return browser.all("#app-versions-table tbody tr");
  }

  /** How many of the page's tasks of the app run its current version. */
  private static long currentTasks(Browser browser) {
    return browser.all("#app-tasks-table tbody tr .version").stream().filter(v -> v.getText().contains("current")).count();
  }

  private static List<Object> versions() {
    return marathon.expect(200, "GET", "/v2/apps/edited/versions", null).getJsonArray("versions").getList();
  }
}
