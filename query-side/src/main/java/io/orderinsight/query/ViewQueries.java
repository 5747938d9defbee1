package io.orderinsight.query;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.customer.PersonalDataReader;
import io.orderinsight.domain.order.FindOrderQuery;
import io.orderinsight.domain.order.FindOrdersQuery;
import io.orderinsight.domain.order.OrderPaymentStatus;
import io.orderinsight.domain.order.OrderStatus;
import io.orderinsight.domain.payment.FindPaymentQuery;
import io.orderinsight.domain.refund.FindRefundQuery;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.projections.order.OrderViewDocument;
import io.orderinsight.projections.order.OrderViewProjection;
import io.orderinsight.projections.order.PaymentEntry;
import io.orderinsight.projections.payment.PaymentViewDocument;
import io.orderinsight.projections.payment.PaymentViewProjection;
import io.orderinsight.projections.refund.RefundViewDocument;
import io.orderinsight.projections.refund.RefundViewProjection;
import io.orderinsight.projections.risk.OrderAlert;
import io.orderinsight.projections.risk.RiskCollections;
import io.orderinsight.projections.risk.RiskCollections.OrderAlerts;
import io.orderinsight.projections.support.ProjectionNames;
import io.orderinsight.projections.support.VersionedDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Query handlers of the views: one view each of an order, a payment and a refund, and paged order lists, read from the
 * projections' documents.
 * An order's money is the sum of its payments' entries in its own document.
 */
@Component
public class ViewQueries {
    private final ReadModels readModels;
    private final PersonalDataReader personalData;

    private MongoCollection<Document> orders() {
        return readModels.collection(ProjectionNames.VIEWS, OrderViewProjection.COLLECTION);
    }

    private MongoCollection<Document> orderAlerts() {
        return readModels.collection(ProjectionNames.VIEWS, RiskCollections.ORDER_ALERTS);
    }

    private MongoCollection<Document> payments() {
        return readModels.collection(ProjectionNames.VIEWS, PaymentViewProjection.COLLECTION);
    }

    private MongoCollection<Document> refunds() {
        return readModels.collection(ProjectionNames.VIEWS, RefundViewProjection.COLLECTION);
    }

    private static final List<String> ORDER_PROJECTIONS = List.of(ProjectionNames.VIEWS);

    private final ProjectionClock clock;

    public ViewQueries(ReadModels readModels, ProjectionClock clock, PersonalDataReader personalData) {
        this.readModels = readModels;
        this.clock = clock;
        this.personalData = personalData;
    }

    /** A page of order views (see {@link Page}); a type of its own, as query response types are matched by class. */
    public record OrderPage(List<OrderView> items, int page, int size, long total, Freshness freshness) {}

    /** An order with the money of its payments and refunds summed, and the payment status that money implies. */
    public record OrderView(
            String orderId,
            String customerId,
            String sellerId,
            String channel,
            String shippingCountry,
            String currency,
            String status,
            OrderPaymentStatus paymentStatus,
            long total,
            long authorized,
            long captured,
            long refunded,
            long refundsInFlight,
            long disputed,
            int itemCount,
            Instant placedAt,
            Instant cancelledAt,
            Instant shippedAt,
            Instant deliveredAt,
            List<String> paymentIds,
            List<String> refundIds,
            List<String> riskFlags,
            Customer customer,
            long version,
            Freshness freshness) {}

    /**
     * The customer's personal data sent with the order, read with the customer's key: {@code status} AVAILABLE with
     * the fields, or ERASED with none once the key was destroyed. Shown on a single order, not in lists.
     */
    public record Customer(String status, String email, String name, String line1, String city, String postalCode) {

        static final Customer ERASED = new Customer("ERASED", null, null, null, null, null);

        static Customer of(PersonalData data) {
            return new Customer("AVAILABLE", data.email(), data.name(), data.line1(), data.city(), data.postalCode());
        }
    }

    public record PaymentView(
            String paymentId,
            String orderId,
            String status,
            String method,
            String currency,
            long authorized,
            long captured,
            long voided,
            long refunded,
            long refundsInFlight,
            long disputed,
            long refundable,
            String declineReason,
            List<String> riskFlags,
            long version,
            Freshness freshness) {}

    public record RefundView(
            String refundId,
            String orderId,
            String paymentId,
            String customerId,
            String currency,
            long amount,
            String reason,
            String status,
            Instant requestedAt,
            List<String> riskFlags,
            long version,
            Freshness freshness) {}

    @QueryHandler
    public Optional<OrderView> handle(FindOrderQuery query) {
        Freshness freshness = clock.freshnessOf(ORDER_PROJECTIONS);
        return Optional.ofNullable(
                        orders().find(eq(VersionedDocuments.ID, query.orderId().value()))
                                .first())
                .map(order -> orderView(
                        order, customerOf(order), riskFlags(order.getString(VersionedDocuments.ID)), freshness));
    }

    private Customer customerOf(Document order) {
        OrderViewDocument view = OrderViewDocument.of(order);
        if (view.sealedPersonalData() == null) {
            return null;
        }
        return personalData
                .unseal(CustomerId.of(view.customerId()), view.sealedPersonalData())
                .map(Customer::of)
                .orElse(Customer.ERASED);
    }

    @QueryHandler
    public OrderPage handle(FindOrdersQuery query) {
        int page = query.page();
        int size = query.size();
        List<Bson> filters = new ArrayList<>();
        if (query.customerId() != null) {
            filters.add(eq(OrderViewDocument.CUSTOMER_ID, query.customerId().value()));
        }
        if (query.sellerId() != null) {
            filters.add(eq(OrderViewDocument.SELLER_ID, query.sellerId().value()));
        }
        if (query.status() != null) {
            filters.add(eq(OrderViewDocument.STATUS, query.status().name()));
        }
        if (query.from() != null) {
            filters.add(Filters.gte(OrderViewDocument.PLACED_AT, Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt(OrderViewDocument.PLACED_AT, Date.from(query.to())));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        Freshness freshness = clock.freshnessOf(ORDER_PROJECTIONS);
        List<Document> found = orders().find(filter)
                .sort(Sorts.descending(OrderViewDocument.PLACED_AT))
                .skip(page * size)
                .limit(size)
                .into(new ArrayList<>());
        Map<String, List<String>> flags = riskFlags(found.stream()
                .map(order -> order.getString(VersionedDocuments.ID))
                .toList());
        List<OrderView> items = found.stream()
                .map(order -> orderView(
                        order, null, flags.getOrDefault(order.getString(VersionedDocuments.ID), List.of()), freshness))
                .toList();
        return new OrderPage(items, page, size, orders().countDocuments(filter), freshness);
    }

    private static OrderView orderView(Document order, Customer customer, List<String> riskFlags, Freshness freshness) {
        OrderViewDocument view = OrderViewDocument.of(order);
        PaymentEntry paid = view.paid();
        String status = view.status().name();
        return new OrderView(
                order.getString(VersionedDocuments.ID),
                view.customerId(),
                view.sellerId(),
                view.channel(),
                view.shippingCountry(),
                view.currency(),
                status,
                paymentStatus(status, view.total(), paid.captured() - paid.refunded()),
                view.total(),
                paid.authorized(),
                paid.captured(),
                paid.refunded(),
                paid.refundsInFlight(),
                paid.disputed(),
                view.items(),
                view.placedAt(),
                view.cancelledAt(),
                view.shippedAt(),
                view.deliveredAt(),
                List.copyOf(view.payments().keySet()),
                view.refundIds(),
                riskFlags,
                customer,
                order.getLong(VersionedDocuments.VERSION),
                freshness);
    }

    @QueryHandler
    public Optional<PaymentView> handle(FindPaymentQuery query) {
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.VIEWS));
        String paymentId = query.paymentId().value();
        Document payment = payments().find(eq(VersionedDocuments.ID, paymentId)).first();
        if (payment == null) {
            return Optional.empty();
        }
        PaymentViewDocument view = PaymentViewDocument.of(payment);
        return Optional.of(new PaymentView(
                paymentId,
                view.orderId(),
                view.status().name(),
                view.method(),
                view.currency(),
                view.authorized(),
                view.captured(),
                view.voided(),
                view.refunded(),
                view.refundsInFlight(),
                view.disputed(),
                view.refundable(),
                view.declineReason(),
                riskFlags(view.orderId()),
                payment.getLong(VersionedDocuments.VERSION),
                freshness));
    }

    @QueryHandler
    public Optional<RefundView> handle(FindRefundQuery query) {
        Freshness freshness = clock.freshnessOf(List.of(ProjectionNames.VIEWS));
        String refundId = query.refundId().value();
        Document refund = refunds().find(eq(VersionedDocuments.ID, refundId)).first();
        if (refund == null) {
            return Optional.empty();
        }
        RefundViewDocument view = RefundViewDocument.of(refund);
        return Optional.of(new RefundView(
                refundId,
                view.orderId(),
                view.paymentId(),
                view.customerId(),
                view.currency(),
                view.amount(),
                view.reason(),
                view.status().name(),
                view.requestedAt(),
                riskFlags(view.orderId()),
                refund.getLong(VersionedDocuments.VERSION),
                freshness));
    }

    /** The rules of the order's open alerts, each once, in order: the risk flags of its views and its payments'. */
    private List<String> riskFlags(String orderId) {
        return orderId == null ? List.of() : riskFlags(List.of(orderId)).getOrDefault(orderId, List.of());
    }

    /** The risk flags of each of {@code orderIds} that has any, read at once. */
    private Map<String, List<String>> riskFlags(List<String> orderIds) {
        Map<String, List<String>> flags = new java.util.HashMap<>();
        if (orderIds.isEmpty()) {
            return flags;
        }
        for (Document order : orderAlerts().find(Filters.in(VersionedDocuments.ID, orderIds))) {
            Document alerts = order.get(OrderAlerts.ALERTS, Document.class);
            List<String> open = (alerts == null ? new Document() : alerts)
                    .values().stream()
                            .map(alert -> OrderAlert.of((Document) alert))
                            .filter(OrderAlert::open)
                            .map(OrderAlert::ruleId)
                            .distinct()
                            .sorted()
                            .toList();
            flags.put(order.getString(VersionedDocuments.ID), open);
        }
        return flags;
    }

    /** What the captured money, net of refunds, says about an order. */
    static OrderPaymentStatus paymentStatus(String orderStatus, long total, long netCaptured) {
        if (OrderStatus.CANCELLED.name().equals(orderStatus) && netCaptured > 0) {
            return OrderPaymentStatus.REFUND_DUE;
        }
        if (netCaptured <= 0) {
            return OrderPaymentStatus.UNPAID;
        }
        if (netCaptured < total) {
            return OrderPaymentStatus.PARTIALLY_PAID;
        }
        return netCaptured == total ? OrderPaymentStatus.PAID : OrderPaymentStatus.OVERPAID;
    }
}
