package io.syncbridge.bench;

import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.PatchOperation;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.domain.state.StateLimits;
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
 * The domain's share of a change: {@code StateDocument.apply} of one small operation on a 1 KiB
 * and a 100 KiB document, and the checksum a state read carries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StateDocumentBenchmark {

    @Param({"1", "100"})
    public int stateKiB;

    private JsonObject root;
    private StateDocument document;
    private int items;
    private long sequence;

    @Setup
    public void setUp() {
        root = BenchDocuments.ofKiB(stateKiB);
        items = BenchDocuments.itemCount(root);
        // A session's document knows its size from the change that made it; measure it once here.
        document = StateDocument.of(root).apply(List.of(), StateLimits.DEFAULT);
    }

    /** RFC 6902 replace of a leaf two levels down (/items/item-NNNN/count). */
    @Benchmark
    public StateDocument replaceLeaf() {
        long n = sequence++;
        return document.apply(List.of(new PatchOperation.Replace(BenchDocuments.itemCountPath((int) (n % items)),
                JsonNumber.of(n))), StateLimits.DEFAULT);
    }

    /** v1 SET of a top-level key. */
    @Benchmark
    public StateDocument setTopLevelKey() {
        return document.apply(List.of(new PatchOperation.SetKey(BenchDocuments.TOP_LEVEL_KEY,
                JsonNumber.of(sequence++))), StateLimits.DEFAULT);
    }

    /** The state's checksum, computed afresh (a new document has none cached): canonical JSON + SHA-256. */
    @Benchmark
    public String checksum() {
        return StateDocument.of(root).checksum();
    }
}
