package io.orderinsight.infra.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.orderinsight.command.api.Answer;
import io.orderinsight.command.api.CommandExecutor;
import io.orderinsight.command.api.JsonFailure;
import io.orderinsight.command.api.WriteAvailability;
import io.orderinsight.domain.shared.CommandRejectedException;
import io.orderinsight.domain.shared.RejectionCode;
import io.orderinsight.query.InvalidQueryException;
import io.orderinsight.query.ViewNotFoundException;
import io.orderinsight.web.ProblemCodes;
import io.orderinsight.web.Problems;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 problem+json with a machine {@code code}; bad input is a 4xx, never a 500, and no
 * body carries a stack trace or a class name.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final WriteAvailability writes;

    public ApiExceptionHandler(WriteAvailability writes) {
        this.writes = writes;
    }

    @ExceptionHandler(CommandRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(CommandRejectedException rejection) {
        ProblemDetail problem = Problems.of(rejection);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(ViewNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ViewNotFoundException missing) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, missing.code(), missing.getMessage());
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException invalid) {
        return ResponseEntity.badRequest().body(validationProblem(invalid.field(), invalid.reason()));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        return ResponseEntity.badRequest().body(validationProblem(field, "has a value of the wrong type"));
    }

    private static ProblemDetail validationProblem(String field, String message) {
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, RejectionCode.VALIDATION_FAILED.name(), field + " " + message);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (writes.refusesWrites(e)) {
            // work beside the commands (admin, audit jobs) that had to write: the node is read-only, as commands say
            ProblemDetail problem = Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    CommandExecutor.READ_ONLY,
                    "the database takes no writes; retry later, queries keep working");
            return ResponseEntity.status(problem.getStatus())
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(Answer.RETRY_AFTER_SECONDS))
                    .body(problem);
        }
        log.error("unexpected failure", e);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR",
                "the request could not be completed; it may be retried");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", messageOf(error)))
                .toList();
        String detail = errors.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, RejectionCode.VALIDATION_FAILED.name(), detail);
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyLimitFilter.BodyTooLargeException tooLarge) {
                ProblemDetail problem = BodyLimitFilter.problem(tooLarge.maxBytes());
                return ResponseEntity.status(problem.getStatus()).body(problem);
            }
        }
        JsonFailure failure = e.getCause() instanceof JsonProcessingException json
                ? JsonFailure.of(json)
                : new JsonFailure(null, "is missing or not valid JSON for this request", false);
        ProblemDetail problem = Problems.of(
                HttpStatus.BAD_REQUEST, RejectionCode.VALIDATION_FAILED.name(), failure.describe("the body"));
        if (failure.field() != null) {
            problem.setProperty("errors", List.of(Map.of("field", failure.field(), "message", failure.message())));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    /** Framework-raised problems (unknown path, wrong method or media type) get a code too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.addAll(headers);
        if (status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            answerHeaders.set(HttpHeaders.RETRY_AFTER, "5");
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, answerHeaders, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            problem.setProperty("code", ProblemCodes.of(status.value()));
        }
        return response;
    }

    private static String messageOf(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}
