package io.orderinsight.infra.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.orderinsight.infra.OrderInsightProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        clearLeftovers(directory);
        int port = requestedPort == 0 ? freePort() : requestedPort;
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                // the launcher passes -F (fsync off); a later setting wins: acknowledged commands survive a power loss
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                // stopped by its owner (the application context, after everything that uses it has stopped; or the
                // services command), not by a shutdown hook of its own: JVM shutdown hooks run at the same time, and
                // the server stopping under the running processors made them wait 30 s for connections on every stop
                .setRegisterShutdownHook(false)
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

    /**
     * What a process killed with -9 leaves behind: its PostgreSQL still running (the launcher starts the server as a
     * process of its own), or at least its {@code postmaster.pid}, which makes PostgreSQL refuse to start while it
     * names a live pid. A server whose owner is gone — nobody holds the launcher's lock file any more — is shut down
     * (fast: its clients died with the owner) and the start goes on; a server whose owner still runs is left alone, and
     * the start fails on the lock with the launcher's own message.
     */
    private static void clearLeftovers(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = Files.readAllLines(pidFile).stream()
                .findFirst()
                .map(String::trim)
                .map(Long::valueOf);
        // after a reboot the pid may name another program
        Optional<ProcessHandle> server = pid.flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().orElse("postgres").contains("postgres"));
        if (server.isEmpty()) {
            log.warn("removing stale {} left by a process that is gone (pid {})", pidFile, pid.orElse(-1L));
            Files.delete(pidFile);
            return;
        }
        if (ownerRuns(directory)) {
            return;
        }
        long started = System.nanoTime();
        log.warn(
                "stopping the PostgreSQL (pid {}) left running on {} by a process that was killed",
                server.get().pid(),
                directory);
        stop(server.get());
        Files.deleteIfExists(pidFile);
        log.warn(
                "stopped the PostgreSQL left running by a killed process in {} ms",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Whether a live process holds the launcher's lock on {@code directory}. */
    private static boolean ownerRuns(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(
                        directory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    /** SIGINT, PostgreSQL's fast shutdown: open transactions roll back, what was committed is on disk. */
    private static void stop(ProcessHandle server) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(server.pid()))
                    .redirectErrorStream(true)
                    .start();
            kill.waitFor(10, TimeUnit.SECONDS);
            server.onExit().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            log.warn("PostgreSQL (pid {}) did not stop within 60 s of a fast shutdown; killing it", server.pid());
            server.destroyForcibly();
            server.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping a leftover PostgreSQL", e);
        } catch (ExecutionException e) {
            throw new IOException("could not stop the leftover PostgreSQL " + server.pid(), e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
