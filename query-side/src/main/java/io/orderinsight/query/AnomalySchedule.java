package io.orderinsight.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs the {@link AnomalyDetector} every {@code orderinsight.anomaly.every}; a failed run is logged and tried again. */
public class AnomalySchedule {

    private static final Logger log = LoggerFactory.getLogger(AnomalySchedule.class);

    private final AnomalyDetector detector;

    AnomalySchedule(AnomalyDetector detector) {
        this.detector = detector;
    }

    @Scheduled(
            initialDelayString = "${orderinsight.anomaly.every:PT1M}",
            fixedDelayString = "${orderinsight.anomaly.every:PT1M}")
    void judge() {
        try {
            int findings = detector.judge();
            if (findings > 0) {
                log.debug("anomaly rules: {} findings raised (raising one again changes nothing)", findings);
            }
        } catch (RuntimeException e) {
            log.warn("anomaly rules: the hours could not be judged this time: {}", e.toString());
        }
    }
}
