package io.orderinsight.infra;

import io.orderinsight.infra.security.SecuritySettings;
import io.orderinsight.simulator.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * {@code demo}: the whole system on its embedded defaults, with the deadline rules shortened so that their alerts
 * show within minutes, and the simulator feeding it endless traffic at a modest rate on a ten-minute daily curve, so
 * that the dashboard fills while one watches. Further arguments are the system's ({@code --server.port=…}).
 */
public final class Demo {

    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    /** Demo settings; the arguments given after {@code demo} come later and win. */
    static final List<String> SETTINGS = List.of(
            "--orderinsight.risk.unpaid-order.after=90s",
            "--orderinsight.risk.stale-authorization.after=60s",
            "--orderinsight.risk.merchant-dispute-ratio.min-count=3",
            "--orderinsight.risk.merchant-dispute-ratio.ratio=0.5");

    private Demo() {}

    /** Starts the system with {@code start} (the application's own entry point) and the simulator beside it. */
    public static void run(String[] args, Function<String[], ConfigurableApplicationContext> start) {
        List<String> arguments = new ArrayList<>(SETTINGS);
        arguments.addAll(List.of(args));
        ConfigurableApplicationContext app = start.apply(arguments.toArray(String[]::new));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        SecuritySettings security = app.getBean(SecuritySettings.class);
        Path keys = security.keysFile() != null
                ? security.keysFile()
                : app.getBean(OrderInsightProperties.class).dataDir().resolve("api-keys.properties");
        if (!security.keys().isEmpty()) {
            log.warn("demo: API keys are configured, so the simulator has no key to use; nothing will be simulated");
            return;
        }
        log.info(
                "demo: open http://localhost:{}/ and sign in with the VIEWER (or ADMIN) key from {}",
                port,
                keys.toAbsolutePath());
        Thread simulator = new Thread(
                () -> Simulator.run(
                        new String[] {
                            "--target=http://localhost:" + port,
                            "--keys-file=" + keys,
                            "--orders=0",
                            "--rate=12",
                            "--clients=2",
                            "--patterns-every=250",
                            "--day=PT10M",
                            // nine days of past orders first, so that forecasts and the anomaly rules have weeks to
                            // work on from the start (the live traffic's compressed days run far above them)
                            "--history=P9D",
                            "--history-per-hour=12"
                        },
                        System.out),
                "simulator");
        simulator.setDaemon(true);
        // on stop (Ctrl-C, SIGTERM) the traffic ends first, so that it does not meet a system shutting down
        app.addApplicationListener((ApplicationListener<ContextClosedEvent>) closed -> {
            simulator.interrupt();
            try {
                simulator.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        simulator.start();
    }
}
