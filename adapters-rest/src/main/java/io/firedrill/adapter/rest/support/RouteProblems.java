package io.firedrill.adapter.rest.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.rest.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Problem answers given by Vert.x route handlers, before the REST layer sees the request. */
public final class RouteProblems {

    private RouteProblems() {
    }

    /**
     * Ends the response with {@code problem} as {@code application/problem+json}. A request whose body was not read is
     * refused as {@link UnreadBody} describes (its connection closed, or its stream reset, after the answer).
     */
    public static void answer(RoutingContext routing, ObjectMapper json, Problem problem) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is plain data", e);
        }
        HttpServerResponse response = routing.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (!routing.request().isEnded()) {
            UnreadBody.refuse(response);
        }
        response.end(Buffer.buffer(body));
    }
}
