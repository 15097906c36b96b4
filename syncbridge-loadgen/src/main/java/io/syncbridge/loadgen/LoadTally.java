package io.syncbridge.loadgen;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a load run counted, from every connection's thread: updates sent, broadcasts and acks
 * received with their latencies, and errors by reason. Only updates sent after the warm-up count
 * towards the statistics.
 */
final class LoadTally {

    private static final Logger LOG = LoggerFactory.getLogger(LoadTally.class);

    final LatencyRecorder fanOut = new LatencyRecorder();
    final LatencyRecorder acks = new LatencyRecorder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsFailed = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder sentMeasured = new LongAdder();
    final LongAdder fanOutExpected = new LongAdder();
    final LongAdder fanOutReceived = new LongAdder();
    final LongAdder conflicts = new LongAdder();
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);

    /** Updates sent at or after {@code nanoTime} are measured. */
    void measureFrom(long nanoTime) {
        measureFrom.set(nanoTime);
    }

    boolean isMeasured(long sentNanos) {
        return sentNanos >= measureFrom.get();
    }

    /** An update went out; {@code receivers} other devices of its session should get it. */
    void sent(long sentNanos, int receivers) {
        sent.increment();
        if (isMeasured(sentNanos)) {
            sentMeasured.increment();
            fanOutExpected.add(Math.max(0, receivers));
        }
    }

    /** An update was refused (a conflict or an error): its {@code receivers} broadcasts will not come. */
    void notApplied(long sentNanos, int receivers) {
        if (isMeasured(sentNanos)) {
            fanOutExpected.add(-Math.max(0, receivers));
        }
    }

    /** Another device got an update sent at {@code sentNanos}. */
    void received(long sentNanos, long receivedNanos) {
        if (isMeasured(sentNanos)) {
            fanOutReceived.increment();
            fanOut.record(receivedNanos - sentNanos);
        }
    }

    /** The sender got a ChangeAck ({@code outcome}: applied, rebased, duplicate) for a change sent at {@code sentNanos}. */
    void acknowledged(String outcome, long sentNanos, long receivedNanos) {
        if (isMeasured(sentNanos)) {
            outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
            acks.record(receivedNanos - sentNanos);
        }
    }

    /** Something went wrong: counted by reason; the first of each reason is logged with its context. */
    void error(String reason, String context, Throwable cause) {
        LongAdder count = errors.computeIfAbsent(reason, r -> new LongAdder());
        count.increment();
        if (count.sum() == 1) {
            if (cause == null) {
                LOG.warn("{}: {} (further {} errors are only counted)", reason, context, reason);
            } else {
                LOG.warn("{}: {} (further {} errors are only counted)", reason, context, reason, cause);
            }
        }
    }

    Map<String, Long> outcomes() {
        return sorted(outcomes);
    }

    Map<String, Long> errors() {
        return sorted(errors);
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }
}
