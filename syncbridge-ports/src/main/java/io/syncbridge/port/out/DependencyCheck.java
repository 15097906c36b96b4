package io.syncbridge.port.out;

import java.util.Objects;

/**
 * Driven port of the health report: one backing service the server depends on, registered by the
 * wiring of each backend, as the health endpoints report it: its name on the
 * wire ({@code cache}, {@code database}, {@code messageQueue}), what implements it, whether the
 * server is useless without it, and a probe that returns normally when it answers.
 */
public interface DependencyCheck {

    /** The name under {@code services} in the health report. */
    String name();

    /** What runs it, for people reading the report: {@code memory}, {@code redis}, {@code postgres}, ... */
    String backend();

    /** A critical dependency down makes the server not ready; a non-critical one only degrades it. */
    boolean critical();

    /** Returns normally when the dependency answers; throws (anything) when it does not. */
    void probe() throws Exception;

    /** A probe as a lambda. */
    @FunctionalInterface
    interface Probe {
        void run() throws Exception;
    }

    static DependencyCheck of(String name, String backend, boolean critical, Probe probe) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(probe, "probe");
        return new DependencyCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String backend() {
                return backend;
            }

            @Override
            public boolean critical() {
                return critical;
            }

            @Override
            public void probe() throws Exception {
                probe.run();
            }
        };
    }

    /** An in-process implementation: up whenever the process is. */
    static DependencyCheck inMemory(String name, boolean critical) {
        return of(name, "memory", critical, () -> {
        });
    }
}
