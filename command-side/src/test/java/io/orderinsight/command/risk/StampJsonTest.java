package io.orderinsight.command.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orderinsight.command.risk.Facts.CustomerFacts;
import io.orderinsight.command.risk.Facts.Stamp;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StampJsonTest {

    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Test
    void stampsRoundTripAsArraysKeepingNanosAmountsAndCards() throws JsonProcessingException {
        CustomerFacts customer = new CustomerFacts();
        customer.captures.add(
                new Stamp(Instant.parse("2026-12-01T10:15:30.123456789Z"), "e-1", new BigDecimal("12.50"), null));
        customer.cards.add(new Stamp(Instant.parse("1969-12-31T23:59:59Z"), "e-2", null, "fp-9"));
        customer.lastAlerted.put("refund-abuse", Instant.parse("2026-12-01T11:00:00Z"));

        String body = json.writeValueAsString(customer);
        CustomerFacts read = json.readValue(body, CustomerFacts.class);

        assertThat(body).contains("[1796120130,123456789,\"e-1\",12.50,null]");
        assertThat(read.captures).containsExactlyElementsOf(customer.captures);
        assertThat(read.cards).containsExactlyElementsOf(customer.cards);
        assertThat(read.lastAlerted).isEqualTo(customer.lastAlerted);
    }

    @Test
    void recordsStoredWithStampsAsObjectsStillRead() throws JsonProcessingException {
        String earlier = "{\"refunds\":[{\"at\":\"2026-11-30T08:00:00.5Z\",\"eventId\":\"e-7\",\"amount\":3.10,"
                + "\"card\":null}],\"cards\":[{\"at\":\"2026-11-30T09:00:00Z\",\"eventId\":\"e-8\",\"card\":\"fp-1\"}]}";

        CustomerFacts read = json.readValue(earlier, CustomerFacts.class);

        assertThat(read.refunds)
                .containsExactly(
                        new Stamp(Instant.parse("2026-11-30T08:00:00.5Z"), "e-7", new BigDecimal("3.10"), null));
        assertThat(read.cards).containsExactly(new Stamp(Instant.parse("2026-11-30T09:00:00Z"), "e-8", null, "fp-1"));
    }

    @Test
    void aMalformedStampIsRefusedNotGuessed() {
        assertThatThrownBy(() -> json.readValue(
                        "{\"refunds\":[[1764584130,0,\"e-1\",null,null,\"extra\"]]}", CustomerFacts.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> json.readValue("{\"refunds\":[{\"eventId\":\"e-1\"}]}", CustomerFacts.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("without its time");
    }
}
