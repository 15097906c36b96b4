package io.syncbridge.port.out.contract;

import static io.syncbridge.port.out.contract.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncbridge.port.out.RateLimiter;
import io.syncbridge.port.out.RateLimiter.Decision;
import io.syncbridge.port.out.RateLimiter.Limit;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link RateLimiter}. Every rate limiter adapter subclasses it.
 *
 * <p>What the contract decides where the port's Javadoc leaves room:
 * <ul>
 *   <li>Windows are fixed and aligned to the epoch by the injected clock: window {@code n} of a
 *       limit with window length {@code w} covers {@code [n*w, (n+1)*w)} in epoch milliseconds; a
 *       key is counted separately for each window length.</li>
 *   <li>{@code remaining} is what is left after this request (never below 0); {@code limit} is the
 *       limit's permits; {@code resetSeconds} is the time to the end of the window, rounded up to
 *       whole seconds (so at least 1).</li>
 *   <li>A refused request does not grant anything later in the same window.</li>
 *   <li>Of racing requests exactly {@code permits} are allowed.</li>
 * </ul>
 *
 * <p>{@link #create} is called before each test and must give a limiter over empty data (the
 * suite's clock starts at a whole minute).
 */
public abstract class RateLimiterContract {

    protected static final Limit THREE_PER_MINUTE = new Limit(3, Duration.ofMinutes(1));

    protected final MutableClock clock = new MutableClock();
    private RateLimiter limiter;

    /** A limiter over empty data that reads time from {@code clock}. */
    protected abstract RateLimiter create(MutableClock clock);

    /** Called after each test: release or empty what {@link #create} made. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    final void createLimiter() {
        limiter = create(clock);
    }

    @AfterEach
    final void cleanUpLimiter() throws Exception {
        cleanUp();
    }

    protected final RateLimiter limiter() {
        return limiter;
    }

    @Test
    void grantsPermitsUpToTheLimitThenRefuses() {
        String key = unique("key");

        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE)).isEqualTo(new Decision(true, 3, 2, 60));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE)).isEqualTo(new Decision(true, 3, 1, 60));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE)).isEqualTo(new Decision(true, 3, 0, 60));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE)).isEqualTo(new Decision(false, 3, 0, 60));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE)).isEqualTo(new Decision(false, 3, 0, 60));
    }

    @Test
    void resetSecondsCountsDownToTheEndOfTheWindowRoundedUp() {
        String key = unique("key");
        clock.advance(Duration.ofSeconds(15));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE).resetSeconds()).isEqualTo(45);

        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE).resetSeconds()).isEqualTo(45);

        clock.advance(Duration.ofMillis(44_499));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE).resetSeconds()).isEqualTo(1);
    }

    @Test
    void windowsAreAlignedToTheEpochNotToTheFirstRequest() {
        String key = unique("key");
        clock.advance(Duration.ofSeconds(30));
        limiter.tryAcquire(key, THREE_PER_MINUTE);
        limiter.tryAcquire(key, THREE_PER_MINUTE);
        limiter.tryAcquire(key, THREE_PER_MINUTE);

        clock.advance(Duration.ofSeconds(30));

        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE)).isEqualTo(new Decision(true, 3, 2, 60));
    }

    @Test
    void nextWindowStartsAfresh() {
        String key = unique("key");
        IntStream.range(0, 4).forEach(i -> limiter.tryAcquire(key, THREE_PER_MINUTE));

        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE).allowed()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(key, THREE_PER_MINUTE)).isEqualTo(new Decision(true, 3, 2, 60));
    }

    @Test
    void keysAreCountedSeparately() {
        String busy = unique("key");
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire(busy, THREE_PER_MINUTE));

        assertThat(limiter.tryAcquire(unique("key"), THREE_PER_MINUTE)).isEqualTo(new Decision(true, 3, 2, 60));
        assertThat(limiter.tryAcquire(busy, THREE_PER_MINUTE).allowed()).isFalse();
    }

    @Test
    void windowLengthsOfOneKeyAreCountedSeparately() {
        String key = unique("key");
        Limit perSecond = new Limit(1, Duration.ofSeconds(1));
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire(key, THREE_PER_MINUTE));

        assertThat(limiter.tryAcquire(key, perSecond)).isEqualTo(new Decision(true, 1, 0, 1));
        assertThat(limiter.tryAcquire(key, perSecond)).isEqualTo(new Decision(false, 1, 0, 1));
    }

    @Test
    void racingRequestsGetExactlyThePermits() {
        String key = unique("key");
        Limit tenPerMinute = new Limit(10, Duration.ofMinutes(1));

        List<List<Decision>> decisions = Concurrently.run(8, () ->
                IntStream.range(0, 5).mapToObj(i -> limiter.tryAcquire(key, tenPerMinute)).toList());

        List<Decision> all = decisions.stream().flatMap(List::stream).toList();
        assertThat(all).filteredOn(Decision::allowed).hasSize(10)
                .extracting(Decision::remaining).containsExactlyInAnyOrder(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(all).filteredOn(d -> !d.allowed()).hasSize(30).allSatisfy(d -> assertThat(d.remaining()).isZero());
    }
}
