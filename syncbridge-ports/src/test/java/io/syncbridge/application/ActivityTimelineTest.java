package io.syncbridge.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.syncbridge.domain.change.ChangeOutcome;
import io.syncbridge.port.in.MonitoringUseCase.Timeline;
import io.syncbridge.port.in.MonitoringUseCase.TimelinePoint;
import io.syncbridge.port.out.MetricsObserver;
import io.syncbridge.port.out.contract.MutableClock;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ActivityTimelineTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final ActivityTimeline timeline = new ActivityTimeline(clock);

    @Test
    void countsChangesHandoffsAndErrorsInTheStepTheyHappenedIn() {
        timeline.changeApplied(ChangeOutcome.APPLIED, Duration.ofMillis(1));
        timeline.changeApplied(ChangeOutcome.REBASED, Duration.ofMillis(1));
        timeline.changeApplied(ChangeOutcome.DUPLICATE, Duration.ofMillis(1));
        clock.advance(Duration.ofSeconds(5));
        timeline.handoffCompleted(Duration.ofMillis(3));
        timeline.requestFailed();
        timeline.requestFailed();
        clock.advance(Duration.ofSeconds(2));

        Timeline read = timeline.read();

        assertThat(read.step()).isEqualTo(Duration.ofSeconds(5));
        assertThat(read.points()).extracting(TimelinePoint::start).containsExactly(START, START.plusSeconds(5));
        TimelinePoint first = read.points().get(0);
        TimelinePoint second = read.points().get(1);
        assertThat(first.changes()).as("a duplicate is no new change").isEqualTo(2);
        assertThat(first.perSecond(first.changes())).isEqualTo(0.4);
        assertThat(second.handoffs()).isEqualTo(1);
        assertThat(second.errors()).isEqualTo(2);
        assertThat(second.covered()).as("the step under way covers what has passed of it").isEqualTo(Duration.ofSeconds(2));
        assertThat(second.perSecond(second.errors())).isEqualTo(1.0);
    }

    @Test
    void keepsTheLastConnectionCountOfEachStepAndNoneWhereNoneWasReported() {
        timeline.connectionsOpen(3);
        timeline.connectionsOpen(7);
        clock.advance(Duration.ofSeconds(5));

        Timeline read = timeline.read();

        assertThat(read.points().get(0).connections()).isEqualTo(OptionalLong.of(7));
        assertThat(read.points().get(1).connections()).isEmpty();
    }

    @Test
    void givesTheMedianAndThe99thPercentileOfTheFanOut() {
        for (int i = 0; i < 98; i++) {
            timeline.changeDelivered(Duration.ofNanos(800_000)); // 0.8 ms: the (0.5, 1] ms bin
        }
        timeline.changeDelivered(Duration.ofMillis(40));
        timeline.changeDelivered(Duration.ofMillis(40));

        TimelinePoint point = timeline.read().points().get(0);

        assertThat(point.fanOutP50Millis().getAsDouble()).isBetween(0.5, 1.0);
        assertThat(point.fanOutP99Millis().getAsDouble()).isBetween(20.0, 50.0);
        assertThat(timelineWithoutDeliveries().fanOutP50Millis()).isEmpty();
    }

    @Test
    void percentileInterpolatesInsideTheBinAndCapsWhatFellPastTheLastBound() {
        long[] bins = new long[ActivityTimeline.FAN_OUT_BOUNDS_MICROS.length + 1];
        bins[3] = 10; // (0.5, 1] ms
        assertThat(ActivityTimeline.percentile(bins, 0.5).getAsDouble()).isCloseTo(0.75, within(1e-9));

        long[] slow = new long[bins.length];
        slow[slow.length - 1] = 1;
        assertThat(ActivityTimeline.percentile(slow, 0.99).getAsDouble()).isEqualTo(10_000.0);
    }

    @Test
    void holdsFifteenMinutesAndReusesTheOldestStep() {
        timeline.changeApplied(ChangeOutcome.APPLIED, Duration.ZERO);
        clock.advance(Duration.ofMinutes(15));
        timeline.changeApplied(ChangeOutcome.APPLIED, Duration.ZERO);
        timeline.changeApplied(ChangeOutcome.APPLIED, Duration.ZERO);

        Timeline read = timeline.read();

        assertThat(read.points()).hasSize(180);
        assertThat(read.points().get(0).start()).isEqualTo(START.plusSeconds(5));
        TimelinePoint last = read.points().get(179);
        assertThat(last.start()).isEqualTo(START.plus(Duration.ofMinutes(15)));
        assertThat(last.changes()).as("the reused step starts from nothing").isEqualTo(2);
        assertThat(read.points().stream().mapToLong(TimelinePoint::changes).sum()).isEqualTo(2);
    }

    @Test
    void aStepNothingHappenedInReadsAsZero() {
        timeline.changeApplied(ChangeOutcome.APPLIED, Duration.ZERO);
        clock.advance(Duration.ofSeconds(20));

        Timeline read = timeline.read();

        assertThat(read.points()).hasSize(5);
        assertThat(read.points().subList(1, 5)).allSatisfy(p -> assertThat(p.changes()).isZero());
    }

    @Test
    void aClockThatStepsBackAWholeWindowDropsTheSampleRatherThanNewerData() {
        clock.advance(Duration.ofMinutes(20));
        timeline.changeApplied(ChangeOutcome.APPLIED, Duration.ZERO);
        clock.advance(Duration.ofMinutes(-15));
        timeline.changeApplied(ChangeOutcome.APPLIED, Duration.ZERO);
        clock.advance(Duration.ofMinutes(15));

        assertThat(timeline.read().points().stream().mapToLong(TimelinePoint::changes).sum()).isEqualTo(1);
    }

    @Test
    void theForwardingObserverPassesOnEveryMethodOfTheObserver() {
        assertThat(Arrays.stream(MetricsObserver.class.getDeclaredMethods()).filter(m -> !m.isSynthetic()))
                .allSatisfy(method -> assertThat(declares(ForwardingMetrics.class, method))
                        .as("ForwardingMetrics overrides %s", method.getName()).isTrue());
    }

    private TimelinePoint timelineWithoutDeliveries() {
        return new ActivityTimeline(clock).read().points().get(0);
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
