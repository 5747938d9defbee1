package io.orderinsight.infra.support;

import io.orderinsight.infra.OrderInsightApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The application started and stopped by a test, for tests about restarts and deployment shapes. */
public final class RunningApplication implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningApplication(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The application with the test keys ({@link TestKeys}) configured. */
    public static RunningApplication start(Path dataDir, String... extraArgs) {
        List<String> args = new ArrayList<>(TestKeys.arguments());
        args.addAll(List.of(extraArgs));
        return startWithoutTestKeys(dataDir, args.toArray(String[]::new));
    }

    /** The application with only {@code extraArgs}: with no keys among them, it generates its own. */
    public static RunningApplication startWithoutTestKeys(Path dataDir, String... extraArgs) {
        // a missing directory would be "null", a directory of that name in the module: stores left behind in the tree
        Objects.requireNonNull(dataDir, "the data directory of the application under test");
        List<String> args = new ArrayList<>(List.of(
                "--orderinsight.data-dir=" + dataDir,
                "--orderinsight.postgres.embedded.port=0",
                "--orderinsight.mongo.embedded.port=0",
                "--orderinsight.kafka.embedded.port=0",
                "--server.port=0"));
        args.addAll(List.of(extraArgs));
        return new RunningApplication(
                new SpringApplicationBuilder(OrderInsightApplication.class).run(args.toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public Api api() {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Override
    public void close() {
        context.close();
    }
}
