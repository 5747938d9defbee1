package io.orderinsight.domain.shared;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount in integer minor units of an ISO-4217 currency. Arithmetic refuses mixed currencies and overflow, so a
 * wrong total can never be produced silently.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long minor, Currency currency) {
        return new Money(minor, currency);
    }

    public static Money of(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        try {
            return new Money(Math.addExact(minor, other.minor), currency);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("amount overflow: " + this + " + " + other);
        }
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        try {
            return new Money(Math.subtractExact(minor, other.minor), currency);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("amount overflow: " + this + " - " + other);
        }
    }

    public Money times(long factor) {
        try {
            return new Money(Math.multiplyExact(minor, factor), currency);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("amount overflow: " + this + " x " + factor);
        }
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean exceeds(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    @Override
    public String toString() {
        return minor + " " + currency.getCurrencyCode();
    }

    /** Thrown when amounts of two currencies meet in one calculation. */
    public static final class CurrencyMismatchException extends IllegalArgumentException {
        public CurrencyMismatchException(Currency left, Currency right) {
            super("currency mismatch: " + left.getCurrencyCode() + " vs " + right.getCurrencyCode());
        }
    }
}
