package io.orderinsight.command.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.domain.customer.CustomerId;
import io.orderinsight.domain.customer.PersonalData;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * AES-256-GCM with one key per customer, kept in the {@code customer_key} table. A sealed value reads
 * {@code v1:<base64(iv ‖ ciphertext ‖ tag)>}; the customer id is bound in as associated data, so a sealed value
 * cannot be moved to another customer. A new key is stored in the caller's transaction and cached only once that
 * commits: a command that fails after sealing takes its key and its sealed data back together.
 */
public class JdbcPersonalDataVault implements PersonalDataVault {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

    public JdbcPersonalDataVault(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String seal(CustomerId customerId, PersonalData data) {
        SecretKey key = findKey(customerId.value()).orElseGet(() -> createKey(customerId.value()));
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(customerId.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(json.writeValueAsBytes(data));
            return PREFIX
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                                    .put(iv)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException | JsonProcessingException e) {
            throw new IllegalStateException("cannot seal personal data of customer " + customerId, e);
        }
    }

    @Override
    public Optional<PersonalData> unseal(CustomerId customerId, String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<SecretKey> key = findKey(customerId.value());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(customerId.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return Optional.of(json.readValue(plain, PersonalData.class));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot unseal personal data of customer " + customerId, e);
        }
    }

    private Optional<SecretKey> findKey(String customerId) {
        SecretKey cached = keys.get(customerId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<byte[]> rows = jdbc.queryForList(
                "SELECT key_bytes FROM customer_key WHERE customer_id = ? AND key_bytes IS NOT NULL",
                byte[].class,
                customerId);
        Optional<SecretKey> key = rows.stream().findFirst().map(bytes -> new SecretKeySpec(bytes, "AES"));
        key.ifPresent(found -> cacheOnCommit(customerId, found));
        return key;
    }

    private void cacheOnCommit(String customerId, SecretKey key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keys.put(customerId, key);
                }
            });
        } else {
            keys.put(customerId, key);
        }
    }

    private SecretKey createKey(String customerId) {
        jdbc.update(
                "INSERT INTO customer_key (customer_id, key_bytes, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (customer_id) DO NOTHING",
                customerId,
                newKey().getEncoded(),
                Timestamp.from(clock.instant()));
        return findKey(customerId)
                .orElseThrow(
                        () -> new IllegalStateException("personal data key of customer " + customerId + " was erased"));
    }

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
