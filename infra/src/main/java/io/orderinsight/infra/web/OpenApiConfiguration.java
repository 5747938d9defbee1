package io.orderinsight.infra.web;

import io.orderinsight.command.api.CommandEndpoint;
import io.orderinsight.command.api.CommandResponse;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI document at {@code /v3/api-docs}. Command endpoints answer stored bytes (so that an idempotent retry
 * gets the same answer), so their schemas are described here: the command response and problem+json errors.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String COMMAND_RESPONSE = "CommandResponse";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer orderInsightSchemas() {
        return openApi -> {
            openApi.info(new Info()
                    .title("Order Insight API")
                    .version("v1")
                    .description("Commands, queries and audits of Order Insight (see API.md)."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            schemasOf(CommandResponse.class).forEach(components::addSchemas);
            schemasOf(ProblemDetail.class)
                    .forEach((name, schema) -> components.addSchemas(
                            name.equals(ProblemDetail.class.getSimpleName()) ? PROBLEM : name, schema));
            components
                    .getSchemas()
                    .get(PROBLEM)
                    .addProperty(
                            "code", new StringSchema().description("machine code, e.g. REFUND_EXCEEDS_REFUNDABLE"));
            openApi.components(components);
        };
    }

    @Bean
    OperationCustomizer commandOperations() {
        return (operation, handler) -> {
            if (!handler.getBeanType().getPackageName().equals(CommandEndpoint.class.getPackageName())) {
                return operation;
            }
            operation.addParametersItem(new HeaderParameter()
                    .name(CommandEndpoint.IDEMPOTENCY_KEY)
                    .description("makes retries safe: same key and body → the first answer again")
                    .schema(new StringSchema().maxLength(255)));
            operation.addParametersItem(new HeaderParameter()
                    .name(CommandEndpoint.CORRELATION_ID)
                    .description("correlation id recorded in the metadata of every event this command causes")
                    .schema(new StringSchema()));
            ApiResponses responses = new ApiResponses()
                    .addApiResponse("200", response("the command changed its target", COMMAND_RESPONSE, false))
                    .addApiResponse(
                            "201", response("the command created its target (see Location)", COMMAND_RESPONSE, false));
            for (String status : new String[] {"400", "404", "409", "422"}) {
                responses.addApiResponse(status, response("rejected; nothing changed", PROBLEM, true));
            }
            return operation.responses(responses);
        };
    }

    private static ApiResponse response(String description, String schema, boolean problem) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                problem ? "application/problem+json" : "application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
    }

    @SuppressWarnings("rawtypes")
    private static Map<String, Schema> schemasOf(Class<?> type) {
        return ModelConverters.getInstance().readAll(new AnnotatedType(type));
    }
}
