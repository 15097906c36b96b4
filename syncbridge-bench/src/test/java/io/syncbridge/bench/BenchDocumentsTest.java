package io.syncbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.state.JsonNumber;
import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.StateDocument;
import io.syncbridge.domain.state.StateLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BenchDocumentsTest {

    /** One item with its key is under 100 bytes encoded. */
    private static final long ONE_ITEM = 100;

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void documentsAreTheSizeTheBenchmarksName(int kib) {
        JsonObject document = BenchDocuments.ofKiB(kib);

        assertThat(BenchDocuments.bytes(document)).isBetween(kib * 1024L, kib * 1024L + ONE_ITEM);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void everyItemHasTheLeafTheBenchmarksReplace(int kib) {
        JsonObject document = BenchDocuments.ofKiB(kib);
        StateDocument state = StateDocument.of(document);
        int last = BenchDocuments.itemCount(document) - 1;

        assertThat(state.valueAt(BenchDocuments.itemCountPath(last))).contains(JsonNumber.of(last));
        assertThat(state.valueAt(BenchDocuments.itemCountPath(last + 1))).isEmpty();
        assertThat(document.get(BenchDocuments.TOP_LEVEL_KEY)).isPresent();
    }

    @Test
    void theLargeDocumentFitsTheDefaultStateLimits() {
        JsonObject document = BenchDocuments.ofKiB(100);

        assertThat(StateDocument.checked(document, StateLimits.DEFAULT).root()).isEqualTo(document);
    }

    @Test
    void refusesASizeBelowOneKiB() {
        assertThatThrownBy(() -> BenchDocuments.ofKiB(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
