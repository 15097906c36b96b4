package io.syncbridge.port.out;

import java.time.Instant;
import java.util.List;

/** Driven port of the health routes: the latest report on every dependency the server was wired with. */
@FunctionalInterface
public interface DependencyHealth {

    /** The current report (an implementation may answer a recent one rather than probe on every call). */
    HealthReport report();

    /** No dependency to check: always healthy (an embedded gateway on in-memory adapters). */
    DependencyHealth NONE = () -> new HealthReport(HealthReport.Status.HEALTHY, Instant.now(), List.of());
}
