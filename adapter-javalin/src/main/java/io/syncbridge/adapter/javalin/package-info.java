/**
 * The Javalin adapter: the HTTP and WebSocket surface of the server. {@link
 * io.syncbridge.adapter.javalin.GatewayServer} runs Javalin on virtual threads with the REST routes
 * ({@code rest}), health ({@code health}), Prometheus metrics ({@code metrics}) and the WebSocket
 * gateway ({@code ws}, plugged in through {@link io.syncbridge.adapter.javalin.WebSocketEndpoint});
 * {@code auth} issues and verifies the JWT access tokens both surfaces use, and {@link
 * io.syncbridge.adapter.javalin.ErrorStatus} maps domain errors to statuses for both.
 */
package io.syncbridge.adapter.javalin;
