package io.orderinsight.infra.commands;

import static io.orderinsight.infra.support.Commands.amount;
import static io.orderinsight.infra.support.Commands.placeOrder;
import static io.orderinsight.infra.support.Commands.recordPayment;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class IdempotencyIT extends ApplicationIT {

    @Test
    void answersARetryWithTheFirstAnswerAndStoresNothingNew() {
        String order = unique("o");
        String body = placeOrder(order, unique("c"), "USD", 500, 2);
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
        Reply first = api.post("/api/v1/orders", body, key);
        long stored = events.commandEventCount();

        Reply retry = api.post("/api/v1/orders", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.location()).isEqualTo(first.location());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events.commandEventCount()).isEqualTo(stored);
    }

    @Test
    void answersARetryOfARejectionWithTheSameRejection() {
        String order = unique("o");
        String payment = unique("p");
        api.post("/api/v1/orders", placeOrder(order, unique("c"), "USD", 1000, 1));
        api.post("/api/v1/payments", recordPayment(payment, order, 1000, "USD", "AUTHORIZED"));
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));

        Reply first = api.post("/api/v1/payments/" + payment + "/capture", amount(1500), key);
        Reply retry = api.post("/api/v1/payments/" + payment + "/capture", amount(1500), key);

        assertThat(first.code()).isEqualTo("CAPTURE_EXCEEDS_AUTHORIZED");
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void refusesAKeyReusedWithAnotherBody() {
        String order = unique("o");
        String customer = unique("c");
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
        api.post("/api/v1/orders", placeOrder(order, customer, "USD", 500, 2), key);
        long stored = events.commandEventCount();

        Reply reused = api.post("/api/v1/orders", placeOrder(unique("o"), customer, "USD", 500, 2), key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(events.commandEventCount()).isEqualTo(stored);
    }

    @Test
    void scopesKeysPerCallerAndAnswersDuplicateIdsUnderAnotherKey() {
        String order = unique("o");
        String body = placeOrder(order, unique("c"), "USD", 500, 2);
        api.post("/api/v1/orders", body, Map.of("Idempotency-Key", unique("key")));

        Reply otherKey = api.post("/api/v1/orders", body, Map.of("Idempotency-Key", unique("key")));
        Reply noKey = api.post("/api/v1/orders", body);

        assertThat(otherKey.code()).isEqualTo("DUPLICATE_ID");
        assertThat(noKey.code()).isEqualTo("DUPLICATE_ID");
    }

    @Test
    void letsOneOfManyConcurrentUsesOfAKeyRunAndTheOthersWaitOrReplay() throws Exception {
        String order = unique("o");
        String body = placeOrder(order, unique("c"), "USD", 500, 2);
        Map<String, String> key = Map.of("Idempotency-Key", unique("key"));
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < callers; i++) {
                Callable<Reply> call = () -> {
                    start.await();
                    return api.post("/api/v1/orders", body, key);
                };
                replies.add(pool.submit(call));
            }
            start.countDown();
            List<Reply> answers = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                answers.add(reply.get());
            }

            assertThat(answers).allSatisfy(reply -> assertThat(reply.status()).isIn(201, 409));
            assertThat(answers)
                    .filteredOn(reply -> reply.status() == 409)
                    .allSatisfy(reply -> assertThat(reply.code()).isEqualTo("IDEMPOTENCY_KEY_IN_PROGRESS"));
            assertThat(answers)
                    .filteredOn(reply -> reply.status() == 201)
                    .isNotEmpty()
                    .allSatisfy(reply -> assertThat(reply.version()).isEqualTo(1));
            assertThat(events.eventTypesOf(order)).containsExactly("OrderPlacedEvent");
        } finally {
            pool.shutdownNow();
        }
    }
}
