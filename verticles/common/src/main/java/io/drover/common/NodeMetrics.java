package io.drover.common;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * The process's meters, scraped by Prometheus: the JVM's, Vert.x's (HTTP server and client, event
 * bus, pools) and Drover's own, which the roles register under Mesos's names. One registry per
 * process, as a process is one node however many roles it runs ({@code drover local}).
 */
public final class NodeMetrics {

  public static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private NodeMetrics() {
  }

  /** What Vert.x measures into {@link #REGISTRY}. */
  public static MetricsOptions vertxOptions() {
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
  }

  public static VertxMetricsFactory vertxFactory() {
    return new MicrometerMetricsFactory(REGISTRY);
  }

  /** Serves {@link #REGISTRY} in Prometheus's text format at {@code path}. */
  public static void mount(Router router, String path) {
    router.get(path).handler(PrometheusScrapingHandler.create(REGISTRY));
  }
}
