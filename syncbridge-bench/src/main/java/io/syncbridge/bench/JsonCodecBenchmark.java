package io.syncbridge.bench;

import io.syncbridge.adapter.javalin.json.JsonStream;
import io.syncbridge.domain.state.JsonCodec;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
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
 * The gateway's JSON path on state documents of 1 KiB and 100 KiB: Jackson's streaming reader
 * straight into the domain's values, its generator straight out of them, and the domain's
 * canonical writer that checksums are taken over.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JsonCodecBenchmark {

    @Param({"1", "100"})
    public int stateKiB;

    private JsonObject document;
    private byte[] utf8;

    @Setup
    public void setUp() {
        document = BenchDocuments.ofKiB(stateKiB);
        utf8 = JsonStream.toBytes(document);
    }

    @Benchmark
    public JsonValue parse() {
        return JsonStream.read(utf8);
    }

    @Benchmark
    public byte[] write() {
        return JsonStream.toBytes(document);
    }

    @Benchmark
    public String writeCanonical() {
        return JsonCodec.writeCanonical(document);
    }
}
