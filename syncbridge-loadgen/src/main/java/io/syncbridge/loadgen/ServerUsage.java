package io.syncbridge.loadgen;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the server process used during a run ({@code --server-pid}), from samples taken before the
 * connections opened, once they all had, and at the start and end of the measured sending.
 * A sample is empty where the process could not be read (or the run took no such sample).
 */
record ServerUsage(Optional<ServerSample> beforeConnect, Optional<ServerSample> afterConnect,
                   Optional<ServerSample> measureStart, Optional<ServerSample> measureEnd) {

    /** A run that was not given a server to watch. */
    static final ServerUsage NOT_MEASURED = new ServerUsage(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** The server's CPU time during the measured part of the sending, connects and warm-up left out. */
    Optional<Duration> cpuMeasured() {
        return measureStart.flatMap(start -> measureEnd.map(end -> end.cpu().minus(start.cpu())));
    }

    /** Resident memory with every connection open, before any update was sent, in bytes. */
    OptionalDouble residentWithConnections() {
        return resident(afterConnect).map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** What each open connection added to the resident memory, in bytes. */
    OptionalDouble residentPerConnection(long connections) {
        if (connections <= 0) {
            return OptionalDouble.empty();
        }
        return resident(beforeConnect)
                .flatMap(before -> resident(afterConnect).map(after -> (after - before) / (double) connections))
                .map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** The sample's resident bytes, where it was taken and the system reported them. */
    private static Optional<Long> resident(Optional<ServerSample> sample) {
        return sample.map(ServerSample::residentBytes).filter(bytes -> bytes >= 0);
    }
}
