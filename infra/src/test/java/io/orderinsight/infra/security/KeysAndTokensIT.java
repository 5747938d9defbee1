package io.orderinsight.infra.security;

import static io.orderinsight.infra.support.Commands.placeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.orderinsight.infra.support.Api;
import io.orderinsight.infra.support.RunningApplication;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * With no keys configured the application generates one per role into the keys file (0600), logs only the file's
 * path, and reuses the keys on the next start; JWTs of the configured issuer are accepted with the roles of their
 * {@code roles} claim; the caller's name is recorded in every event's metadata; no key ever reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeysAndTokensIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path keysDir;

    @Test
    void generatesKeysOnceAcceptsTokensRecordsTheCallerAndLogsNoKey(CapturedOutput output) throws Exception {
        KeyPair issuer = rsa();
        KeyPair stranger = rsa();
        Path publicKey = keysDir.resolve("issuer.pub");
        Files.writeString(
                publicKey,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(issuer.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        String[] settings = {"--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey};
        Path keysFile = dataDir.resolve("api-keys.properties");
        Map<String, String> keys;
        try (RunningApplication app = RunningApplication.startWithoutTestKeys(dataDir, settings)) {
            assertThat(Files.getPosixFilePermissions(keysFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            keys = read(keysFile);
            assertThat(keys).containsOnlyKeys("INGEST", "VIEWER", "RISK", "AUDITOR", "ADMIN");
            assertThat(keys.values()).allMatch(key -> key.matches("[A-Za-z0-9_-]{43}"));
            assertThat(output.getAll()).contains(keysFile.toAbsolutePath().toString());

            Api anonymous = app.api().as(null);
            Api admin = anonymous.as(keys.get("ADMIN"));
            assertThat(admin.post("/api/v1/orders", placeOrder("o-keyed", "c-keyed", "USD", 1_000, 1))
                            .status())
                    .isEqualTo(201);
            assertThat(anonymous
                            .as(keys.get("INGEST"))
                            .get("/api/v1/orders/o-keyed")
                            .status())
                    .isEqualTo(403);
            assertThat(anonymous
                            .as("not-" + keys.get("VIEWER"))
                            .get("/api/v1/orders")
                            .status())
                    .isEqualTo(401);

            String token = jwt(
                    issuer, "alice", List.of("INGEST", "VIEWER"), Instant.now().plusSeconds(300));
            Api alice = anonymous.as(token);
            assertThat(alice.post("/api/v1/orders", placeOrder("o-jwt", "c-jwt", "USD", 1_000, 1))
                            .status())
                    .isEqualTo(201);
            assertThat(alice.get("/api/v1/audit/orders/o-jwt/events").status()).isEqualTo(403);
            assertThat(anonymous
                            .as(jwt(
                                    stranger,
                                    "mallory",
                                    List.of("ADMIN"),
                                    Instant.now().plusSeconds(300)))
                            .get("/api/v1/orders")
                            .status())
                    .isEqualTo(401);
            assertThat(anonymous
                            .as(jwt(
                                    issuer,
                                    "alice",
                                    List.of("VIEWER"),
                                    Instant.now().minusSeconds(300)))
                            .get("/api/v1/orders")
                            .status())
                    .isEqualTo(401);

            Api auditor = anonymous.as(keys.get("AUDITOR"));
            Awaitility.await()
                    .until(() ->
                            auditor.get("/api/v1/audit/orders/o-jwt/events").status() == 200);
            assertThat(principals(auditor, "o-keyed")).containsOnly("key:admin");
            assertThat(principals(auditor, "o-jwt")).containsOnly("jwt:alice");
        }

        try (RunningApplication app = RunningApplication.startWithoutTestKeys(dataDir, settings)) {
            assertThat(read(keysFile)).isEqualTo(keys);
            assertThat(app.api()
                            .as(keys.get("VIEWER"))
                            .get("/api/v1/orders/o-keyed")
                            .status())
                    .isEqualTo(200);
        }
        for (String key : keys.values()) {
            assertThat(output.getAll()).doesNotContain(key);
        }
    }

    private static List<String> principals(Api auditor, String order) {
        JsonNode events =
                auditor.get("/api/v1/audit/orders/" + order + "/events").json().path("items");
        List<String> principals = new java.util.ArrayList<>();
        events.forEach(event -> principals.add(event.path("principal").asText()));
        assertThat(principals).isNotEmpty();
        return principals;
    }

    private static Map<String, String> read(Path file) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> keys = new java.util.TreeMap<>();
        properties.forEach((role, key) -> keys.put((String) role, (String) key));
        return keys;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String jwt(KeyPair signer, String subject, List<String> roles, Instant expires) throws Exception {
        SignedJWT token = new SignedJWT(
                new JWSHeader(JWSAlgorithm.RS256),
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .claim("roles", roles)
                        .issueTime(new Date())
                        .expirationTime(Date.from(expires))
                        .build());
        token.sign(new RSASSASigner((RSAPrivateKey) signer.getPrivate()));
        return token.serialize();
    }
}
