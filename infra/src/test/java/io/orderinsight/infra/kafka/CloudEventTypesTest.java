package io.orderinsight.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every domain event has a stable CloudEvents type, and no two share one. */
class CloudEventTypesTest {

    @Test
    void namesEveryDomainEvent() {
        List<Class<?>> events = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.orderinsight.domain")
                        .stream()
                        .filter(type -> type.getSimpleName().endsWith("Event") && type.isRecord())
                        .map(JavaClass::reflect)
                        .toList();

        assertThat(events).hasSizeGreaterThanOrEqualTo(22);
        assertThat(events)
                .allSatisfy(event -> assertThat(CloudEventTypes.of(event))
                        .as(event.getSimpleName())
                        .isPresent());
        assertThat(new HashSet<>(CloudEventTypes.TYPES.values())).hasSize(CloudEventTypes.TYPES.size());
        assertThat(CloudEventTypes.TYPES.values()).allMatch(type -> type.matches("orderinsight\\.[a-z]+\\.[a-z-]+"));
    }
}
