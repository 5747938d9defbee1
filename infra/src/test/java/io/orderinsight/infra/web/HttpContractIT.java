package io.orderinsight.infra.web;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.support.Api.Reply;
import io.orderinsight.infra.support.ApplicationIT;
import io.orderinsight.infra.support.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Whatever refuses a request — the servlet container, the firewall, the body limit, the error page — answers
 * problem+json with a code of the contract, and names no class; whoever may GET may HEAD.
 */
class HttpContractIT extends ApplicationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024 * 1024;

    @LocalServerPort
    private int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/v1/orders/o%00",
                "/api/v1/orders/o%2Fx",
                "/api/v1/orders/o;jsessionid=abc",
                "/api/v1//orders",
                "/api/v1/orders/%2e%2e/payments",
                "/api/v1/orders/o%5Cx",
                "/api/v1/orders/o%25",
                "/api/v1/orders/%"
            })
    void refusesOddPathsAsValidationFailures(String path) throws Exception {
        RawReply reply = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestKeys.ALL
                + "\r\nConnection: close\r\n\r\n");

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertProblem(reply, "VALIDATION_FAILED");
    }

    @Test
    void answersTheErrorPathAsAnUnknownPathWithoutCredentials() {
        Reply reply = api.as(null).get("/error");

        assertThat(reply.status()).as(reply.body()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void answersAnUnknownPathAndAWrongMethodWithTheirCodes() {
        Reply unknown = api.get("/api/v1/nothing-here");
        Reply wrongMethod = api.get("/api/v1/orders/some-order/delivery");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.code()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void refusesADeclaredOversizedBodyBeforeReadingIt() throws Exception {
        // headers only: the 10 MB the request announces are never sent, the answer comes anyway
        RawReply reply = raw("POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestKeys.ALL
                + "\r\nContent-Type: application/json\r\nContent-Length: " + 10 * MAX_BODY + "\r\n\r\n{\"orderId\":");

        assertThat(reply.status()).as(reply.text()).isEqualTo(413);
        assertProblem(reply, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void refusesAnOversizedBodyOfUndeclaredLength() throws Exception {
        long before = events.commandEventCount();
        byte[] body = padded(placeOrder(unique("o"), unique("c"), "USD", 100, 1), MAX_BODY + 1000);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + TestKeys.ALL)
                                // a stream of unknown length goes out chunked, without Content-Length
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(events.commandEventCount()).isEqualTo(before);
    }

    @Test
    void acceptsABodyJustUnderTheLimit() {
        String order = unique("o");
        Reply reply = api.post(
                "/api/v1/orders",
                new String(
                        padded(placeOrder(order, unique("c"), "USD", 100, 1), MAX_BODY - 10), StandardCharsets.UTF_8));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    @Test
    void namesTheFieldOfADuplicateKeyOrACoercedNumber() {
        String order = placeOrder(unique("o"), unique("c"), "USD", 100, 1);

        JsonNode duplicate = api.post(
                        "/api/v1/orders", order.replace("\"sku\":\"sku-1\"", "\"sku\":\"a\",\"sku\":\"b\""))
                .json();
        JsonNode decimal = api.post("/api/v1/orders", order.replace("\"unitPrice\":100", "\"unitPrice\":1.5"))
                .json();
        JsonNode trailing = api.post("/api/v1/orders", order + "[]").json();

        assertThat(duplicate.path("errors").get(0).path("field").asText()).isEqualTo("items[0].sku");
        assertThat(duplicate.path("detail").asText()).isEqualTo("items[0].sku appears more than once");
        assertThat(decimal.path("errors").get(0).path("field").asText()).isEqualTo("items[0].unitPrice");
        assertThat(trailing.path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(trailing.path("detail").asText()).isEqualTo("the body has content after its JSON value");
    }

    @Test
    void refusesAPageBeyondTheLargestOffset() {
        Reply overflowing = api.get("/api/v1/orders?page=10737419&size=200");
        Reply largest = api.get("/api/v1/orders?page=10737417&size=200");

        assertThat(overflowing.status()).as(overflowing.body()).isEqualTo(400);
        assertThat(overflowing.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(overflowing.json().path("errors").get(0).path("field").asText())
                .isEqualTo("page");
        assertThat(largest.status()).as(largest.body()).isEqualTo(200);
        assertThat(largest.json().path("items")).isEmpty();
    }

    @Test
    void answersHeadWhereverGetIsAllowed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/api/v1/orders", "/api/v1/insights/overview", "/api/v1/risk/rules", "/")) {
            HttpResponse<Void> head = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .header("Authorization", "Bearer " + TestKeys.BY_ROLE.get("VIEWER"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(200);
        }
    }

    @Test
    void keepsAtMostTheBoundOfSessionsPerKeyEndingTheOldest() throws Exception {
        String key = TestKeys.BY_ROLE.get("AUDITOR");
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            cookies.add(signIn(key));
        }

        assertThat(sessionStatus(cookies.get(0))).isEqualTo(401);
        assertThat(sessionStatus(cookies.get(1))).isEqualTo(200);
        assertThat(sessionStatus(cookies.get(16))).isEqualTo(200);
        assertThat(jdbc().queryForObject(
                                "select count(*) from api_session where caller = 'key:test-auditor'", Integer.class))
                .isEqualTo(16);
    }

    private String signIn(String key) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/session"))
                                .header("Authorization", "Bearer " + key)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private int sessionStatus(String cookie) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/session"))
                                .header("Cookie", cookie)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** {@code json} with spaces before its closing brace, {@code size} bytes in all. */
    private static byte[] padded(String json, int size) {
        String trimmed = json.strip();
        String body = trimmed.substring(0, trimmed.length() - 1) + " ".repeat(size - trimmed.length()) + "}";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private void assertProblem(RawReply reply, String code) throws Exception {
        assertThat(reply.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(reply.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(reply.status());
        assertThat(reply.body())
                .doesNotContain("Exception")
                .doesNotContain("io.orderinsight")
                .doesNotContain("<html");
    }

    /** An answer read off the socket as it came. */
    private record RawReply(String text) {

        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                if (line.toLowerCase().startsWith(name + ":")) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return "";
        }

        String body() {
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            if (header("transfer-encoding").equals("chunked")) {
                // one chunk: its size line, the chunk, the last chunk
                body = body.substring(body.indexOf("\r\n") + 2);
                body = body.substring(0, body.lastIndexOf("}") + 1);
            }
            return body;
        }
    }

    /** Sends {@code request} as written, bypassing any client's own checks of the path, and reads the answer. */
    private RawReply raw(String request) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                String sofar = text.toString();
                int end = sofar.indexOf("\r\n\r\n");
                if (end > 0 && complete(sofar, end)) {
                    break;
                }
            }
            return new RawReply(text.toString());
        }
    }

    private static boolean complete(String text, int headersEnd) {
        String headers = text.substring(0, headersEnd).toLowerCase();
        String body = text.substring(headersEnd + 4);
        int length = headers.indexOf("content-length:");
        if (length >= 0) {
            int lineEnd = headers.indexOf("\r\n", length);
            int expected = Integer.parseInt(headers.substring(length + 15, lineEnd < 0 ? headers.length() : lineEnd)
                    .trim());
            return body.getBytes(StandardCharsets.UTF_8).length >= expected;
        }
        return body.endsWith("0\r\n\r\n");
    }
}
