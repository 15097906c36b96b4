/**
 * Metrics and dependency health through Micrometer and Prometheus: {@link
 * io.syncbridge.adapter.micrometer.ServerMetrics} owns the registry (JVM, GC, threads, process,
 * HTTP requests, server-wide gauges) and implements {@link io.syncbridge.port.out.EdgeMetrics};
 * {@code MicrometerMetricsObserver}, the core's {@link io.syncbridge.port.out.MetricsObserver},
 * turns what the core reports into the runbooks' meters; {@link io.syncbridge.adapter.micrometer.HealthMonitor} probes the
 * dependency checks every backend registers. Names are chosen so that the scraped names are
 * exactly those of {@code docs/operations.md}.
 */
package io.syncbridge.adapter.micrometer;
