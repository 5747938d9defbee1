package io.orderinsight.infra.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys this node accepts, held only as SHA-256 hashes. Configured keys ({@code orderinsight.security.keys})
 * come with their hashes and roles; with none configured, one key per role is generated into the keys file once (mode
 * 0600; the ADMIN key holds every role) and read back on later starts. Keys are never logged, only the file's path.
 */
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final String SHA256 = "sha256:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    private record Entry(String name, byte[] hash, Set<Role> roles) {}

    /** The configured keys, or the generated ones in {@code keysFile}. */
    public static ApiKeys load(SecuritySettings settings, Path keysFile) {
        if (!settings.keys().isEmpty()) {
            List<Entry> entries = new ArrayList<>();
            settings.keys().forEach((name, key) -> entries.add(configured(name, key)));
            log.info(
                    "API keys: {} configured ({})",
                    entries.size(),
                    settings.keys().keySet());
            return new ApiKeys(entries);
        }
        Map<Role, String> generated = generatedKeys(keysFile);
        List<Entry> entries = new ArrayList<>();
        generated.forEach((role, key) -> entries.add(new Entry(
                role.name().toLowerCase(Locale.ROOT),
                sha256(key),
                role == Role.ADMIN ? EnumSet.allOf(Role.class) : EnumSet.of(role))));
        return new ApiKeys(entries);
    }

    /** The caller a presented key belongs to; empty for an unknown key. */
    public Optional<Caller> authenticate(String presented) {
        byte[] hash = sha256(presented);
        Caller found = null;
        for (Entry entry : entries) {
            // every entry compared in constant time, so the time taken says nothing about which came close
            if (MessageDigest.isEqual(entry.hash, hash)) {
                found = new Caller("key:" + entry.name, entry.roles);
            }
        }
        return Optional.ofNullable(found);
    }

    private static Entry configured(String name, SecuritySettings.Key key) {
        if (key.hash() == null || !key.hash().startsWith(SHA256)) {
            throw new IllegalArgumentException("orderinsight.security.keys." + name
                    + ".hash must be sha256:<64 hex digits> (the SHA-256 of the key, e.g. printf %s KEY | sha256sum)");
        }
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(key.hash().substring(SHA256.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("orderinsight.security.keys." + name + ".hash is not hex", e);
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException("orderinsight.security.keys." + name + ".hash is not a SHA-256");
        }
        if (key.roles() == null || key.roles().isEmpty()) {
            throw new IllegalArgumentException(
                    "orderinsight.security.keys." + name + ".roles must name the key's roles explicitly");
        }
        return new Entry(name, hash, EnumSet.copyOf(key.roles()));
    }

    private static Map<Role, String> generatedKeys(Path file) {
        try {
            Properties stored = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    stored.load(reader);
                }
            }
            Map<Role, String> keys = new java.util.EnumMap<>(Role.class);
            boolean complete = true;
            for (Role role : Role.values()) {
                String key = stored.getProperty(role.name());
                if (key == null || !key.matches("[A-Za-z0-9_-]{32,}")) {
                    complete = false;
                    key = newKey();
                }
                keys.put(role, key);
            }
            if (complete) {
                log.info("API keys: read the generated keys from {}", file.toAbsolutePath());
                return keys;
            }
            write(file, keys);
            log.info(
                    "API keys: no keys configured; one key per role generated into {} (the ADMIN key holds every role)",
                    file.toAbsolutePath());
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the API keys file " + file, e);
        }
    }

    private static void write(Path file, Map<Role, String> keys) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "api-keys", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.warn("cannot restrict {} to its owner on this file system", file);
        }
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write("# Order Insight API keys, one per role; send as Authorization: Bearer <key>\n");
            for (Map.Entry<Role, String> key : keys.entrySet()) {
                writer.write(key.getKey().name() + "=" + key.getValue() + "\n");
            }
        }
        Files.move(
                temporary,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
