package io.firedrill.bootstrap.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The 503 answer of the HTTP limits, written straight to Vert.x's response: the same problem+json document
 * (code {@code UNAVAILABLE}) and {@code Retry-After} header the REST layer's fault mapper answers.
 */
final class Unavailability {

    private Unavailability() {
    }

    /** The API's requests: resources and alert receivers; never health, metrics or the API description. */
    static boolean governs(String path) {
        return path != null && (path.startsWith("/api/v1/") || path.equals("/api/v1"));
    }

    static void answer(HttpServerResponse response, String detail, int retryAfterSeconds) {
        answer(response, body(detail), retryAfterSeconds);
    }

    /** The problem document of {@link #answer}, for a refusal answered often with the same detail. */
    static Buffer body(String detail) {
        return new JsonObject()
                .put("type", "urn:firedrill:problem:UNAVAILABLE")
                .put("title", "Service Unavailable")
                .put("status", 503)
                .put("detail", detail)
                .put("code", "UNAVAILABLE")
                .toBuffer();
    }

    static void answer(HttpServerResponse response, Buffer body, int retryAfterSeconds) {
        response.setStatusCode(503)
                .putHeader("Content-Type", "application/problem+json")
                .putHeader("Retry-After", String.valueOf(retryAfterSeconds))
                .end(body.copy());
    }
}
