package io.orderinsight.infra.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderinsight.infra.support.ApplicationIT;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document agrees with the command contract of API.md. */
class OpenApiIT extends ApplicationIT {

    private static final List<String> COMMAND_PATHS = List.of(
            "/api/v1/orders",
            "/api/v1/orders/{orderId}/cancellation",
            "/api/v1/orders/{orderId}/shipment",
            "/api/v1/orders/{orderId}/delivery",
            "/api/v1/payments",
            "/api/v1/payments/{paymentId}/capture",
            "/api/v1/payments/{paymentId}/void",
            "/api/v1/payments/{paymentId}/disputes",
            "/api/v1/payments/{paymentId}/disputes/{disputeId}/resolution",
            "/api/v1/refunds",
            "/api/v1/refunds/{refundId}/approval",
            "/api/v1/refunds/{refundId}/rejection",
            "/api/v1/refunds/{refundId}/completion");

    @Test
    void documentsEveryCommandWithItsResponseAndProblemSchemas() {
        JsonNode document = api.get("/v3/api-docs").json();

        for (String path : COMMAND_PATHS) {
            JsonNode post = document.path("paths").path(path).path("post");
            assertThat(post.isMissingNode()).as(path).isFalse();
            assertThat(post.path("responses").path("200").toString()).contains("CommandResponse");
            assertThat(post.path("responses").path("422").toString()).contains("Problem");
            assertThat(post.path("parameters").toString()).contains("Idempotency-Key");
        }
        assertThat(document.path("components")
                        .path("schemas")
                        .path("Problem")
                        .path("properties")
                        .has("code"))
                .isTrue();
    }
}
