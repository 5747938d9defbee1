package io.orderinsight.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import org.junit.jupiter.api.Test;

/** The schedule judges an hour once, and only once the insight counters have passed the head it came due at. */
class AnomalyScheduleTest {

    private final MutableClock time = new MutableClock(Instant.parse("2026-12-07T10:06:00Z"));
    private final CountingDetector detector = new CountingDetector(time);
    private final Counters counters = new Counters();
    private final AnomalySchedule schedule = new AnomalySchedule(detector, counters);

    @Test
    void anHourWaitsForCountersStillCatchingUpToTheHeadItCameDueAt() {
        counters.head = 1_000;
        counters.position = 400;
        schedule.judge();
        assertThat(detector.judged).isZero();

        // events stored since then do not move the mark: the counters need only pass what was there when it came due
        counters.head = 1_200;
        counters.position = 999;
        schedule.judge();
        assertThat(detector.judged).isZero();

        counters.position = 1_000;
        schedule.judge();
        assertThat(detector.judged).isEqualTo(1);
    }

    @Test
    void anHourIsJudgedOnceAndTheNextOneAgainstTheHeadOfItsOwnTime() {
        counters.head = 50;
        counters.position = 50;
        schedule.judge();
        schedule.judge();
        assertThat(detector.judged).isEqualTo(1);

        time.now = time.now.plus(Duration.ofHours(1));
        counters.head = 90;
        schedule.judge();
        assertThat(detector.judged).isEqualTo(1);
        counters.position = 90;
        schedule.judge();
        assertThat(detector.judged).isEqualTo(2);
    }

    @Test
    void anEmptyStoreIsNoReasonToWait() {
        counters.head = -1;
        counters.position = 0;
        schedule.judge();
        assertThat(detector.judged).isEqualTo(1);
    }

    private static final class Counters implements ProjectionClock {
        long head;
        long position;

        @Override
        public Freshness freshnessOf(Collection<String> projections) {
            return new Freshness(position, Instant.EPOCH, 0);
        }

        @Override
        public long head() {
            return head;
        }
    }

    /** The detector's hours by the clock; its judgement counted instead of run. */
    private static final class CountingDetector extends AnomalyDetector {
        int judged;

        CountingDetector(Clock clock) {
            super(null, null, null, null, clock, Duration.ofMinutes(5), 3);
        }

        @Override
        public int judge() {
            judged++;
            return 0;
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
