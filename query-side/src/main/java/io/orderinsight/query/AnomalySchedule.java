package io.orderinsight.query;

import io.orderinsight.projections.support.ProjectionNames;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the {@link AnomalyDetector} every {@code orderinsight.anomaly.every} once a further hour has passed its grace
 * period (so about once an hour, the latest {@code lookback} hours each time: a restart misses none); a failed run is
 * logged and tried again at the next tick.
 *
 * <p>An hour is judged only once the insight counters have handled every event stored when it came due (the event
 * store's head at the first tick after its grace period): judged on counters still catching up — after a node's start
 * from an empty read store, or a rebuild — a complete hour would read as a drop and raise false alerts. Until then each
 * tick looks again; the figures the rules read are then the same as if the counters had always been at the head.
 */
public class AnomalySchedule {

    private static final Logger log = LoggerFactory.getLogger(AnomalySchedule.class);

    private final AnomalyDetector detector;
    private final ProjectionClock projections;
    private Instant judged;
    /** The hour that came due last, and the event store's head when it did. */
    private Instant due;

    private long dueHead;

    AnomalySchedule(AnomalyDetector detector, ProjectionClock projections) {
        this.detector = detector;
        this.projections = projections;
    }

    @Scheduled(
            initialDelayString = "${orderinsight.anomaly.every:PT1M}",
            fixedDelayString = "${orderinsight.anomaly.every:PT1M}")
    void judge() {
        Instant last = detector.lastJudged();
        if (last.equals(judged) || !countersHaveReached(last)) {
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

    /** Whether the counters have passed the head the event store had when {@code hour} came due. */
    private boolean countersHaveReached(Instant hour) {
        if (!hour.equals(due)) {
            due = hour;
            dueHead = projections.head();
        }
        long position =
                projections.freshnessOf(List.of(ProjectionNames.INSIGHT)).position();
        if (position >= dueHead) {
            return true;
        }
        log.info(
                "anomaly rules: the hours to {} wait for the insight counters, at position {} of {}",
                hour.plusSeconds(3_600),
                position,
                dueHead);
        return false;
    }
}
