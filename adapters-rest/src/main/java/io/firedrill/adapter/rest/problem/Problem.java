package io.firedrill.adapter.rest.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error response of the API.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the HTTP status says it all
 * @param title    a short summary of the kind of problem, the same for every occurrence
 * @param status   the HTTP status code
 * @param detail   what went wrong this time, for a human
 * @param code     for a broken domain rule, its stable code (for example {@code ILLEGAL_TRANSITION})
 * @param errors   for a bad request, the offending fields; empty otherwise
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String code, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final URI ABOUT_BLANK = URI.create("about:blank");

    /** One offending input: a JSON path or parameter name, and what is wrong with it. */
    public record FieldError(String field, String message) {}

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem whose HTTP status is its whole meaning. */
    public static Problem ofStatus(Response.StatusType status, String detail) {
        return new Problem(ABOUT_BLANK, status.getReasonPhrase(), status.getStatusCode(), detail, null, List.of());
    }

    /** A 400 naming one offending field. */
    public static Problem badRequest(String field, String message) {
        return new Problem(ABOUT_BLANK, "Bad Request", 400, field + ": " + message, null,
                List.of(new FieldError(field, message)));
    }

    /** A refusal of a request part ({@code body}, {@code uri}, a header) whose status says what kind it is. */
    public static Problem refused(int status, String title, String field, String message) {
        return new Problem(ABOUT_BLANK, title, status, field + ": " + message, null,
                List.of(new FieldError(field, message)));
    }

    /** A 413: the body is larger than the route accepts ({@code length} -1 when it is found while reading). */
    public static Problem tooLarge(long limit, long length) {
        return refused(413, "Content Too Large", "body", "must be at most " + limit + " bytes"
                + (length < 0 ? "" : ", not " + length));
    }

    /** A 415: the request's body is not declared as one of the types the endpoint reads. */
    public static Problem unsupportedMediaType(String accepted) {
        return refused(415, "Unsupported Media Type", "Content-Type", "must be " + accepted
                + " for a request with a body");
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
