package io.orderinsight.infra.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import io.orderinsight.domain.shared.Identifier;
import io.orderinsight.domain.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The JSON Schema (draft 2020-12) of each published event type, by its {@code ce_type}: generated once from the event's
 * record components as {@link KafkaEventPublisher} writes them — ids as strings, money as {@code {"minor",
 * "currency"}}, times as ISO-8601 strings, enums by name, no other property allowed, sealed personal data left out.
 * Fields of a primitive type are required, and both of money's; the others are left out of a record when they are
 * null. Types used more than once (money) are defined once under {@code $defs}.
 */
@Component
public class EventSchemas {

    private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private final Map<String, JsonNode> schemas;

    public EventSchemas() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES);
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> raw = type.getErasedType();
            ObjectNode node = context.getGeneratorConfig().createObjectNode();
            if (Identifier.class.isAssignableFrom(raw)) {
                node.put("type", "string").put("minLength", 1);
            } else if (raw == Currency.class) {
                node.put("type", "string").put("pattern", "^[A-Z]{3}$");
            } else if (raw == Instant.class) {
                node.put("type", "string").put("format", "date-time");
            } else if (raw == LocalDate.class) {
                node.put("type", "string").put("format", "date");
            } else {
                return null;
            }
            return new CustomDefinition(
                    node, CustomDefinition.DefinitionType.INLINE, CustomDefinition.AttributeInclusion.NO);
        });
        config.forFields()
                .withIgnoreCheck(field -> KafkaEventPublisher.PERSONAL.contains(field.getName()))
                .withRequiredCheck(field -> field.getType().getErasedType().isPrimitive()
                        || field.getDeclaringType().getErasedType() == Money.class);
        SchemaGenerator generator = new SchemaGenerator(config.build());
        Map<String, JsonNode> generated = new TreeMap<>();
        CloudEventTypes.TYPES.forEach((type, ceType) -> {
            ObjectNode schema = generator.generateSchema(type);
            schema.put("$schema", DRAFT);
            schema.put("$id", EventSchemaController.PATH + "/" + ceType);
            schema.put("title", ceType);
            generated.put(ceType, schema);
        });
        this.schemas = Collections.unmodifiableMap(generated);
    }

    /** Every published type's schema, by {@code ce_type}. */
    public Map<String, JsonNode> all() {
        return schemas;
    }

    public Optional<JsonNode> of(String ceType) {
        return Optional.ofNullable(schemas.get(ceType));
    }
}
