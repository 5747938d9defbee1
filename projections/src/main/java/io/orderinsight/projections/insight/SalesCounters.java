package io.orderinsight.projections.insight;

import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.projections.insight.InsightCollections.Figures;
import io.orderinsight.projections.support.CounterChanges;
import io.orderinsight.projections.support.FieldKeys;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Sales ({@link Figures}) by the minute the event happened: orders and GMV when placed, cancellations, payment
 * attempts and declines, captured and refunded money. Into the currency's hour, day and month documents with their
 * sections by dimension and pair, and into the order's group in {@code sales_groups}.
 */
final class SalesCounters {

    private final InsightProjection insight;
    private final Periods periods;

    SalesCounters(InsightProjection insight, Periods periods) {
        this.insight = insight;
        this.periods = periods;
    }

    void on(OrderPlacedEvent event, InsightChanges changes) {
        count(
                event.orderId().value(),
                event.occurredAt(),
                Figures.ORDERS,
                1,
                Figures.GMV,
                event.total().minor(),
                changes);
    }

    void on(OrderCancelledEvent event, InsightChanges changes) {
        count(event.orderId().value(), event.occurredAt(), Figures.CANCELLED, 1, null, 0, changes);
    }

    void on(PaymentAuthorizedEvent event, InsightChanges changes) {
        count(event.orderId().value(), event.occurredAt(), Figures.ATTEMPTS, 1, null, 0, changes);
    }

    void on(PaymentDeclinedEvent event, InsightChanges changes) {
        count(event.orderId().value(), event.occurredAt(), Figures.ATTEMPTS, 1, Figures.DECLINES, 1, changes);
    }

    void on(PaymentCapturedEvent event, InsightChanges changes) {
        count(
                event.orderId().value(),
                event.occurredAt(),
                null,
                0,
                Figures.CAPTURED,
                event.amount().minor(),
                changes);
    }

    void on(RefundSettledEvent event, InsightChanges changes) {
        count(
                event.orderId().value(),
                event.occurredAt(),
                null,
                0,
                Figures.REFUNDED,
                event.amount().minor(),
                changes);
    }

    /**
     * Up to two figures of an event at {@code at}: into the currency's totals, their sections by seller, country,
     * channel and category and by the pairs of {@link InsightCollections#PAIRS} ({@link InsightCollections#GROUPED}),
     * and the order's group, whose categories count it once in each (counts) or share it by line value (money).
     */
    private void count(
            String orderId, Instant at, String count, long counted, String money, long amount, InsightChanges changes) {
        InsightOrder order = changes.order(orderId);
        CounterChanges writes = changes.counters;
        String minuteKey = InsightCollections.minuteKey(at);
        String minute = InsightCollections.MINUTES + "." + minuteKey + ".";
        String totalsId = periods.hour(writes, order, at);
        List<String> rollups = periods.rollups(writes, order, at);
        String groupId = String.join("|", totalsId, order.sellerId(), order.country(), order.channel());
        writes.identify(
                insight.groups,
                groupId,
                new Document(InsightCollections.CURRENCY, order.currency())
                        .append(InsightCollections.HOUR, Date.from(InsightCollections.hourOf(at)))
                        .append(InsightCollections.SELLER_ID, order.sellerId())
                        .append(InsightCollections.COUNTRY, order.country())
                        .append(InsightCollections.CHANNEL, order.channel()));
        List<InsightOrder.Line> lines = order.lines();
        long[] shares = amount == 0 ? new long[lines.size()] : allocate(amount, lines);
        for (String field : new String[] {count, money}) {
            if (field == null) {
                continue;
            }
            boolean isCount = field.equals(count);
            long value = isCount ? counted : amount;
            writes.increment(insight.totals, totalsId, minute + field, value);
            for (String rollup : rollups) {
                writes.increment(insight.totals, rollup, InsightCollections.MINUTES + "." + field, value);
            }
            writes.increment(insight.groups, groupId, minute + field, value);
            // by category name as it is: an order counts once in each, money is shared by line value
            Map<String, Long> byCategory = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                long share = isCount ? counted : shares[i];
                byCategory.merge(lines.get(i).category(), share, isCount ? (held, again) -> held : Long::sum);
            }
            Map<String, Long> categories = new LinkedHashMap<>();
            byCategory.forEach((category, share) -> categories.put(FieldKeys.encode(category), share));
            categories.forEach((category, share) -> writes.increment(
                    insight.groups,
                    groupId,
                    minute + InsightCollections.CATEGORIES + "." + category + "." + field,
                    share));
            for (String dimension : InsightCollections.DIMENSIONS) {
                Map<String, Long> byMember = dimension.equals(InsightCollections.CATEGORY)
                        ? categories
                        : Map.of(FieldKeys.encode(order.member(dimension)), value);
                grouped(writes, totalsId, rollups, minuteKey, dimension, field, byMember);
            }
            for (List<String> pair : InsightCollections.PAIRS) {
                String first = order.member(pair.get(0));
                Map<String, Long> byMember = new LinkedHashMap<>();
                if (pair.get(1).equals(InsightCollections.CATEGORY)) {
                    byCategory.forEach(
                            (category, share) -> byMember.put(InsightCollections.pairKey(first, category), share));
                } else {
                    byMember.put(InsightCollections.pairKey(first, order.member(pair.get(1))), value);
                }
                grouped(writes, totalsId, rollups, minuteKey, InsightCollections.pairSection(pair), field, byMember);
            }
        }
    }

    /**
     * Figures of one event by the members of a section of {@link InsightCollections#GROUPED} (a dimension or a pair):
     * by minute in the hour's document, in total in the day's and the month's.
     */
    private void grouped(
            CounterChanges writes,
            String totalsId,
            List<String> rollups,
            String minuteKey,
            String sectionName,
            String field,
            Map<String, Long> byMember) {
        String section = InsightCollections.GROUPED + "." + sectionName + ".";
        byMember.forEach((member, share) -> {
            writes.increment(insight.totals, totalsId, section + minuteKey + "." + member + "." + field, share);
            for (String rollup : rollups) {
                writes.increment(insight.totals, rollup, section + member + "." + field, share);
            }
        });
    }

    /**
     * {@code amount} split over the lines in proportion to their amounts, exactly: each gets the floor of its share
     * and the remainder goes one unit at a time to the largest fractional parts (earlier lines first on a tie).
     */
    static long[] allocate(long amount, List<InsightOrder.Line> lines) {
        long[] shares = new long[lines.size()];
        BigInteger total = BigInteger.ZERO;
        for (InsightOrder.Line line : lines) {
            total = total.add(BigInteger.valueOf(line.amount()));
        }
        if (total.signum() == 0) {
            shares[0] = amount;
            return shares;
        }
        BigInteger[] remainders = new BigInteger[lines.size()];
        long allocated = 0;
        for (int i = 0; i < lines.size(); i++) {
            BigInteger[] division = BigInteger.valueOf(amount)
                    .multiply(BigInteger.valueOf(lines.get(i).amount()))
                    .divideAndRemainder(total);
            shares[i] = division[0].longValueExact();
            remainders[i] = division[1];
            allocated += shares[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed());
        for (int k = 0; allocated < amount; k++, allocated++) {
            shares[byRemainder.get(k)]++;
        }
        return shares;
    }
}
