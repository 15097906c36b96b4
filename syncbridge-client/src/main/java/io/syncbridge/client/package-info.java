/**
 * The JVM client SDK: {@link io.syncbridge.client.SyncClient} opens a
 * {@link io.syncbridge.client.LiveSession} on a SyncBridge server over the v2 WebSocket protocol.
 * Changes apply to the local view at once and reach the server in order, once each (their mutation
 * ids survive retries and restarts); while offline they wait in a {@link io.syncbridge.client.LocalStore}.
 * Depends on the domain and the JDK only.
 */
package io.syncbridge.client;
