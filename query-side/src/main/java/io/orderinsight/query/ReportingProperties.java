package io.orderinsight.query;

import java.math.BigDecimal;
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
}
