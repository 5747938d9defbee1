package io.orderinsight.infra.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.TestKeys;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application maps, called with no credentials, with a bad key, and with a key of each role:
 * 401 without a valid credential (an open endpoint needs none, but one that is sent must be valid), 403 for a role
 * the endpoint does not allow, and neither (nor a 5xx) for one it allows. The
 * endpoints come from the application's own request mappings, so an endpoint added without a row here fails.
 */
class EndpointRolesIT extends ApplicationIT {

    /** Callable without credentials; a credential that is sent must still be valid. */
    private static final String OPEN = "OPEN";

    private static final String ANY = "ANY";

    /** Who may call each endpoint: roles, OPEN (no credentials needed) or ANY (any valid credential). */
    private static final Map<String, Set<String>> EXPECTED = new LinkedHashMap<>();

    static {
        allow("POST /api/v1/orders", "INGEST");
        allow("POST /api/v1/orders/{orderId}/cancellation", "INGEST");
        allow("POST /api/v1/orders/{orderId}/shipment", "INGEST");
        allow("POST /api/v1/orders/{orderId}/delivery", "INGEST");
        allow("POST /api/v1/payments", "INGEST");
        allow("POST /api/v1/payments/{paymentId}/capture", "INGEST");
        allow("POST /api/v1/payments/{paymentId}/void", "INGEST");
        allow("POST /api/v1/payments/{paymentId}/disputes", "INGEST");
        allow("POST /api/v1/payments/{paymentId}/disputes/{disputeId}/resolution", "INGEST");
        allow("POST /api/v1/refunds", "INGEST");
        allow("POST /api/v1/refunds/{refundId}/approval", "INGEST", "RISK");
        allow("POST /api/v1/refunds/{refundId}/rejection", "INGEST", "RISK");
        allow("POST /api/v1/refunds/{refundId}/completion", "INGEST");
        allow("POST /api/v1/alerts/{alertId}/resolution", "RISK");
        allow("PUT /api/v1/risk/rules/{ruleId}", "RISK");
        allow("POST /api/v1/admin/rules/{ruleId}/backtest", "RISK");
        allow("GET /api/v1/orders", "VIEWER");
        allow("GET /api/v1/orders/{orderId}", "VIEWER");
        allow("GET /api/v1/payments/{paymentId}", "VIEWER");
        allow("GET /api/v1/refunds/{refundId}", "VIEWER");
        allow("GET /api/v1/insights/overview", "VIEWER");
        allow("GET /api/v1/status", "VIEWER");
        allow("GET /api/v1/insights/sales", "VIEWER");
        allow("GET /api/v1/insights/funnel", "VIEWER");
        allow("GET /api/v1/insights/attribution", "VIEWER");
        allow("GET /api/v1/insights/forecast", "VIEWER");
        allow("GET /api/v1/insights/losses", "VIEWER");
        allow("GET /api/v1/insights/sellers/{sellerId}", "VIEWER");
        allow("GET /api/v1/customers/{customerId}/risk", "VIEWER");
        allow("GET /api/v1/risk/rules", "VIEWER");
        allow("GET /api/v1/alerts", "VIEWER");
        allow("GET /api/v1/alerts/{alertId}", "VIEWER");
        allow("GET /api/v1/stream", "VIEWER");
        allow("GET /api/v1/audit/orders/{orderId}/events", "AUDITOR");
        allow("GET /api/v1/audit/orders/{orderId}/state", "AUDITOR");
        allow("GET /api/v1/audit/access-log", "AUDITOR");
        allow("GET /api/v1/audit/verification", "AUDITOR");
        allow("GET /api/v1/audit/checkpoints", "AUDITOR");
        allow("GET /api/v1/audit/export", "AUDITOR");
        allow("GET /api/v1/audit/insights/overview", "AUDITOR");
        allow("GET /api/v1/jobs/{jobId}", "ADMIN", "RISK", "AUDITOR");
        allow("GET /api/v1/admin/projections", "ADMIN");
        allow("GET /api/v1/admin/processors", "ADMIN");
        allow("POST /api/v1/admin/projections/{name}/rebuild", "ADMIN");
        allow("POST /api/v1/admin/projections/{name}/drift", "ADMIN");
        allow("POST /api/v1/admin/projections/{name}/segments/{segment}/split", "ADMIN");
        allow("POST /api/v1/admin/projections/{name}/segments/{segment}/merge", "ADMIN");
        allow("GET /api/v1/admin/dead-letters", "ADMIN");
        allow("POST /api/v1/admin/dead-letters/{id}/retry", "ADMIN");
        allow("GET /actuator/prometheus", "ADMIN");
        allow("POST /api/v1/customers/{customerId}/erasure", "ADMIN");
        allow("GET /api/v1/schemas/events", ANY);
        allow("GET /api/v1/schemas/events/{ceType}", ANY);
        allow("GET /api/v1/session", ANY);
        allow("POST /api/v1/session", ANY);
        allow("DELETE /api/v1/session", ANY);
        allow("GET /actuator/health", OPEN);
        allow("GET /v3/api-docs", OPEN);
        allow("GET /v3/api-docs.yaml", OPEN);
        allow("GET /v3/api-docs/swagger-config", OPEN);
        allow("GET /swagger-ui.html", OPEN);
        allow("GET /error", OPEN);
    }

    private static void allow(String endpoint, String... roles) {
        EXPECTED.put(endpoint, Set.of(roles));
    }

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyMappedEndpointHasARuleInTheMatrix() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    mapped.add(method.name() + " " + pattern);
                }
            }
        }
        Set<String> missing = new TreeSet<>(mapped);
        missing.removeAll(EXPECTED.keySet());
        assertThat(missing).as("endpoints without a row in the role matrix").isEmpty();
        Set<String> stale = new TreeSet<>(EXPECTED.keySet());
        stale.removeAll(mapped);
        stale.removeIf(endpoint -> endpoint.startsWith("GET /actuator/"));
        assertThat(stale).as("rows for endpoints that are no longer mapped").isEmpty();
    }

    @Test
    void eachEndpointAnswersEachRoleAsTheMatrixSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, Set<String>> row : EXPECTED.entrySet()) {
            String method = row.getKey().substring(0, row.getKey().indexOf(' '));
            String path = row.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", "matrix-x");
            Set<String> allowed = row.getValue();
            if (path.equals("/error")) {
                continue; // the servlet container's error dispatch target, not an endpoint of ours
            }
            Map<String, String> credentials = new LinkedHashMap<>();
            credentials.put("none", null);
            credentials.put("unknown key", "no-such-key-0123456789");
            credentials.put("malformed header", "");
            TestKeys.BY_ROLE.forEach(credentials::put);
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                boolean valid = TestKeys.BY_ROLE.containsKey(credential.getKey());
                int status = call(method, path, credential.getValue());
                int expected;
                if (allowed.contains(OPEN) && credential.getValue() == null) {
                    expected = -1;
                } else if (!valid) {
                    expected = 401;
                } else if (allowed.contains(OPEN) || allowed.contains(ANY) || allowed.contains(credential.getKey())) {
                    expected = -1;
                } else {
                    expected = 403;
                }
                boolean right = expected == -1 ? status != 401 && status != 403 && status < 500 : status == expected;
                if (!right) {
                    wrong.add(row.getKey() + " as " + credential.getKey() + ": " + status
                            + (expected == -1 ? " (allowed)" : " (expected " + expected + ")"));
                }
            }
        }
        assertThat(wrong).isEmpty();
        // what a refusal looks like
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(json.readTree(refused.body()).path("code").asText()).isEqualTo("UNAUTHORIZED");
        HttpResponse<String> forbidden = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/checkpoints"))
                        .header("Authorization", "Bearer " + TestKeys.BY_ROLE.get("VIEWER"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forbidden.body()).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(forbidden.body()).doesNotContain("Exception").doesNotContain("io.orderinsight");
    }

    /** The status only: the body is not read (the stream never ends). */
    private int call(String method, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        method.equals("GET") || method.equals("DELETE")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", key.isEmpty() ? "Basic Zm9vOmJhcg==" : "Bearer " + key);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }
}
