package io.drover.it.bench;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.Browser;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmark, not a test (run it with {@code scripts/bench-dashboard.sh}): the dashboard in a real
 * headless Chromium against a master, a marathon and one process of emulated agents, while one app
 * deploys a task on every slot. It prints how long the cluster and the page took, how long the
 * page's main thread was blocked, and how quickly it answers clicks at that size.
 */
public final class DashboardBenchmark {

  private static final Pattern TOTAL = Pattern.compile("of ([\\d,]+) tasks");

  public static void main(String[] args) throws Exception {
    int agents = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    String placement = separateBrowserFromCluster();
    try (ClusterFixture cluster = new ClusterFixture("bench-dashboard")) {
      // the defaults' patience, not the tests' hurry: a machine this loaded pauses for seconds
      DroverProcess master = cluster.master("master", ClusterBenchmark.PATIENT_MASTER);
      long started = System.nanoTime();
      ClusterBenchmark.emulatedAgents(cluster, "emu", agents, "cpus:8;mem:16384;disk:1000;ports:[31000-31999]");
      double registered = seconds(started);
      MarathonClient marathon = cluster.leadingMarathon("marathon", ClusterBenchmark.PATIENT);
      try (Browser browser = Browser.open()) {
        browser.get(master.url("master") + "/#/tasks");
        browser.awaitLive();
        // count the live tasks only: a replaced task must not make the total miss the mark
        if (browser.one("#task-show-completed").isSelected()) {
          browser.one("#task-show-completed").click();
        }
        browser.script("window.droverLongTasks = [];"
          + "new PerformanceObserver(list => list.getEntries().forEach(e => window.droverLongTasks.push(e.duration)))"
          + ".observe({entryTypes: ['longtask']});");

        long posted = System.nanoTime();
        marathon.expect(201, "POST", "/v2/apps", new JsonObject().put("id", "/fill").put("cmd", "never run")
          .put("instances", instances).put("cpus", 0.01).put("mem", 1).encode());
        Await.until(instances + " tasks running", Duration.ofMinutes(10),
          () -> marathon.app("fill").getInteger("tasksRunning") == instances);
        double allRunning = seconds(posted);
        Await.until("the page counts " + instances + " running tasks", Duration.ofMinutes(5),
          () -> total(browser) == instances && browser.all("#tasks-table tr[data-id]").size() > 0);
        double pageCaughtUp = seconds(posted);
        @SuppressWarnings("unchecked")
        List<Number> longTasks = (List<Number>) browser.script("return window.droverLongTasks");

        double agentsView = clickAndWait(browser, "#nav-agents", "#agents-table tr[data-id]");
        double tasksView = clickAndWait(browser, "#nav-tasks", "#tasks-table tr[data-id]");
        // by a task's id, not a host: the allocator may have packed every task onto a few agents
        String taskId = browser.one("#tasks-table tbody tr[data-id]").getAttribute("data-id");
        long filtering = System.nanoTime();
        browser.one("#task-filter").sendKeys(taskId);
        Await.until("the filter applied", Duration.ofSeconds(30), () -> total(browser) == 1);
        double filtered = seconds(filtering);

        long reloading = System.nanoTime();
        browser.get(master.url("master") + "/?reload=1#/tasks");
        Await.until("the reloaded page is live", Duration.ofSeconds(60), () -> !browser.all("#task-show-completed").isEmpty());
        if (browser.one("#task-show-completed").isSelected()) {
          browser.one("#task-show-completed").click();
        }
        Await.until("the reloaded page shows every task", Duration.ofMinutes(2), () -> total(browser) == instances);
        double reloaded = seconds(reloading);
        Number heap = (Number) browser.script("return performance.memory.usedJSHeapSize");
        browser.screenshot("bench-dashboard-tasks");

        System.out.println("| what | figure |");
        System.out.println("|---|---|");
        row(agents + " emulated agents started and registered", "%.1f s", registered);
        row("POST of " + instances + " instances -> all RUNNING (marathon's count)", "%.1f s", allRunning);
        row("POST -> the page counts them all (live events only)", "%.1f s", pageCaughtUp);
        row("page main thread blocked > 50 ms during the deploy (" + placement + ")", "%d times, longest %.0f ms, total %.0f ms",
          longTasks.size(), longTasks.stream().mapToDouble(Number::doubleValue).max().orElse(0),
          longTasks.stream().mapToDouble(Number::doubleValue).sum());
        row("click Agents -> " + agents + " agents shown (first page)", "%.0f ms", agentsView * 1000);
        row("click Tasks -> tasks shown (first page)", "%.0f ms", tasksView * 1000);
        row("filter " + instances + " tasks down to one by its id", "%.0f ms", filtered * 1000);
        row("reload -> snapshot of " + instances + " tasks shown", "%.1f s", reloaded);
        row("page JS heap after reload", "%.0f MB", heap.doubleValue() / 1e6);
      }
    }
  }

  /**
   * The page is measured, not the machine: this process, and so the browser it starts, keeps CPU 0;
   * the cluster's processes get the others, as they would run on machines of their own. Says how.
   */
  private static String separateBrowserFromCluster() throws Exception {
    int cpus = Runtime.getRuntime().availableProcessors();
    if (cpus < 2) {
      return "browser and cluster share the only CPU";
    }
    String others = cpus == 2 ? "1" : "1-" + (cpus - 1);
    Process pin = new ProcessBuilder("taskset", "-a", "-p", "-c", "0", Long.toString(ProcessHandle.current().pid()))
      .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (pin.waitFor() != 0) {
      return "browser and cluster share the CPUs (taskset failed)";
    }
    System.setProperty(DroverProcess.LAUNCH_PREFIX, "taskset -c " + others);
    return "browser on CPU 0, cluster on CPUs " + others;
  }

  private static double clickAndWait(Browser browser, String link, String rows) {
    long start = System.nanoTime();
    browser.one(link).click();
    Await.until(rows + " shown", Duration.ofSeconds(30), () -> !browser.all(rows).isEmpty());
    return seconds(start);
  }

  private static int total(Browser browser) {
    Matcher matcher = TOTAL.matcher(browser.text("#tasks-pager .page-info"));
    return matcher.find() ? Integer.parseInt(matcher.group(1).replace(",", "")) : -1;
  }

  private static double seconds(long sinceNanos) {
    return (System.nanoTime() - sinceNanos) / 1e9;
  }

  private static void row(String what, String format, Object... values) {
    System.out.println("| " + what + " | " + String.format(format, values) + " |");
  }
}
