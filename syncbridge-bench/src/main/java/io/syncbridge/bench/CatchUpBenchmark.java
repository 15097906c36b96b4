package io.syncbridge.bench;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.CatchUp;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Resume: a device that reconnects after missing {@code behind} changes asks for the changes since
 * the last version it saw ({@code since}), and gets them from the change log.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CatchUpBenchmark {

    /** Changes in the log before the benchmark reads it: more than any {@code behind}, fewer than its capacity. */
    private static final int HISTORY = 500;

    @Param({"10", "100"})
    public int behind;

    private BenchSession session;
    private long lastSeen;

    @Setup
    public void setUp() {
        session = BenchSession.open(SyncBridge.inMemory(), "catch-up", 2, BenchDocuments.ofKiB(1));
        for (int i = 0; i < HISTORY; i++) {
            // One top-level key and one item leaf per change, as a player position update might.
            BenchSession.require(session.core.sync().applyUnversioned(session.caller, session.id,
                    new MutationId("h-" + i), List.of(
                            new PatchOperation.SetKey(BenchDocuments.TOP_LEVEL_KEY, JsonNumber.of(i)),
                            new PatchOperation.Replace(BenchDocuments.itemCountPath(i % 8), JsonNumber.of(i))),
                    session.device(0)));
        }
        lastSeen = session.version() - behind;
    }

    @Benchmark
    public CatchUp changesSince() {
        CatchUp catchUp = session.core.sync().since(session.caller, session.id, lastSeen);
        if (!(catchUp instanceof CatchUp.Changes changes) || changes.changes().size() != behind) {
            throw new IllegalStateException("expected " + behind + " changes, got " + catchUp);
        }
        return catchUp;
    }
}
