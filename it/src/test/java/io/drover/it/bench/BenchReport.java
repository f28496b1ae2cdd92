package io.drover.it.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * What {@code scripts/bench.sh} measured: one row per figure, each with every run's value, its
 * median and spread, the published anchor and our target, written as {@code report.md} and
 * {@code report.json} with PNG charts beside them.
 */
final class BenchReport {

  /**
   * One figure.
   *
   * @param scenario S1..S7 or PEER
   * @param what     the figure, with the size it was measured at
   * @param unit     ms, s, tasks/s, KB, or a ratio
   * @param values   one per run
   * @param anchor   the published figure we compare with
   * @param target   our target, as text
   * @param met      whether a median meets the target
   */
  record Row(String scenario, String what, String unit, List<Double> values, String anchor, String target,
             DoublePredicate met) {

    double median() {
      List<Double> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
      return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
      return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    String verdict() {
      return values.isEmpty() ? "not run" : met == null ? "-" : met.test(median()) ? "met" : "not met";
    }
  }

  private final Path dir;
  private final String machine;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> charts = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final List<JsonObject> breakdowns = new ArrayList<>();

  /** One stage of a launch path: its name and its milliseconds over every launch measured. */
  record Stage(String name, int count, double medianMs, double p99Ms) {
    static Stage of(String name, List<Double> ms) {
      return new Stage(name, ms.size(), ClusterBenchmark.percentile(ms, 50), ClusterBenchmark.percentile(ms, 99));
    }
  }

  /**
   * A report in {@code dir}. The rows and charts of scenarios other than {@code running} that an
   * earlier run left there are kept, so that one scenario can be measured again on its own.
   */
  BenchReport(Path dir, String machine, java.util.Set<String> running) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.machine = machine;
    Path earlier = dir.resolve("report.json");
    if (Files.exists(earlier)) {
      JsonObject json = new JsonObject(Files.readString(earlier));
      for (Object item : json.getJsonArray("rows")) {
        JsonObject row = (JsonObject) item;
        if (!running.contains(row.getString("scenario"))) {
          String verdict = row.getString("verdict");
          rows.add(new Row(row.getString("scenario"), row.getString("figure"), row.getString("unit"), row.getJsonArray("values").stream().map(v -> ((Number) v).doubleValue()).toList(),
            row.getString("anchor"), row.getString("target"), "-".equals(verdict) ? null : v -> "met".equals(verdict)));
        }
      }
      json.getJsonArray("notes").forEach(n -> {
        if (running.stream().noneMatch(r -> ((String) n).startsWith(r + " ")) && !((String) n).startsWith("rows of")) {
          notes.add((String) n);
        }
      });
      if (!rows.isEmpty()) {
        notes.add("rows of scenarios not run this time are kept from the run written " + json.getString("written")
          + " (" + json.getString("machine") + ")");
      }
      JsonArray earlierBreakdowns = json.getJsonArray("breakdowns", new JsonArray());
      earlierBreakdowns.forEach(b -> {
        if (!running.contains(((JsonObject) b).getString("scenario"))) {
          breakdowns.add((JsonObject) b);
        }
      });
      json.getJsonArray("charts").forEach(c -> {
        if (running.stream().noneMatch(r -> ((String) c).startsWith(r.toLowerCase(Locale.ROOT)))) {
          charts.add((String) c);
        }
      });
    }
  }

  void add(Row row) {
    rows.add(row);
    System.out.printf(Locale.ROOT, "%-5s %-70s median %s %s (runs: %s) -> %s%n", row.scenario(), row.what(),
      format(row.median()), row.unit(), row.values().stream().map(BenchReport::format).toList(), row.verdict());
    write();
  }

  void note(String note) {
    notes.add(note);
    System.out.println("note: " + note);
    write();
  }

  /** A stage breakdown of one scenario's launches: a table of each stage's median and p99. */
  void breakdown(String scenario, String title, List<Stage> stages) {
    JsonArray rows = new JsonArray();
    System.out.println(scenario + " stage breakdown, " + title + ":");
    for (Stage stage : stages) {
      rows.add(new JsonObject().put("stage", stage.name()).put("count", stage.count())
        .put("median_ms", stage.medianMs()).put("p99_ms", stage.p99Ms()));
      System.out.printf(Locale.ROOT, "  %-55s median %s ms, p99 %s ms%n", stage.name(), format(stage.medianMs()),
        format(stage.p99Ms()));
    }
    breakdowns.add(new JsonObject().put("scenario", scenario).put("title", title).put("stages", rows));
    write();
  }

  /** A histogram of {@code values} (one run's latencies, say) as {@code name}.png. */
  void histogram(String name, String title, String axis, List<Double> values) {
    HistogramDataset dataset = new HistogramDataset();
    dataset.addSeries(title, values.stream().mapToDouble(Double::doubleValue).toArray(), 40);
    save(name, ChartFactory.createHistogram(title, axis, "count", dataset));
  }

  /** Lines of (x, y) points, one series per name, as {@code name}.png. */
  void lines(String name, String title, String xAxis, String yAxis, List<String> series, List<List<double[]>> points) {
    XYSeriesCollection dataset = new XYSeriesCollection();
    for (int i = 0; i < series.size(); i++) {
      XYSeries line = new XYSeries(series.get(i));
      points.get(i).forEach(p -> line.add(p[0], p[1]));
      dataset.addSeries(line);
    }
    save(name, ChartFactory.createXYLineChart(title, xAxis, yAxis, dataset));
  }

  private void save(String name, JFreeChart chart) {
    try {
      ChartUtils.saveChartAsPNG(dir.resolve(name + ".png").toFile(), chart, 900, 500);
      if (!charts.contains(name)) {
        charts.add(name);
      }
      write();
    } catch (IOException e) {
      System.out.println("could not draw " + name + ": " + e.getMessage());
    }
  }

  /** Rewritten after every figure, so that an interrupted run still leaves what it measured. */
  private void write() {
    StringBuilder md = new StringBuilder("# Drover benchmarks\n\n").append(machine).append(", ")
      .append(Instant.now()).append("\n\n")
      .append("| # | figure | unit | median | spread (min-max) | runs | anchor | target | |\n")
      .append("|---|---|---|---|---|---|---|---|---|\n");
    JsonArray json = new JsonArray();
    for (Row row : rows) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s-%s | %d | %s | %s | %s |%n", row.scenario(),
        row.what(), row.unit(), format(row.median()), format(row.min()), format(row.max()), row.values().size(),
        row.anchor(), row.target(), row.verdict()));
      json.add(new JsonObject().put("scenario", row.scenario()).put("figure", row.what()).put("unit", row.unit())
        .put("values", new JsonArray(new ArrayList<>(row.values()))).put("median", row.median())
        .put("min", row.min()).put("max", row.max()).put("anchor", row.anchor()).put("target", row.target())
        .put("verdict", row.verdict()));
    }
    notes.forEach(n -> md.append("\n- ").append(n));
    md.append("\n\n");
    for (JsonObject breakdown : breakdowns) {
      md.append("### ").append(breakdown.getString("scenario")).append(" stage breakdown: ")
        .append(breakdown.getString("title")).append("\n\n| stage | launches | median ms | p99 ms |\n|---|---|---|---|\n");
      breakdown.getJsonArray("stages").forEach(item -> {
        JsonObject stage = (JsonObject) item;
        md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n", stage.getString("stage"),
          stage.getInteger("count"), format(stage.getDouble("median_ms")), format(stage.getDouble("p99_ms"))));
      });
      md.append("\n");
    }
    charts.forEach(c -> md.append("![").append(c).append("](").append(c).append(".png)\n\n"));
    try {
      Files.writeString(dir.resolve("report.md"), md);
      Files.writeString(dir.resolve("report.json"), new JsonObject().put("machine", machine)
        .put("written", Instant.now().toString()).put("rows", json).put("notes", new JsonArray(notes))
        .put("breakdowns", new JsonArray(new ArrayList<>(breakdowns)))
        .put("charts", new JsonArray(charts)).encodePrettily());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the report in " + dir + ": " + e.getMessage(), e);
    }
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
      : String.format(Locale.ROOT, "%.3g", value);
  }
}
