/**
 * The WebSocket gateway: the v1 wire contract (message types 1-9) unchanged for every client, and
 * the additive v2 messages (10-25) for connections that authenticate with {@code protocol: 2}.
 * {@link io.syncbridge.adapter.javalin.ws.WebSocketGateway} is the only public type; each connection
 * handles its messages in order on its own worker and writes through its own bounded queue, and each
 * session with local connections has one watch on the core whose events are fanned out here.
 */
package io.syncbridge.adapter.javalin.ws;
