package io.orderinsight.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Overload protection in front of everything else (security included): {@code orderinsight.http.max-concurrent} (150,
 * below the web server's 200 threads) and {@code orderinsight.http.admission-wait} (PT0.2S).
 */
@Configuration(proxyBeanMethods = false)
public class AdmissionConfiguration {

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(
            @Value("${orderinsight.http.max-concurrent:150}") int maxConcurrent,
            @Value("${orderinsight.http.admission-wait:PT0.2S}") Duration wait,
            ObjectMapper json,
            MeterRegistry meters) {
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(maxConcurrent, wait, json, meters));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
