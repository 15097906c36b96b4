/**
 * The Javalin adapter: the HTTP and WebSocket surface of the server. {@link
 * io.syncbridge.adapter.javalin.GatewayServer} runs Javalin on virtual threads with the REST routes
 * ({@code rest}, a Javalin plugin), the health routes ({@code health}), {@code /metrics}, the
 * console and the WebSocket gateway ({@code ws}, a Javalin plugin too).
 * It verifies and issues access tokens through {@link io.syncbridge.port.out.AccessTokens} and
 * reports through {@link io.syncbridge.port.out.EdgeMetrics}, whatever implements them (the
 * application wires {@code adapter-jwt} and {@code adapter-micrometer}); {@link
 * io.syncbridge.adapter.javalin.ErrorStatus} maps domain errors to statuses for both surfaces.
 */
package io.syncbridge.adapter.javalin;
