package io.orderinsight.benchmarks;

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
import io.orderinsight.domain.payment.RefundReservedEvent;
import io.orderinsight.domain.payment.RefundSettledEvent;
import io.orderinsight.domain.refund.RefundApprovedEvent;
import io.orderinsight.domain.refund.RefundCompletedEvent;
import io.orderinsight.domain.refund.RefundRequestedEvent;
import io.orderinsight.domain.refund.RefundStatus;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.DisputeId;
import io.orderinsight.domain.shared.Money;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * A deterministic marketplace history to store in bulk: orders in waves whose lifecycles interleave as live traffic
 * does (all placements of a wave, then their payments, captures, shipments…), spread over the last 30 days. Sellers
 * are Zipf-like (a few large, a long tail), customers return, and declines, cancellations, refunds and disputes occur
 * at plausible rates. Every event is one a command could have produced, with its aggregate's sequence number.
 *
 * <p>By default the waves follow each other in time, as a store appends events as they happen: each wave's orders are
 * placed within its own slice of the 30 days, the waves' slices in order. {@link Times#SCATTERED} places every order at
 * a random time of the 30 days instead, so that consecutive events of the store lie days apart — no store looks like
 * that, but it is the worst case for the counters, each page of a catch-up touching every hour of the month.
 */
final class HistoryGenerator {

    private static final String[] CURRENCIES = {"USD", "USD", "USD", "EUR", "EUR", "GBP"};
    private static final String[] COUNTRIES = {"US", "US", "US", "DE", "FR", "GB", "ES", "IT", "NL", "PL", "SE", "CA"};
    private static final String[] CATEGORIES = {
        "books", "toys", "electronics", "fashion", "home", "garden", "sports", "beauty"
    };
    private static final Channel[] CHANNELS = Channel.values();
    private static final int WAVE = 500;

    /**
     * Events per order, on average, at the rates below (placement, payment, capture, shipment, delivery, the declines,
     * cancellations, refunds and disputes): how many orders a history of so many events holds, to slice the 30 days.
     */
    private static final double EVENTS_PER_ORDER = 4.77;

    /** When the orders of a history are placed. */
    enum Times {
        /** Wave after wave in time, each within its slice of the span. */
        ORDERED,
        /** Each order at a random time of the span. */
        SCATTERED;

        static Times of(String option) {
            return switch (option) {
                case "ordered" -> ORDERED;
                case "scattered" -> SCATTERED;
                default -> throw new IllegalArgumentException("--history is ordered or scattered, not " + option);
            };
        }
    }

    private final Random random;
    private final String prefix;
    private final Instant start;
    private final Duration span = Duration.ofDays(30);
    private final Times times;
    private long orders;
    private long waves = 1;

    HistoryGenerator(long seed, Instant end) {
        this(seed, end, "b");
    }

    /** {@code prefix} starts every id, so that two generators' histories do not collide. */
    HistoryGenerator(long seed, Instant end, String prefix) {
        this(seed, end, prefix, Times.ORDERED);
    }

    HistoryGenerator(long seed, Instant end, String prefix, Times times) {
        this.random = new Random(seed);
        this.prefix = prefix;
        this.start = end.minus(span);
        this.times = times;
    }

    Times times() {
        return times;
    }

    long orders() {
        return orders;
    }

    /** Emits events until at least {@code events} were emitted, whole waves at a time. */
    void generate(long events, Consumer<DomainEventMessage<?>> sink) {
        long[] emitted = {0};
        Consumer<DomainEventMessage<?>> counting = event -> {
            emitted[0]++;
            sink.accept(event);
        };
        waves = wavesOf(Math.round(Math.ceil(events / EVENTS_PER_ORDER)));
        long wave = 0;
        while (emitted[0] < events) {
            wave(wave++, counting);
        }
    }

    private static long wavesOf(long orders) {
        return Math.max(1, (orders + WAVE - 1) / WAVE);
    }

    /** Emits whole waves until at least {@code count} orders were generated. */
    void generateOrders(long count, Consumer<DomainEventMessage<?>> sink) {
        waves = wavesOf(count - orders);
        long wave = 0;
        while (orders < count) {
            wave(wave++, sink);
        }
    }

    private void wave(long wave, Consumer<DomainEventMessage<?>> sink) {
        List<Life> lives = new ArrayList<>();
        for (int i = 0; i < WAVE; i++) {
            lives.add(new Life(wave, i));
            orders++;
        }
        for (int step = 0; step < 8; step++) {
            for (Life life : lives) {
                life.step(step, sink);
            }
        }
    }

    /** One order's life; each step emits that stage's events, if the order gets that far. */
    private final class Life {
        private final String id;
        private final String currency;
        private final long total;
        private final Instant placedAt;
        private final boolean declinedFirst = random.nextDouble() < 0.06;
        private final boolean paid = random.nextDouble() < 0.9;
        private final boolean cancelled = !paid && random.nextDouble() < 0.6;
        private final boolean shipped = paid && random.nextDouble() < 0.92;
        private final boolean delivered = shipped && random.nextDouble() < 0.9;
        private final boolean refunded = paid && random.nextDouble() < 0.06;
        private final boolean disputed = paid && random.nextDouble() < 0.006;
        private final OrderPlacedEvent placed;
        private long orderSequence;
        private long paymentSequence;

        Life(long wave, int index) {
            this.id = prefix + "o-" + wave + "-" + index;
            this.currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
            this.placedAt = start.plusSeconds(secondOf(wave));
            List<OrderLine> lines = new ArrayList<>();
            int count = 1 + (random.nextDouble() < 0.3 ? 1 : 0);
            for (int line = 0; line < count; line++) {
                lines.add(new OrderLine(
                        "sku-" + random.nextInt(5000),
                        CATEGORIES[random.nextInt(CATEGORIES.length)],
                        1 + random.nextInt(3),
                        500 + random.nextInt(20_000)));
            }
            this.total = lines.stream()
                    .mapToLong(line -> line.unitPrice() * line.quantity())
                    .sum();
            double popularity = random.nextDouble();
            this.placed = new OrderPlacedEvent(
                    OrderId.of(id),
                    CustomerId.of(prefix + "c-" + random.nextInt(200_000)),
                    SellerId.of("bs-" + (int) (2000 * popularity * popularity * popularity)),
                    CHANNELS[random.nextInt(CHANNELS.length)],
                    COUNTRIES[random.nextInt(COUNTRIES.length)],
                    lines,
                    money(total),
                    null,
                    placedAt);
        }

        void step(int step, Consumer<DomainEventMessage<?>> sink) {
            PaymentId payment = PaymentId.of(prefix + "p-" + id);
            PaymentInstrument card = new PaymentInstrument(
                    "fp-" + placed.customerId().value(), placed.shippingCountry(), placed.shippingCountry());
            switch (step) {
                case 0 -> order(sink, placed);
                case 1 -> {
                    if (declinedFirst) {
                        sink.accept(new GenericDomainEventMessage<>(
                                "Payment",
                                prefix + "d-" + id,
                                0,
                                new PaymentDeclinedEvent(
                                        PaymentId.of(prefix + "d-" + id),
                                        placed.orderId(),
                                        money(total),
                                        PaymentMethod.CARD,
                                        "insufficient_funds",
                                        card,
                                        at(1))));
                    }
                }
                case 2 -> {
                    if (paid) {
                        payment(
                                sink,
                                payment,
                                new PaymentAuthorizedEvent(
                                        payment, placed.orderId(), money(total), PaymentMethod.CARD, card, at(2)));
                    } else if (cancelled) {
                        order(sink, new OrderCancelledEvent(placed.orderId(), "unpaid", at(30)));
                    }
                }
                case 3 -> {
                    if (paid) {
                        payment(
                                sink,
                                payment,
                                new PaymentCapturedEvent(payment, placed.orderId(), money(total), money(total), at(5)));
                    }
                }
                case 4 -> {
                    if (shipped) {
                        order(sink, new OrderShippedEvent(placed.orderId(), "DHL", "t-" + id, at(600)));
                    }
                }
                case 5 -> {
                    if (delivered) {
                        order(sink, new OrderDeliveredEvent(placed.orderId(), at(3000)));
                    }
                }
                case 6 -> {
                    if (refunded) {
                        refund(sink, payment);
                    }
                }
                default -> {
                    if (disputed) {
                        payment(
                                sink,
                                payment,
                                new DisputeOpenedEvent(
                                        payment,
                                        placed.orderId(),
                                        DisputeId.of(prefix + "dp-" + id),
                                        money(total),
                                        "fraudulent",
                                        at(9000)));
                    }
                }
            }
        }

        private void refund(Consumer<DomainEventMessage<?>> sink, PaymentId payment) {
            RefundId refund = RefundId.of(prefix + "r-" + id);
            long amount = Math.max(1, total / 2);
            Instant at = at(5000);
            payment(sink, payment, new RefundReservedEvent(payment, placed.orderId(), refund, money(amount), at));
            sink.accept(new GenericDomainEventMessage<>(
                    "Refund",
                    refund.value(),
                    0,
                    new RefundRequestedEvent(
                            refund,
                            placed.orderId(),
                            payment,
                            placed.customerId(),
                            money(amount),
                            "damaged",
                            RefundStatus.REQUESTED,
                            at)));
            sink.accept(new GenericDomainEventMessage<>(
                    "Refund",
                    refund.value(),
                    1,
                    new RefundApprovedEvent(refund, placed.orderId(), payment, money(amount), at)));
            payment(sink, payment, new RefundSettledEvent(payment, placed.orderId(), refund, money(amount), at));
            sink.accept(new GenericDomainEventMessage<>(
                    "Refund",
                    refund.value(),
                    2,
                    new RefundCompletedEvent(refund, placed.orderId(), payment, money(amount), at)));
        }

        /**
         * When in the span an order of {@code wave} is placed, in seconds: anywhere ({@link Times#SCATTERED}) or within
         * the wave's slice (a wave beyond those the history was sized for shares the last slice).
         */
        private long secondOf(long wave) {
            double draw = random.nextDouble();
            if (times == Times.SCATTERED) {
                return (long) (draw * span.toSeconds());
            }
            double slice = (double) span.toSeconds() / waves;
            return (long) ((Math.min(wave, waves - 1) + draw) * slice);
        }

        private Instant at(long seconds) {
            return placedAt.plusSeconds(seconds);
        }

        private Money money(long minor) {
            return Money.of(minor, currency);
        }

        private void order(Consumer<DomainEventMessage<?>> sink, Object event) {
            sink.accept(new GenericDomainEventMessage<>("Order", id, orderSequence++, event));
        }

        private void payment(Consumer<DomainEventMessage<?>> sink, PaymentId payment, Object event) {
            sink.accept(new GenericDomainEventMessage<>("Payment", payment.value(), paymentSequence++, event));
        }
    }
}
