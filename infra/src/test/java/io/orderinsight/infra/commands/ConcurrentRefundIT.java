package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static io.orderinsight.infra.support.Commands.requestRefund;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Twenty callers refund one payment at once: together they never get more than it can refund. */
class ConcurrentRefundIT extends ApplicationIT {

    private static final int CALLERS = 20;
    private static final long CAPTURED = 10_000;
    private static final long EACH = 700;

    @ParameterizedTest(name = "with idempotency keys: {0}")
    @ValueSource(booleans = {false, true})
    void neverRefundsMoreThanTheRefundableAmount(boolean withKeys) throws Exception {
        String order = unique("o");
        String payment = unique("p");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", CAPTURED, 1));
        api.post("/api/v1/payments", recordPayment(payment, order, CAPTURED, "USD", "AUTHORIZED"));
        api.post("/api/v1/payments/" + payment + "/capture", amount(CAPTURED));

        List<Reply> replies = refundAtOnce(order, payment, withKeys);

        long accepted = replies.stream().filter(reply -> reply.status() == 201).count();
        assertThat(replies)
                .allSatisfy(reply -> assertThat(reply.status()).as(reply.body()).isIn(201, 409, 422));
        assertThat(replies)
                .filteredOn(reply -> reply.status() != 201)
                .allSatisfy(
                        reply -> assertThat(reply.code()).isIn("REFUND_EXCEEDS_REFUNDABLE", "CONCURRENT_MODIFICATION"));
        assertThat(accepted * EACH).isLessThanOrEqualTo(CAPTURED);
        assertThat(accepted).as("every refund that fits is accepted").isEqualTo(CAPTURED / EACH);
        long reserved = events.eventTypesOf(payment).stream()
                .filter("RefundReservedEvent"::equals)
                .count();
        assertThat(reserved).isEqualTo(accepted);
    }

    private List<Reply> refundAtOnce(String order, String payment, boolean withKeys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                String refund = unique("r");
                Map<String, String> headers = withKeys ? Map.of("Idempotency-Key", refund) : Map.of();
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/refunds", requestRefund(refund, order, payment, EACH), headers);
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
