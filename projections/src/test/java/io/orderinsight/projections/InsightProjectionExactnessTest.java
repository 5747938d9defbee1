package io.orderinsight.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderinsight.domain.order.Channel;
import io.orderinsight.domain.order.OrderCancelledEvent;
import io.orderinsight.domain.order.OrderDeliveredEvent;
import io.orderinsight.domain.order.OrderLine;
import io.orderinsight.domain.order.OrderPlacedEvent;
import io.orderinsight.domain.order.OrderShippedEvent;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.payment.PaymentAuthorizedEvent;
import io.orderinsight.domain.payment.PaymentCapturedEvent;
import io.orderinsight.domain.payment.PaymentDeclinedEvent;
import io.orderinsight.domain.payment.PaymentInstrument;
import io.orderinsight.domain.payment.PaymentMethod;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.projections.insight.CustomerProfile;
import io.orderinsight.projections.insight.InsightCollections;
import io.orderinsight.projections.insight.InsightProjection;
import io.orderinsight.projections.insight.SalesCalendar;
import io.orderinsight.projections.support.FieldKeys;
import io.orderinsight.projections.support.OrderIdSequencingPolicy;
import io.orderinsight.projections.support.StreamPosition;
import io.orderinsight.projections.support.WriteBatch;
import io.orderinsight.projections.support.WriteBatch.ConcurrentWriteException;
import io.orderinsight.projections.testing.BatchDelivery;
import io.orderinsight.projections.testing.InMemoryMongo;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The insight counters are shared by many orders, so exactness cannot come from a per-order version: each is checked
 * against a clean single delivery of a history in which two orders share every bucket and one event arrives late
 * (it filled a gap in the stream) — with every event delivered twice, in batches of several sizes, with a crash
 * injected after each single write followed by the redelivery of everything in other batch boundaries, with four
 * segments writing the same counters at once, with segments split and merged, with a segment taken over while its
 * old holder was between reading and writing, and over counters left by the single-writer design.
 */
class InsightProjectionExactnessTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final List<String> COLLECTIONS = List.of(
            InsightCollections.SALES_TOTALS,
            InsightCollections.SALES_GROUPS,
            InsightCollections.SELLER_MONTHS,
            InsightCollections.CUSTOMER_PROFILES,
            InsightCollections.ORDERS);

    @RegisterExtension
    final InMemoryMongo mongo = new InMemoryMongo();

    @Test
    void countsWhatWasSentOnACleanDelivery() throws Exception {
        Map<String, List<Document>> clean = deliver(mongo.database("clean"), history(), 1);

        Document hour = clean.get(InsightCollections.SALES_TOTALS).get(0);
        Document minute = hour.get("m", Document.class).get("00", Document.class);
        assertThat(minute.getLong("orders")).isEqualTo(3);
        assertThat(minute.getLong("gmv")).isEqualTo(3_000 + 1_001 + 500);
        assertThat(minute.getLong("captured")).isEqualTo(1_000);
        assertThat(minute.getLong("attempts")).isEqualTo(3);
        assertThat(minute.getLong("declines")).isEqualTo(1);
        assertThat(minute.getLong("cancelled")).isEqualTo(1);
        Document funnel = hour.get("f", Document.class).get("00", Document.class);
        assertThat(funnel.getLong("authorized")).isEqualTo(2);
        assertThat(funnel.getLong("captured")).isEqualTo(1);
        assertThat(funnel.getLong("shipped")).isEqualTo(1);
        assertThat(funnel.getLong("delivered")).isEqualTo(1);
        // the day and month roll-ups hold the hour's sums; the calendar the currency and its first and last time
        for (String rollup : List.of("EUR|day|2026-03-01", "EUR|month|2026-03")) {
            Document period = byId(clean.get(InsightCollections.SALES_TOTALS), rollup);
            assertThat(period.get("m", Document.class))
                    .as(rollup)
                    .containsEntry("orders", 3L)
                    .containsEntry("gmv", 4_501L)
                    .containsEntry("captured", 1_000L)
                    .containsEntry("declines", 1L)
                    .containsEntry("cancelled", 1L)
                    .containsEntry("refunded", 100L);
            assertThat(period.get("f", Document.class))
                    .containsEntry("authorized", 2L)
                    .containsEntry("delivered", 1L);
        }
        // by one dimension at a time, in the hour's minute and in the day and month: seller s-2's figures, and the
        // categories' (an order counts once in each category it has a line in; money shared by line value)
        Document bySeller =
                hour.get("g", Document.class).get("seller", Document.class).get("00", Document.class);
        assertThat(bySeller.get("s-2", Document.class))
                .containsEntry("orders", 1L)
                .containsEntry("gmv", 1_001L)
                .containsEntry("captured", 1_000L)
                .containsEntry("attempts", 2L)
                .containsEntry("declines", 1L)
                .containsEntry("refunded", 100L);
        assertThat(bySeller.get("s-1", Document.class))
                .containsEntry("orders", 2L)
                .containsEntry("cancelled", 1L);
        for (String rollup : List.of("EUR|day|2026-03-01", "EUR|month|2026-03")) {
            Document grouped =
                    byId(clean.get(InsightCollections.SALES_TOTALS), rollup).get("g", Document.class);
            Document categories = grouped.get("category", Document.class);
            assertThat(categories.get("books", Document.class))
                    .as(rollup)
                    .containsEntry("orders", 3L)
                    .containsEntry("gmv", 3_000L + 334 + 500)
                    .containsEntry("captured", 334L);
            assertThat(categories.get("toys", Document.class))
                    .containsEntry("orders", 1L)
                    .containsEntry("captured", 666L);
            Document byChannel = grouped.get("channel", Document.class);
            assertThat(byChannel.values().stream()
                            .mapToLong(figures -> ((Document) figures).getLong("gmv"))
                            .sum())
                    .isEqualTo(4_501L);
        }
        SalesCalendar calendar =
                SalesCalendar.of(byId(clean.get(InsightCollections.SALES_TOTALS), InsightCollections.CALENDAR));
        assertThat(calendar.currencies()).containsExactly("EUR");
        assertThat(calendar.first()).containsExactly(Map.entry("EUR", AT));
        assertThat(calendar.last()).containsExactly(Map.entry("EUR", AT));
        Document categories = clean.get(InsightCollections.SALES_GROUPS).stream()
                .filter(group -> group.getString("sellerId").equals("s-2"))
                .findFirst()
                .orElseThrow()
                .get("m", Document.class)
                .get("00", Document.class)
                .get("c", Document.class);
        // 1,000 split over lines of 667 and 334 out of 1,001: 666.33… and 333.66…; the unit left goes to books.
        assertThat(categories.get("toys", Document.class).getLong("captured")).isEqualTo(666);
        assertThat(categories.get("books", Document.class).getLong("captured")).isEqualTo(334);
        Document customer = clean.get(InsightCollections.CUSTOMER_PROFILES).get(0);
        assertThat(customer.getLong("orders")).isEqualTo(3);
        assertThat(customer.getLong("refunds")).isEqualTo(1);
        assertThat(customer.getLong("disputes")).isEqualTo(1);
        assertThat(customer.getList("cards", String.class)).containsExactlyInAnyOrder("fp-1", "fp-2");
    }

    @Test
    void holdsByEachDimensionWhatTheGroupsHold() throws Exception {
        // orders of 5 sellers, 3 countries, every channel and 3 categories, with payments, captures, refunds and
        // cancellations over three days: every minute's figures by dimension are those of the groups summed over the
        // other dimensions, and the days and months hold the sums of their hours
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        java.util.Random random = new java.util.Random(7);
        List<String> categories = List.of("books", "toys", "a.b$c");
        for (int i = 0; i < 120; i++) {
            Instant at = AT.plusSeconds(random.nextInt(3 * 24 * 3600));
            OrderId order = OrderId.of("g-" + i);
            List<OrderLine> lines = new ArrayList<>();
            for (int line = 0; line <= random.nextInt(3); line++) {
                lines.add(new OrderLine(
                        "i-" + line,
                        categories.get(random.nextInt(3)),
                        1 + random.nextInt(3),
                        1 + random.nextInt(999)));
            }
            long total = lines.stream()
                    .mapToLong(line -> line.unitPrice() * line.quantity())
                    .sum();
            add(
                    events,
                    events.size(),
                    List.of(),
                    new OrderPlacedEvent(
                            order,
                            CustomerId.of("c-" + random.nextInt(9)),
                            SellerId.of("s-" + random.nextInt(5)),
                            Channel.values()[random.nextInt(Channel.values().length)],
                            List.of("FR", "DE", "IT").get(random.nextInt(3)),
                            lines,
                            money(total),
                            null,
                            at));
            PaymentId payment = PaymentId.of("gp-" + i);
            PaymentInstrument card = new PaymentInstrument("fp-" + i, "FR", "FR");
            Instant later = at.plusSeconds(random.nextInt(7200));
            switch (random.nextInt(4)) {
                case 0 ->
                    add(
                            events,
                            events.size(),
                            List.of(),
                            new PaymentDeclinedEvent(
                                    payment, order, money(total), PaymentMethod.CARD, "insufficient", card, later));
                case 1 -> add(events, events.size(), List.of(), new OrderCancelledEvent(order, "changed", later));
                default -> {
                    add(
                            events,
                            events.size(),
                            List.of(),
                            new PaymentAuthorizedEvent(payment, order, money(total), PaymentMethod.CARD, card, later));
                    add(
                            events,
                            events.size(),
                            List.of(),
                            new PaymentCapturedEvent(payment, order, money(total), money(total), later));
                    add(
                            events,
                            events.size(),
                            List.of(),
                            new RefundSettledEvent(
                                    payment,
                                    order,
                                    RefundId.of("gr-" + i),
                                    money(1 + total / 3),
                                    later.plusSeconds(60)));
                }
            }
        }
        Map<String, List<Document>> documents = deliver(mongo.database("dimensions"), events, 1, 7);

        Map<String, Long> fromGroups = new java.util.TreeMap<>();
        for (Document group : documents.get(InsightCollections.SALES_GROUPS)) {
            String hour = group.getDate("hour").toInstant().toString();
            group.get("m", Document.class).forEach((minute, value) -> {
                Document figures = (Document) value;
                for (var figure : figures.entrySet()) {
                    if (figure.getValue() instanceof Number number) {
                        for (String dimension : List.of("seller", "country", "channel")) {
                            String member = group.getString(dimension.equals("seller") ? "sellerId" : dimension);
                            fromGroups.merge(
                                    String.join("|", hour, minute, dimension, member, figure.getKey()),
                                    number.longValue(),
                                    Long::sum);
                        }
                        fromGroups.merge(
                                String.join(
                                        "|",
                                        hour,
                                        minute,
                                        "country~channel",
                                        InsightCollections.pairKey(
                                                group.getString("country"), group.getString("channel")),
                                        figure.getKey()),
                                number.longValue(),
                                Long::sum);
                    }
                }
                figures.get("c", Document.class)
                        .forEach((category, shares) -> ((Document) shares).forEach((field, number) -> {
                            long share = ((Number) number).longValue();
                            fromGroups.merge(
                                    String.join("|", hour, minute, "category", category, field), share, Long::sum);
                            for (String dimension : List.of("country", "channel")) {
                                fromGroups.merge(
                                        String.join(
                                                "|",
                                                hour,
                                                minute,
                                                dimension + "~category",
                                                InsightCollections.pairKey(
                                                        group.getString(dimension), FieldKeys.decode(category)),
                                                field),
                                        share,
                                        Long::sum);
                            }
                        }));
            });
        }
        Map<String, Long> fromTotals = new java.util.TreeMap<>();
        Map<String, Long> hoursByPeriod = new java.util.TreeMap<>();
        Map<String, Long> periods = new java.util.TreeMap<>();
        for (Document totals : documents.get(InsightCollections.SALES_TOTALS)) {
            Document grouped = totals.get("g", Document.class);
            if (totals.containsKey("hour")) {
                Instant hour = totals.getDate("hour").toInstant();
                grouped.forEach((dimension, minutes) -> ((Document) minutes)
                        .forEach((minute, members) -> ((Document) members)
                                .forEach((member, figures) -> ((Document) figures).forEach((field, number) -> {
                                    long value = ((Number) number).longValue();
                                    fromTotals.merge(
                                            String.join("|", hour.toString(), minute, dimension, member, field),
                                            value,
                                            Long::sum);
                                    for (String rollup : List.of("day", "month")) {
                                        hoursByPeriod.merge(
                                                String.join(
                                                        "|",
                                                        InsightCollections.rollupId("EUR", rollup, hour),
                                                        dimension,
                                                        member,
                                                        field),
                                                value,
                                                Long::sum);
                                    }
                                }))));
            } else if (grouped != null) {
                grouped.forEach((dimension, members) -> ((Document) members)
                        .forEach((member, figures) -> ((Document) figures)
                                .forEach((field, number) -> periods.merge(
                                        String.join("|", totals.getString("_id"), dimension, member, field),
                                        ((Number) number).longValue(),
                                        Long::sum))));
            }
        }
        fromGroups.values().removeIf(value -> value == 0);
        assertThat(fromTotals).isEqualTo(fromGroups);
        assertThat(periods).isEqualTo(hoursByPeriod);
        assertThat(periods.keySet()).anyMatch(key -> key.startsWith("EUR|day|2026-03-03|category|a%2Eb%24c|"));
        assertThat(periods.keySet())
                .anyMatch(key -> key.startsWith("EUR|day|2026-03-03|country~category|FR|a%2Eb%24c|"));
    }

    @Test
    void countsEveryEventOnceWhenEachIsDeliveredTwice() throws Exception {
        Map<String, List<Document>> once = deliver(mongo.database("once"), history(), 1);
        Map<String, List<Document>> twice = deliver(mongo.database("twice"), history(), 2);

        assertThat(twice).isEqualTo(once);
    }

    @Test
    void countsEveryEventOnceWhenTheWholeHistoryIsDeliveredAgain() throws Exception {
        MongoDatabase database = mongo.database("again");
        Map<String, List<Document>> first = deliver(database, history(), 1);

        assertThat(deliver(database, history(), 1)).isEqualTo(first);
    }

    @Test
    void countsTheSameInBatchesOfAnySize() throws Exception {
        Map<String, List<Document>> single = deliver(mongo.database("single"), history(), 1, 1);
        // every event of this history falls in one hour: the calendar's bounds never move after its first write, and
        // the batches that find them held leave it unwritten
        assertThat(mongo.database("single")
                        .getCollection(InsightCollections.SALES_TOTALS)
                        .find(new Document("_id", InsightCollections.CALENDAR))
                        .first()
                        .get(WriteBatch.REVISION, Number.class)
                        .longValue())
                .isEqualTo(1);

        for (int size : new int[] {2, 5, 100}) {
            assertThat(withoutPositions(deliver(mongo.database("batch-" + size), history(), 2, size)))
                    .as("batches of %d, every event twice", size)
                    .isEqualTo(withoutPositions(single));
        }
    }

    @Test
    void recoversExactlyFromACrashBetweenAnyTwoWrites() throws Exception {
        Map<String, List<Document>> clean = deliver(mongo.database("clean"), history(), 1);
        // a crash after each write, batches of one event and of four, redelivered in batches of three
        for (int batchSize : new int[] {1, 4}) {
            AtomicInteger total = new AtomicInteger();
            deliver(crashing(mongo.database("count-" + batchSize), total, Integer.MAX_VALUE), history(), 1, batchSize);
            assertThat(total.get()).isGreaterThan(history().size() / batchSize);

            for (int crashAfter = 0; crashAfter < total.get(); crashAfter++) {
                MongoDatabase database = mongo.database("crash-" + batchSize + "-" + crashAfter);
                MongoDatabase dying = crashing(database, new AtomicInteger(), crashAfter);
                assertThatThrownBy(() -> deliver(dying, history(), 1, batchSize))
                        .isInstanceOf(Crash.class);

                assertThat(withoutPositions(deliver(database, history(), 1, 3)))
                        .as("batches of %d, crash after %d writes", batchSize, crashAfter)
                        .isEqualTo(withoutPositions(clean));
            }
        }
    }

    @Test
    void countsEveryEventOnceWithFourSegmentsWritingTheSameCountersAtOnce() throws Exception {
        Map<String, List<Document>> clean = deliver(mongo.database("clean"), history(), 1);
        assertThat(IntStream.range(0, 4).filter(id -> !segment(history(), 3, id).isEmpty()))
                .as("the orders fall into three of the four segments")
                .hasSize(3);

        for (int round = 0; round < 10; round++) {
            MongoDatabase database = mongo.database("segments-" + round);
            List<Callable<Void>> segments = new ArrayList<>();
            for (int id = 0; id < 4; id++) {
                List<TrackedEventMessage<?>> own = twice(segment(history(), 3, id));
                // each segment on a node of its own: its own projection instance, batches of one or two
                int batchSize = 1 + id % 2;
                segments.add(() -> {
                    deliverBatches(new InsightProjection(database), own, batchSize);
                    return null;
                });
            }
            ExecutorService nodes = Executors.newFixedThreadPool(4);
            try {
                for (Future<Void> done : nodes.invokeAll(segments)) {
                    done.get();
                }
            } finally {
                nodes.shutdownNow();
            }

            assertThat(withoutPositions(documents(database)))
                    .as("round %d", round)
                    .isEqualTo(withoutPositions(clean));
        }
    }

    @Test
    void appliesItsOwnChangesAgainWhenAnotherSegmentWroteTheSameCountersFirst() throws Exception {
        Map<String, List<Document>> clean = deliver(mongo.database("clean"), history(), 1);
        MongoDatabase database = mongo.database("interleaved");
        List<TrackedEventMessage<?>> first = segment(history(), 1, 0);
        List<TrackedEventMessage<?>> second = segment(history(), 1, 1);
        // segment 0 has read the counters' revisions when segment 1 writes all of its events into the same documents
        MongoDatabase racing =
                beforeFirstWrite(database, () -> deliverBatches(new InsightProjection(database), second, 100));

        deliverBatches(new InsightProjection(racing), first, 100);

        assertThat(withoutPositions(documents(database))).isEqualTo(withoutPositions(clean));
    }

    @Test
    void countsOnceWhenTheSegmentIsTakenOverMidBatch() throws Exception {
        Map<String, List<Document>> clean = deliver(mongo.database("clean"), history(), 1);
        MongoDatabase database = mongo.database("handover");
        // the old holder stalls between reading and writing; the new one delivers the same batch and the rest
        MongoDatabase stalled =
                beforeFirstWrite(database, () -> deliverBatches(new InsightProjection(database), history(), 3));

        Throwable old = catchThrowable(() -> deliverBatch(new InsightProjection(stalled), history()));

        assertThat(old)
                .as("the old holder's documents were written since it read them")
                .isInstanceOf(ConcurrentWriteException.class);
        assertThat(withoutPositions(documents(database))).isEqualTo(withoutPositions(clean));
    }

    @Test
    void countsOnceAcrossSplitsAndMergesOfSegments() throws Exception {
        Map<String, List<Document>> clean = deliver(mongo.database("clean"), history(), 1);
        MongoDatabase database = mongo.database("split-merge");
        List<TrackedEventMessage<?>> events = history();
        int split = 3;
        int merge = 8;
        // one segment; split in two at the same token; segment 1 goes on alone; merged, from the lower token
        deliverBatches(new InsightProjection(database), events.subList(0, split), 2);
        for (int id = 0; id < 2; id++) {
            deliverBatches(new InsightProjection(database), segment(events.subList(split, merge), 1, id), 2);
        }
        deliverBatches(new InsightProjection(database), segment(events.subList(merge, events.size()), 1, 1), 1);
        deliverBatches(new InsightProjection(database), events.subList(merge, events.size()), 2);

        assertThat(withoutPositions(documents(database))).isEqualTo(withoutPositions(clean));
    }

    @Test
    void goesOnFromCountersOfTheSingleWriterDesign() throws Exception {
        Map<String, List<Document>> clean = deliver(mongo.database("clean"), history(), 1);
        MongoDatabase database = mongo.database("legacy");
        deliverBatches(new InsightProjection(database), history().subList(0, 6), 2);
        // as the single writer left them: one position (the last event applied), no revision
        for (String name : COLLECTIONS) {
            MongoCollection<Document> collection = database.getCollection(name);
            for (Document document : collection.find().into(new ArrayList<>())) {
                document.remove(WriteBatch.REVISION);
                if (document.get(WriteBatch.POSITION) instanceof Document byShard) {
                    String last = byShard.keySet().stream()
                            .max(java.util.Comparator.comparing(
                                    shard -> byShard.get(shard, Number.class).longValue()))
                            .orElseThrow();
                    document.put(WriteBatch.POSITION, byShard.get(last));
                    document.put(
                            WriteBatch.GAPS,
                            document.get(WriteBatch.GAPS, Document.class).get(last));
                }
                collection.replaceOne(new Document("_id", document.get("_id")), document);
            }
        }

        deliverBatches(new InsightProjection(database), twice(history()), 3);

        assertThat(withoutPositions(documents(database))).isEqualTo(withoutPositions(clean));
    }

    /**
     * The documents without their shards' positions: the counts are what must be exact, and a batch whose changes a
     * document already held (a card it knows, a calendar bound it has) leaves it unwritten, its positions where they
     * were, so positions depend on how the events were batched.
     */
    private static Map<String, List<Document>> withoutPositions(Map<String, List<Document>> documents) {
        documents
                .values()
                .forEach(list -> list.forEach(document -> {
                    document.remove(WriteBatch.POSITION);
                    document.remove(WriteBatch.GAPS);
                }));
        return documents;
    }

    private static Map<String, List<Document>> deliver(
            MongoDatabase database, List<TrackedEventMessage<?>> events, int times) throws Exception {
        return deliver(database, events, times, 1);
    }

    /**
     * Delivers every event {@code times} in a row, in batches of {@code batchSize} as a streaming processor does: one
     * unit of work per batch, written by the projection's interceptor after the batch's last event.
     */
    private static Map<String, List<Document>> deliver(
            MongoDatabase database, List<TrackedEventMessage<?>> events, int times, int batchSize) throws Exception {
        List<TrackedEventMessage<?>> stream = new ArrayList<>();
        for (TrackedEventMessage<?> event : events) {
            for (int i = 0; i < times; i++) {
                stream.add(event);
            }
        }
        deliverBatches(new InsightProjection(database), stream, batchSize);
        return documents(database);
    }

    private static void deliverBatches(InsightProjection insight, List<TrackedEventMessage<?>> stream, int batchSize)
            throws Exception {
        for (int from = 0; from < stream.size(); from += batchSize) {
            deliverBatch(insight, stream.subList(from, Math.min(stream.size(), from + batchSize)));
        }
    }

    private static void deliverBatch(InsightProjection insight, List<TrackedEventMessage<?>> events) throws Exception {
        BatchDelivery.deliver(insight, events);
    }

    /**
     * The documents of every collection by id, without their revisions (how many writes it took varies) and with the
     * sets of cards in order (writers add to them in the order they come to them).
     */
    private static Map<String, List<Document>> documents(MongoDatabase database) {
        Map<String, List<Document>> documents = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> found = database.getCollection(collection)
                    .find()
                    .sort(new Document("_id", 1))
                    .into(new ArrayList<>());
            found.forEach(document -> {
                document.remove(WriteBatch.REVISION);
                if (document.get(CustomerProfile.CARDS) instanceof List<?> cards) {
                    document.put(
                            CustomerProfile.CARDS,
                            cards.stream().map(Object::toString).sorted().toList());
                }
            });
            documents.put(collection, found);
        }
        return documents;
    }

    /** The events of the segment {@code segment} of a processor whose segments are cut by {@code mask}. */
    private static List<TrackedEventMessage<?>> segment(List<TrackedEventMessage<?>> events, int mask, int segment) {
        OrderIdSequencingPolicy policy = new OrderIdSequencingPolicy();
        Segment cut = Segment.splitBalanced(Segment.ROOT_SEGMENT, mask).stream()
                .filter(candidate -> candidate.getSegmentId() == segment)
                .findFirst()
                .orElseThrow();
        assertThat(cut.getMask()).isEqualTo(mask);
        return events.stream()
                .filter(event -> cut.matches(policy.getSequenceIdentifierFor(event)))
                .toList();
    }

    private static List<TrackedEventMessage<?>> twice(List<TrackedEventMessage<?>> events) {
        List<TrackedEventMessage<?>> doubled = new ArrayList<>();
        events.forEach(event -> {
            doubled.add(event);
            doubled.add(event);
        });
        return doubled;
    }

    private static final class Crash extends RuntimeException {
        Crash() {
            super("processor killed", null, false, false);
        }
    }

    /**
     * Runs {@code meanwhile} once, right before the first write to the database goes out, on a thread of its own (as
     * another node would) and to its end.
     */
    private static MongoDatabase beforeFirstWrite(MongoDatabase database, ThrowingRunnable meanwhile) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return intercepting(database, () -> {
            if (done.compareAndSet(false, true)) {
                ExecutorService other = Executors.newSingleThreadExecutor();
                try {
                    other.submit(() -> {
                                meanwhile.run();
                                return null;
                            })
                            .get();
                } finally {
                    other.shutdownNow();
                }
            }
        });
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The database, whose collections die on the write after {@code limit} writes (counted in {@code writes}). */
    private static MongoDatabase crashing(MongoDatabase database, AtomicInteger writes, int limit) {
        return intercepting(database, () -> {
            if (writes.getAndIncrement() >= limit) {
                throw new Crash();
            }
        });
    }

    /** The database, whose collections run {@code beforeWrite} before each write. */
    private static MongoDatabase intercepting(MongoDatabase database, ThrowingRunnable beforeWrite) {
        Set<String> writeMethods = Set.of("bulkWrite", "updateOne", "insertOne", "replaceOne", "deleteMany");
        return (MongoDatabase) Proxy.newProxyInstance(
                MongoDatabase.class.getClassLoader(), new Class<?>[] {MongoDatabase.class}, (proxy, method, args) -> {
                    Object result = invoke(database, method, args);
                    if (!(result instanceof MongoCollection<?> collection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(
                            MongoCollection.class.getClassLoader(),
                            new Class<?>[] {MongoCollection.class},
                            (collectionProxy, collectionMethod, collectionArgs) -> {
                                if (writeMethods.contains(collectionMethod.getName())) {
                                    beforeWrite.run();
                                }
                                return invoke(collection, collectionMethod, collectionArgs);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Three orders of one customer placed in the same minute; two share their seller's buckets. The payment at
     * index 5 commits late: it is delivered after 6 and 7, which saw it as a gap.
     */
    private static List<TrackedEventMessage<?>> history() {
        OrderId first = OrderId.of("o-1");
        OrderId second = OrderId.of("o-2");
        OrderId third = OrderId.of("o-3");
        PaymentId declined = PaymentId.of("p-0");
        PaymentId paid = PaymentId.of("p-1");
        PaymentId unpaid = PaymentId.of("p-3");
        PaymentInstrument card1 = new PaymentInstrument("fp-1", "FR", "FR");
        PaymentInstrument card2 = new PaymentInstrument("fp-2", "FR", "FR");
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        add(events, 0, List.of(), placed(first, "s-1", List.of(new OrderLine("a", "books", 3, 1_000))));
        add(
                events,
                1,
                List.of(),
                placed(
                        second,
                        "s-2",
                        List.of(new OrderLine("b", "toys", 1, 667), new OrderLine("c", "books", 1, 334))));
        add(events, 2, List.of(), placed(third, "s-1", List.of(new OrderLine("d", "books", 1, 500))));
        add(
                events,
                3,
                List.of(),
                new PaymentDeclinedEvent(
                        declined, second, Money.of(1_001, "EUR"), PaymentMethod.CARD, "insufficient", card1, AT));
        add(
                events,
                4,
                List.of(),
                new PaymentAuthorizedEvent(paid, second, Money.of(1_001, "EUR"), PaymentMethod.CARD, card2, AT));
        add(events, 6, List.of(5L), new PaymentCapturedEvent(paid, second, money(1_000), money(1_000), AT));
        add(events, 7, List.of(5L), new OrderShippedEvent(second, "DHL", "1", AT));
        add(
                events,
                7,
                List.of(),
                new PaymentAuthorizedEvent(unpaid, third, Money.of(500, "EUR"), PaymentMethod.CARD, card2, AT));
        add(events, 8, List.of(), new OrderDeliveredEvent(second, AT));
        add(events, 9, List.of(), new RefundSettledEvent(paid, second, RefundId.of("r-1"), money(100), AT));
        add(events, 10, List.of(), new DisputeOpenedEvent(paid, second, DisputeId.of("d-1"), money(200), "fraud", AT));
        add(events, 11, List.of(), new OrderCancelledEvent(first, "changed mind", AT));
        return events;
    }

    private static OrderPlacedEvent placed(OrderId order, String seller, List<OrderLine> lines) {
        long total = lines.stream()
                .mapToLong(line -> line.unitPrice() * line.quantity())
                .sum();
        return new OrderPlacedEvent(
                order, CustomerId.of("c-1"), SellerId.of(seller), Channel.LIVE, "FR", lines, money(total), null, AT);
    }

    private static Money money(long minor) {
        return Money.of(minor, "EUR");
    }

    /** As the projections' event source hands them out: with each event's own index worked out from the stream. */
    private static void add(List<TrackedEventMessage<?>> events, long index, List<Long> gaps, Object payload) {
        TrackedEventMessage<?> message = new GenericTrackedDomainEventMessage<>(
                GapAwareTrackingToken.newInstance(index, gaps),
                new GenericDomainEventMessage<>("Aggregate", "a-" + index, 0, payload));
        events.add(StreamPosition.withOwnIndex(
                events.isEmpty() ? null : events.get(events.size() - 1).trackingToken(), message));
    }

    private static Document byId(List<Document> documents, String id) {
        return documents.stream()
                .filter(document -> document.getString("_id").equals(id))
                .findFirst()
                .orElseThrow();
    }
}
