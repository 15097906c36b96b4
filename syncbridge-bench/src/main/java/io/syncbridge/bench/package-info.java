/**
 * Performance tooling: JMH benchmarks of the embedded core's hot paths (state changes, catch-up,
 * handoff, state documents, the JSON codec) and {@link io.syncbridge.bench.LoadGenerator}, a
 * WebSocket load generator for a server on this machine's loopback. Everything here is packaged in
 * {@code target/benchmarks.jar}; nothing here runs during the build. Results: docs/PERFORMANCE.md.
 */
package io.syncbridge.bench;
