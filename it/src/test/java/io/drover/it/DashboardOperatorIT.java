package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Browser;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonApps;
import io.drover.it.fixture.MarathonClient;
import io.drover.it.fixture.MesosHttpScheduler;
import io.drover.mesos.MediaType;
import io.vertx.core.json.JsonObject;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
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
  static DroverProcess master;
  static MarathonClient marathon;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("dashboard-operator");
    master = cluster.master("master");
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
  void theAppPageShowsEachTasksHealthPerCheck() {
    marathon.expect(201, "POST", "/v2/apps", MarathonApps.webApp("/checked", 1, "/"));
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/apps/checked");
      browser.awaitLive();
      Await.until("the task's health shows per check", DEPLOY, () ->
        browser.text("#app-tasks-table tbody tr .health").contains("check 1 healthy"));
      Await.until("the app counts it healthy", LIVE, () -> browser.text("#app-status").contains("1 healthy"));
      browser.screenshot("operator-app-health");
    } finally {
      marathon.send("DELETE", "/v2/apps/checked?force=true", null);
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

  @Test
  void aDeploymentIsWatchedToItsEndWhenAnAgentBringsTheRoomItWaitsFor() {
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/deployments");
      browser.awaitLive();
      // each instance wants 3 of the agent's 4 cpus: the second waits for another agent
      String deployment = marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/roomy")
        .put("cmd", "sleep 4504").put("instances", 2).put("cpus", 3).put("mem", 16).encode())
        .getJsonArray("deployments").getJsonObject(0).getString("id");
      String card = "#deployments-list .deployment[data-id='" + deployment + "']";
      Await.until("the page shows the deployment with one of two running", DEPLOY, () ->
        browser.text(card).contains("1 of 2 running"));
      // a new app deploys in two steps, start then scale: the first done, the second half way
      assertThat(browser.text(card)).contains("step 2 of 2").contains("/roomy");
      assertThat(browser.one(card + " [role=progressbar]").getAttribute("aria-valuenow")).isEqualTo("75");
      browser.screenshot("operator-deployment-waiting");

      cluster.agent("agent-2", "cpus:4;mem:2048;disk:1000;ports:[32000-32099]");
      Await.until("the page shows the deployment ended", DEPLOY, () -> browser.all(card).isEmpty()
        && browser.text("#deployments-ended").contains(deployment));
      assertThat(marathon.deployments()).isEmpty();
      assertThat(marathon.running("roomy")).hasSize(2);
      browser.screenshot("operator-deployment-ended");
    } finally {
      marathon.send("DELETE", "/v2/apps/roomy?force=true", null);
    }
  }

  @Test
  void aStuckDeploymentIsRolledBackThenForceStoppedFromThePage() {
    marathon.expect(201, "POST", "/v2/apps", app("/stuck", "sleep 4505", 1));
    marathon.awaitRunning("stuck", 1);
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/deployments");
      browser.awaitLive();
      // far more memory than the cluster has: the scale never finishes on its own
      String first = deploymentOf(marathon.expect(200, "PUT", "/v2/apps/stuck", "{\"instances\":500}"));
      String card = "#deployments-list .deployment[data-id='" + first + "']";
      Await.until("the page shows the stuck deployment", LIVE, () -> browser.text(card).contains("of 500 running"));
      browser.one(card + " .rollback-button").click();
      confirm(browser, "roll back");
      Await.until("the rollback returned the app to one instance", DEPLOY, () ->
        marathon.app("stuck").getInteger("instances") == 1 && marathon.deployments().isEmpty());
      Await.until("the page saw it end", LIVE, () -> browser.all(card).isEmpty()
        && browser.text("#deployments-ended").contains(first));

      String second = deploymentOf(marathon.expect(200, "PUT", "/v2/apps/stuck", "{\"instances\":500}"));
      String stuck = "#deployments-list .deployment[data-id='" + second + "']";
      Await.until("the page shows the second stuck deployment", LIVE, () -> browser.text(stuck).contains("of 500 running"));
      browser.screenshot("operator-deployment-stuck");
      browser.one(stuck + " .stop-button").click();
      confirm(browser, "force stop");
      Await.until("the deployment stopped where it was", LIVE, () -> marathon.deployments().isEmpty());
      assertThat(marathon.app("stuck").getInteger("instances")).as("a stopped deployment undoes nothing").isEqualTo(500);
      Await.until("the page saw it end", LIVE, () -> browser.all(stuck).isEmpty());

      // the app still wants 500: its page says why they do not start
      browser.script("location.hash = '#/apps/stuck'");
      Await.until("the app page says why tasks wait", LIVE, () -> !whyWaiting(browser).isBlank()
        && !whyWaiting(browser).equals("\u2014"));
      browser.screenshot("operator-app-waiting");
    } finally {
      marathon.send("DELETE", "/v2/apps/stuck?force=true", null);
    }
  }

  @Test
  void theAppPageShowsTheLastTaskFailure() {
    marathon.expect(201, "POST", "/v2/apps", app("/failing", "echo bye; exit 3", 1));
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/apps/failing");
      browser.awaitLive();
      Await.until("the page shows how the last task failed", DEPLOY, () ->
        browser.text("#app-status [data-label='Last failure'] dd").contains("TASK_FAILED"));
      browser.screenshot("operator-app-last-failure");
    } finally {
      marathon.send("DELETE", "/v2/apps/failing?force=true", null);
    }
  }

  @Test
  void aTaskSandboxIsBrowsedThroughTheMasterAndItsFilesOpenedOrRefusedWithAReason() {
    marathon.expect(201, "POST", "/v2/apps", app("/sandboxed", "mkdir -p out/deep && echo hello-sandbox > out/greeting.txt"
      + " && head -c 3000 /dev/zero > out/zeros.bin && seq 1 100000 > out/big.txt && ln -s /etc out/etc-link"
      + " && ln -s /etc/passwd passwd && sleep 4506", 1));
    marathon.awaitRunning("sandboxed", 1);
    String taskId = marathon.running("sandboxed").get(0).getString("id");
    try (Browser browser = Browser.open()) {
      // served by a marathon node: the sandbox comes through it, the leading master and the agent
      browser.get(marathon.url() + "/#/tasks/" + taskId);
      browser.awaitLive();
      Await.until("the sandbox lists its files", LIVE, () -> sandboxRows(browser).contains("out")
        && sandboxRows(browser).contains("stdout") && sandboxRows(browser).contains("passwd"));
      browser.one("#sandbox-table tr[data-id='out'] .open-dir").click();
      Await.until("the directory opens", LIVE, () -> sandboxRows(browser).containsAll(
        List.of("out/deep", "out/greeting.txt", "out/zeros.bin", "out/big.txt", "out/etc-link")));

      openFile(browser, "out/greeting.txt");
      Await.until("the file shows", LIVE, () -> browser.text("#sandbox-file-text").contains("hello-sandbox"));
      // the place is kept in the address: a reload or a link opens the same directory and file
      Await.until("the address names the directory and the file", LIVE, () -> hash(browser).endsWith("?dir=out&file=out%2Fgreeting.txt"));
      String kept = marathon.url() + "/" + hash(browser);
      browser.visit("about:blank");
      browser.get(kept);
      browser.awaitLive();
      Await.until("the link opens the same file in the same directory", LIVE, () ->
        browser.text("#sandbox-file-text").contains("hello-sandbox") && sandboxRows(browser).contains("out/zeros.bin"));
      assertThat(browser.text("#sandbox-file-title")).isEqualTo("out/greeting.txt");
      String download = browser.one("#sandbox-download").getAttribute("href");
      Object downloaded = browser.asyncScript("const done = arguments[arguments.length - 1];"
        + " fetch(arguments[0]).then(r => r.text()).then(done, e => done(String(e)));", download);
      assertThat(downloaded).isEqualTo("hello-sandbox\n");
      browser.screenshot("operator-sandbox-file");

      openFile(browser, "out/big.txt");
      Await.until("a huge file shows its beginning and says so", LIVE, () ->
        browser.text("#sandbox-file-note").contains("are shown") && browser.text("#sandbox-file-text").startsWith("1\n2\n3"));
      openFile(browser, "out/zeros.bin");
      Await.until("a binary file is not shown", LIVE, () -> browser.text("#sandbox-file-note").contains("binary")
        && browser.text("#sandbox-file-text").isEmpty());
      openFile(browser, "out/etc-link");
      Await.until("a link out of the sandbox is refused with its reason", LIVE, () ->
        browser.text("#sandbox-error").contains("leads out of the task's sandbox"));
      browser.one("#sandbox-crumbs .crumb").click();
      Await.until("back at the sandbox's top", LIVE, () -> sandboxRows(browser).contains("passwd"));
      openFile(browser, "passwd");
      Await.until("a planted link to /etc/passwd is refused", LIVE, () ->
        browser.text("#sandbox-error").contains("leads out of the task's sandbox"));
      assertThat(browser.text("#sandbox-file-text")).doesNotContain("root:");
      browser.screenshot("operator-sandbox-refused");

      browser.script("location.hash = '#/tasks/no-such-task'");
      Await.until("a gone task's sandbox says so", LIVE, () -> browser.text("#sandbox-error").contains("is gone"));
    } finally {
      marathon.send("DELETE", "/v2/apps/sandboxed?force=true", null);
    }
  }

  private static List<String> sandboxRows(Browser browser) {
    return browser.all("#sandbox-table tbody tr").stream().map(row -> row.getAttribute("data-id")).toList();
  }

  private static void openFile(Browser browser, String path) {
    browser.one("#sandbox-table tr[data-id='" + path + "'] .open-file").click();
  }

  @Test
  void tablesSortByTheirColumnsAndKeepFiltersAndOrderInTheAddress() {
    marathon.expect(201, "POST", "/v2/apps", app("/sort-a", "sleep 4507", 1));
    marathon.expect(201, "POST", "/v2/apps", app("/sort-b", "sleep 4507", 3));
    marathon.expect(201, "POST", "/v2/apps", app("/sort-c", "sleep 4507", 2));
    try {
      marathon.awaitRunning("sort-b", 3);
      try (Browser browser = Browser.open()) {
        String url = marathon.url() + "/#/apps?q=sort-&sort=instances&dir=desc";
        browser.get(url);
        browser.awaitLive();
        Await.until("the apps are filtered and by instances, most first", LIVE, () ->
          appRows(browser).equals(List.of("/sort-b", "/sort-c", "/sort-a")));
        assertThat(browser.one("#app-filter").getAttribute("value")).isEqualTo("sort-");
        assertThat(browser.one("#apps-table th[data-sort='instances']").getAttribute("aria-sort")).isEqualTo("descending");

        // by keyboard: the header is a button
        browser.one("#apps-table th[data-sort='instances'] button").sendKeys(Keys.ENTER);
        Await.until("the order reverses", LIVE, () -> appRows(browser).equals(List.of("/sort-a", "/sort-c", "/sort-b")));
        Await.until("the address keeps it", LIVE, () -> hash(browser).contains("dir=asc"));
        String kept = marathon.url() + "/" + hash(browser);
        browser.visit("about:blank");
        browser.get(kept);
        browser.awaitLive();
        Await.until("a reload shows the same rows in the same order", LIVE, () ->
          appRows(browser).equals(List.of("/sort-a", "/sort-c", "/sort-b")));
        browser.screenshot("operator-apps-sorted");

        // by keyboard: down from the filter into the rows, up and down between them, Enter opens one
        browser.one("#app-filter").sendKeys(Keys.ARROW_DOWN);
        assertThat(focusedRow(browser)).isEqualTo("/sort-a");
        browser.focused().sendKeys(Keys.ARROW_DOWN);
        assertThat(focusedRow(browser)).isEqualTo("/sort-c");
        browser.focused().sendKeys(Keys.ARROW_UP);
        browser.focused().sendKeys(Keys.ARROW_UP);
        assertThat(browser.focused().getAttribute("id")).isEqualTo("app-filter");
        browser.one("#app-filter").sendKeys(Keys.ARROW_DOWN);
        browser.focused().sendKeys(Keys.END);
        assertThat(focusedRow(browser)).isEqualTo("/sort-b");
        browser.screenshot("operator-apps-row-focused");
        browser.focused().sendKeys(Keys.ENTER);
        Await.until("Enter opens the focused row's app", LIVE, () -> hash(browser).equals("#/apps/sort-b"));

        browser.get(marathon.url() + "/#/tasks?q=sort-b&sort=age");
        browser.awaitLive();
        Await.until("the tasks filter comes from the address", LIVE, () ->
          browser.all("#tasks-table tbody tr").size() == 3);
        assertThat(browser.one("#task-filter").getAttribute("value")).isEqualTo("sort-b");
      }
    } finally {
      for (String id : List.of("sort-a", "sort-b", "sort-c")) {
        marathon.send("DELETE", "/v2/apps/" + id + "?force=true", null);
      }
    }
  }

  @Test
  void theFrameworksTableSortsByItsColumnsAndKeepsTheOrderInTheAddress() throws Exception {
    marathon.expect(201, "POST", "/v2/apps", app("/framework-sort", "sleep 4511", 2));
    marathon.awaitRunning("framework-sort", 2);
    // a framework whose name comes before marathon's, with no tasks: the default order and the tasks order differ
    Protos.FrameworkInfo.Builder info = Protos.FrameworkInfo.newBuilder().setUser("nobody").setName("a-sorter");
    try (MesosHttpScheduler framework = new MesosHttpScheduler(info, MediaType.JSON);
         Browser browser = Browser.open()) {
      framework.declineOffers();
      framework.subscribe(master.url("master"));
      browser.get(marathon.url() + "/#/frameworks");
      browser.awaitLive();
      Await.until("both frameworks by name", LIVE, () -> frameworkNames(browser).equals(List.of("a-sorter", "marathon")));

      browser.one("#frameworks-table th[data-sort='tasks'] button").click();
      browser.one("#frameworks-table th[data-sort='tasks'] button").click();
      Await.until("by tasks, most first", LIVE, () -> frameworkNames(browser).equals(List.of("marathon", "a-sorter")));
      assertThat(browser.one("#frameworks-table th[data-sort='tasks']").getAttribute("aria-sort")).isEqualTo("descending");
      Await.until("the address keeps the order", LIVE, () -> hash(browser).equals("#/frameworks?sort=tasks&dir=desc"));
      browser.visit("about:blank");
      browser.get(marathon.url() + "/#/frameworks?sort=tasks&dir=desc");
      browser.awaitLive();
      Await.until("a link shows the same order", LIVE, () -> frameworkNames(browser).equals(List.of("marathon", "a-sorter")));
      browser.screenshot("operator-frameworks-sorted");
    } finally {
      marathon.send("DELETE", "/v2/apps/framework-sort?force=true", null);
    }
  }

  private static List<String> frameworkNames(Browser browser) {
    return browser.all("#frameworks-table tbody tr td.name").stream().map(WebElement::getText).toList();
  }

  @Test
  void everyControlOnEveryPageHasAnAccessibleName() {
    marathon.expect(201, "POST", "/v2/apps", app("/named", "sleep 4508", 1));
    marathon.awaitRunning("named", 1);
    String taskId = marathon.running("named").get(0).getString("id");
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/overview");
      browser.awaitLive();
      for (String page : List.of("#/overview", "#/agents", "#/offers", "#/frameworks", "#/roles", "#/tasks", "#/tasks/" + taskId,
        "#/apps", "#/apps/named", "#/deployments")) {
        browser.script("location.hash = arguments[0]", page);
        Await.until(page + " shows", LIVE, () -> Boolean.TRUE.equals(browser.script(
          "return [...document.querySelectorAll('section.view')].some(s => !s.hidden)")));
        Await.until("every control of " + page + " has a name", LIVE, () -> unnamedControls(browser).isEmpty());
      }
    } finally {
      marathon.send("DELETE", "/v2/apps/named?force=true", null);
    }
  }

  /** The visible buttons, links, inputs and text areas with no accessible name (text, label, aria-label, title). */
  @SuppressWarnings("unchecked")
  private static List<String> unnamedControls(Browser browser) {
    return (List<String>) browser.script("""
      return [...document.querySelectorAll('button, input, textarea, select, a[href]')]
        .filter(c => c.offsetParent !== null)
        .filter(c => !(c.textContent.trim() || c.getAttribute('aria-label') || c.title || c.labels?.length
          || c.getAttribute('aria-labelledby')))
        .map(c => c.outerHTML.slice(0, 120));
      """);
  }

  /** The data-id of the table row that has the focus, or null. */
  private static String focusedRow(Browser browser) {
    return (String) browser.script("return document.activeElement.closest('tr[data-id]')?.dataset.id ?? null");
  }

  private static String hash(Browser browser) {
    return String.valueOf(browser.script("return location.hash"));
  }

  private static List<String> appRows(Browser browser) {
    return browser.all("#apps-table tbody tr").stream().map(row -> row.getAttribute("data-id")).toList();
  }

  @Test
  void theChartsOfTheLastHourMoveWhileAnAppScalesAndComeBackWithAReload() {
    marathon.expect(201, "POST", "/v2/apps", app("/charted", "sleep 4509", 1));
    marathon.awaitRunning("charted", 1);
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/overview");
      browser.awaitLive();
      // other tests' tasks may still be on their way out: start from a cluster running only this app's one
      Await.until("only /charted runs", DEPLOY, () -> activeTasks() == 1);
      Await.until("the tasks chart shows the one running task", LIVE, () -> latest(browser, "chart-tasks", 0) == 1);

      marathon.expect(200, "PUT", "/v2/apps/charted", "{\"instances\":6}");
      Await.until("the running line climbs with the scale", DEPLOY, () -> latest(browser, "chart-tasks", 0) == 6);
      Await.until("the caption says it in words", LIVE, () -> browser.text("#chart-tasks .chart-now").contains("running"));
      assertThat(browser.all("#chart-tasks canvas")).as("uPlot drew it").isNotEmpty();
      assertThat(samples(browser, "chart-allocation")).isPositive();
      browser.screenshot("operator-charts");

      int seen = samples(browser, "chart-tasks");
      browser.visit("about:blank");
      browser.get(marathon.url() + "/#/overview");
      browser.awaitLive();
      Await.until("a new page gets the history from the leader at once", LIVE, () -> samples(browser, "chart-tasks") >= seen);
    } finally {
      marathon.send("DELETE", "/v2/apps/charted?force=true", null);
    }
  }

  /** The leading master's live tasks, of every framework. */
  private static long activeTasks() {
    return MarathonClient.stream(cluster.leaderState().getJsonArray("frameworks"))
      .mapToLong(framework -> framework.getJsonArray("tasks").size()).sum();
  }

  private static int samples(Browser browser, String chart) {
    String value = browser.one("#" + chart).getAttribute("data-samples");
    return value == null ? 0 : Integer.parseInt(value);
  }

  /** The newest value of a chart's {@code series}-th line. */
  private static long latest(Browser browser, String chart, int series) {
    String latest = browser.one("#" + chart).getAttribute("data-latest");
    if (latest == null) {
      return 0;
    }
    Object value = new io.vertx.core.json.JsonArray(latest).getValue(series);
    return value instanceof Number number ? number.longValue() : 0;
  }

  @Test
  void agentAndFrameworkPagesShowTheirTasksAndResourcesAndLeadToEachOther() {
    marathon.expect(201, "POST", "/v2/apps", app("/paged", "sleep 4510", 1));
    marathon.awaitRunning("paged", 1);
    JsonObject task = marathon.running("paged").get(0);
    String taskId = task.getString("id");
    String agentId = task.getString("slaveId");
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/agents");
      browser.awaitLive();
      Await.until("the agent is listed", LIVE, () -> !browser.all("#agents-table tr[data-id='" + agentId + "'] a").isEmpty());
      browser.one("#agents-table tr[data-id='" + agentId + "'] a").click();
      Await.until("the agent's page lists the task", LIVE, () ->
        !browser.all("#agent-tasks-table tr[data-id='" + taskId + "']").isEmpty());
      assertThat(browser.text("#agent-details [data-label='CPUs'] dd")).contains("used");
      assertThat(browser.text("#agent-details [data-label='Tasks'] dd")).matches("[1-9][0-9]* live");
      browser.screenshot("operator-agent-page");

      browser.one("#agent-tasks-table tr[data-id='" + taskId + "'] a").click();
      Await.until("the task page links its framework", LIVE, () -> browser.all("#task-links a").size() == 3);
      browser.all("#task-links a").get(2).click();
      Await.until("the framework's page lists the task", LIVE, () ->
        !browser.all("#framework-tasks-table tr[data-id='" + taskId + "']").isEmpty());
      assertThat(browser.text("#framework-details [data-label='Name'] dd")).isEqualTo("marathon");
      assertThat(browser.text("#framework-details [data-label='Roles'] dd")).isEqualTo("*");
      assertThat(browser.text("#framework-details [data-label='Uses'] dd")).contains("cpus");
      browser.screenshot("operator-framework-page");
    } finally {
      marathon.send("DELETE", "/v2/apps/paged?force=true", null);
    }
  }

  @Test
  void groupsAreCreatedScaledAndDeletedFromTheTree() {
    marathon.expect(201, "POST", "/v2/apps", app("/tree/web", "sleep 4511", 1));
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/groups");
      browser.awaitLive();
      Await.until("the tree shows /tree and its app", LIVE, () -> browser.text("#groups-tree details[data-id='/tree']")
        .contains("/tree/web"));

      browser.one("#group-new-id").sendKeys("/tree/empty");
      browser.one("#group-create").click();
      Await.until("the new group shows in the tree", LIVE, () ->
        !browser.all("#groups-tree details[data-id='/tree/empty']").isEmpty());
      assertThat(marathon.send("GET", "/v2/groups/tree/empty", null).status()).isEqualTo(200);

      String tree = "#groups-tree details[data-id='/tree'] > .group-actions ";
      browser.one(tree + ".scale-factor").sendKeys("3");
      browser.one(tree + ".group-scale").click();
      confirm(browser, "scale");
      Await.until("marathon scaled the group's app", LIVE, () -> marathon.app("tree/web").getInteger("instances") == 3);
      Await.until("the tree counts 3 running", DEPLOY, () -> browser.text("#groups-tree details[data-id='/tree'] .group-counts")
        .contains("3 of 3 running"));
      browser.screenshot("operator-groups");

      browser.one("#groups-tree details[data-id='/tree/empty'] .group-delete").click();
      confirm(browser, "delete");
      Await.until("the group is gone", LIVE, () -> marathon.send("GET", "/v2/groups/tree/empty", null).status() == 404);
      Await.until("the tree dropped it", LIVE, () -> browser.all("#groups-tree details[data-id='/tree/empty']").isEmpty());
    } finally {
      marathon.send("DELETE", "/v2/groups/tree?force=true", null);
    }
  }

  private static String deploymentOf(JsonObject answer) {
    return answer.getString("deploymentId");
  }

  private static String whyWaiting(Browser browser) {
    return browser.text("#app-status [data-label='Why waiting'] dd");
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
