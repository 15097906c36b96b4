/**
 * Driven ports: what the core needs from the outside, one interface per capability; and the few
 * that the edge adapters need from each other's technology ({@link io.syncbridge.port.out.AccessTokens},
 * {@link io.syncbridge.port.out.DependencyHealth}, {@link io.syncbridge.port.out.EdgeMetrics}),
 * so that the app wires a JWT or Micrometer adapter into the HTTP one and no adapter depends on another.
 */
package io.syncbridge.port.out;
