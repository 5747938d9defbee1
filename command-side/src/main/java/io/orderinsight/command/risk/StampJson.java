package io.orderinsight.command.risk;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.orderinsight.command.risk.Facts.Stamp;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * How a {@link Stamp} is stored inside the rules' fact records: a five-element array {@code [epochSecond, nano,
 * eventId, amount, card]}. The records of busy customers hold hundreds of stamps and are rewritten whenever one of
 * them changes, so the form avoids writing and parsing an ISO timestamp and four field names per stamp. Records
 * stored before this form (one object per stamp, {@code at} as ISO text) still read.
 */
final class StampJson {

    private StampJson() {}

    static final class Writer extends StdSerializer<Stamp> {

        Writer() {
            super(Stamp.class);
        }

        @Override
        public void serialize(Stamp stamp, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartArray(stamp, 5);
            out.writeNumber(stamp.at().getEpochSecond());
            out.writeNumber(stamp.at().getNano());
            out.writeString(stamp.eventId());
            if (stamp.amount() == null) {
                out.writeNull();
            } else {
                out.writeNumber(stamp.amount());
            }
            out.writeString(stamp.card());
            out.writeEndArray();
        }
    }

    static final class Reader extends StdDeserializer<Stamp> {

        Reader() {
            super(Stamp.class);
        }

        @Override
        public Stamp deserialize(JsonParser in, DeserializationContext context) throws IOException {
            if (in.currentToken() == JsonToken.START_OBJECT) {
                return ofObject(in, context);
            }
            if (in.currentToken() != JsonToken.START_ARRAY) {
                return (Stamp) context.handleUnexpectedToken(Stamp.class, in);
            }
            in.nextToken();
            long seconds = in.getLongValue();
            in.nextToken();
            int nanos = in.getIntValue();
            String eventId = in.nextTextValue();
            BigDecimal amount = in.nextToken() == JsonToken.VALUE_NULL ? null : in.getDecimalValue();
            String card = in.nextTextValue();
            if (in.nextToken() != JsonToken.END_ARRAY) {
                return (Stamp) context.handleUnexpectedToken(Stamp.class, in);
            }
            return new Stamp(Instant.ofEpochSecond(seconds, nanos), eventId, amount, card);
        }

        /** The earlier form: {@code {"at": "2026-…Z", "eventId": …, "amount": …, "card": …}}, read field by field. */
        private static Stamp ofObject(JsonParser in, DeserializationContext context) throws IOException {
            Instant at = null;
            String eventId = null;
            BigDecimal amount = null;
            String card = null;
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                boolean absent = value == JsonToken.VALUE_NULL;
                switch (field) {
                    case "at" -> at = absent ? null : Instant.parse(in.getText());
                    case "eventId" -> eventId = absent ? null : in.getText();
                    case "amount" -> amount = absent ? null : in.getDecimalValue();
                    case "card" -> card = absent ? null : in.getText();
                    default -> in.skipChildren();
                }
            }
            if (at == null) {
                return (Stamp)
                        context.reportInputMismatch(Stamp.class, "a stored stamp without its time (event %s)", eventId);
            }
            return new Stamp(at, eventId, amount, card);
        }
    }
}
