/**
 * Prometheus metrics through Micrometer: {@link io.syncbridge.adapter.javalin.metrics.GatewayMetrics}
 * owns the registry (JVM, GC, threads, process, HTTP requests, active sessions, dependency health)
 * and {@link io.syncbridge.adapter.javalin.metrics.MicrometerMetricsObserver} turns what the core
 * reports into the runbook's meters. Names are chosen so that the scraped names are exactly those
 * of {@code docs/operations.md}.
 */
package io.syncbridge.adapter.javalin.metrics;
