package io.orderinsight.infra.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.orderinsight.domain.shared.Identifier;
import java.io.IOException;
import java.lang.reflect.Constructor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Typed ids travel as plain strings in JSON, in the event store and on the wire alike. What comes in from outside
 * (HTTP bodies, Kafka command records) is read by {@link #strict(ObjectMapper) a strict copy} of the application's
 * mapper.
 */
@Configuration(proxyBeanMethods = false)
public class JacksonConfiguration {

    /**
     * HTTP bodies are read strictly (see {@link #strict(ObjectMapper)}); replaces Spring Boot's converter, which would
     * use the application's mapper as it is.
     */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper json) {
        return new MappingJackson2HttpMessageConverter(strict(json));
    }

    /**
     * A copy of {@code json} that reads input as the contract says: a number for an integer field must be a JSON
     * integer (no {@code "100"}, {@code 1.5}, {@code 1.0} or {@code 1e2}), a boolean a JSON boolean, text (ids
     * included) a JSON string; a key may appear once per object; nothing may follow the JSON value. Stored events and
     * messages keep the application's mapper.
     */
    public static ObjectMapper strict(ObjectMapper json) {
        ObjectMapper strict = json.copy()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return strict;
    }

    @Bean
    Module identifierModule() {
        SimpleModule module = new SimpleModule("orderinsight-identifiers");
        module.addSerializer(Identifier.class, new StdSerializer<>(Identifier.class) {
            @Override
            public void serialize(Identifier id, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeString(id.value());
            }
        });
        module.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(
                    JavaType type, DeserializationConfig config, BeanDescription description)
                    throws JsonMappingException {
                return Identifier.class.isAssignableFrom(type.getRawClass())
                        ? new IdentifierDeserializer(type.getRawClass())
                        : super.findBeanDeserializer(type, config, description);
            }
        });
        return module;
    }

    private static final class IdentifierDeserializer extends StdScalarDeserializer<Object> {

        private final transient Constructor<?> constructor;

        IdentifierDeserializer(Class<?> type) {
            super(type);
            try {
                this.constructor = type.getDeclaredConstructor(String.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type + " needs a constructor taking its String value", e);
            }
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                // an id is a JSON string: 123 is not the id "123"
                return context.handleUnexpectedToken(handledType(), parser);
            }
            String value = parser.getText();
            try {
                return constructor.newInstance(value);
            } catch (ReflectiveOperationException e) {
                return context.handleWeirdStringValue(
                        handledType(), value, "not a valid %s", handledType().getSimpleName());
            }
        }
    }
}
