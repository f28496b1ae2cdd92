package io.drover.it;

import io.drover.it.fixture.Await;
import io.drover.it.fixture.ClusterFixture;
import io.drover.it.fixture.DroverProcess;
import io.drover.it.fixture.Http;
import io.drover.it.fixture.MarathonClient;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role speaks Prometheus: its metrics endpoint parses as Prometheus text, carries the JVM's,
 * Vert.x's and Drover's series, and those series move while Marathon deploys an app.
 */
class MetricsIT {

  static final Path DASHBOARD = Path.of(System.getProperty("drover.home", ".."), "conf", "grafana",
    "drover-dashboard.json");
  /** The metric names a PromQL expression reads: Drover's, Marathon's, Vert.x's and the JVM's. */
  static final Pattern SERIES = Pattern.compile("\\b(mesos|marathon|vertx|jvm)_[a-z0-9_]+");

  /** {@code name{labels} value}, optionally a timestamp: one sample of Prometheus's text format. */
  static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)(\\s+-?\\d+)?");

  /** One scrape: every sample by its series (name and labels). Any line that is not a sample or a comment fails. */
  static Map<String, Double> scrape(String url) {
    HttpResponse<String> response = Http.get(url);
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).as(url).startsWith("text/plain");
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as("%s: a Prometheus sample: %s", url, line).isTrue();
      samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.parseDouble(sample.group(3)));
    }
    return samples;
  }

  /** The sum over every series of {@code name} whose labels contain {@code labels}. */
  static double sum(Map<String, Double> samples, String name, String labels) {
    return samples.entrySet().stream()
      .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{") && e.getKey().contains(labels))
      .mapToDouble(Map.Entry::getValue).sum();
  }

  static boolean has(Map<String, Double> samples, String name) {
    return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
  }

  /** Every series conf/grafana's dashboard queries is one a node serves. */
  @SafeVarargs
  static void assertTheDashboardAsksOnlyForSeriesThatExist(Map<String, Double>... scrapes) throws Exception {
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    Set<String> served = new HashSet<>();
    for (Map<String, Double> scrape : scrapes) {
      scrape.keySet().forEach(series -> served.add(series.replaceAll("\\{.*", "")));
    }
    List<String> asked = new ArrayList<>();
    for (Object panel : dashboard.getJsonArray("panels")) {
      for (Object target : ((JsonObject) panel).getJsonArray("targets")) {
        Matcher series = SERIES.matcher(((JsonObject) target).getString("expr"));
        while (series.find()) {
          asked.add(series.group());
        }
      }
    }
    assertThat(asked).as("series in the dashboard").isNotEmpty();
    assertThat(served).as("what the nodes serve").containsAll(asked);
  }

  @Test
  void everyRolesMetricsAreInPrometheusTextAndMoveDuringADeployment() throws Exception {
    try (ClusterFixture cluster = new ClusterFixture("metrics")) {
      DroverProcess master = cluster.master("master");
      DroverProcess agent = cluster.agent("agent", "cpus:2;mem:512;disk:100;ports:[33000-33099]");
      cluster.awaitActiveAgents(1);
      MarathonClient marathon = cluster.leadingMarathon("marathon");
      String masterUrl = master.url("master") + "/metrics";
      String agentUrl = agent.url("agent") + "/metrics";
      String marathonUrl = marathon.url() + "/metrics/prometheus";
      for (String url : new String[] {masterUrl, agentUrl, marathonUrl}) {
        Await.until(url + " shows the JVM, the HTTP server and the event bus", Duration.ofSeconds(30), () -> {
          Map<String, Double> samples = scrape(url);
          return has(samples, "jvm_memory_used_bytes") && has(samples, "jvm_threads_live_threads")
            && has(samples, "vertx_http_server_requests_total") && has(samples, "vertx_eventbus_handlers");
        });
      }
      Map<String, Double> masterBefore = scrape(masterUrl);
      assertThat(masterBefore).containsEntry("mesos_master_elections_won_total", 1.0);
      assertThat(has(masterBefore, "mesos_allocator_allocation_run_seconds_bucket")).as("a histogram").isTrue();
      Map<String, Double> agentBefore = scrape(agentUrl);
      Map<String, Double> marathonBefore = scrape(marathonUrl);

      marathon.expect(201, "POST", "/v2/apps",
        "{\"id\":\"/metered\",\"cmd\":\"sleep 7461\",\"cpus\":0.1,\"mem\":16,\"instances\":2}");
      marathon.awaitRunning("metered", 2);

      Await.until("the master's series moved: offers, launches, status updates, transitions", Duration.ofSeconds(30),
        () -> {
          Map<String, Double> after = scrape(masterUrl);
          return after.get("mesos_master_offers_sent_total") > masterBefore.get("mesos_master_offers_sent_total")
            && after.get("mesos_master_messages_launch_tasks_total")
              > masterBefore.get("mesos_master_messages_launch_tasks_total")
            && after.get("mesos_master_valid_status_updates_total")
              >= masterBefore.get("mesos_master_valid_status_updates_total") + 2
            && sum(after, "mesos_master_task_transitions_total", "state=\"running\"") >= 2
            && after.get("mesos_master_status_update_latency_seconds_count") >= 2
            && after.get("mesos_allocator_allocation_run_seconds_count")
              > masterBefore.get("mesos_allocator_allocation_run_seconds_count");
        });
      Await.until("the agent counts its running tasks, and its event bus carried the status updates",
        Duration.ofSeconds(30), () -> {
          Map<String, Double> after = scrape(agentUrl);
          return after.get("mesos_slave_tasks_running") == 2.0 && after.get("mesos_slave_registered") == 1.0
            && sum(after, "vertx_eventbus_published_total", "") > sum(agentBefore, "vertx_eventbus_published_total", "");
        });
      Await.until("marathon counts its running tasks and served the deployment", Duration.ofSeconds(30), () -> {
        Map<String, Double> after = scrape(marathonUrl);
        return after.get("marathon_tasks_running") == 2.0
          && sum(after, "marathon_events_total", "event_type=\"deployment_success\"") >= 1
          && sum(after, "vertx_http_server_requests_total", "")
          > sum(marathonBefore, "vertx_http_server_requests_total", "");
      });
      assertTheDashboardAsksOnlyForSeriesThatExist(scrape(masterUrl), scrape(agentUrl), scrape(marathonUrl));
      marathon.expect(200, "DELETE", "/v2/apps/metered", null);
    }
  }
}
