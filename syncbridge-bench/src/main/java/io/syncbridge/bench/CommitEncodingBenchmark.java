package io.syncbridge.bench;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.change.AppliedChange;
import io.syncbridge.domain.change.MutationId;
import io.syncbridge.domain.device.DeviceId;
import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.domain.session.Session;
import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.port.out.codec.ChangeJson;
import io.syncbridge.port.out.codec.EventJson;
import io.syncbridge.port.out.codec.JsonText;
import io.syncbridge.port.out.codec.SessionJson;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Redis store encodes for one accepted change of the load benchmark's shape (a ~50-byte
 * value set by one of five devices): the head without its state, the log entry and the
 * StateChanged event the commit script publishes. Their sum is the encoding part of a commit's
 * client CPU.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CommitEncodingBenchmark {

    private Session session;
    private AppliedChange change;
    private DomainEvent event;

    @Setup
    public void setUp() {
        BenchSession bench = BenchSession.open(SyncBridge.inMemory(), "encoding", 5, BenchDocuments.ofKiB(1));
        DeviceId author = bench.device(1);
        PatchOperation set = new PatchOperation.Add(new JsonPointer(List.of("load-device-1-3")),
                JsonText.parse("{\"sent_ns\": 123456789012345, \"pad\": \"xxxxxxxxxxxxxxxxxxxx\"}"));
        change = new AppliedChange(bench.version() + 1, new MutationId("m-0000000000000001"), author,
                List.of(set), BenchSession.CHANGE_TIME);
        session = bench.core.sessions().get(bench.caller, bench.id);
        event = DomainEvent.stateChanged(session, change);
    }

    @Benchmark
    public String head() {
        return SessionJson.headText(session);
    }

    @Benchmark
    public String logEntry() {
        return ChangeJson.appliedChangeText(change);
    }

    @Benchmark
    public String stateChangedEvent() {
        return EventJson.eventText(event);
    }
}
