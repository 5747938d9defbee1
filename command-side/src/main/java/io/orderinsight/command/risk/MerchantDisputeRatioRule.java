package io.orderinsight.command.risk;

import static io.orderinsight.command.risk.RuleCatalog.DISPUTES_AND_FRAUD;
import static io.orderinsight.command.risk.RuleCatalog.MERCHANT_DISPUTE_RATIO;
import static io.orderinsight.command.risk.RuleCatalog.PREVIOUS_MONTH;

import io.orderinsight.command.risk.Facts.SellerMonthFacts;
import io.orderinsight.domain.payment.DisputeOpenedEvent;
import io.orderinsight.domain.risk.AlertResolvedEvent;
import io.orderinsight.domain.risk.RiskAction;
import io.orderinsight.domain.risk.SubjectType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * merchant-dispute-ratio: a seller's disputes (plus confirmed fraud, if so configured) in a month over the payments it
 * captured that month or the month before. An alert at the ratio with at least {@code min-count}; a warning when the
 * month, with at least {@code warn-share} of the count so far, is projected to reach both by its end at its pace so
 * far (its count so far times the days in the month over the days elapsed, at least one; over the previous month's
 * payments the ratio grows with it, over the month's own it keeps its value), which stands for the next one; and a
 * warning from {@code warn-share} of both. Each once a month.
 */
final class MerchantDisputeRatioRule extends EventRule {

    static final String ALERT = "alert";
    static final String PROJECTED = "projected";
    static final String WARN = "warn";

    MerchantDisputeRatioRule() {
        super(
                MERCHANT_DISPUTE_RATIO,
                Set.of(DisputeOpenedEvent.class, AlertResolvedEvent.class),
                Set.of(FactKind.SELLER_MONTHS));
    }

    @Override
    public Optional<Finding> judge(Remembered facts, Trigger trigger, RuleVersion rule) {
        SellerMonthFacts current = facts.sellerMonth();
        boolean overPrevious = PREVIOUS_MONTH.equals(rule.value("denominator-month"));
        SellerMonthFacts denominatorMonth = !overPrevious
                ? current
                : facts.previousMonth() == null ? new SellerMonthFacts() : facts.previousMonth();
        long numerator =
                current.disputes + (DISPUTES_AND_FRAUD.equals(rule.value("numerator")) ? current.confirmedFraud : 0);
        long denominator = denominatorMonth.capturedPayments;
        if (denominator == 0 || current.alerted.contains(ALERT)) {
            return Optional.empty();
        }
        BigDecimal ratio = BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, RoundingMode.DOWN);
        BigDecimal threshold = rule.decimal("ratio");
        BigDecimal warnShare = rule.decimal("warn-share");
        long minCount = rule.count("min-count");
        boolean warnCount =
                BigDecimal.valueOf(numerator).compareTo(warnShare.multiply(BigDecimal.valueOf(minCount))) >= 0;
        Projection projected = Projection.of(numerator, denominator, overPrevious, trigger.occurredAt());
        String level;
        RiskAction action;
        String detail = "";
        if (numerator >= minCount && ratio.compareTo(threshold) >= 0) {
            level = ALERT;
            action = RiskAction.ALERT;
        } else if (!current.alerted.contains(PROJECTED)
                && warnCount
                && projected.numerator() >= minCount
                && projected.ratio().compareTo(threshold) >= 0) {
            // projected from no fewer disputes than the warning asks for: a few early disputes project nothing
            level = PROJECTED;
            action = RiskAction.WARN;
            detail = "; projected to " + projected.numerator() + " and "
                    + projected.ratio().stripTrailingZeros().toPlainString() + " by the month's end at its pace so far";
        } else if (!current.alerted.contains(WARN)
                // a projected breach stands for the plain warning
                && !current.alerted.contains(PROJECTED)
                && warnCount
                && ratio.compareTo(warnShare.multiply(threshold)) >= 0) {
            level = WARN;
            action = RiskAction.WARN;
        } else {
            return Optional.empty();
        }
        String sellerId = facts.sellerId();
        return Optional.of(new Finding(
                MERCHANT_DISPUTE_RATIO,
                rule.version(),
                SubjectType.SELLER,
                sellerId,
                null,
                sellerId,
                null,
                List.copyOf(current.recentDisputes),
                null,
                action,
                "seller " + sellerId + " in " + facts.month() + ": " + numerator + " " + rule.value("numerator")
                        + " over " + denominator + " captured payments (" + rule.value("denominator-month")
                        + " month) = " + ratio.stripTrailingZeros().toPlainString() + ", threshold "
                        + threshold.toPlainString() + " with at least " + minCount + detail,
                facts.month() + ":" + level));
    }

    /** A month's count and ratio at its end, at the pace of the days elapsed when {@code at} happened. */
    private record Projection(long numerator, BigDecimal ratio) {

        static Projection of(long numerator, long denominator, boolean fixedDenominator, Instant at) {
            YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
            long start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            double elapsed = Math.max(1.0, (at.toEpochMilli() - start) / 86_400_000.0);
            double scale = Math.max(1.0, month.lengthOfMonth() / elapsed);
            long projected = (long) Math.floor(numerator * scale);
            // over the month's own payments both grow at their pace, and the ratio keeps its value
            long over = fixedDenominator ? denominator : (long) Math.floor(denominator * scale);
            return new Projection(
                    projected,
                    BigDecimal.valueOf(projected).divide(BigDecimal.valueOf(Math.max(1, over)), 6, RoundingMode.DOWN));
        }
    }
}
