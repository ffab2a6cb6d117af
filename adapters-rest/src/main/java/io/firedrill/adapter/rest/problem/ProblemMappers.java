package io.firedrill.adapter.rest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.firedrill.application.port.in.ConcurrentChange;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.NotFound;
import io.firedrill.application.port.in.Unavailable;
import io.firedrill.application.port.in.VersionMismatch;
import io.firedrill.application.port.in.admin.RebuildRefused;
import io.firedrill.application.port.in.alert.SecretsKeyMissing;
import io.firedrill.application.port.in.notification.ChannelInUse;
import io.firedrill.application.port.in.notification.DeliveryNotRetryable;
import io.firedrill.application.port.in.security.TenantExists;
import io.firedrill.domain.shared.RuleViolation;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every exception that leaves a resource into a problem+json response. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Map<String, Long> FAULTS_LOGGED = new ConcurrentHashMap<>();
    private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9.\\[\\]-]*");
    private static final String CONNECTION_NOT_ACTIVE = "io.vertx.core.impl.NoStackTraceThrowable";
    /**
     * PostgreSQL errors that say "not now" rather than "never": connection exceptions (08), insufficient resources
     * (53), operator intervention (57: shutting down, starting up, statement cancelled by a timeout), system errors
     * (58), serialization failures and deadlocks (40001, 40P01), lock not available (55P03).
     */
    private static final Pattern TRANSIENT_SQL_STATES = Pattern.compile("08...|53...|57...|58...|40001|40P01|55P03");
    /** The Vert.x PostgreSQL client ends an error's message with its SQLSTATE in parentheses. */
    private static final Pattern SQL_STATE = Pattern.compile("\\(([0-9A-Z]{5})\\)$");

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e);
        }
        if (status.getStatusCode() == 400 && e.getCause() instanceof JsonMappingException mapping) {
            // The JSON reader wraps some refusals (a value its own constructor refused) in a bare 400: answer with the
            // field, as for the others.
            return invalidJson(mapping).toResponse();
        }
        Problem problem = status.getStatusCode() == 415
                ? Problem.unsupportedMediaType(MediaType.APPLICATION_JSON)
                : Problem.ofStatus(status, clientMessage(e, status));
        Response.ResponseBuilder response = Response.fromResponse(problem.toResponse());
        copyHeader(original, response, HttpHeaders.ALLOW);
        copyHeader(original, response, HttpHeaders.RETRY_AFTER);
        copyHeader(original, response, HttpHeaders.WWW_AUTHENTICATE);
        return response.build();
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLarge e) {
        return Problem.tooLarge(e.limit(), -1).toResponse();
    }

    @ServerExceptionMapper
    public Response known(RuntimeException e) {
        return toResponse(e);
    }

    /** Anything unexpected (a fault is still a 503): the client gets an id to quote, the log gets the stack trace. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        Response fault = fault(Failures.unwrap(e));
        if (fault != null) {
            return fault;
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", errorId);
        return Problem.ofStatus(Response.Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote error id " + errorId + " when reporting it.").toResponse();
    }

    /**
     * The response for a failure of a request: a problem+json for every failure the API knows (bad input,
     * broken rules, missing incidents, version conflicts), a logged 500 with an error id for anything else.
     */
    public static Response toResponse(Throwable failure) {
        Throwable e = Failures.unwrap(failure);
        Response fault = fault(e);
        if (fault != null) {
            return fault;
        }
        return switch (e) {
            case WebApplicationException w -> new ProblemMappers().webApplicationException(w);
            case BadRequest bad -> Problem.badRequest(bad.field(), bad.getMessage()).toResponse();
            case RuleViolation violation -> ruleViolation(violation).toResponse();
            case NotFound notFound -> Problem.ofStatus(Response.Status.NOT_FOUND, notFound.getMessage()).toResponse();
            case RebuildRefused refused -> new Problem(URI.create("urn:firedrill:problem:" + refused.code()),
                    "Rebuild refused", 409, refused.getMessage(), refused.code(), List.of()).toResponse();
            case DeliveryNotRetryable notNow -> new Problem(URI.create("urn:firedrill:problem:NOT_RETRYABLE"),
                    "Not retryable", 409, notNow.getMessage(), "NOT_RETRYABLE", List.of()).toResponse();
            case ChannelInUse inUse -> new Problem(URI.create("urn:firedrill:problem:CHANNEL_IN_USE"),
                    "Channel in use", 409, inUse.getMessage(), "CHANNEL_IN_USE", List.of()).toResponse();
            case TenantExists exists -> new Problem(URI.create("urn:firedrill:problem:TENANT_EXISTS"),
                    "Tenant exists", 409, exists.getMessage(), "TENANT_EXISTS", List.of()).toResponse();
            case SecretsKeyMissing missing -> new Problem(URI.create("urn:firedrill:problem:SECRETS_KEY_MISSING"),
                    "Secrets key missing", 409, missing.getMessage(), "SECRETS_KEY_MISSING", List.of()).toResponse();
            case VersionMismatch mismatch -> new Problem(Problem.ABOUT_BLANK, "Precondition Failed", 412,
                    mismatch.getMessage() + " Read the " + mismatch.subject() + " again and retry with its current ETag.", null, List.of())
                    .toResponse();
            case ConcurrentChange busy -> Response.fromResponse(new Problem(URI.create("urn:firedrill:problem:CONCURRENT_CHANGE"),
                    "Concurrent change", 409, busy.getMessage(), "CONCURRENT_CHANGE", List.of()).toResponse())
                    .header(HttpHeaders.RETRY_AFTER, "1").build();
            case JsonMappingException mapping -> invalidJson(mapping).toResponse();
            case JsonProcessingException parsing -> Problem.ofStatus(Response.Status.BAD_REQUEST,
                    "The body is not valid JSON: " + parsing.getOriginalMessage()).toResponse();
            case IllegalArgumentException invalid -> invalidField(invalid.getMessage()).toResponse();
            default -> new ProblemMappers().unexpected(e);
        };
    }

    /**
     * A fault, not a bug: the database is unreachable or a pool or queue is full. Answered 503 with
     * {@code Retry-After}; logged once per kind per minute, without a stack trace.
     */
    private static Response fault(Throwable e) {
        String kind = null;
        int retryAfter = 1;
        for (Throwable cause = e; cause != null && kind == null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof Unavailable unavailable) {
                kind = cause.getClass().getSimpleName();
                retryAfter = unavailable.retryAfterSeconds();
            } else if (cause instanceof ConnectionPoolTooBusyException) {
                kind = "connection pool full";
            } else if (cause instanceof VertxException && "Timeout waiting for connection".equals(cause.getMessage())) {
                // The pool's acquire timeout: every connection stayed busy (or hung) for that long.
                kind = "no database connection free in time";
            } else if (cause instanceof ConnectException) {
                kind = "database unreachable";
                retryAfter = 5;
            } else if (cause instanceof SocketException || cause.getClass() == java.io.IOException.class
                    && ("Broken pipe".equals(cause.getMessage()) || "Connection reset by peer".equals(cause.getMessage()))) {
                // A reset or broken socket under a statement: the request's own connection is not this one (a
                // client that went away gets no answer at all).
                kind = "database connection lost";
                retryAfter = 5;
            } else if (cause.getClass().getName().equals("io.vertx.sqlclient.ClosedConnectionException")
                    || CONNECTION_NOT_ACTIVE.equals(cause.getClass().getName()) && cause.getMessage() != null
                    && cause.getMessage().startsWith("Connection is not active now")) {
                // Named, not imported: the REST adapter does not depend on the SQL client. A connection that
                // closed while a statement was queued on it fails with Vert.x's plain "not active" throwable.
                kind = "database connection lost";
                retryAfter = 5;
            } else if (cause.getClass().getName().equals("io.vertx.pgclient.PgException")) {
                String state = sqlState(cause.getMessage());
                if (state != null && TRANSIENT_SQL_STATES.matcher(state).matches()) {
                    kind = state.startsWith("57014") ? "database statement cancelled (timeout)"
                            : "database unavailable (SQLSTATE " + state + ")";
                    retryAfter = state.startsWith("40") ? 1 : 5;
                }
            }
        }
        if (kind == null) {
            return null;
        }
        long now = System.nanoTime();
        Long last = FAULTS_LOGGED.get(kind);
        if (last == null || now - last > TimeUnit.MINUTES.toNanos(1)) {
            FAULTS_LOGGED.put(kind, now);
            LOG.warnf("Answering 503 (%s): %s (logged once a minute per kind)", kind, e.getMessage());
        }
        return Response.fromResponse(new Problem(URI.create("urn:firedrill:problem:UNAVAILABLE"), "Service Unavailable",
                        503, "Firedrill cannot do this now (" + kind + "); retry after " + retryAfter + " s.",
                        "UNAVAILABLE", List.of()).toResponse())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter)).build();
    }

    private static String sqlState(String message) {
        if (message == null) {
            return null;
        }
        var matcher = SQL_STATE.matcher(message.strip());
        return matcher.find() ? matcher.group(1) : null;
    }

    private static Problem ruleViolation(RuleViolation violation) {
        List<Problem.FieldError> errors = violation.problemFields().entrySet().stream()
                .map(field -> new Problem.FieldError(field.getKey(), field.getValue()))
                .toList();
        return new Problem(URI.create("urn:firedrill:problem:" + violation.code()), violation.sentence(), 409,
                violation.getMessage(), violation.code(), errors);
    }

    /** Domain validation messages start with the field they are about ("title must not be blank"). */
    private static Problem invalidField(String message) {
        if (message != null) {
            int space = message.indexOf(' ');
            if (space > 0 && FIELD.matcher(message.substring(0, space)).matches()) {
                return Problem.badRequest(message.substring(0, space), message.substring(space + 1));
            }
        }
        return Problem.ofStatus(Response.Status.BAD_REQUEST, message);
    }

    private static Problem invalidJson(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String message;
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            message = "is not a field of this request; its fields are " + unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException format && format.getTargetType() != null && format.getTargetType().isEnum()) {
            message = "must be one of " + Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")) + ", not '" + format.getValue() + "'";
        } else if (e instanceof InvalidFormatException format && format.getOriginalMessage() != null
                && format.getOriginalMessage().startsWith("must ")) {
            message = format.getOriginalMessage();
        } else if (e instanceof InvalidFormatException format) {
            message = "must be a " + format.getTargetType().getSimpleName()
                    + (format.getTargetType() == java.time.Instant.class ? " (ISO-8601 UTC, e.g. 2026-11-24T10:15:00Z)" : "")
                    + ", not '" + format.getValue() + "'";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException instantiation
                && instantiation.getCause() instanceof IllegalArgumentException invalid && invalid.getMessage() != null
                && FIELD.matcher(invalid.getMessage().split(" ", 2)[0]).matches() && invalid.getMessage().contains(" ")) {
            // A value refused by its own constructor (a domain record): its message starts with its field, below the
            // path of the value.
            String[] fieldAndMessage = invalid.getMessage().split(" ", 2);
            return Problem.badRequest(field.isEmpty() ? fieldAndMessage[0] : field + "." + fieldAndMessage[0],
                    fieldAndMessage[1]);
        } else if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException) {
            // Any other refusal of a value's constructor: the field, without the class names of the message.
            message = "is not a valid value here";
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null && !mismatch.getPath().isEmpty()) {
            message = "must be a " + mismatch.getTargetType().getSimpleName() + " of JSON's own type (nothing is converted)";
        } else {
            message = e.getOriginalMessage();
        }
        if (field.isEmpty() && message != null && message.startsWith("Trailing token")) {
            return Problem.badRequest("body", "must hold one JSON value; nothing may follow it");
        }
        if (field.isEmpty()) {
            return Problem.ofStatus(Response.Status.BAD_REQUEST, "The body cannot be read: " + message);
        }
        return Problem.badRequest(field, message);
    }

    private static String clientMessage(WebApplicationException e, Response.StatusType status) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || message.startsWith("HTTP ")) {
            return status.getReasonPhrase();
        }
        return message;
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }
}
