package io.orderinsight.infra.generations;

import io.orderinsight.projections.support.BatchedProjection;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

/**
 * Makes a bean of every projection registered in {@link ProjectionCatalog#PROJECTIONS}: the instance writing its
 * group's live generation, whose event handlers Axon's Spring support finds and runs in the group's processor. So a
 * projection is registered in the catalog alone. Runs before the other registry post-processors, Axon's lookup of
 * message handlers among them, so that they see these beans' classes.
 */
public class LiveProjections implements BeanDefinitionRegistryPostProcessor, PriorityOrdered {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        BeanFactory beans = (BeanFactory) registry;
        for (ProjectionCatalog.Registration registration : ProjectionCatalog.PROJECTIONS) {
            register(registry, beans, registration.type());
        }
    }

    private static <P extends BatchedProjection> void register(
            BeanDefinitionRegistry registry, BeanFactory beans, Class<P> type) {
        RootBeanDefinition definition = new RootBeanDefinition(
                type, () -> beans.getBean(ProjectionCatalog.class).live(type, beans.getBean(GenerationPointers.class)));
        registry.registerBeanDefinition(beanName(type), definition);
    }

    /** The bean name of a projection class: its simple name, starting in lower case ({@code orderViewProjection}). */
    static String beanName(Class<?> type) {
        String name = type.getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
