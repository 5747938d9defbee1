package io.orderinsight.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The limits in front of everything else (security included), from {@link HttpSettings}: request bodies no larger
 * than {@code orderinsight.http.max-body} (1 MiB), and overload protection: {@code orderinsight.http.max-concurrent}
 * (150, below the web server's 200 threads) and {@code orderinsight.http.admission-wait} (PT0.2S).
 */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

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
