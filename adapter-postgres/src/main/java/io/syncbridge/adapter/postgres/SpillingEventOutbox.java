package io.syncbridge.adapter.postgres;

import io.syncbridge.domain.event.DomainEvent;
import io.syncbridge.port.out.EventOutbox;
import io.syncbridge.port.out.RelayLeadership;
import io.syncbridge.port.out.codec.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL outbox, made to keep every event while PostgreSQL is down: an event that cannot
 * be appended is queued in memory (bounded) and, by one background thread, written to a local
 * spill file and fsynced, in order; a second thread replays the file into the outbox once
 * PostgreSQL answers again (in batches; an event id recorded twice keeps its first row) and then
 * empties it. The two are apart so that replay attempts, which wait for PostgreSQL's time-outs
 * while it is down, never hold up the writes to the file: the in-memory queue only ever holds what
 * a few milliseconds of writing take. While events
 * wait in the spill, new ones join them behind, so each session's events keep their order.
 *
 * <p>What a node loses: killed during an outage, the events queued but not yet fsynced (the spill
 * thread syncs every few milliseconds); the spill file itself is replayed by the next process that
 * starts on the same directory. Beyond the queue's capacity or the file's size limit an event is
 * dropped, logged and counted ({@link #dropped}).
 */
public final class SpillingEventOutbox implements EventOutbox, RelayLeadership, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SpillingEventOutbox.class);
    private static final String PREFIX = "outbox-spill-";
    private static final String SUFFIX = ".bin";
    private static final Duration RETRY = Duration.ofMillis(200);
    /** How often the replay thread looks again when it has nothing to do. */
    private static final Duration IDLE = Duration.ofMillis(10);
    private static final int REPLAY_BATCH = 2_000;

    private final PostgresEventOutbox outbox;
    private final Path dir;
    private final long maxFileBytes;
    private final BlockingQueue<DomainEvent> queue;
    private final Object lock = new Object();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread spiller;
    private final Thread replayer;
    /** Held while the file grows or is emptied, so that neither happens halfway through the other. */
    private final Object fileMonitor = new Object();
    private final Path file;
    private final FileChannel channel;
    private final FileLock fileLock;
    /** Events accepted into the spill and not yet in the outbox (queued, or in the file unreplayed). */
    private final AtomicLong waiting = new AtomicLong();
    private volatile boolean spilling;
    private volatile boolean running = true;
    private volatile Instant oldestWaiting;
    /** Where the last fsynced record ends: the replay reads no further (a record being written is not whole yet). */
    private volatile long writtenUpTo;
    /** Touched by the replay thread only: how far the file has been replayed into the outbox. */
    private long replayedUpTo;

    /**
     * @param dir          where the spill file goes (a directory of this node's own, kept across restarts)
     * @param capacity     events held in memory on their way to the file
     * @param maxFileBytes the largest spill file; beyond it events are dropped (and counted)
     */
    public SpillingEventOutbox(PostgresEventOutbox outbox, Path dir, int capacity, long maxFileBytes) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.maxFileBytes = maxFileBytes;
        this.queue = new ArrayBlockingQueue<>(capacity);
        try {
            Files.createDirectories(dir);
            this.file = dir.resolve(PREFIX + UUID.randomUUID() + SUFFIX);
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            this.fileLock = channel.lock();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the outbox spill file in " + dir, e);
        }
        this.spiller = Thread.ofPlatform().daemon().name("syncbridge-outbox-spill").unstarted(this::writeLoop);
        this.replayer = Thread.ofPlatform().daemon().name("syncbridge-outbox-replay").unstarted(this::replayLoop);
        spiller.start();
        replayer.start();
    }

    @Override
    public void append(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        if (!spilling) {
            try {
                outbox.append(event);
                return;
            } catch (RuntimeException e) {
                // Spilling starts with this event in the spill, so the replay never sees a spill
                // with nothing waiting in it and ends it at once.
                synchronized (lock) {
                    startSpilling(e);
                    enqueue(event);
                }
                return;
            }
        }
        synchronized (lock) {
            if (spilling) {
                enqueue(event);
                return;
            }
        }
        // The spill emptied meanwhile: the outbox is back.
        append(event);
    }

    private void startSpilling(RuntimeException cause) {
        synchronized (lock) {
            if (!spilling) {
                spilling = true;
                log.error("THE EVENT OUTBOX CANNOT BE WRITTEN ({}): events are kept in {} until PostgreSQL returns",
                        cause.toString(), file);
            }
        }
    }

    private void enqueue(DomainEvent event) {
        if (queue.offer(event)) {
            if (waiting.getAndIncrement() == 0) {
                oldestWaiting = Instant.now();
            }
            spilled.incrementAndGet();
            return;
        }
        dropped.incrementAndGet();
        log.error("Outbox spill queue full ({} events): event {} ({}) of session {} is dropped", queue.size(),
                event.eventId(), event.name(), event.sessionId());
    }

    /** The spill thread: moves what is queued to the file, a batch at a time, as soon as it is queued. */
    private void writeLoop() {
        while (running) {
            try {
                DomainEvent first = queue.poll(RETRY.toMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<DomainEvent> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch);
                    writeToFile(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Outbox spill failed unexpectedly; retrying", e);
                pause(RETRY);
            }
        }
    }

    /** The replay thread: files of earlier processes first, then this process's file whenever it spills. */
    private void replayLoop() {
        replayOrphans();
        while (running) {
            try {
                if (!spilling || !replay()) {
                    pause(IDLE);
                }
            } catch (RuntimeException e) {
                log.error("Outbox spill replay failed unexpectedly; retrying", e);
                pause(RETRY);
            }
        }
    }

    /** Appends the events to the file as length-prefixed UTF-8 JSON records and syncs it. */
    private void writeToFile(List<DomainEvent> events) {
        synchronized (fileMonitor) {
            appendRecords(events);
        }
    }

    private void appendRecords(List<DomainEvent> events) {
        try {
            for (DomainEvent event : events) {
                byte[] bytes = EventJson.eventText(event).getBytes(StandardCharsets.UTF_8);
                if (channel.size() + 4 + bytes.length > maxFileBytes) {
                    dropped.incrementAndGet();
                    waiting.decrementAndGet();
                    log.error("Outbox spill file {} is full ({} bytes): event {} of session {} is dropped", file,
                            maxFileBytes, event.eventId(), event.sessionId());
                    continue;
                }
                ByteBuffer record = ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).flip();
                channel.position(channel.size());
                while (record.hasRemaining()) {
                    channel.write(record);
                }
            }
            channel.force(false);
            writtenUpTo = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the outbox spill file " + file + " failed", e);
        }
    }

    /**
     * Replays a batch of what the file holds beyond what was replayed; once every spilled event is
     * in the outbox, empties the file and stops spilling. True when it did something.
     */
    private boolean replay() {
        try {
            List<DomainEvent> events = read(channel, replayedUpTo, writtenUpTo, REPLAY_BATCH);
            if (!events.isEmpty()) {
                outbox.appendAll(events);
                replayedUpTo = positionAfter(channel, replayedUpTo, events.size());
                waiting.addAndGet(-events.size());
                return true;
            }
            // Every event accepted into the spill is counted in waiting until it is in the outbox,
            // also while the spill thread holds it between the queue and the file: at zero
            // (checked under the lock that accepting one takes) nothing is left anywhere.
            synchronized (lock) {
                if (waiting.get() > 0) {
                    return false;
                }
                synchronized (fileMonitor) {
                    channel.truncate(0);
                    channel.force(true);
                    writtenUpTo = 0;
                }
                replayedUpTo = 0;
                spilling = false;
                oldestWaiting = null;
            }
            log.info("The event outbox is written again; every spilled event is in it ({} spilled so far)",
                    spilled.get());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the outbox spill file " + file + " failed", e);
        } catch (RuntimeException stillDown) {
            log.debug("Outbox still unavailable: {}", stillDown.toString());
            pause(RETRY);
            return false;
        }
    }

    /** Spill files other processes left behind (killed during an outage): replayed, then deleted. */
    private void replayOrphans() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path orphan : files) {
                if (!orphan.equals(file)) {
                    replayOrphan(orphan);
                }
            }
        } catch (IOException e) {
            log.error("Cannot list outbox spill files in {}", dir, e);
        }
    }

    private void replayOrphan(Path orphan) {
        try (FileChannel in = FileChannel.open(orphan, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock taken;
            try {
                taken = in.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException inUseHere) {
                return;
            }
            if (taken == null) {
                // Another live process spills into it.
                return;
            }
            long position = 0;
            int total = 0;
            while (running) {
                List<DomainEvent> events = read(in, position, in.size(), REPLAY_BATCH);
                if (events.isEmpty()) {
                    break;
                }
                try {
                    outbox.appendAll(events);
                } catch (RuntimeException stillDown) {
                    pause(RETRY);
                    continue;
                }
                position = positionAfter(in, position, events.size());
                total += events.size();
            }
            if (running) {
                taken.release();
                Files.delete(orphan);
                log.info("Replayed {} events from the outbox spill file {} a previous process left", total, orphan);
            }
        } catch (IOException e) {
            log.error("Cannot replay the outbox spill file {}", orphan, e);
        }
    }

    /**
     * Up to {@code max} whole records from {@code position}, none past {@code end}; a torn last
     * record (a crash mid-write) ends the read.
     */
    private static List<DomainEvent> read(FileChannel in, long position, long end, int max) throws IOException {
        List<DomainEvent> events = new ArrayList<>();
        long at = position;
        long size = Math.min(end, in.size());
        ByteBuffer length = ByteBuffer.allocate(4);
        while (events.size() < max && at + 4 <= size) {
            length.clear();
            in.read(length, at);
            int bytes = length.flip().getInt();
            if (bytes < 0 || at + 4 + bytes > size) {
                break;
            }
            ByteBuffer body = ByteBuffer.allocate(bytes);
            while (body.hasRemaining() && in.read(body, at + 4 + body.position()) >= 0) {
                // read until full
            }
            events.add(EventJson.eventFromText(new String(body.array(), StandardCharsets.UTF_8)));
            at += 4 + bytes;
        }
        return events;
    }

    private static long positionAfter(FileChannel in, long position, int records) throws IOException {
        long at = position;
        ByteBuffer length = ByteBuffer.allocate(4);
        for (int i = 0; i < records; i++) {
            length.clear();
            in.read(length, at);
            at += 4 + length.flip().getInt();
        }
        return at;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Events kept by the spill and not yet in the outbox. */
    public long spillWaiting() {
        return waiting.get();
    }

    /** Events dropped because the spill was full. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public List<Pending> pending(int limit) {
        return outbox.pending(limit);
    }

    @Override
    public List<Pending> pendingAfter(String eventId, int limit) {
        return outbox.pendingAfter(eventId, limit);
    }

    @Override
    public void markPublished(List<String> eventIds, Instant at) {
        outbox.markPublished(eventIds, at);
    }

    @Override
    public void markFailed(List<String> eventIds, Instant at) {
        outbox.markFailed(eventIds, at);
    }

    /** The outbox's depth plus what waits in the spill; the spill alone while PostgreSQL is down. */
    @Override
    public Depth depth() {
        long inSpill = waiting.get();
        Instant spillOldest = inSpill > 0 ? oldestWaiting : null;
        try {
            Depth inOutbox = outbox.depth();
            Instant oldest = inOutbox.oldest() == null ? spillOldest
                    : spillOldest == null || inOutbox.oldest().isBefore(spillOldest) ? inOutbox.oldest() : spillOldest;
            return new Depth(inOutbox.count() + inSpill, oldest);
        } catch (RuntimeException down) {
            return new Depth(inSpill, spillOldest);
        }
    }

    @Override
    public boolean tryLeadership() {
        return outbox.tryLeadership();
    }

    @Override
    public void resignLeadership() {
        outbox.resignLeadership();
    }

    /**
     * Stops the spill thread after it wrote what is queued to the file. A file that still holds
     * events stays for the next process on this directory to replay; an empty one is deleted.
     */
    @Override
    public void close() {
        running = false;
        try {
            spiller.join(Duration.ofSeconds(5));
            replayer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<DomainEvent> rest = new ArrayList<>();
        queue.drainTo(rest);
        try {
            if (!rest.isEmpty()) {
                writeToFile(rest);
            }
            boolean empty = channel.size() <= replayedUpTo;
            fileLock.release();
            channel.close();
            if (empty) {
                Files.deleteIfExists(file);
            } else {
                log.warn("{} outbox events wait in {} for the next start on {}", waiting.get(), file, dir);
            }
        } catch (IOException | RuntimeException e) {
            log.error("Closing the outbox spill file {} failed; it is replayed at the next start", file, e);
        }
    }
}
