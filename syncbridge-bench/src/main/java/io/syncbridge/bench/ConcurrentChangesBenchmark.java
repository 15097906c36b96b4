package io.syncbridge.bench;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.error.SyncError;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.ChangeResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Four writers at once on one embedded core: each writing its own key of one shared session (the
 * compare-and-set races, v1 updates retry, v2 changes get rebased), or each its own session.
 * Throughput is the total over the four threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(ConcurrentChangesBenchmark.WRITERS)
public class ConcurrentChangesBenchmark {

    static final int WRITERS = 4;

    /** One core and the session all writers share; fresh per iteration (see ApplyChangeBenchmark). */
    @State(Scope.Benchmark)
    public static class Shared {
        SyncBridge core;
        BenchSession session;

        @Setup(Level.Iteration)
        public void setUp() {
            core = SyncBridge.inMemory();
            session = BenchSession.open(core, "shared", WRITERS, BenchDocuments.ofKiB(1));
        }
    }

    /** One writer: its device and key in the shared session, and a session of its own. */
    @State(Scope.Thread)
    public static class Writer {
        DeviceId device;
        JsonPointer path;
        BenchSession own;
        long sharedVersion;
        long ownVersion;
        long sequence;
        String prefix;

        @Setup(Level.Iteration)
        public void setUp(Shared shared, ThreadParams thread) {
            int index = thread.getThreadIndex();
            device = shared.session.device(index);
            path = JsonPointer.ofKey("writer-" + index);
            prefix = "w" + index + "-";
            own = BenchSession.open(shared.core, "own-" + index, 1, BenchDocuments.ofKiB(1));
            sharedVersion = shared.session.version();
            ownVersion = own.version();
        }
    }

    /** v1 SET of the writer's own key in the shared session (no version: a lost race is retried). */
    @Benchmark
    public ChangeResult oneSessionUnversioned(Shared shared, Writer writer) {
        long n = writer.sequence++;
        return BenchSession.require(shared.core.sync().applyUnversioned(shared.session.caller, shared.session.id,
                new MutationId(writer.prefix + n), List.of(new PatchOperation.SetKey(writer.path.lastToken(),
                        JsonNumber.of(n))), writer.device));
    }

    /** How the versioned writers' changes went, per iteration (reported by JMH beside the score). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Outcomes {
        /** Changes based on an older version that MERGE rebased. */
        public long rebased;
        /** Changes refused because the log no longer reached their base: the writer caught up and resent. */
        public long resent;

        @Setup(Level.Iteration)
        public void clear() {
            rebased = 0;
            resent = 0;
        }
    }

    /**
     * v2 Change of the writer's own key in the shared session, based on the last version it saw.
     * A writer descheduled while the others made more changes than the log keeps is refused (MERGE
     * falls back to STRICT); like a client, it then takes the current version and sends again.
     */
    @Benchmark
    public ChangeResult oneSessionVersioned(Shared shared, Writer writer, Outcomes outcomes) {
        long n = writer.sequence++;
        List<PatchOperation> operations = List.of(new PatchOperation.Add(writer.path, JsonNumber.of(n)));
        while (true) {
            ChangeResult result = shared.session.apply(writer.prefix + n, writer.sharedVersion, operations,
                    writer.device);
            if (result instanceof ChangeResult.Rejected rejected
                    && rejected.error() instanceof SyncError.VersionConflict conflict
                    && conflict.conflicts().isEmpty()) {
                outcomes.resent++;
                writer.sharedVersion = conflict.currentVersion();
                continue;
            }
            ChangeResult.Accepted accepted = BenchSession.require(result);
            if (accepted.outcome() == ChangeOutcome.REBASED) {
                outcomes.rebased++;
            }
            writer.sharedVersion = accepted.version();
            return accepted;
        }
    }

    /** v2 Change on the current version of the writer's own session. */
    @Benchmark
    public ChangeResult separateSessions(Writer writer) {
        long n = writer.sequence++;
        ChangeResult.Accepted accepted = BenchSession.require(writer.own.apply(writer.prefix + n, writer.ownVersion,
                List.of(new PatchOperation.Add(writer.path, JsonNumber.of(n))), writer.own.device(0)));
        writer.ownVersion = accepted.version();
        return accepted;
    }
}
