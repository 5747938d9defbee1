package io.orderinsight.infra.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.orderinsight.infra.OrderInsightProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real PostgreSQL started in-process when no {@code spring.datasource.url} is configured. Its data lives under
 * {@code <data-dir>/postgres}, so events survive restarts; {@code psql -h localhost -p 5433 -U postgres} inspects it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(OrderInsightProperties properties) throws IOException {
        return start(
                properties.dataDir().resolve("postgres"),
                properties.postgres().embedded().port());
    }

    /** A PostgreSQL server keeping its files in {@code directory} (kept between runs), on {@code port} (0: any). */
    public static EmbeddedPostgres start(Path dataDirectory, int requestedPort) throws IOException {
        Path directory = dataDirectory.toAbsolutePath();
        Files.createDirectories(directory);
        removeStalePidFile(directory);
        int port = requestedPort == 0 ? freePort() : requestedPort;
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", "on")
                .start();
        log.info(
                "embedded PostgreSQL listening on port {} with data in {} (started in {} ms)",
                port,
                directory,
                (System.nanoTime() - started) / 1_000_000);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .driverClassName("org.postgresql.Driver")
                .url(postgres.getJdbcUrl("postgres", "postgres"))
                .username("postgres")
                .build();
        dataSource.setPoolName("orderinsight-embedded");
        return dataSource;
    }

    /** A process killed with -9 leaves postmaster.pid behind; PostgreSQL refuses to start while it names a live pid. */
    private static void removeStalePidFile(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = Files.readAllLines(pidFile).stream()
                .findFirst()
                .map(String::trim)
                .map(Long::valueOf);
        boolean alive =
                pid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            log.warn("removing stale {} left by a process that is gone (pid {})", pidFile, pid.orElse(-1L));
            Files.delete(pidFile);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
