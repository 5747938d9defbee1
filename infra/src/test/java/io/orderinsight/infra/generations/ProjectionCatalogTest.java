package io.orderinsight.infra.generations;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderinsight.projections.support.Generation;
import io.orderinsight.projections.support.ProjectionNames;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * The catalog is where a projection is registered: each registration names the processing group its class declares,
 * keeps collections of its own, and has its live instance among the application's beans.
 */
class ProjectionCatalogTest {

    @Test
    void eachRegistrationBelongsToTheGroupItsClassDeclares() {
        for (ProjectionCatalog.Registration registration : ProjectionCatalog.PROJECTIONS) {
            assertThat(registration.type().getAnnotation(ProcessingGroup.class).value())
                    .as(registration.type().getSimpleName())
                    .isEqualTo(registration.group());
        }
        assertThat(ProjectionCatalog.PROJECTIONS)
                .extracting(ProjectionCatalog.Registration::group)
                .containsAll(ProjectionNames.ALL);
    }

    @Test
    void aGenerationKeepsItsGroupsCollectionsUnderItsOwnNames() {
        Generation second = Generation.of(ProjectionNames.INSIGHT, Generation.FIRST + 1);
        assertThat(ProjectionCatalog.collections(second))
                .hasSameSizeAs(ProjectionCatalog.PROJECTIONS.stream()
                        .filter(registration -> registration.group().equals(ProjectionNames.INSIGHT))
                        .flatMap(registration -> registration.collections().stream())
                        .toList())
                .allSatisfy(collection -> assertThat(collection)
                        .isNotIn(ProjectionCatalog.collections(
                                Generation.of(ProjectionNames.INSIGHT, Generation.FIRST))));
    }

    @Test
    void eachRegistrationHasItsLiveBean() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        new LiveProjections().postProcessBeanDefinitionRegistry(beans);
        for (ProjectionCatalog.Registration registration : ProjectionCatalog.PROJECTIONS) {
            assertThat(beans.getBeanNamesForType(registration.type()))
                    .as("a bean of " + registration.type().getSimpleName())
                    .containsExactly(LiveProjections.beanName(registration.type()));
        }
    }
}
