package io.syncbridge.bench;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.Change;
import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.in.ChangeResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The apply-a-change hot path through the embedded core (in-memory adapters): load the head,
 * resolve, compare-and-set, fan out to two watchers, record the event. One session, one writer.
 *
 * <p>A fresh core per iteration: the store keeps every accepted mutation id for the session's
 * life, so one session taking millions of changes would measure a growing map, not a change.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ApplyChangeBenchmark {

    /** How many versions behind the head the stale (rebased) change is based. */
    static final int STALE_BY = 3;

    /** Items the stale changes cycle through: more than STALE_BY, so a change never meets its own path. */
    private static final int STALE_ITEMS = 8;

    @Param({"1", "100"})
    public int stateKiB;

    private BenchSession session;
    private long version;
    private long sequence;
    private int items;
    private Change duplicate;

    @Setup(Level.Iteration)
    public void setUp() {
        JsonObject state = BenchDocuments.ofKiB(stateKiB);
        items = BenchDocuments.itemCount(state);
        if (items < STALE_ITEMS) {
            throw new IllegalStateException("the document has " + items + " items, fewer than " + STALE_ITEMS);
        }
        session = BenchSession.open(SyncBridge.inMemory(), "apply", 2, state);
        version = session.version();
        // Changes by the other device, so that the stale benchmark's base is STALE_BY behind from the start.
        for (int i = 0; i < STALE_BY; i++) {
            version = BenchSession.require(session.apply("warm-" + i, version, replaceItemCount(i), session.device(1)))
                    .version();
        }
        // A change whose acknowledgement was lost: its retry is what retryDuplicate sends.
        duplicate = new Change(new MutationId("lost-ack"), version, replaceItemCount(STALE_BY),
                session.device(0), BenchSession.CHANGE_TIME);
        version = BenchSession.require(session.core.sync().apply(session.caller, session.id, duplicate)).version();
        sequence = STALE_BY + 1;
    }

    /** v2 Change on the current version: a replace of one leaf inside the items object. */
    @Benchmark
    public ChangeResult changeOnCurrentVersion() {
        long n = sequence++;
        ChangeResult.Accepted accepted = BenchSession.require(session.apply("m-" + n, version,
                replaceItemCount((int) (n % items)), session.device(0)));
        version = accepted.version();
        return accepted;
    }

    /** v1 StateUpdate SET of a top-level key: applied on whatever version is current. */
    @Benchmark
    public ChangeResult unversionedSetKey() {
        long n = sequence++;
        return BenchSession.require(session.core.sync().applyUnversioned(session.caller, session.id,
                new MutationId("m-" + n), List.of(new PatchOperation.SetKey(BenchDocuments.TOP_LEVEL_KEY,
                        JsonNumber.of(n))), session.device(0)));
    }

    /**
     * A v2 Change based STALE_BY versions back, under MERGE: the log since its base is read and
     * compared path by path, and it is rebased (it touches an item the newer changes did not).
     */
    @Benchmark
    public ChangeResult staleChangeRebased() {
        long n = sequence++;
        ChangeResult.Accepted accepted = BenchSession.require(session.apply("m-" + n, version - STALE_BY,
                replaceItemCount((int) (n % STALE_ITEMS)), session.device(1)));
        if (accepted.outcome() != ChangeOutcome.REBASED) {
            throw new IllegalStateException("expected a rebase, got " + accepted.outcome());
        }
        version = accepted.version();
        return accepted;
    }

    /** The retry of an accepted change (its ack was lost): recognised by mutation id, applied once. */
    @Benchmark
    public ChangeResult retryDuplicate() {
        ChangeResult result = session.core.sync().apply(session.caller, session.id, duplicate);
        if (!(result instanceof ChangeResult.Duplicate)) {
            throw new IllegalStateException("expected a duplicate, got " + result);
        }
        return result;
    }

    private List<PatchOperation> replaceItemCount(int item) {
        return List.of(new PatchOperation.Replace(BenchDocuments.itemCountPath(item), JsonNumber.of(sequence)));
    }
}
