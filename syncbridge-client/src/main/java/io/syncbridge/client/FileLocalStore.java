package io.syncbridge.client;

import io.syncbridge.domain.state.JsonObject;
import io.syncbridge.domain.state.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The default local store: an append-only journal in a directory, one JSON record a line. A
 * queued change is synced to disk (fsync) before {@link #append} returns; acknowledgements are
 * appended without a sync (a lost one only makes the change be sent again, and the server
 * answers a retry as a duplicate). Once the journal holds {@code compactAfter} records it is
 * rewritten to the checkpoint plus the pending changes, through a synced temporary file and an
 * atomic rename. A torn last line (the process died mid-write) is ignored on load. One process at
 * a time: the directory is locked while the store is open.
 */
public final class FileLocalStore implements LocalStore {

    static final int DEFAULT_COMPACT_AFTER = 1_000;
    private static final String JOURNAL = "journal.jsonl";

    private final Path directory;
    private final Path journal;
    private final int compactAfter;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, PendingChange> pending = new LinkedHashMap<>();
    private FileChannel out;
    private JsonObject state = JsonObject.EMPTY;
    private long version;
    private long writtenVersion;
    private int records;

    private FileLocalStore(Path directory, int compactAfter) throws IOException {
        this.directory = directory;
        this.journal = directory.resolve(JOURNAL);
        this.compactAfter = compactAfter;
        Files.createDirectories(directory);
        this.lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            acquired = null;
        }
        if (acquired == null) {
            lockChannel.close();
            throw new IllegalStateException("The local store " + directory + " is already open (in this or another "
                    + "process)");
        }
        this.lock = acquired;
        read();
        compact();
    }

    /** Opens (or creates) the store in {@code directory}. */
    public static FileLocalStore open(Path directory) {
        return open(directory, DEFAULT_COMPACT_AFTER);
    }

    static FileLocalStore open(Path directory, int compactAfter) {
        Objects.requireNonNull(directory, "directory");
        try {
            return new FileLocalStore(directory, compactAfter);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the local store in " + directory, e);
        }
    }

    @Override
    public synchronized Contents load() {
        return new Contents(state, version, new ArrayList<>(pending.values()));
    }

    @Override
    public synchronized void append(PendingChange change) {
        pending.put(change.mutationId(), change);
        write(pendingRecord("pending", change), true);
    }

    @Override
    public synchronized void replace(PendingChange change) {
        if (pending.replace(change.mutationId(), change) != null) {
            write(pendingRecord("pending", change), true);
        }
    }

    @Override
    public synchronized void remove(String mutationId) {
        if (pending.remove(mutationId) != null) {
            write(Wire.obj("k", "done", "mutation_id", mutationId), false);
        }
    }

    @Override
    public synchronized void checkpoint(JsonObject newState, long newVersion) {
        state = newState;
        version = newVersion;
        // The state is written with the next compaction; resuming from an older checkpoint is safe.
        if (records >= compactAfter || version - writtenVersion >= compactAfter) {
            compactOrFail();
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (out != null) {
                compact();
                out.close();
                out = null;
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the local store in " + directory + " failed", e);
        }
    }

    /** How many records the journal holds now (for tests of compaction). */
    synchronized int journalRecords() {
        return records;
    }

    private void write(JsonObject record, boolean sync) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(WireJson.write(record) + "\n");
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            if (sync) {
                out.force(false);
            }
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the local store in " + directory + " failed", e);
        }
        if (records >= compactAfter) {
            compactOrFail();
        }
    }

    private void compactOrFail() {
        try {
            compact();
        } catch (IOException e) {
            throw new UncheckedIOException("Compacting the local store in " + directory + " failed", e);
        }
    }

    /** Rewrites the journal as checkpoint + pending, synced, then renamed over the old one. */
    private void compact() throws IOException {
        if (out != null) {
            out.close();
        }
        Path temporary = directory.resolve(JOURNAL + ".tmp");
        StringBuilder text = new StringBuilder();
        text.append(WireJson.write(Wire.obj("k", "checkpoint", "version", version, "state", state))).append('\n');
        for (PendingChange change : pending.values()) {
            text.append(WireJson.write(pendingRecord("pending", change))).append('\n');
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, journal, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
        out = FileChannel.open(journal, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        records = 1 + pending.size();
        writtenVersion = version;
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // Some platforms cannot open a directory; the rename is then as durable as they make it.
        }
    }

    private void read() throws IOException {
        if (!Files.exists(journal)) {
            return;
        }
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonObject record;
            try {
                record = WireJson.parseObject(line);
            } catch (IllegalArgumentException torn) {
                if (i == lines.size() - 1) {
                    break; // the process died while writing this line: it was never acknowledged as queued
                }
                throw new IllegalStateException("The local store " + journal + " is damaged at line " + (i + 1), torn);
            }
            switch (Wire.text(record, "k")) {
                case "checkpoint" -> {
                    version = Wire.number(record, "version", 0);
                    state = Wire.object(record, "state");
                }
                case "pending" -> {
                    PendingChange change = new PendingChange(Wire.text(record, "mutation_id"),
                            Wire.number(record, "base_version", 0), Wire.parseOps(record, "ops"));
                    pending.put(change.mutationId(), change);
                }
                case "done" -> pending.remove(Wire.text(record, "mutation_id"));
                default -> throw new IllegalStateException("Unknown record in " + journal + " at line " + (i + 1));
            }
        }
    }

    private static JsonObject pendingRecord(String kind, PendingChange change) {
        return Wire.obj("k", kind, "mutation_id", change.mutationId(), "base_version", change.baseVersion(),
                "ops", (JsonValue) Wire.ops(change.operations()));
    }
}
