package io.orderinsight.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.web.ProblemCodes;
import io.orderinsight.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller answer problem+json with the contract's codes too: what the servlet container
 * refuses before the application sees the request (an encoded slash, a malformed request line) through the host's
 * error report valve, and every error dispatch through {@code /error}, which replaces Spring Boot's error page and
 * answers a direct request as an unknown path.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(ObjectMapper json) {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            // the host adds a valve of this class when it finds none, so it must name ours
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.getPipeline().addValve(new ProblemReportValve(json));
        });
    }

    static ProblemDetail problemOf(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "HTTP " + status : known.getReasonPhrase();
        HttpStatus answered = known == null ? HttpStatus.BAD_REQUEST : known;
        String detail = status == 404
                ? "no such path"
                : status >= 500
                        ? "the request could not be completed; it may be retried"
                        : "the request was refused as sent (" + reason + ")";
        return Problems.of(answered, ProblemCodes.of(status), detail);
    }

    /** The container's own error answers, as problem+json. */
    public static class ProblemReportValve extends ErrorReportValve {

        private final ObjectMapper json;

        ProblemReportValve(ObjectMapper json) {
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(problemOf(status)));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response was taken over: nothing more can be said
            }
        }
    }

    /** {@code /error}: every error dispatch, and a direct request, which names no resource. */
    @RestController
    static class ProblemErrorController implements ErrorController {

        private final ObjectMapper json;

        ProblemErrorController(ObjectMapper json) {
            this.json = json;
        }

        @RequestMapping("${server.error.path:${error.path:/error}}")
        void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            int status = code instanceof Integer value && value >= 400 ? value : HttpStatus.NOT_FOUND.value();
            response.setStatus(status);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problemOf(status));
        }
    }
}
