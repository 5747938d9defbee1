package io.orderinsight.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.infra.OrderInsightProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what: every request but health, the dashboard's static page and the API description carries a bearer
 * credential (an API key, a JWT of the configured issuer, or the dashboard's session cookie for reads), and each
 * endpoint names the roles that may call it — anything not named here is denied. Rejections are problem+json 401
 * {@code UNAUTHORIZED} / 403 {@code FORBIDDEN}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    ApiKeys apiKeys(SecuritySettings settings, OrderInsightProperties app) {
        Path file = settings.keysFile() != null
                ? settings.keysFile()
                : app.dataDir().resolve("api-keys.properties");
        return ApiKeys.load(settings, file);
    }

    @Bean
    Sessions sessions(JdbcTemplate jdbc, Clock clock, SecuritySettings settings) {
        return new Sessions(jdbc, clock, settings.sessionTtl(), settings.maxSessionsPerKey());
    }

    /**
     * The request matchers below, given as strings, are path patterns matched on the request's path alone, as Spring
     * MVC's own mappings are ({@code PathPatternParser}); without this, each such matcher asks Spring MVC which handler
     * the request goes to, a second handler lookup per request.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * No observation around each of Spring Security's filters, authentications and authorizations: they cost more CPU
     * than the filters themselves, and the HTTP request's own observation ({@code http.server.requests}) already
     * times the whole request.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Also Spring Security's {@code RequestRejectedHandler}: the firewall's refusals answer problem+json. */
    @Bean
    ProblemResponses problemResponses(ObjectMapper json) {
        return new ProblemResponses(json);
    }

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ApiKeys keys,
            Sessions sessions,
            ObjectProvider<JwtDecoder> jwt,
            SecuritySettings settings,
            ProblemResponses problems)
            throws Exception {
        AuthenticationManager callers = new ProviderManager(
                new CallerAuthenticationProvider(keys, sessions, jwt.getIfAvailable(), settings.jwtRolesClaim()));
        return http
                // no cookie can change anything (see CallerTokens), so there is nothing for a CSRF token to protect
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(resource -> resource.bearerTokenResolver(new CallerTokens())
                        .authenticationManagerResolver(request -> callers)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        // open: health, the dashboard's page (it signs in before it reads), the API description
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers(reads(
                                "/",
                                "/index.html",
                                "/dashboard.js",
                                "/dashboard.css",
                                "/webjars/**",
                                "/v3/api-docs",
                                "/v3/api-docs.yaml",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**"))
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(SessionController.PATH)
                        .authenticated()
                        // ADMIN: metrics, projections, drift, dead letters, erasure
                        .requestMatchers("/actuator/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/admin/rules/*/backtest")
                        .hasRole(Role.RISK.name())
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/customers/*/erasure")
                        .hasRole(Role.ADMIN.name())
                        // jobs: their admins, and those who start them (backtests, as-of views)
                        .requestMatchers(reads("/api/v1/jobs/*"))
                        .hasAnyRole(Role.ADMIN.name(), Role.RISK.name(), Role.AUDITOR.name())
                        // AUDITOR: the audit API, export, access log, as-of overview
                        .requestMatchers(reads("/api/v1/audit/**"))
                        .hasRole(Role.AUDITOR.name())
                        // RISK: alert resolution and rule settings
                        .requestMatchers(HttpMethod.POST, "/api/v1/alerts/*/resolution")
                        .hasRole(Role.RISK.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/risk/rules/*")
                        .hasRole(Role.RISK.name())
                        // refund decisions: upstream systems for ordinary refunds, the risk team for held ones
                        .requestMatchers(HttpMethod.POST, "/api/v1/refunds/*/approval", "/api/v1/refunds/*/rejection")
                        .hasAnyRole(Role.INGEST.name(), Role.RISK.name())
                        // INGEST: the upstream commands
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/orders",
                                "/api/v1/orders/*/*",
                                "/api/v1/payments",
                                "/api/v1/payments/*/*",
                                "/api/v1/payments/*/disputes/*/resolution",
                                "/api/v1/refunds",
                                "/api/v1/refunds/*/*")
                        .hasRole(Role.INGEST.name())
                        // the published events' schemas: whoever may call the API
                        .requestMatchers(reads("/api/v1/schemas/**"))
                        .authenticated()
                        // VIEWER: queries and the stream
                        .requestMatchers(reads("/api/v1/**"))
                        .hasRole(Role.VIEWER.name())
                        .anyRequest()
                        .denyAll())
                .build();
    }

    /** GET and HEAD of {@code patterns}: whoever may read a resource may ask for its headers alone. */
    private static RequestMatcher[] reads(String... patterns) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return Stream.of(HttpMethod.GET, HttpMethod.HEAD)
                .flatMap(method -> Stream.of(patterns).map(pattern -> paths.matcher(method, pattern)))
                .toArray(RequestMatcher[]::new);
    }
}
