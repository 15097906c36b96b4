package io.syncbridge.loadgen;

/**
 * What one load run measured, for a caller that runs the generator in its own process: the
 * changes per second asked for and held, the delivery (fan-out) latency, and what never arrived.
 *
 * @param report            the generator's whole report, as it prints it
 * @param askedPerSecond    changes per second all writers together were to send
 * @param heldPerSecond     changes per second they did send during the measured part of the run
 * @param deliveryP50Millis median time from a change's send to its arrival on another device
 * @param deliveryP99Millis 99th percentile of that time
 * @param delivered         deliveries to other devices that arrived
 * @param lost              deliveries expected that never arrived (within the run's drain time)
 * @param errors            errors of any kind: failed connections, refused changes, server errors
 * @param connected         connections that authenticated
 * @param connectionsTried  connections the run opened
 */
public record LoadResult(String report, double askedPerSecond, double heldPerSecond, double deliveryP50Millis,
                         double deliveryP99Millis, long delivered, long lost, long errors, long connected,
                         int connectionsTried) {
}
