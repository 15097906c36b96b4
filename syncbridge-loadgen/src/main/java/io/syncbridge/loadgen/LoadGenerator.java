package io.syncbridge.loadgen;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * WebSocket load generator for a SyncBridge server on this machine's loopback: many sessions of
 * several devices each send timed updates, and it reports fan-out and ack latency percentiles,
 * throughput and errors. See docs/PERFORMANCE.md for how to run it; the server's {@code bench load}
 * command runs it in process through {@link #run(List, DeviceTokens)}.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /** Runs and prints the report to {@code out} (it is the tool's output, not a log); returns the exit code. */
    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(LoadOptions.USAGE);
            return 0;
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("load generator: " + e.getMessage());
            err.print(LoadOptions.USAGE);
            return 2;
        }
        LoadReport report = new LoadRun(options).run();
        out.print(report.format());
        return report.anyConnected() ? 0 : 1;
    }

    /**
     * Runs one load with {@code args} (the options of {@link #usage()} but {@code --secret}), its
     * devices presenting the tokens {@code tokens} mints; returns what it measured. Throws
     * IllegalArgumentException, with a message fit for the user, for options it cannot use.
     */
    public static LoadResult run(List<String> args, DeviceTokens tokens) throws InterruptedException {
        Objects.requireNonNull(tokens, "tokens");
        return new LoadRun(LoadOptions.parseWithoutSecret(args), tokens).run().result();
    }

    /** The generator's options, as its {@code --help} prints them. */
    public static String usage() {
        return LoadOptions.USAGE;
    }
}
