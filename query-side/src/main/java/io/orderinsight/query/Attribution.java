package io.orderinsight.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The arithmetic of attribution: how the change of a metric between a baseline window and a window splits over the
 * members of a dimension. Pure, over the figures of each member in each window.
 *
 * <ul>
 *   <li><b>Counts and money</b> are sums over members, so each member's contribution is its own change and the
 *       contributions add up to the total's change exactly.
 *   <li><b>Rates</b> ({@code n / d}: declines / payment attempts, refunded / captured, cancelled / orders) are
 *       weighted means of the members' rates, weighted by each member's share of the denominator: {@code r = Σ wᵢ·rᵢ}.
 *       A member's contribution to the change {@code r′ − r} is a <i>mix</i> effect {@code (w′ᵢ − wᵢ)·(rᵢ − r)} (its
 *       share moved; it raises the total rate when a member above the baseline rate grows) plus a <i>rate</i> effect
 *       {@code w′ᵢ·(r′ᵢ − rᵢ)} (its own rate moved, weighted by its share in the window, which assigns the interaction
 *       term {@code (w′ᵢ − wᵢ)·(r′ᵢ − rᵢ)} to the rate effect). Summed over members the mix effects' {@code r} terms
 *       cancel (both weight sets add up to 1), and mix plus rate add up to {@code r′ − r} exactly. A member absent from
 *       the baseline takes the baseline's rate as its own there ({@code rᵢ = r}: no mix effect, all of it rate); a
 *       member absent from the window has no weight there (its rate effect is 0, its mix effect {@code −wᵢ·(rᵢ − r)}).
 * </ul>
 *
 * Members are ranked by the size of their contribution (largest first, ties by name); the first {@code top} are
 * listed and the rest folded into one {@code other}.
 */
final class Attribution {

    private Attribution() {}

    /** What a metric is: a count, an amount of money (minor units), or a rate of a numerator over a denominator. */
    enum Kind {
        COUNT,
        MONEY,
        RATE
    }

    /**
     * One member's figures: {@code baseline} and {@code value} for counts and money; for rates the numerators and
     * denominators. Money combined over currencies is exact (converted, unrounded) until {@link #apportion}.
     */
    record Figures(BigDecimal baseline, BigDecimal value, BigDecimal baselineOf, BigDecimal valueOf) {

        static final Figures ZERO = new Figures(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        Figures plus(Figures other) {
            return new Figures(
                    baseline.add(other.baseline),
                    value.add(other.value),
                    baselineOf.add(other.baselineOf),
                    valueOf.add(other.valueOf));
        }

        Figures times(BigDecimal factor) {
            return new Figures(
                    baseline.multiply(factor),
                    value.multiply(factor),
                    baselineOf.multiply(factor),
                    valueOf.multiply(factor));
        }
    }

    /**
     * A member's part of the change (or, with {@code member} null, the folded tail's, of {@code members} members):
     * for counts and money its baseline, value and change; for rates its rates in both windows, its shares of the
     * denominator ({@code baselineWeight}, {@code weight}), and its change split into {@code mix} and {@code rate}.
     */
    record Part(
            Map<String, String> member,
            Integer members,
            Number baseline,
            Number value,
            Number change,
            Double baselineWeight,
            Double weight,
            Double mix,
            Double rate) {}

    /**
     * The change of the total and its parts. {@code undefined} says why a rate's change has no value (a window with
     * nothing to divide by), and then there are no parts. {@code other} is null when nothing was folded.
     */
    record Change(
            Number baseline, Number value, Number change, String undefined, List<Part> contributions, Part other) {}

    /** Counts and money: each member's change, whole units. */
    static Change sums(Map<Map<String, String>, long[]> members, int top, boolean additive) {
        List<Part> parts = new ArrayList<>();
        long baseline = 0;
        long value = 0;
        for (var member : members.entrySet()) {
            long[] figures = member.getValue();
            baseline += figures[0];
            value += figures[1];
            parts.add(new Part(
                    member.getKey(), null, figures[0], figures[1], figures[1] - figures[0], null, null, null, null));
        }
        parts.sort(bySize(part -> Math.abs(part.change().doubleValue())));
        Part other = null;
        if (parts.size() > top) {
            List<Part> tail = parts.subList(top, parts.size());
            if (additive) {
                long tailBaseline = tail.stream()
                        .mapToLong(part -> part.baseline().longValue())
                        .sum();
                long tailValue = tail.stream()
                        .mapToLong(part -> part.value().longValue())
                        .sum();
                other = new Part(
                        null, tail.size(), tailBaseline, tailValue, tailValue - tailBaseline, null, null, null, null);
            }
            parts = new ArrayList<>(parts.subList(0, top));
        }
        return new Change(baseline, value, value - baseline, null, parts, other);
    }

    /**
     * Money combined in the reporting currency: each member's baseline and value converted exactly, then rounded so
     * that the members' baselines add up to {@code baselineTotal} and their values to {@code valueTotal} — the
     * overview's combined figures, each currency's total converted and rounded half-even — by giving the rounding
     * units to the largest remainders (ties by name). Each change is value minus baseline, so the changes add up to the
     * overview's difference to the minor unit.
     */
    static Map<Map<String, String>, long[]> apportion(
            Map<Map<String, String>, Figures> exact, long baselineTotal, long valueTotal) {
        Map<Map<String, String>, long[]> whole = new java.util.LinkedHashMap<>();
        exact.keySet().forEach(member -> whole.put(member, new long[2]));
        apportion(exact, whole, 0, Figures::baseline, baselineTotal);
        apportion(exact, whole, 1, Figures::value, valueTotal);
        return whole;
    }

    private static void apportion(
            Map<Map<String, String>, Figures> exact,
            Map<Map<String, String>, long[]> whole,
            int index,
            Function<Figures, BigDecimal> amount,
            long total) {
        List<Map.Entry<Map<String, String>, BigDecimal>> remainders = new ArrayList<>();
        long floored = 0;
        for (var member : exact.entrySet()) {
            BigDecimal exactAmount = amount.apply(member.getValue());
            BigDecimal floor = exactAmount.setScale(0, RoundingMode.FLOOR);
            whole.get(member.getKey())[index] = floor.longValueExact();
            floored += floor.longValueExact();
            remainders.add(Map.entry(member.getKey(), exactAmount.subtract(floor)));
        }
        if (remainders.isEmpty()) {
            return;
        }
        // largest remainders first: they are the closest to their next unit up
        remainders.sort(Map.Entry.<Map<String, String>, BigDecimal>comparingByValue()
                .reversed()
                .thenComparing(entry -> entry.getKey().toString()));
        long units = total - floored;
        int step = units >= 0 ? 1 : -1;
        // units beyond the members' number (rounding of several currencies' totals) go round again
        for (int i = 0; units != 0; i++, units -= step) {
            int at = step > 0 ? i % remainders.size() : remainders.size() - 1 - (i % remainders.size());
            whole.get(remainders.get(at).getKey())[index] += step;
        }
    }

    /** Rates: each member's mix and rate effects, which add up to the total rate's change. */
    static Change rates(Map<Map<String, String>, Figures> members, int top) {
        Figures total = members.values().stream().reduce(Figures.ZERO, Figures::plus);
        if (total.baselineOf().signum() == 0 || total.valueOf().signum() == 0) {
            String empty = total.baselineOf().signum() == 0 ? "the baseline window" : "the window";
            return new Change(
                    rateOrNull(total.baseline(), total.baselineOf()),
                    rateOrNull(total.value(), total.valueOf()),
                    null,
                    "the rate is not defined in " + empty + ": nothing to divide by (no "
                            + "denominator counted there)",
                    List.of(),
                    null);
        }
        double baselineRate = rate(total.baseline(), total.baselineOf());
        double valueRate = rate(total.value(), total.valueOf());
        List<Part> parts = new ArrayList<>();
        for (var member : members.entrySet()) {
            parts.add(part(member.getKey(), null, member.getValue(), total, baselineRate));
        }
        parts.sort(bySize(part -> Math.abs(part.mix() + part.rate())));
        Part other = null;
        if (parts.size() > top) {
            List<Part> tail = parts.subList(top, parts.size());
            Figures folded = Figures.ZERO;
            double mix = 0;
            double rate = 0;
            for (Part part : tail) {
                folded = folded.plus(members.get(part.member()));
                mix += part.mix();
                rate += part.rate();
            }
            Part sum = part(null, tail.size(), folded, total, baselineRate);
            other = new Part(
                    null,
                    tail.size(),
                    sum.baseline(),
                    sum.value(),
                    mix + rate,
                    sum.baselineWeight(),
                    sum.weight(),
                    mix,
                    rate);
            parts = new ArrayList<>(parts.subList(0, top));
        }
        return new Change(baselineRate, valueRate, valueRate - baselineRate, null, parts, other);
    }

    /** Rates by a dimension whose members overlap (categories): each member's own rates, no split, no sum. */
    static Change overlappingRates(Map<Map<String, String>, Figures> members, int top) {
        List<Part> parts = new ArrayList<>();
        for (var member : members.entrySet()) {
            Figures figures = member.getValue();
            Double baseline = rateOrNull(figures.baseline(), figures.baselineOf());
            Double value = rateOrNull(figures.value(), figures.valueOf());
            Double change = baseline == null || value == null ? null : value - baseline;
            parts.add(new Part(member.getKey(), null, baseline, value, change, null, null, null, null));
        }
        parts.sort(bySize(
                part -> part.change() == null ? -1 : Math.abs(part.change().doubleValue())));
        if (parts.size() > top) {
            parts = new ArrayList<>(parts.subList(0, top));
        }
        return new Change(null, null, null, null, parts, null);
    }

    private static Part part(
            Map<String, String> member, Integer folded, Figures figures, Figures total, double baselineRate) {
        double baselineWeight = figures.baselineOf()
                .divide(total.baselineOf(), MathContext.DECIMAL64)
                .doubleValue();
        double weight =
                figures.valueOf().divide(total.valueOf(), MathContext.DECIMAL64).doubleValue();
        Double ownBaseline = rateOrNull(figures.baseline(), figures.baselineOf());
        Double ownValue = rateOrNull(figures.value(), figures.valueOf());
        double before = ownBaseline == null ? baselineRate : ownBaseline;
        double after = ownValue == null ? before : ownValue;
        double mix = (weight - baselineWeight) * (before - baselineRate);
        double rate = weight * (after - before);
        return new Part(member, folded, ownBaseline, ownValue, mix + rate, baselineWeight, weight, mix, rate);
    }

    private static double rate(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0
                ? 0
                : numerator.divide(denominator, MathContext.DECIMAL64).doubleValue();
    }

    private static Double rateOrNull(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0 ? null : rate(numerator, denominator);
    }

    private static Comparator<Part> bySize(java.util.function.ToDoubleFunction<Part> size) {
        return Comparator.comparingDouble(size).reversed().thenComparing(part -> String.valueOf(part.member()));
    }
}
