package io.syncbridge.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server process's CPU time so far and its resident memory at one moment, read from the
 * operating system for a server on this machine ({@code --server-pid}).
 *
 * @param cpu           user and system CPU time the process has used since it started
 * @param residentBytes its resident set size, or -1 where the system does not say (only Linux's
 *                      {@code /proc} is read)
 */
record ServerSample(Duration cpu, long residentBytes) {

    /** Reads the process now; empty when it has gone or the system does not report its CPU time. */
    static Optional<ServerSample> of(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(cpu -> new ServerSample(cpu, residentBytes(pid)));
    }

    /** Whether a process of that id is running here (checked once, when the options are read). */
    static boolean exists(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:    123456 kB"
                    return 1024 * Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or the process ended between the two reads: the memory figure is left out.
            return -1;
        }
    }
}
