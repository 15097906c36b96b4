/**
 * Metrics and dependency health through Micrometer and Prometheus: {@link
 * io.syncbridge.adapter.micrometer.ServerMetrics} owns the registry (JVM, GC, threads, process,
 * HTTP requests, server-wide gauges) and implements {@link io.syncbridge.port.out.EdgeMetrics};
 * {@link io.syncbridge.adapter.micrometer.MicrometerMetricsObserver} turns what the core reports
 * into the runbooks' meters; {@link io.syncbridge.adapter.micrometer.HealthMonitor} probes the
 * dependency checks every backend registers. Names are chosen so that the scraped names are
 * exactly those of {@code docs/operations.md}.
 */
package io.syncbridge.adapter.micrometer;
