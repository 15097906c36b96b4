package io.syncbridge.bench;

import io.syncbridge.application.SyncBridge;
import io.syncbridge.domain.device.DeviceDescription;
import io.syncbridge.domain.handoff.HandoffToken;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.session.Session;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Handoff through the embedded core: moving the active role between a session's two devices,
 * directly and with a single-use handoff token (issue, then claim).
 *
 * <p>The handoffs go round a pool of sessions, as they would in a server: the in-memory audit
 * trail copies a session's whole trail on each record, so one session handed off a million times
 * would measure that copy, not a handoff.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HandoffBenchmark {

    private static final int SESSIONS = 1_024;

    private BenchSession[] sessions;
    private long sequence;

    @Setup(Level.Iteration)
    public void setUp() {
        SyncBridge core = SyncBridge.inMemory();
        JsonObject state = BenchDocuments.ofKiB(1);
        sessions = new BenchSession[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            sessions[i] = BenchSession.open(core, "handoff-" + i, 2, state);
        }
        sequence = 0;
    }

    /** HandoffRequest: the active device hands the session to the other one. */
    @Benchmark
    public Session.HandedOff handOff() {
        long n = sequence++;
        BenchSession session = sessions[(int) (n % SESSIONS)];
        // Each session alternates: dev-0 is active first, so its first handoff goes to dev-1.
        int target = (int) ((n / SESSIONS + 1) % 2);
        return session.core.handoffs().handOff(session.caller, session.id, session.device(target));
    }

    /** "Scan this on your phone": the active device issues a token, the other device claims it. */
    @Benchmark
    public Session.HandedOff handOffWithToken() {
        long n = sequence++;
        BenchSession session = sessions[(int) (n % SESSIONS)];
        int target = (int) ((n / SESSIONS + 1) % 2);
        HandoffToken token = session.core.handoffs().issueToken(session.caller, session.id,
                session.device(1 - target), Duration.ofMinutes(5));
        return session.core.handoffs().claim(token.token(), session.device(target), DeviceDescription.UNKNOWN);
    }
}
