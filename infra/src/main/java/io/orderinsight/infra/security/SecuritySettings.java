package io.orderinsight.infra.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.security.*}.
 *
 * @param keys the API keys by name: each its SHA-256 ({@code hash: sha256:<hex>}) and its roles; when none are
 *     configured, one key per role is generated into {@code keysFile}
 * @param keysFile where generated keys are written once and read on later starts; {@code <data-dir>/api-keys.properties}
 *     when not set
 * @param sessionTtl how long a dashboard sign-in lasts
 * @param maxSessionsPerKey dashboard sessions one caller (key or token subject) holds at once; a further sign-in ends
 *     the oldest
 * @param jwtRolesClaim the claim of a JWT that lists the caller's roles
 */
@ConfigurationProperties("orderinsight.security")
public record SecuritySettings(
        Map<String, Key> keys,
        Path keysFile,
        @DefaultValue("PT8H") Duration sessionTtl,
        @DefaultValue("16") int maxSessionsPerKey,
        @DefaultValue("roles") String jwtRolesClaim) {

    /**
     * @param hash {@code sha256:} followed by the hex SHA-256 of the key
     * @param roles the roles this key holds, explicitly
     */
    public record Key(String hash, Set<Role> roles) {}

    public SecuritySettings {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }
}
