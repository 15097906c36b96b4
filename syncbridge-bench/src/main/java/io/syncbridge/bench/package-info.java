/**
 * Performance tooling: JMH benchmarks of the embedded core's hot paths (state changes, catch-up,
 * handoff, state documents, the JSON codec). {@code target/benchmarks.jar} also packages the
 * load generator of syncbridge-loadgen ({@code io.syncbridge.loadgen.LoadGenerator}) for
 * run-load-bench.sh; nothing here runs during the build. Results: docs/PERFORMANCE.md.
 */
package io.syncbridge.bench;
