/**
 * The WebSocket load generator: many sessions of several devices each send timed changes to a
 * server on this machine's loopback, and a run reports delivery (fan-out) and ack latency
 * percentiles, the rate held, what never arrived and errors. Public: {@link
 * io.syncbridge.loadgen.LoadGenerator} (its command line, and {@code run} for the server's
 * {@code bench load}), {@link io.syncbridge.loadgen.DeviceTokens} and {@link
 * io.syncbridge.loadgen.LoadResult}; the rest is package-private.
 */
package io.syncbridge.loadgen;
