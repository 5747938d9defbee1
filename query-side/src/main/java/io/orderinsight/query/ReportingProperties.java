package io.orderinsight.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code orderinsight.reporting.*}: the currency of combined figures and the rates into it.
 *
 * @param currency ISO-4217 code of combined figures
 * @param rates units of the reporting currency per unit of each other currency, e.g. {@code rates.EUR=1.08}
 */
@ConfigurationProperties("orderinsight.reporting")
public record ReportingProperties(@DefaultValue("USD") String currency, Map<String, BigDecimal> rates) {

    public ReportingProperties {
        rates = rates == null ? Map.of() : Map.copyOf(rates);
    }

    /** Units of the reporting currency per unit of {@code code}; null when no rate is configured. */
    public BigDecimal rateOf(String code) {
        return code.equals(currency) ? BigDecimal.ONE : rates.get(code);
    }

    /** Minor units of the reporting currency per minor unit of {@code code}, exactly; null when it has no rate. */
    public BigDecimal factorOf(String code) {
        BigDecimal rate = rateOf(code);
        if (rate == null) {
            return null;
        }
        int from = Currency.getInstance(code).getDefaultFractionDigits();
        int to = Currency.getInstance(currency).getDefaultFractionDigits();
        return rate.movePointRight(to - from);
    }

    /** {@code minor} units of {@code code} in minor units of the reporting currency, rounded half-even. */
    public long convert(long minor, String code) {
        return BigDecimal.valueOf(minor)
                .multiply(factorOf(code))
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
