/**
 * The health routes: {@code /health}, {@code /health/live} and {@code /health/ready} answer the
 * report of the {@link io.syncbridge.port.out.DependencyHealth} the server was wired with (the
 * application probes one {@link io.syncbridge.port.out.DependencyCheck} per backend).
 */
package io.syncbridge.adapter.javalin.health;
