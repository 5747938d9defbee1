package io.orderinsight.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The limits in front of everything else (security included), from {@link HttpSettings}: request bodies no larger
 * than {@code orderinsight.http.max-body} (1 MiB), and overload protection: {@code orderinsight.http.max-concurrent}
 * (150, below the web server's 200 threads) and {@code orderinsight.http.admission-wait} (PT0.2S), counted from when a
 * request was queued for one of those threads.
 */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

    /** Tomcat's request threads as {@code server.tomcat.threads.*} size them, noting each request's wait for one. */
    @Bean(destroyMethod = "shutdown")
    QueueTimedExecutor requestThreads(ServerProperties server) {
        ServerProperties.Tomcat.Threads threads = server.getTomcat().getThreads();
        return new QueueTimedExecutor(threads.getMinSpare(), threads.getMax(), "http-exec-");
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> queueTimedRequestThreads(QueueTimedExecutor threads) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setExecutor(threads);
            }
        });
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HttpSettings settings, ObjectMapper json) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(settings.maxBody().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(
            HttpSettings settings, ObjectMapper json, MeterRegistry meters) {
        FilterRegistrationBean<AdmissionFilter> registration = new FilterRegistrationBean<>(
                new AdmissionFilter(settings.maxConcurrent(), settings.admissionWait(), json, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
