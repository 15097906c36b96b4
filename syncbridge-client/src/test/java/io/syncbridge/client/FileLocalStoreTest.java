package io.syncbridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncbridge.domain.state.JsonPointer;
import io.syncbridge.domain.state.JsonValue;
import io.syncbridge.domain.state.PatchOperation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocalStoreTest {

    @TempDir
    Path directory;

    private static PendingChange change(String id, long value) {
        return new PendingChange(id, 3, List.of(new PatchOperation.Add(JsonPointer.parse("/k/" + value), JsonValue.of(value)),
                new PatchOperation.Remove(JsonPointer.parse("/old"))));
    }

    @Test
    void pendingChangesAndTheCheckpointSurviveReopening() {
        try (FileLocalStore store = FileLocalStore.open(directory)) {
            store.checkpoint(Wire.obj("a", 1L), 3);
            store.append(change("m-1", 1));
            store.append(change("m-2", 2));
            store.append(change("m-3", 3));
            store.remove("m-2");
        }
        try (FileLocalStore reopened = FileLocalStore.open(directory)) {
            LocalStore.Contents contents = reopened.load();
            assertThat(contents.version()).isEqualTo(3);
            assertThat(contents.state()).isEqualTo(Wire.obj("a", 1L));
            assertThat(contents.pending()).containsExactly(change("m-1", 1), change("m-3", 3));
        }
    }

    @Test
    void aQueuedChangeIsOnDiskWhenAppendReturnsEvenIfTheProcessNeverCloses() throws Exception {
        FileLocalStore store = FileLocalStore.open(directory);
        store.append(change("m-1", 1));
        // Read the journal as a new process would, while this store is still open.
        List<String> lines = Files.readAllLines(directory.resolve("journal.jsonl"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"m-1\""));
        store.close();
    }

    @Test
    void aTornLastLineIsIgnored() throws Exception {
        try (FileLocalStore store = FileLocalStore.open(directory)) {
            store.append(change("m-1", 1));
        }
        Files.writeString(directory.resolve("journal.jsonl"), "{\"k\":\"pending\",\"mutation_id\":\"m-2\",\"ba",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (FileLocalStore reopened = FileLocalStore.open(directory)) {
            assertThat(reopened.load().pending()).containsExactly(change("m-1", 1));
        }
    }

    @Test
    void theJournalIsCompactedToTheCheckpointAndThePendingChanges() {
        try (FileLocalStore store = FileLocalStore.open(directory, 50)) {
            for (int i = 0; i < 200; i++) {
                store.append(change("m-" + i, i));
                if (i >= 2) {
                    store.remove("m-" + (i - 2));
                }
            }
            assertThat(store.journalRecords()).isLessThan(50);
            assertThat(store.load().pending()).containsExactly(change("m-198", 198), change("m-199", 199));
        }
        try (FileLocalStore reopened = FileLocalStore.open(directory)) {
            assertThat(reopened.load().pending()).containsExactly(change("m-198", 198), change("m-199", 199));
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() {
        try (FileLocalStore ignored = FileLocalStore.open(directory)) {
            assertThatThrownBy(() -> FileLocalStore.open(directory))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        }
    }
}
