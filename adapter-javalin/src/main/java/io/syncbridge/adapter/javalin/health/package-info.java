/**
 * Health: each backing service is a {@link io.syncbridge.adapter.javalin.health.DependencyCheck}
 * (the application wires one per adapter), probed in parallel by the {@link
 * io.syncbridge.adapter.javalin.health.HealthMonitor} and reported at {@code /health},
 * {@code /health/live} and {@code /health/ready}.
 */
package io.syncbridge.adapter.javalin.health;
