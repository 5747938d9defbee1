package io.orderinsight.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderinsight.domain.shared.Money.CurrencyMismatchException;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    private static Money usd(long minor) {
        return Money.of(minor, "USD");
    }

    @Test
    void addsAmountsOfOneCurrency() {
        assertThat(eur(1_500).plus(eur(250))).isEqualTo(eur(1_750));
    }

    @Test
    void subtractsAmountsOfOneCurrency() {
        assertThat(eur(1_500).minus(eur(2_000))).isEqualTo(eur(-500));
    }

    @Test
    void multipliesByAQuantity() {
        assertThat(eur(1_500).times(3)).isEqualTo(eur(4_500));
    }

    @Test
    void refusesToAddAnotherCurrency() {
        assertThatThrownBy(() -> eur(100).plus(usd(100)))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("currency mismatch: EUR vs USD");
    }

    @Test
    void refusesToSubtractAnotherCurrency() {
        assertThatThrownBy(() -> eur(100).minus(usd(100)))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("currency mismatch: EUR vs USD");
    }

    @Test
    void refusesToCompareWithAnotherCurrency() {
        assertThatThrownBy(() -> eur(100).exceeds(usd(1)))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("currency mismatch: EUR vs USD");
    }

    @Test
    void refusesAnAdditionThatOverflows() {
        assertThatThrownBy(() -> eur(Long.MAX_VALUE).plus(eur(1)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("amount overflow: " + Long.MAX_VALUE + " EUR + 1 EUR");
    }

    @Test
    void refusesASubtractionThatOverflows() {
        assertThatThrownBy(() -> eur(Long.MIN_VALUE).minus(eur(1)))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("amount overflow: " + Long.MIN_VALUE + " EUR - 1 EUR");
    }

    @Test
    void refusesAMultiplicationThatOverflows() {
        assertThatThrownBy(() -> eur(Long.MAX_VALUE / 2 + 1).times(2))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageStartingWith("amount overflow: ");
    }

    @Test
    void comparesAmountsOfOneCurrency() {
        assertThat(eur(200)).isGreaterThan(eur(100)).isLessThan(eur(300)).isEqualByComparingTo(eur(200));
    }

    @Test
    void exceedsOnlyALargerAmount() {
        assertThat(eur(200).exceeds(eur(100))).isTrue();
        assertThat(eur(200).exceeds(eur(200))).isFalse();
    }

    @Test
    void picksTheSmallerAmount() {
        assertThat(eur(200).min(eur(100))).isEqualTo(eur(100));
        assertThat(eur(100).min(eur(200))).isEqualTo(eur(100));
    }

    @Test
    void tellsZeroFromPositive() {
        assertThat(Money.zero(Currency.getInstance("EUR")).isZero()).isTrue();
        assertThat(eur(0).isPositive()).isFalse();
        assertThat(eur(1).isPositive()).isTrue();
        assertThat(eur(-1).isPositive()).isFalse();
    }

    @Test
    void requiresACurrency() {
        assertThatThrownBy(() -> new Money(100, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void printsMinorUnitsAndCurrencyCode() {
        assertThat(eur(1_999)).hasToString("1999 EUR");
    }
}
