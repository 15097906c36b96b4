package io.syncbridge.bench;

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

/** The domain's JSON codec on state documents of 1 KiB and 100 KiB: parse the text, write the tree. */
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
    private String text;

    @Setup
    public void setUp() {
        document = BenchDocuments.ofKiB(stateKiB);
        text = JsonCodec.write(document);
    }

    @Benchmark
    public JsonValue parse() {
        return JsonCodec.parse(text);
    }

    @Benchmark
    public String write() {
        return JsonCodec.write(document);
    }
}
