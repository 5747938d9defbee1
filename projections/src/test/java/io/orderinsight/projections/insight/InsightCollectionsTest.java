package io.orderinsight.projections.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class InsightCollectionsTest {

    @Test
    void aMinutesKeyIsItsMinuteOfTheHourInUtcOnTwoDigits() {
        assertThat(InsightCollections.minuteKey(Instant.parse("2026-12-08T10:00:00Z")))
                .isEqualTo("00");
        assertThat(InsightCollections.minuteKey(Instant.parse("2026-12-08T10:07:59.999Z")))
                .isEqualTo("07");
        assertThat(InsightCollections.minuteKey(Instant.parse("2026-12-08T10:59:59.999999999Z")))
                .isEqualTo("59");
        // before the epoch too, where the seconds are negative
        assertThat(InsightCollections.minuteKey(Instant.parse("1969-12-31T23:58:30Z")))
                .isEqualTo("58");
        Instant at = Instant.parse("1969-12-30T21:00:00Z");
        for (int second = 0; second < 3 * 24 * 3600; second += 37) {
            Instant moment = at.plus(second, ChronoUnit.SECONDS);
            assertThat(InsightCollections.minuteKey(moment))
                    .as("at %s", moment)
                    .isEqualTo(String.format(
                            "%02d", moment.atOffset(ZoneOffset.UTC).getMinute()));
        }
    }
}
