package io.orderinsight.infra.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderinsight.domain.shared.RejectionCode;
import io.orderinsight.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 401 and 403 as problem+json with their machine codes, saying what a legitimate caller needs and nothing about why a
 * credential failed; and 400 {@code VALIDATION_FAILED} for what the firewall refuses before anything else looks at a
 * request (encoded slashes, NUL, path parameters such as {@code ;jsessionid=}, {@code //} or {@code ..} in the path).
 */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(
                response,
                Problems.of(
                        HttpStatus.UNAUTHORIZED,
                        RejectionCode.UNAUTHORIZED.name(),
                        "send a valid API key or token as Authorization: Bearer <key>"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(
                response,
                Problems.of(
                        HttpStatus.FORBIDDEN,
                        RejectionCode.FORBIDDEN.name(),
                        "the caller's roles do not allow this request"));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        write(
                response,
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        RejectionCode.VALIDATION_FAILED.name(),
                        "the request's path or headers are not allowed: no encoded slashes, NUL or other control"
                                + " characters, path parameters (;), empty segments (//) or dot segments"));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
