package io.orderinsight.query;

import io.orderinsight.domain.order.FindOrderQuery;
import io.orderinsight.domain.order.FindOrdersQuery;
import io.orderinsight.domain.order.OrderStatus;
import io.orderinsight.domain.payment.FindPaymentQuery;
import io.orderinsight.domain.refund.FindRefundQuery;
import io.orderinsight.domain.shared.CustomerId;
import io.orderinsight.domain.shared.OrderId;
import io.orderinsight.domain.shared.PaymentId;
import io.orderinsight.domain.shared.RefundId;
import io.orderinsight.domain.shared.SellerId;
import io.orderinsight.query.ViewQueries.OrderPage;
import io.orderinsight.query.ViewQueries.OrderView;
import io.orderinsight.query.ViewQueries.PaymentView;
import io.orderinsight.query.ViewQueries.RefundView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The views over HTTP: parameters checked here, answers from the query handlers through Axon's query bus. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class ViewQueryController {

    private final QueryGateway queries;
    private final QueryWindows windows;

    public ViewQueryController(QueryGateway queries, QueryWindows windows) {
        this.queries = queries;
        this.windows = windows;
    }

    @GetMapping("/orders/{orderId}")
    public OrderView order(@PathVariable String orderId) {
        ViewNotFoundException notFound =
                new ViewNotFoundException("ORDER_NOT_FOUND", "order " + orderId + " not found");
        return Parameters.one(
                queries,
                new FindOrderQuery(Parameters.idOr(notFound, () -> OrderId.of(orderId))),
                OrderView.class,
                notFound);
    }

    @GetMapping("/orders")
    public OrderPage orders(
            @RequestParam(required = false) String customerId,
            @RequestParam(required = false) String sellerId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) int size) {
        Page.check(page, size);
        Window window = windows.of(from, to);
        FindOrdersQuery query = new FindOrdersQuery(
                customerId == null ? null : Parameters.id("customerId", () -> CustomerId.of(customerId)),
                sellerId == null ? null : Parameters.id("sellerId", () -> SellerId.of(sellerId)),
                status == null ? null : Parameters.enumValue(OrderStatus.class, "status", status),
                window.from(),
                window.to(),
                page,
                size);
        return queries.query(query, ResponseTypes.instanceOf(OrderPage.class)).join();
    }

    @GetMapping("/payments/{paymentId}")
    public PaymentView payment(@PathVariable String paymentId) {
        ViewNotFoundException notFound =
                new ViewNotFoundException("PAYMENT_NOT_FOUND", "payment " + paymentId + " not found");
        return Parameters.one(
                queries,
                new FindPaymentQuery(Parameters.idOr(notFound, () -> PaymentId.of(paymentId))),
                PaymentView.class,
                notFound);
    }

    @GetMapping("/refunds/{refundId}")
    public RefundView refund(@PathVariable String refundId) {
        ViewNotFoundException notFound =
                new ViewNotFoundException("REFUND_NOT_FOUND", "refund " + refundId + " not found");
        return Parameters.one(
                queries,
                new FindRefundQuery(Parameters.idOr(notFound, () -> RefundId.of(refundId))),
                RefundView.class,
                notFound);
    }
}
