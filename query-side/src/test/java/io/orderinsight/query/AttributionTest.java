package io.orderinsight.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.orderinsight.query.Attribution.Change;
import io.orderinsight.query.Attribution.Figures;
import io.orderinsight.query.Attribution.Part;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of a change add up to it: sums exactly, money rounded by largest remainder, rates as mix plus rate. */
class AttributionTest {

    @Test
    void splitsASumIntoEachMembersChangeRankedWithTheTailFolded() {
        Map<Map<String, String>, long[]> members = new LinkedHashMap<>();
        members.put(seller("a"), new long[] {100, 150});
        members.put(seller("b"), new long[] {300, 100});
        members.put(seller("c"), new long[] {0, 40});
        members.put(seller("d"), new long[] {50, 0});

        Change change = Attribution.sums(members, 2, true);

        assertThat(change.baseline()).isEqualTo(450L);
        assertThat(change.value()).isEqualTo(290L);
        assertThat(change.change()).isEqualTo(-160L);
        assertThat(change.contributions())
                .extracting(Part::member, Part::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(seller("b"), -200L),
                        org.assertj.core.groups.Tuple.tuple(seller("a"), 50L));
        assertThat(change.other().members()).isEqualTo(2);
        assertThat(change.other().change()).isEqualTo(-10L);
        assertThat(total(change)).isEqualTo(-160);
    }

    @Test
    void overlappingMembersAreListedWithoutASum() {
        Map<Map<String, String>, long[]> members = new LinkedHashMap<>();
        members.put(Map.of("category", "toys"), new long[] {2, 3});
        members.put(Map.of("category", "books"), new long[] {2, 2});
        members.put(Map.of("category", "games"), new long[] {1, 0});

        Change change = Attribution.sums(members, 1, false);

        assertThat(change.contributions()).hasSize(1);
        assertThat(change.other()).isNull();
    }

    /**
     * Three members whose exact converted amounts each end in a fraction: rounded one by one they would miss the
     * rounded total by a unit; apportioned, the baselines and values add up to the totals given, so the changes add up
     * to their difference.
     */
    @Test
    void apportionsRoundedMoneySoThatThePartsAddUpToTheRoundedTotals() {
        Map<Map<String, String>, Figures> exact = new LinkedHashMap<>();
        exact.put(seller("a"), money("10.4", "20.5"));
        exact.put(seller("b"), money("10.4", "20.5"));
        exact.put(seller("c"), money("10.4", "0.6"));
        // the totals as the overview rounds them: 31.2 → 31, 41.6 → 42
        Map<Map<String, String>, long[]> whole = Attribution.apportion(exact, 31, 42);

        assertThat(whole.values().stream().mapToLong(figures -> figures[0]).sum())
                .isEqualTo(31);
        assertThat(whole.values().stream().mapToLong(figures -> figures[1]).sum())
                .isEqualTo(42);
        // each is within a unit of its exact amount
        whole.forEach((member, figures) -> {
            assertThat(Math.abs(figures[0] - exact.get(member).baseline().doubleValue()))
                    .isLessThan(1);
            assertThat(Math.abs(figures[1] - exact.get(member).value().doubleValue()))
                    .isLessThan(1);
        });
        assertThat(total(Attribution.sums(whole, 10, true))).isEqualTo(11);
    }

    @Test
    void apportionsUnitsBeyondTheMembersNumber() {
        Map<Map<String, String>, Figures> exact = new LinkedHashMap<>();
        exact.put(seller("a"), money("0.4", "0"));
        // a total further from the exact sum than there are members (several currencies' roundings)
        Map<Map<String, String>, long[]> whole = Attribution.apportion(exact, 3, -2);

        assertThat(whole.get(seller("a"))).containsExactly(3, -2);
    }

    /**
     * Decline rates: seller a (baseline 1 of 10 declined, window 3 of 10) and seller b (baseline 5 of 10, window 2 of
     * 30). The total moved from 6/20 = 0.30 to 5/40 = 0.125; a's own rate rose at a smaller share, b's fell while it
     * grew — and the mix and rate effects add up to the change.
     */
    @Test
    void splitsARateIntoMixAndRateEffectsThatAddUpToItsChange() {
        Map<Map<String, String>, Figures> members = new LinkedHashMap<>();
        members.put(seller("a"), rate(1, 10, 3, 10));
        members.put(seller("b"), rate(5, 10, 2, 30));

        Change change = Attribution.rates(members, 10);

        assertThat(change.baseline().doubleValue()).isCloseTo(0.30, within(1e-12));
        assertThat(change.value().doubleValue()).isCloseTo(0.125, within(1e-12));
        assertThat(change.change().doubleValue()).isCloseTo(-0.175, within(1e-12));
        double sum = 0;
        for (Part part : change.contributions()) {
            assertThat(part.mix() + part.rate()).isCloseTo(part.change().doubleValue(), within(1e-12));
            sum += part.change().doubleValue();
        }
        assertThat(sum).isCloseTo(-0.175, within(1e-12));
        Part a = part(change, "a");
        // a: share 0.5 → 0.25 at a baseline rate 0.1 below the total's 0.3: mix (0.25 − 0.5)·(0.1 − 0.3) = +0.05
        assertThat(a.mix()).isCloseTo(0.05, within(1e-12));
        // a: its rate 0.1 → 0.3 at share 0.25: rate 0.25·0.2 = +0.05
        assertThat(a.rate()).isCloseTo(0.05, within(1e-12));
        Part b = part(change, "b");
        assertThat(b.mix()).isCloseTo((0.75 - 0.5) * (0.5 - 0.3), within(1e-12));
        assertThat(b.rate()).isCloseTo(0.75 * (2.0 / 30 - 0.5), within(1e-12));
    }

    @Test
    void aMemberNewInTheWindowHasNoMixEffectAndOneGoneHasNoRateEffect() {
        Map<Map<String, String>, Figures> members = new LinkedHashMap<>();
        members.put(seller("stays"), rate(2, 10, 2, 10));
        members.put(seller("new"), rate(0, 0, 5, 10));
        members.put(seller("gone"), rate(4, 10, 0, 0));

        Change change = Attribution.rates(members, 1);

        Part fresh = part(change, "new");
        assertThat(fresh.mix()).isZero();
        assertThat(fresh.baseline()).isNull();
        // the other two, folded: their effects kept, their figures summed
        Part other = change.other();
        assertThat(other.members()).isEqualTo(2);
        assertThat(fresh.change().doubleValue() + other.change().doubleValue())
                .isCloseTo(change.change().doubleValue(), within(1e-12));
        assertThat(other.baseline().doubleValue()).isCloseTo(6.0 / 20, within(1e-12));
    }

    @Test
    void aRateWithNothingToDivideByHasNoChange() {
        Map<Map<String, String>, Figures> members = new LinkedHashMap<>();
        members.put(seller("a"), rate(0, 0, 1, 4));

        Change change = Attribution.rates(members, 10);

        assertThat(change.change()).isNull();
        assertThat(change.undefined()).contains("baseline");
        assertThat(change.contributions()).isEmpty();
        assertThat(change.value().doubleValue()).isCloseTo(0.25, within(1e-12));
    }

    private static Map<String, String> seller(String id) {
        return Map.of("seller", id);
    }

    private static Figures money(String baseline, String value) {
        return new Figures(new BigDecimal(baseline), new BigDecimal(value), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private static Figures rate(long baseline, long baselineOf, long value, long valueOf) {
        return new Figures(
                BigDecimal.valueOf(baseline),
                BigDecimal.valueOf(value),
                BigDecimal.valueOf(baselineOf),
                BigDecimal.valueOf(valueOf));
    }

    private static Part part(Change change, String seller) {
        return change.contributions().stream()
                .filter(part -> seller(seller).equals(part.member()))
                .findFirst()
                .orElseThrow();
    }

    private static long total(Change change) {
        List<Part> parts = change.contributions();
        long sum = parts.stream().mapToLong(part -> part.change().longValue()).sum();
        return sum + (change.other() == null ? 0 : change.other().change().longValue());
    }
}
