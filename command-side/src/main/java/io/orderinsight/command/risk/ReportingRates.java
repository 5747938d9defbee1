package io.orderinsight.command.risk;

import io.orderinsight.domain.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.reporting.*} as the rules use it: amounts compared with thresholds are converted into the
 * reporting currency at the configured rates. A currency without a rate counts one to one.
 */
@ConfigurationProperties("orderinsight.reporting")
public record ReportingRates(@DefaultValue("USD") String currency, Map<String, BigDecimal> rates) {

    public ReportingRates {
        rates = rates == null ? Map.of() : Map.copyOf(rates);
    }

    /** {@code money} in major units of the reporting currency. */
    public BigDecimal inReporting(Money money) {
        int digits = Math.max(0, money.currency().getDefaultFractionDigits());
        BigDecimal major = BigDecimal.valueOf(money.minor(), digits);
        if (money.currency().getCurrencyCode().equals(currency)) {
            return major;
        }
        BigDecimal rate = rates.getOrDefault(money.currency().getCurrencyCode(), BigDecimal.ONE);
        return major.multiply(rate).setScale(4, RoundingMode.HALF_EVEN);
    }
}
