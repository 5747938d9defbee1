package io.orderinsight.query;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the {@link AnomalyDetector} every {@code orderinsight.anomaly.every} once a further hour has passed its grace
 * period (so about once an hour, the latest {@code lookback} hours each time: a restart misses none); a failed run is
 * logged and tried again at the next tick.
 */
public class AnomalySchedule {

    private static final Logger log = LoggerFactory.getLogger(AnomalySchedule.class);

    private final AnomalyDetector detector;
    private Instant judged;

    AnomalySchedule(AnomalyDetector detector) {
        this.detector = detector;
    }

    @Scheduled(
            initialDelayString = "${orderinsight.anomaly.every:PT1M}",
            fixedDelayString = "${orderinsight.anomaly.every:PT1M}")
    void judge() {
        Instant last = detector.lastJudged();
        if (last.equals(judged)) {
            return;
        }
        try {
            int findings = detector.judge();
            judged = last;
            if (findings > 0) {
                log.debug("anomaly rules: {} findings raised (raising one again changes nothing)", findings);
            }
        } catch (RuntimeException e) {
            log.warn("anomaly rules: the hours could not be judged this time: {}", e.toString());
        }
    }
}
