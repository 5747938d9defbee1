package io.orderinsight.infra.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API keys the tests configure: one holding every role (what {@link Api} sends unless told otherwise) and one per
 * role, as {@code orderinsight.security.keys.<name>.hash} and {@code .roles}.
 */
public final class TestKeys {

    public static final String ALL = "test-key-all-roles-0123456789abcdef";

    /** A key for each role, holding that role alone. */
    public static final Map<String, String> BY_ROLE = new LinkedHashMap<>();

    static {
        for (String role : List.of("INGEST", "VIEWER", "RISK", "AUDITOR", "ADMIN")) {
            BY_ROLE.put(role, "test-key-" + role.toLowerCase() + "-0123456789abcdef");
        }
    }

    private TestKeys() {}

    /** The configuration of every test key, as {@code key=value} pairs. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("orderinsight.security.keys.test-all.hash", hash(ALL));
        properties.put("orderinsight.security.keys.test-all.roles", String.join(",", BY_ROLE.keySet()));
        BY_ROLE.forEach((role, key) -> {
            String name = "test-" + role.toLowerCase();
            properties.put("orderinsight.security.keys." + name + ".hash", hash(key));
            properties.put("orderinsight.security.keys." + name + ".roles", role);
        });
        return properties;
    }

    /** The same as command-line arguments. */
    public static List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        properties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    public static String hash(String key) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
