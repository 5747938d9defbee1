package io.orderinsight.command.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.domain.customer.PersonalData;
import io.orderinsight.domain.shared.CustomerId;
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
 * commits: a command that fails after sealing takes its key and its sealed data back together. Keys are cached for
 * sealing only, for {@link #CACHE_FOR}, so a key another node destroyed stops sealing within that time; reading always
 * asks PostgreSQL, so erased data is unreadable on every node at once. Erasure empties the key (the row stays, with
 * when); a later order of the same customer gets a new key, which cannot open what the old one sealed.
 */
public class JdbcPersonalDataVault implements PersonalDataVault {

    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CachedKey> keys = new ConcurrentHashMap<>();

    /** How long a key stays cached for sealing. */
    static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(10);

    public JdbcPersonalDataVault(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String seal(CustomerId customerId, PersonalData data) {
        SecretKey key = cachedKey(customerId.value()).orElseGet(() -> createKey(customerId.value()));
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
        Optional<SecretKey> key = storedKey(customerId.value());
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
        } catch (javax.crypto.AEADBadTagException e) {
            // sealed with a key that was destroyed since; the customer's current key cannot open it
            return Optional.empty();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot unseal personal data of customer " + customerId, e);
        }
    }

    @Override
    public boolean destroy(CustomerId customerId) {
        int destroyed = jdbc.update(
                "UPDATE customer_key SET key_bytes = NULL, erased_at = ? WHERE customer_id = ? AND key_bytes IS NOT NULL",
                Timestamp.from(clock.instant()),
                customerId.value());
        keys.remove(customerId.value());
        return destroyed == 1;
    }

    @Override
    public java.util.Set<String> erasedCustomers() {
        return new java.util.HashSet<>(jdbc.queryForList(
                "SELECT customer_id FROM customer_key WHERE key_bytes IS NULL AND erased_at IS NOT NULL",
                String.class));
    }

    private Optional<SecretKey> cachedKey(String customerId) {
        CachedKey cached = keys.get(customerId);
        if (cached != null && cached.until().isAfter(clock.instant())) {
            return Optional.of(cached.key());
        }
        Optional<SecretKey> key = storedKey(customerId);
        key.ifPresent(found -> cacheOnCommit(customerId, found));
        return key;
    }

    private Optional<SecretKey> storedKey(String customerId) {
        List<byte[]> rows = jdbc.queryForList(
                "SELECT key_bytes FROM customer_key WHERE customer_id = ? AND key_bytes IS NOT NULL",
                byte[].class,
                customerId);
        return rows.stream().findFirst().map(bytes -> new SecretKeySpec(bytes, "AES"));
    }

    private record CachedKey(SecretKey key, java.time.Instant until) {}

    private void cacheOnCommit(String customerId, SecretKey key) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keys.put(customerId, new CachedKey(key, clock.instant().plus(CACHE_FOR)));
                }
            });
        } else {
            keys.put(customerId, new CachedKey(key, clock.instant().plus(CACHE_FOR)));
        }
    }

    private SecretKey createKey(String customerId) {
        jdbc.update(
                "INSERT INTO customer_key (customer_id, key_bytes, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (customer_id) DO UPDATE SET key_bytes = EXCLUDED.key_bytes, "
                        + "created_at = EXCLUDED.created_at WHERE customer_key.key_bytes IS NULL",
                customerId,
                newKey().getEncoded(),
                Timestamp.from(clock.instant()));
        return cachedKey(customerId)
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
