package io.firedrill.adapter.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every exception that leaves a resource into a problem+json response. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        Response original = e.getResponse();
        Response.StatusType status = original.getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            return unexpected(e);
        }
        Response.ResponseBuilder response =
                Response.fromResponse(Problem.ofStatus(status, clientMessage(e, status)).toResponse());
        copyHeader(original, response, HttpHeaders.ALLOW);
        copyHeader(original, response, HttpHeaders.RETRY_AFTER);
        copyHeader(original, response, HttpHeaders.WWW_AUTHENTICATE);
        return response.build();
    }

    /** Anything unexpected: the client gets an id to quote, the log gets the stack trace. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s", errorId);
        return Problem.ofStatus(Response.Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote error id " + errorId + " when reporting it.").toResponse();
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
