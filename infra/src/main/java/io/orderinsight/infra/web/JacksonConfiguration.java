package io.orderinsight.infra.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.orderinsight.domain.shared.Identifier;
import java.io.IOException;
import java.lang.reflect.Constructor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Typed ids travel as plain strings in JSON, in the event store and on the wire alike. */
@Configuration(proxyBeanMethods = false)
public class JacksonConfiguration {

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
            String value = parser.getValueAsString();
            try {
                return constructor.newInstance(value);
            } catch (ReflectiveOperationException e) {
                return context.handleWeirdStringValue(
                        handledType(), value, "not a valid %s", handledType().getSimpleName());
            }
        }
    }
}
