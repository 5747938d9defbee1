package io.orderinsight.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "o-1",
                "A",
                "ORDER_2025.03:42",
                "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
            })
    void acceptsOneToSixtyFourLettersDigitsAndSeparators(String value) {
        assertThat(Identifier.requireValid(value, "order id")).isEqualTo(value);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(
            strings = {"o 1", "o/1", "ö-1", "o-1\n", "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_."
            })
    void refusesAnythingElse(String value) {
        assertThatThrownBy(() -> Identifier.requireValid(value, "order id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("order id must be 1-64 characters of [A-Za-z0-9._:-]");
    }

    @Test
    void namesTheKindOfIdItRefuses() {
        assertThatThrownBy(() -> PaymentId.of("p 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("payment id must be 1-64 characters of [A-Za-z0-9._:-], was: p 1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifierTypes")
    void printsTheRawValue(String type, Function<String, Identifier> create) {
        assertThat(create.apply("id-1")).hasToString("id-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifierTypes")
    void refusesAnInvalidValue(String type, Function<String, Identifier> create) {
        assertThatThrownBy(() -> create.apply("not valid")).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> identifierTypes() {
        return Stream.of(
                Arguments.of("CustomerId", (Function<String, Identifier>) CustomerId::of),
                Arguments.of("OrderId", (Function<String, Identifier>) OrderId::of),
                Arguments.of("SellerId", (Function<String, Identifier>) SellerId::of),
                Arguments.of("PaymentId", (Function<String, Identifier>) PaymentId::of),
                Arguments.of("DisputeId", (Function<String, Identifier>) DisputeId::of),
                Arguments.of("RefundId", (Function<String, Identifier>) RefundId::of));
    }
}
