package io.orderinsight.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.query.TotalsCover.Piece;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class TotalsCoverTest {

    private static final Instant FROM = Instant.parse("2026-01-31T22:30:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T01:15:00Z");

    @Test
    void coversAWindowWithTheLargestPeriodsThatFitAndMinutesAtItsEdges() {
        assertThat(TotalsCover.cover(FROM, TO, ChronoUnit.MONTHS, false))
                .containsExactly(
                        piece(ChronoUnit.MINUTES, "2026-01-31T22:30:00Z", "2026-01-31T23:00:00Z"),
                        piece(ChronoUnit.HOURS, "2026-01-31T23:00:00Z", "2026-02-01T00:00:00Z"),
                        piece(ChronoUnit.MONTHS, "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"),
                        piece(ChronoUnit.DAYS, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"),
                        piece(ChronoUnit.HOURS, "2026-03-02T00:00:00Z", "2026-03-02T01:00:00Z"),
                        piece(ChronoUnit.MINUTES, "2026-03-02T01:00:00Z", "2026-03-02T01:15:00Z"));
    }

    @Test
    void neverUsesAPeriodLargerThanTheUnitSummedBy() {
        List<Piece> byDay = TotalsCover.cover(FROM, TO, ChronoUnit.DAYS, false);
        assertThat(byDay).noneMatch(piece -> piece.unit() == ChronoUnit.MONTHS);
        assertThat(byDay.stream().filter(piece -> piece.unit() == ChronoUnit.DAYS))
                .hasSize(29);

        List<Piece> byMinute = TotalsCover.cover(FROM, TO, ChronoUnit.MINUTES, false);
        assertThat(byMinute).allMatch(piece -> piece.unit() == ChronoUnit.HOURS || piece.unit() == ChronoUnit.MINUTES);
    }

    @Test
    void piecesFollowEachOtherWithoutGapOrOverlapAndStayBounded() {
        Instant from = Instant.parse("2024-05-17T13:07:00Z");
        Instant to = Instant.parse("2026-11-03T08:44:00Z");
        List<Piece> pieces = TotalsCover.cover(from, to, ChronoUnit.MONTHS, false);

        assertThat(pieces.get(0).start()).isEqualTo(from);
        assertThat(pieces.get(pieces.size() - 1).end()).isEqualTo(to);
        for (int i = 1; i < pieces.size(); i++) {
            assertThat(pieces.get(i).start()).isEqualTo(pieces.get(i - 1).end());
        }
        // 29 whole months in between, and at most 2 + 46 + 60 pieces around them
        assertThat(pieces.stream().filter(piece -> piece.unit() == ChronoUnit.MONTHS))
                .hasSize(29);
        assertThat(pieces).hasSizeLessThanOrEqualTo(29 + 2 + 46 + 60);
        assertThat(Duration.between(from, to))
                .isEqualTo(pieces.stream()
                        .map(piece -> Duration.between(piece.start(), piece.end()))
                        .reduce(Duration.ZERO, Duration::plus));
    }

    /** A window without an end: the figures end at {@code TO}, and the last month or day holds nothing outside it. */
    @Test
    void readsTheLastMonthOrDayWholeWhenTheWindowHasNoEnd() {
        Instant from = Instant.parse("2026-02-03T00:00:00Z");
        List<Piece> pieces = TotalsCover.cover(from, TO, ChronoUnit.FOREVER, true);

        // the days of February from the 3rd, then March whole, though the figures end on the 2nd
        assertThat(pieces).hasSize(27);
        assertThat(pieces.subList(0, 26)).allMatch(piece -> piece.unit() == ChronoUnit.DAYS);
        assertThat(pieces.get(0).start()).isEqualTo(from);
        assertThat(pieces.get(26)).isEqualTo(piece(ChronoUnit.MONTHS, "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"));
        assertThat(TotalsCover.cover(Instant.parse("2026-03-01T22:00:00Z"), TO, ChronoUnit.DAYS, true))
                .containsExactly(
                        piece(ChronoUnit.HOURS, "2026-03-01T22:00:00Z", "2026-03-01T23:00:00Z"),
                        piece(ChronoUnit.HOURS, "2026-03-01T23:00:00Z", "2026-03-02T00:00:00Z"),
                        piece(ChronoUnit.DAYS, "2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"));
    }

    @Test
    void hourAndDayDocumentsAreNamedByTheCurrencyAndTheirStart() {
        assertThat(piece(ChronoUnit.MONTHS, "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")
                        .documentId("EUR"))
                .isEqualTo("EUR|month|2026-02");
        assertThat(piece(ChronoUnit.DAYS, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")
                        .documentId("EUR"))
                .isEqualTo("EUR|day|2026-03-01");
        assertThat(piece(ChronoUnit.MINUTES, "2026-03-02T01:00:00Z", "2026-03-02T01:15:00Z")
                        .documentId("EUR"))
                .isEqualTo("EUR|2026-03-02T01:00:00Z");
    }

    private static Piece piece(ChronoUnit unit, String start, String end) {
        return new Piece(unit, Instant.parse(start), Instant.parse(end));
    }
}
