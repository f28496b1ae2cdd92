package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Browser;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium against real processes (ZooKeeper, a master, two
 * marathon nodes, agents): what it shows arrives live over the SockJS bridge, its actions go through
 * {@code /v2}, and the bridge lets nothing in. Screenshots land in {@code target/screenshots}.
 */
class DashboardIT {

  static final String RESOURCES = "cpus:4;mem:2048;disk:1000;ports:[31000-31099]";
  static final Duration LIVE = Duration.ofSeconds(30);

  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static ClusterFixture cluster;
  static DroverProcess master;
  static MarathonClient marathon;
  static DroverProcess standby;

  @BeforeAll
  static void start() {
    cluster = new ClusterFixture("dashboard");
    master = cluster.master("master");
    cluster.agent("agent-1", RESOURCES);
    cluster.awaitActiveAgents(1);
    marathon = cluster.leadingMarathon("marathon-1");
    // a fixed port, so that the page it served can reconnect to it after a restart
    standby = cluster.marathon("marathon-2", "--port", Integer.toString(ClusterFixture.freePort()));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void agentsAppearLiveWithoutReloadAndTurnUnreachableWhenKilled() throws Exception {
    try (Browser browser = Browser.open()) {
      browser.get(master.url("master") + "/#/agents");
      browser.awaitLive();
      Set<String> before = agentIds();
      Await.until("the page lists the registered agent", LIVE, () -> rows(browser, "#agents-table").keySet()
        .containsAll(before));
      browser.script("window.droverLoadMarker = 'first-load'");

      DroverProcess extra = cluster.agent("agent-extra", "cpus:2;mem:1024;disk:500;ports:[32000-32099]");
      String id = Await.value("the new agent registers", Duration.ofSeconds(60), () -> agentIds().stream()
        .filter(a -> !before.contains(a)).findFirst().orElse(null));
      long listed = System.nanoTime();
      Await.until("the page shows the new agent", LIVE, () -> rows(browser, "#agents-table").containsKey(id));
      System.out.printf("DashboardIT: the new agent appeared on the page %d ms after the master listed it%n",
        (System.nanoTime() - listed) / 1_000_000);
      assertThat(browser.script("return window.droverLoadMarker")).as("the page was not reloaded")
        .isEqualTo("first-load");
      browser.screenshot("dashboard-agents-live");

      extra.kill9();
      Await.until("the page shows the killed agent unreachable", Duration.ofSeconds(60), () ->
        browser.text("#agents-table tr[data-id='" + id + "'] .state").contains("unreachable"));
      browser.screenshot("dashboard-agent-unreachable");
    }
  }

  @Test
  void appsAreCreatedScaledAndDeletedFromThePageWhileOffersStreamPast() {
    try (Browser browser = Browser.open()) {
      browser.get(marathon.url() + "/#/apps");
      browser.awaitLive();

      // the server's validation shows next to the editor, and nothing is created
      create(browser, "{\"id\":\"/web\",\"cmd\":\"sleep 4402\",\"instances\":2,\"cpus\":-1,\"mem\":16}");
      Await.until("the server's error about cpus shows", LIVE, () -> browser.all("#create-details li").stream()
        .anyMatch(li -> li.getText().contains("cpus")));
      assertThat(marathon.send("GET", "/v2/apps/web", null).status()).isEqualTo(404);
      create(browser, "{\"id\":\"/web\",\"cmd\":");
      Await.until("the server's error about the malformed JSON shows", LIVE, () ->
        !browser.text("#create-error").isBlank());
      assertThat(marathon.send("GET", "/v2/apps/web", null).status()).isEqualTo(404);
      browser.screenshot("dashboard-create-error");

      create(browser, "{\"id\":\"/web\",\"cmd\":\"sleep 4402\",\"instances\":2,\"cpus\":0.1,\"mem\":16}");
      Await.until("/web is created", LIVE, () -> marathon.send("GET", "/v2/apps/web", null).status() == 200);
      // navigating by the page's own links: a reload would prove nothing about live updates
      browser.one("#nav-tasks").click();
      Await.until("the page shows 2 tasks of /web RUNNING", Duration.ofSeconds(60), () ->
        runningTasksOf(browser, "/web") == 2);
      browser.screenshot("dashboard-tasks-running");
      browser.one("#nav-offers").click();
      Await.until("the offer stream shows the accepted offers", LIVE, () ->
        !browser.all("#offers-stream li.offer-accepted").isEmpty());
      browser.screenshot("dashboard-offers");

      browser.one("#nav-apps").click();
      String row = "#apps-table tr[data-id='/web']";
      Await.until("the page lists /web", LIVE, () -> !browser.all(row).isEmpty());
      WebElement input = browser.one(row + " .scale-input");
      input.clear();
      input.sendKeys("3");
      browser.one(row + " .scale-button").click();
      marathon.awaitRunning("web", 3);
      Await.until("the page shows 3 running", LIVE, () -> browser.text(row + " .running").trim().equals("3"));
      browser.screenshot("dashboard-scaled");

      Set<String> before = taskIds("web");
      browser.one(row + " .restart-button").click();
      DashboardOperatorIT.confirm(browser, "restart");
      Await.until("the restart replaced every task of /web", Duration.ofSeconds(90), () -> {
        List<JsonObject> running = marathon.running("web");
        return running.size() == 3 && running.stream().noneMatch(t -> before.contains(t.getString("id")));
      });

      browser.one(row + " .delete-button").click();
      DashboardOperatorIT.confirm(browser, "delete");
      Await.until("/web is gone from the API", Duration.ofSeconds(60), () ->
        marathon.send("GET", "/v2/apps/web", null).status() == 404);
      Await.until("/web is gone from the page", LIVE, () -> browser.all(row).isEmpty());
    }
  }

  @Test
  void theTaskPageShowsStdoutAsTheTaskWritesIt() {
    marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/ticker")
      .put("cmd", "i=0; while true; do echo tick-$i; echo tock-$i >&2; i=$((i+1)); sleep 0.3; done")
      .put("instances", 1).put("cpus", 0.1).put("mem", 16).encode());
    marathon.awaitRunning("ticker", 1);
    String taskId = marathon.running("ticker").get(0).getString("id");
    try (Browser browser = Browser.open()) {
      // served by a marathon node: the output comes through it, the leading master and the agent
      browser.get(marathon.url() + "/#/tasks/" + taskId);
      browser.awaitLive();
      int first = Await.value("stdout shows ticks", LIVE, () -> lastTick(browser.text("#stdout")));
      Await.until("stdout shows later ticks as they are written", LIVE, () -> {
        Integer now = lastTick(browser.text("#stdout"));
        return now != null && now >= first + 3;
      });
      Await.until("stderr shows what the task writes there", LIVE, () -> browser.text("#stderr").contains("tock-"));
      browser.screenshot("dashboard-task-stdout");

      browser.one(".kill-button").click();
      DashboardOperatorIT.confirm(browser, "kill");
      Await.until("the page shows the task killed", LIVE, () -> browser.text("#view-task").contains("TASK_KILLED"));
      Await.until("marathon replaced the killed task", Duration.ofSeconds(60), () ->
        marathon.running("ticker").stream().anyMatch(t -> !t.getString("id").equals(taskId)));
    } finally {
      marathon.expect(200, "DELETE", "/v2/apps/ticker?force=true", null);
    }
  }

  @Test
  void theBridgeRefusesEverythingInboundAndEveryAddressButDroverUi() {
    try (Browser browser = Browser.open()) {
      browser.get(master.url("master") + "/#/overview");
      browser.awaitLive();
      Map<?, ?> result = (Map<?, ?>) browser.asyncScript("""
        const done = arguments[arguments.length - 1];
        const eb = new EventBus('/eventbus');
        const errors = [];
        const echoed = [];
        const finish = () => done({errors, echoed});
        eb.onerror = e => { errors.push(String(e.body)); if (errors.length === 5) setTimeout(finish, 500); };
        eb.onopen = () => {
          eb.registerHandler('drover.ui.agents', {}, (err, msg) => { if (msg && msg.body && msg.body.probe) echoed.push(msg.body); });
          eb.registerHandler('drover.master', {}, () => {});
          eb.registerHandler('__vertx.reply.1', {}, () => {});
          eb.send('drover.master', {probe: 'send'}, {}, () => {});
          eb.send('drover.agents', {probe: 'agent event'});
          eb.publish('drover.ui.agents', {probe: 'publish'});
        };
        setTimeout(finish, 10000);
        """);
      assertThat((List<?>) result.get("errors")).as("one refusal per forbidden frame")
        .hasSize(5).allMatch("access_denied"::equals);
      assertThat((List<?>) result.get("echoed")).as("nothing the browser published came back").isEmpty();
      browser.screenshot("dashboard-bridge-refusals");
    }
  }

  @Test
  void aDroppedConnectionReconnectsAndCatchesUpWithoutReload() throws Exception {
    // apps without instances: no task events after the reconnect can bring the page up to date, only its catch-up
    marathon.expect(201, "POST", "/v2/apps", idle("/leaving"));
    try (Browser browser = Browser.open()) {
      browser.get(standby.url("marathon") + "/#/apps");
      browser.awaitLive();
      Await.until("the page lists /leaving", LIVE, () -> !browser.all("#apps-table tr[data-id='/leaving']").isEmpty());
      browser.script("window.droverLoadMarker = 'first-load'");

      standby.kill9();
      Await.until("the page says it is reconnecting", LIVE, () -> browser.text("#connection").contains("reconnecting"));
      browser.screenshot("dashboard-reconnecting");
      marathon.expect(201, "POST", "/v2/apps", idle("/while-away"));
      marathon.expect(200, "DELETE", "/v2/apps/leaving?force=true", null);
      Await.until("both changes are done", Duration.ofSeconds(60), () -> marathon.deployments().isEmpty());

      standby = cluster.restart(standby);
      browser.awaitLive();
      Await.until("the page caught up with what changed while it was away", Duration.ofSeconds(60), () ->
        !browser.all("#apps-table tr[data-id='/while-away']").isEmpty()
          && browser.all("#apps-table tr[data-id='/leaving']").isEmpty());
      assertThat(browser.script("return window.droverLoadMarker")).as("the page was not reloaded")
        .isEqualTo("first-load");
    } finally {
      marathon.send("DELETE", "/v2/apps/while-away?force=true", null);
    }
  }

  @Test
  void thePageAsksForTheTokenRefusesAWrongOneAndOpensWithTheRightOne() throws Exception {
    String base = master.url("master");
    assertThat(Http.get(base + "/", null).statusCode()).as("the page itself").isEqualTo(200);
    for (String closed : List.of("/ui/session", "/ui/api/master/master/state", "/eventbus/info",
      "/master/tasks/any/files/stdout")) {
      HttpResponse<String> refused = Http.get(base + closed, null);
      assertThat(refused.statusCode()).as(closed).isEqualTo(401);
      assertThat(new JsonObject(refused.body()).getString("message")).contains("authentication required");
    }
    try (Browser browser = Browser.open()) {
      browser.visit(base + "/#/overview");
      Await.until("the page asks for the token", LIVE, () -> browser.one("#sign-in").isDisplayed());
      assertThat(browser.text("#served-by")).as("nothing runs before signing in").isEmpty();
      browser.signIn(DroverProcess.TOKEN.substring(0, DroverProcess.TOKEN.length() - 1) + "x");
      Await.until("a wrong token is refused", LIVE, () -> browser.text("#token-error").contains("not valid"));
      browser.signIn(DroverProcess.TOKEN);
      browser.awaitLive();
      Await.until("the overview counts the agents", LIVE,
        () -> browser.text("#overview-agents-active").matches("[1-9][0-9]*"));
      assertThat(browser.script("return document.cookie")).as("the token is out of the scripts' reach")
        .isEqualTo("");
      browser.screenshot("signed-in");
    }
  }

  @Test
  void theDashboardForwardsOnlyWhatThePageNeedsAndNeverTwice() throws Exception {
    String base = master.url("master");
    assertThat(Http.get(base + "/ui/api/master/master/state").statusCode()).isEqualTo(200);
    HttpResponse<String> other = Http.get(base + "/ui/api/master/metrics/snapshot");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(other.body()).getString("message")).contains("does not forward");
    assertThat(Http.get(base + "/ui/api/master/ui/api/master/master/state").statusCode()).isEqualTo(404);
    HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/ui/api/master/master/state")).header("Authorization", Http.AUTHORIZATION)
      .header("X-Drover-Via", "1").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(508);
    assertThat(Http.get(standby.url("marathon") + "/ui/api/marathon/v2/info").statusCode()).isEqualTo(200);
  }

  @Test
  void anotherSitesPageCannotOpenTheEventBus() throws Exception {
    String base = master.url("master");
    HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/eventbus/info")).header("Authorization", Http.AUTHORIZATION)
      .header("Origin", "http://evil.example").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(foreign.body()).getString("message")).contains("evil.example");
    HttpResponse<String> own = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/eventbus/info")).header("Authorization", Http.AUTHORIZATION)
      .header("Origin", base).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(own.statusCode()).isEqualTo(200);
  }

  @Test
  void aTaskThatSwapsItsLogForALinkGetsNothingOutOfTheSandbox() throws Exception {
    marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/sneaky")
      .put("cmd", "rm -f stdout && ln -s /etc/passwd stdout && sleep 4404")
      .put("instances", 1).put("cpus", 0.1).put("mem", 16).encode());
    try {
      marathon.awaitRunning("sneaky", 1);
      String taskId = marathon.running("sneaky").get(0).getString("id");
      String url = master.url("master") + "/master/tasks/" + taskId + "/files/stdout";
      String stream = Await.value("the stream ends with an error", LIVE, () -> {
        try {
          HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", Http.AUTHORIZATION)
            .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
          return response.body().contains("event: error") ? response.body() : null;
        } catch (Exception e) {
          return null; // the link was not there yet, and the stream stayed open: look again
        }
      });
      assertThat(stream).contains("not in a task sandbox").doesNotContain("root:");
    } finally {
      marathon.expect(200, "DELETE", "/v2/apps/sneaky?force=true", null);
    }
  }

  private static String idle(String id) {
    return new JsonObject().put("id", id).put("cmd", "sleep 4403").put("instances", 0).put("cpus", 0.1)
      .put("mem", 16).encode();
  }

  private static void create(Browser browser, String json) {
    browser.script("document.getElementById('app-json').value = arguments[0]", json);
    browser.one("#create-app").click();
  }

  private static Set<String> taskIds(String app) {
    return marathon.tasks(app).stream().map(t -> t.getString("id")).collect(Collectors.toSet());
  }

  private static Set<String> agentIds() {
    return MarathonClient.stream(cluster.leaderState().getJsonArray("slaves"))
      .map(a -> a.getString("id")).collect(Collectors.toSet());
  }

  /** The rows of a table by their data-id, with their text. */
  private static Map<String, String> rows(Browser browser, String table) {
    return browser.all(table + " tr[data-id]").stream()
      .collect(Collectors.toMap(r -> r.getAttribute("data-id"), WebElement::getText, (a, b) -> a));
  }

  private static long runningTasksOf(Browser browser, String app) {
    return rows(browser, "#tasks-table").values().stream()
      .filter(text -> text.contains(app) && text.contains("TASK_RUNNING")).count();
  }

  private static final Pattern TICK = Pattern.compile("tick-(\\d+)");

  private static Integer lastTick(String text) {
    Matcher matcher = TICK.matcher(text);
    Integer last = null;
    while (matcher.find()) {
      last = Integer.parseInt(matcher.group(1));
    }
    return last;
  }
}
