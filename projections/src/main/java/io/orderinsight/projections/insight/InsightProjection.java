package io.orderinsight.projections.insight;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.DisputeOutcome;
import io.orderinsight.domain.payment.DisputeResolvedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.AlertStatus;
import io.orderinsight.domain.risk.RiskAlertRaisedEvent;
import io.orderinsight.domain.risk.SubjectType;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.projections.insight.InsightCollections.Customer;
import io.orderinsight.projections.insight.InsightCollections.Figures;
import io.orderinsight.projections.insight.InsightCollections.Funnel;
import io.orderinsight.projections.insight.InsightCollections.Order;
import io.orderinsight.projections.insight.InsightCollections.Seller;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.risk.RiskCollections.Loss;
import io.orderinsight.projections.support.BatchedProjection;
import io.orderinsight.projections.support.CounterChanges;
import io.orderinsight.projections.support.CounterShards;
import io.orderinsight.projections.support.FieldKeys;
import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.StreamPosition;
import io.orderinsight.projections.support.VersionedDocuments;
import io.orderinsight.projections.support.WriteBatch;
import io.orderinsight.projections.support.WriteBatches;
import io.orderinsight.projections.support.WriteConflicts;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;

/**
 * Keeps the counters of insight ({@link InsightCollections}): sales per minute by currency and by seller × country ×
 * channel × category, the funnel by placement minute, seller months and customer profiles. Each event's changes are
 * increments applied exactly once per document by the position of their shard of the stream ({@link WriteBatch},
 * {@link CounterShards}): its processor may run up to {@link CounterShards#COUNT} segments, on any number of nodes,
 * all writing the same counter documents. Writes are gathered per batch.
 */
@ProcessingGroup(ProjectionNames.INSIGHT)
public class InsightProjection implements BatchedProjection {

    /** The collections this projection keeps, by their first generation's names. */
    public static final List<String> COLLECTIONS = List.of(
            InsightCollections.SALES_TOTALS,
            InsightCollections.SALES_GROUPS,
            InsightCollections.SELLER_MONTHS,
            InsightCollections.CUSTOMER_PROFILES,
            InsightCollections.ORDERS,
            RiskCollections.LOSS_LEDGER);

    private static final List<String> ROLLUPS = List.of(InsightCollections.DAY, InsightCollections.MONTHLY);

    private final Generation generation;

    /** The loss ledger's cause of a lost dispute's money. */
    public static final String LOST_CHARGEBACK = "lost-chargeback";

    /** The loss ledger's cause of money lost twice: refunded, then taken back by a lost dispute. */
    public static final String DOUBLE_LOSS = "double-loss";

    private final MongoCollection<Document> totals;
    private final MongoCollection<Document> groups;
    private final MongoCollection<Document> sellers;
    private final MongoCollection<Document> customers;
    private final MongoCollection<Document> orders;
    private final MongoCollection<Document> losses;
    private final WriteBatches batches = new WriteBatches(ProjectionNames.INSIGHT);

    public InsightProjection(MongoDatabase database) {
        this(database, Generation.of(ProjectionNames.INSIGHT, Generation.FIRST));
    }

    public InsightProjection(MongoDatabase database, Generation generation) {
        this.generation = generation.requireOf(ProjectionNames.INSIGHT);
        this.totals = database.getCollection(generation.collection(InsightCollections.SALES_TOTALS));
        this.groups = database.getCollection(generation.collection(InsightCollections.SALES_GROUPS));
        this.sellers = database.getCollection(generation.collection(InsightCollections.SELLER_MONTHS));
        this.customers = database.getCollection(generation.collection(InsightCollections.CUSTOMER_PROFILES));
        this.orders = database.getCollection(generation.collection(InsightCollections.ORDERS));
        this.losses = database.getCollection(generation.collection(RiskCollections.LOSS_LEDGER));
        batches.prefetch(orders, "orderId");
        for (MongoCollection<Document> written : List.of(totals, groups, sellers, customers, orders)) {
            WriteBatch.indexRevisions(written);
        }
        // for the queries' windows and sellers on a real MongoDB (the embedded server scans, and says so in its log)
        for (MongoCollection<Document> hours : List.of(totals, groups)) {
            hours.createIndex(Indexes.ascending(InsightCollections.HOUR, InsightCollections.CURRENCY));
        }
        sellers.createIndex(Indexes.ascending(InsightCollections.SELLER_ID));
    }

    @EventHandler
    void on(
            OrderPlacedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        Map<String, Long> categories = new LinkedHashMap<>();
        for (OrderLine line : event.items()) {
            categories.merge(line.category(), Math.multiplyExact(line.unitPrice(), (long) line.quantity()), Long::sum);
        }
        List<Document> lines = new ArrayList<>();
        categories.forEach(
                (category, amount) -> lines.add(new Document(Order.CATEGORY, category).append(Order.AMOUNT, amount)));
        Document order = new Document(Order.CUSTOMER_ID, event.customerId().value())
                .append(InsightCollections.SELLER_ID, event.sellerId().value())
                .append(InsightCollections.COUNTRY, event.shippingCountry())
                .append(InsightCollections.CHANNEL, event.channel().name())
                .append(InsightCollections.CURRENCY, event.total().currency().getCurrencyCode())
                .append(Order.TOTAL, event.total().minor())
                .append(Order.PLACED_AT, Date.from(event.occurredAt()))
                .append(Order.LINES, lines)
                .append(Order.STAGES, List.of());
        CounterChanges writes = new CounterChanges();
        sales(
                writes,
                order,
                event.occurredAt(),
                Figures.ORDERS,
                1,
                Figures.GMV,
                event.total().minor());
        sellerMonth(writes, order, event.occurredAt())
                .increment(sellers, sellerMonthId(order, event.occurredAt()), Seller.ORDERS, 1)
                .increment(
                        sellers,
                        sellerMonthId(order, event.occurredAt()),
                        Seller.GMV,
                        event.total().minor());
        writes.increment(customers, event.customerId().value(), Customer.ORDERS, 1);
        batches.write(batch -> {
            writes.into(batch, message, StreamPosition.of(token, index));
            if (batch.find(orders, event.orderId().value()) == null) {
                batch.put(orders, event.orderId().value(), order);
            }
        });
    }

    @EventHandler
    void on(
            OrderCancelledEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        CounterChanges writes = new CounterChanges();
        sales(writes, order(event.orderId().value()), event.occurredAt(), Figures.CANCELLED, 1, null, 0);
        batches.write(batch -> writes.into(batch, message, StreamPosition.of(token, index)));
    }

    @EventHandler
    void on(
            OrderShippedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        reached(order(event.orderId().value()), Funnel.SHIPPED, new CounterChanges(), message, token, index);
    }

    @EventHandler
    void on(
            OrderDeliveredEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        reached(order(event.orderId().value()), Funnel.DELIVERED, new CounterChanges(), message, token, index);
    }

    @EventHandler
    void on(
            PaymentAuthorizedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        Document order = order(event.orderId().value());
        CounterChanges writes = new CounterChanges();
        sales(writes, order, event.occurredAt(), Figures.ATTEMPTS, 1, null, 0);
        card(writes, order, event.instrument());
        reached(order, Funnel.AUTHORIZED, writes, message, token, index);
    }

    @EventHandler
    void on(
            PaymentDeclinedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        Document order = order(event.orderId().value());
        CounterChanges writes = new CounterChanges();
        sales(writes, order, event.occurredAt(), Figures.ATTEMPTS, 1, Figures.DECLINES, 1);
        card(writes, order, event.instrument());
        writes.increment(customers, order.getString(Order.CUSTOMER_ID), Customer.DECLINES, 1);
        batches.write(batch -> writes.into(batch, message, StreamPosition.of(token, index)));
    }

    @EventHandler
    void on(
            PaymentCapturedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        Document order = order(event.orderId().value());
        long amount = event.amount().minor();
        CounterChanges writes = new CounterChanges();
        sales(writes, order, event.occurredAt(), null, 0, Figures.CAPTURED, amount);
        String month = sellerMonthId(order, event.occurredAt());
        sellerMonth(writes, order, event.occurredAt())
                .increment(sellers, month, Seller.CAPTURED, amount)
                .increment(
                        sellers,
                        month,
                        Seller.CAPTURED_PAYMENTS,
                        event.capturedTotal().equals(event.amount()) ? 1 : 0);
        reached(order, Funnel.CAPTURED, writes, message, token, index);
    }

    @EventHandler
    void on(
            RefundSettledEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        Document order = order(event.orderId().value());
        long amount = event.amount().minor();
        CounterChanges writes = new CounterChanges();
        sales(writes, order, event.occurredAt(), null, 0, Figures.REFUNDED, amount);
        sellerMonth(writes, order, event.occurredAt())
                .increment(sellers, sellerMonthId(order, event.occurredAt()), Seller.REFUNDED, amount);
        writes.increment(customers, order.getString(Order.CUSTOMER_ID), Customer.REFUNDS, 1);
        String orderId = event.orderId().value();
        batches.write(batch -> {
            writes.into(batch, message, StreamPosition.of(token, index));
            // each payout by refund id (a redelivery writes the same entry), for the loss ledger's double losses
            Document current = batch.find(orders, orderId);
            Document refunds = new Document(current.get(Order.REFUNDS, new Document()));
            refunds.put(
                    FieldKeys.encode(event.refundId().value()),
                    new Document(Order.PAYMENT_ID, event.paymentId().value()).append(Order.AMOUNT, amount));
            Document next = new Document(current);
            next.put(Order.REFUNDS, refunds);
            batch.put(orders, orderId, next);
        });
    }

    @EventHandler
    void on(
            DisputeOpenedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        Document order = order(event.orderId().value());
        CounterChanges writes = new CounterChanges();
        sellerMonth(writes, order, event.occurredAt())
                .increment(sellers, sellerMonthId(order, event.occurredAt()), Seller.DISPUTES, 1);
        writes.increment(customers, order.getString(Order.CUSTOMER_ID), Customer.DISPUTES, 1);
        batches.write(batch -> writes.into(batch, message, StreamPosition.of(token, index)));
    }

    /**
     * A lost dispute is money lost: the loss ledger's realized loss, under cause {@code double-loss} for the part the
     * payment had already refunded and {@code lost-chargeback} for the rest.
     */
    @EventHandler
    void on(DisputeResolvedEvent event, EventMessage<?> message) {
        if (event.outcome() != DisputeOutcome.LOST) {
            return;
        }
        Document order = order(event.orderId().value());
        long refunded = 0;
        for (Object refund : order.get(Order.REFUNDS, new Document()).values()) {
            Document payout = (Document) refund;
            if (event.paymentId().value().equals(payout.getString(Order.PAYMENT_ID))) {
                refunded += payout.get(Order.AMOUNT, Number.class).longValue();
            }
        }
        long lost = event.amount().minor();
        long twice = Math.min(lost, refunded);
        if (twice > 0) {
            loss(
                    message.getIdentifier() + ":" + DOUBLE_LOSS,
                    DOUBLE_LOSS,
                    order,
                    Money.of(twice, event.amount().currency()),
                    false,
                    event.occurredAt());
        }
        if (lost > twice) {
            loss(
                    message.getIdentifier(),
                    LOST_CHARGEBACK,
                    order,
                    Money.of(lost - twice, event.amount().currency()),
                    false,
                    event.occurredAt());
        }
    }

    /** An alert with money at risk is a loss-ledger line under its rule's id. */
    @EventHandler
    void on(RiskAlertRaisedEvent event, EventMessage<?> message) {
        if (event.moneyAtRisk() == null || event.moneyAtRisk().minor() == 0) {
            return;
        }
        Document line = lossLine(
                event.ruleId(), event.sellerId(), event.orderId(), event.moneyAtRisk(), true, event.occurredAt());
        batches.write(batch -> batch.put(losses, message.getIdentifier(), line));
    }

    /** Fraud an analyst confirmed on an order counts against its seller's month, beside disputes. */
    @EventHandler
    void on(
            AlertResolvedEvent event,
            EventMessage<?> message,
            TrackingToken token,
            @MetaDataValue(value = StreamPosition.GLOBAL_INDEX, required = false) Number index) {
        if (event.outcome() != AlertStatus.CONFIRMED_FRAUD || event.subjectType() != SubjectType.ORDER) {
            return;
        }
        Document order = order(event.subjectId());
        CounterChanges writes = new CounterChanges();
        sellerMonth(writes, order, event.occurredAt())
                .increment(sellers, sellerMonthId(order, event.occurredAt()), Seller.FRAUD, 1);
        batches.write(batch -> writes.into(batch, message, StreamPosition.of(token, index)));
    }

    private void loss(String id, String cause, Document order, Money amount, boolean atRisk, Instant at) {
        Document line = lossLine(
                cause,
                order.getString(InsightCollections.SELLER_ID),
                order.getString(VersionedDocuments.ID),
                amount,
                atRisk,
                at);
        batches.write(batch -> batch.put(losses, id, line));
    }

    private static Document lossLine(
            String cause, String sellerId, String orderId, Money amount, boolean atRisk, Instant at) {
        return new Document(Loss.CAUSE, cause)
                .append(Loss.SELLER_ID, sellerId)
                .append(Loss.ORDER_ID, orderId)
                .append(Loss.CURRENCY, amount.currency().getCurrencyCode())
                .append(Loss.AT_RISK, atRisk ? amount.minor() : 0L)
                .append(Loss.REALIZED, atRisk ? 0L : amount.minor())
                .append(Loss.OCCURRED_AT, Date.from(at));
    }

    /** A replay starts from nothing. */
    @ResetHandler
    void reset() {
        for (MongoCollection<Document> collection : List.of(totals, groups, sellers, customers, orders, losses)) {
            collection.deleteMany(new Document());
        }
    }

    /**
     * Counts the order into a funnel stage the first time it reaches it. The count (exactly once, guarded like every
     * counter) is written before the stage is marked on the order's document, so a crash in between counts it once.
     */
    private void reached(
            Document order,
            String stage,
            CounterChanges writes,
            EventMessage<?> message,
            TrackingToken token,
            Number index) {
        List<String> stages = order.getList(Order.STAGES, String.class, List.of());
        boolean first = !stages.contains(stage);
        if (first) {
            Instant placedAt = order.getDate(Order.PLACED_AT).toInstant();
            writes.increment(
                    totals,
                    totalsId(order, placedAt),
                    InsightCollections.FUNNEL + "." + InsightCollections.minuteKey(placedAt) + "." + stage,
                    1);
            identifyTotals(writes, order, placedAt);
            for (String rollup : ROLLUPS) {
                writes.increment(
                        totals,
                        identifyRollup(writes, order, rollup, placedAt),
                        InsightCollections.FUNNEL + "." + stage,
                        1);
            }
        }
        batches.write(batch -> {
            writes.into(batch, message, StreamPosition.of(token, index));
            if (first) {
                Document next = new Document(order);
                List<String> reached = new ArrayList<>(stages);
                reached.add(stage);
                next.put(Order.STAGES, reached);
                batch.put(orders, order.getString(VersionedDocuments.ID), next);
            }
        });
    }

    @Override
    public List<String> collections() {
        return COLLECTIONS.stream().map(generation::collection).toList();
    }

    @Override
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return batches.flushAtEndOfBatch();
    }

    @Override
    public WriteConflicts writeConflicts() {
        return batches.conflicts();
    }

    /**
     * Up to two figures of an event at {@code at}: into the currency's totals, their sections by seller, country,
     * channel and category and by the pairs of {@link InsightCollections#PAIRS} ({@link InsightCollections#GROUPED}),
     * and the order's group, whose categories count it once
     * in each (counts) or share it by line value (money).
     */
    private void sales(
            CounterChanges writes, Document order, Instant at, String count, long counted, String money, long amount) {
        String minuteKey = InsightCollections.minuteKey(at);
        String minute = InsightCollections.MINUTES + "." + minuteKey + ".";
        String totalsId = identifyTotals(writes, order, at);
        List<String> rollups = new ArrayList<>(ROLLUPS.size());
        for (String rollup : ROLLUPS) {
            rollups.add(identifyRollup(writes, order, rollup, at));
        }
        String groupId = String.join(
                "|",
                totalsId,
                order.getString(InsightCollections.SELLER_ID),
                order.getString(InsightCollections.COUNTRY),
                order.getString(InsightCollections.CHANNEL));
        writes.identify(
                groups,
                groupId,
                new Document(InsightCollections.CURRENCY, order.getString(InsightCollections.CURRENCY))
                        .append(InsightCollections.HOUR, Date.from(InsightCollections.hourOf(at)))
                        .append(InsightCollections.SELLER_ID, order.getString(InsightCollections.SELLER_ID))
                        .append(InsightCollections.COUNTRY, order.getString(InsightCollections.COUNTRY))
                        .append(InsightCollections.CHANNEL, order.getString(InsightCollections.CHANNEL)));
        List<Document> lines = order.getList(Order.LINES, Document.class);
        long[] shares = amount == 0 ? new long[lines.size()] : allocate(amount, lines);
        for (String field : new String[] {count, money}) {
            if (field == null) {
                continue;
            }
            boolean isCount = field.equals(count);
            long value = isCount ? counted : amount;
            writes.increment(totals, totalsId, minute + field, value);
            for (String rollup : rollups) {
                writes.increment(totals, rollup, InsightCollections.MINUTES + "." + field, value);
            }
            writes.increment(groups, groupId, minute + field, value);
            // by category name as it is: an order counts once in each, money is shared by line value
            Map<String, Long> byCategory = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                long share = isCount ? counted : shares[i];
                byCategory.merge(
                        lines.get(i).getString(Order.CATEGORY), share, isCount ? (held, again) -> held : Long::sum);
            }
            Map<String, Long> categories = new LinkedHashMap<>();
            byCategory.forEach((category, share) -> categories.put(FieldKeys.encode(category), share));
            categories.forEach((category, share) -> writes.increment(
                    groups, groupId, minute + InsightCollections.CATEGORIES + "." + category + "." + field, share));
            for (String dimension : InsightCollections.DIMENSIONS) {
                Map<String, Long> byMember = dimension.equals(InsightCollections.CATEGORY)
                        ? categories
                        : Map.of(FieldKeys.encode(memberOf(order, dimension)), value);
                grouped(writes, totalsId, rollups, minuteKey, dimension, field, byMember);
            }
            for (List<String> pair : InsightCollections.PAIRS) {
                String first = memberOf(order, pair.get(0));
                Map<String, Long> byMember = new LinkedHashMap<>();
                if (pair.get(1).equals(InsightCollections.CATEGORY)) {
                    byCategory.forEach(
                            (category, share) -> byMember.put(InsightCollections.pairKey(first, category), share));
                } else {
                    byMember.put(InsightCollections.pairKey(first, memberOf(order, pair.get(1))), value);
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
            writes.increment(totals, totalsId, section + minuteKey + "." + member + "." + field, share);
            for (String rollup : rollups) {
                writes.increment(totals, rollup, section + member + "." + field, share);
            }
        });
    }

    /** The order's member of a dimension other than category: its field of that name, the seller's its id. */
    private static String memberOf(Document order, String dimension) {
        return order.getString(dimension.equals(InsightCollections.SELLER) ? InsightCollections.SELLER_ID : dimension);
    }

    /**
     * The id of the day or month document of the order's currency that {@code at} falls in, made known to the batch;
     * and the calendar, which remembers the currency and widens its first and last time to {@code at}.
     */
    private String identifyRollup(CounterChanges writes, Document order, String rollup, Instant at) {
        String currency = order.getString(InsightCollections.CURRENCY);
        String id = InsightCollections.rollupId(currency, rollup, at);
        writes.identify(
                totals,
                id,
                new Document(InsightCollections.CURRENCY, currency)
                        .append(InsightCollections.ROLLUP, rollup)
                        .append(InsightCollections.START, Date.from(InsightCollections.startOf(rollup, at))));
        // the hour only: most batches find the calendar holding their bounds already, and leave it unwritten
        Date hour = Date.from(InsightCollections.hourOf(at));
        writes.identify(
                        totals,
                        InsightCollections.CALENDAR,
                        new Document(InsightCollections.ROLLUP, InsightCollections.CALENDAR))
                .addToSet(totals, InsightCollections.CALENDAR, InsightCollections.CURRENCIES, currency)
                .earliest(totals, InsightCollections.CALENDAR, InsightCollections.FIRST + "." + currency, hour)
                .latest(totals, InsightCollections.CALENDAR, InsightCollections.LAST + "." + currency, hour);
        return id;
    }

    private String identifyTotals(CounterChanges writes, Document order, Instant at) {
        String id = totalsId(order, at);
        writes.identify(
                totals,
                id,
                new Document(InsightCollections.CURRENCY, order.getString(InsightCollections.CURRENCY))
                        .append(InsightCollections.HOUR, Date.from(InsightCollections.hourOf(at))));
        return id;
    }

    private static String totalsId(Document order, Instant at) {
        return InsightCollections.hourId(order.getString(InsightCollections.CURRENCY), at);
    }

    private CounterChanges sellerMonth(CounterChanges writes, Document order, Instant at) {
        return writes.identify(
                sellers,
                sellerMonthId(order, at),
                new Document(InsightCollections.SELLER_ID, order.getString(InsightCollections.SELLER_ID))
                        .append(InsightCollections.MONTH, InsightCollections.monthOf(at))
                        .append(InsightCollections.CURRENCY, order.getString(InsightCollections.CURRENCY)));
    }

    private static String sellerMonthId(Document order, Instant at) {
        return String.join(
                "|",
                order.getString(InsightCollections.SELLER_ID),
                InsightCollections.monthOf(at),
                order.getString(InsightCollections.CURRENCY));
    }

    private void card(CounterChanges writes, Document order, PaymentInstrument instrument) {
        if (instrument != null && instrument.cardFingerprint() != null) {
            writes.addToSet(
                    customers, order.getString(Order.CUSTOMER_ID), Customer.CARDS, instrument.cardFingerprint());
        }
    }

    private Document order(String orderId) {
        Document order = batches.read(batch -> batch.find(orders, orderId));
        if (order == null) {
            // Every payment and order event follows its order's placement in the stream; a missing order is a bug.
            throw new IllegalStateException("no placement seen for order " + orderId);
        }
        return order;
    }

    /**
     * {@code amount} split over the lines in proportion to their amounts, exactly: each gets the floor of its share
     * and the remainder goes one unit at a time to the largest fractional parts (earlier lines first on a tie).
     */
    static long[] allocate(long amount, List<Document> lines) {
        long[] shares = new long[lines.size()];
        BigInteger total = BigInteger.ZERO;
        for (Document line : lines) {
            total = total.add(BigInteger.valueOf(line.getLong(Order.AMOUNT)));
        }
        if (total.signum() == 0) {
            shares[0] = amount;
            return shares;
        }
        BigInteger[] remainders = new BigInteger[lines.size()];
        long allocated = 0;
        for (int i = 0; i < lines.size(); i++) {
            BigInteger[] division = BigInteger.valueOf(amount)
                    .multiply(BigInteger.valueOf(lines.get(i).getLong(Order.AMOUNT)))
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
