package io.firedrill.adapter.rest.support;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * A refusal answered while the request's body is still unread, so that the body is never read. Whoever refuses says
 * so the HTTP/1.1 way, with {@code Connection: close} on the answer ({@link HttpLimits}, {@link CommandBodyLimit}
 * and, through JAX-RS, the alert receivers); {@link HttpLimits} calls {@link #settle} for every answer just before
 * its headers are sent, which makes that true for the protocol the request came over:
 * <ul>
 *   <li>HTTP/1.x: the header stays and the connection is closed once the answer is sent, since the rest of the body
 *   would otherwise be read as the next request.</li>
 *   <li>HTTP/2 (h2c, which Quarkus accepts): connection-specific headers are illegal there (RFC 9113 §8.2.2; a client
 *   rejects the whole answer) and closing the connection would end every other stream on it, a proxy's other
 *   requests. The header is removed, and once the answer is complete only this stream is reset with
 *   {@code NO_ERROR} (RFC 9113 §8.1), which tells the client to stop sending the body. Vert.x resets nothing when the
 *   client had already sent all of it.</li>
 * </ul>
 */
final class UnreadBody {

    /** RST_STREAM's {@code NO_ERROR}: the answer is complete, the rest of the request is not wanted. */
    private static final long NO_ERROR = 0;

    private UnreadBody() {
    }

    /** Marks {@code response} as a refusal after which the request's body is not read. */
    static void refuse(HttpServerResponse response) {
        response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }

    /** Called as the answer's headers are about to be sent: closes the connection or resets the stream after it. */
    static void settle(RoutingContext routing) {
        HttpServerResponse response = routing.response();
        if (!response.headers().contains(HttpHeaders.CONNECTION, HttpHeaders.CLOSE, true)) {
            return;
        }
        HttpServerRequest request = routing.request();
        if (request.version() == HttpVersion.HTTP_2) {
            response.headers().remove(HttpHeaders.CONNECTION);
            routing.addEndHandler(ended -> response.reset(NO_ERROR));
        } else {
            routing.addEndHandler(ended -> request.connection().close());
        }
    }
}
