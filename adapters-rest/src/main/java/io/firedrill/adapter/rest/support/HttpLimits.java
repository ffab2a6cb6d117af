package io.firedrill.adapter.rest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.rest.problem.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP limits, checked on every request before any route reads it: the request target's length (414), the
 * headers' size (431) and the body's announced {@code Content-Length} (413): the alert receivers take bodies up to
 * {@code quarkus.http.limits.max-body-size}, everything else up to the smaller command limit. Each refusal is a
 * problem+json like every other error, sent before the body is read; the rest of an over-size body is never read:
 * over HTTP/1.x the connection is closed after the answer, over HTTP/2 only the request's stream is reset
 * ({@link UnreadBody}, which also settles the other refusals of unread bodies). Bodies without a {@code Content-Length} (chunked) are capped while they are read:
 * by {@link CommandBodyLimit} for commands and by the receivers themselves.
 *
 * <p>The HTTP decoder's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size})
 * are set well above these as a backstop: what passes them is answered here, with a body.
 *
 * <p>Also keeps the {@code uri} tag of the HTTP server metrics to route templates: an error answered before a
 * route matched (these refusals, or any other filter's) is tagged {@value #UNMATCHED} instead of its raw path,
 * which would add one tag value per made-up path until Micrometer's tag limit stops measuring new endpoints.
 */
@ApplicationScoped
public class HttpLimits {

    /** The {@code uri} tag of a request answered with an error before a route template was known. */
    public static final String UNMATCHED = "/{unmatched}";
    /** Where Quarkus REST leaves the matched route template for the HTTP server metrics. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final String API = "/api/";
    private static final Pattern RECEIVER = Pattern.compile("/api/v1/integrations/[^/]+/(alertmanager|grafana|generic)/?");

    private final ObjectMapper json;
    private final long maxBody;
    private final long maxCommandBody;
    private final int maxUriLength;
    private final long maxHeaderBytes;

    @Inject
    public HttpLimits(ObjectMapper json,
                      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
                      @ConfigProperty(name = "firedrill.http.max-command-body-size") MemorySize maxCommandBody,
                      @ConfigProperty(name = "firedrill.http.max-uri-length") int maxUriLength,
                      @ConfigProperty(name = "firedrill.http.max-header-size") MemorySize maxHeaderBytes) {
        this.json = json;
        this.maxBody = maxBody.asLongValue();
        this.maxCommandBody = Math.min(maxCommandBody.asLongValue(), this.maxBody);
        this.maxUriLength = maxUriLength;
        this.maxHeaderBytes = maxHeaderBytes.asLongValue();
    }

    void install(@Observes Router router) {
        // before Quarkus's own Content-Length check, which answers 413 with no body
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    /** The largest body accepted on {@code path}, in bytes. */
    long bodyLimit(String path) {
        return RECEIVER.matcher(path).matches() ? maxBody : maxCommandBody;
    }

    private void check(RoutingContext routing) {
        routing.addHeadersEndHandler(ignored -> {
            tagUnmatched(routing);
            UnreadBody.settle(routing);
        });
        HttpServerRequest request = routing.request();
        if (request.uri().length() > maxUriLength) {
            refuse(routing, Problem.refused(414, "URI Too Long", "uri", "must be at most " + maxUriLength
                    + " characters long, not " + request.uri().length()));
            return;
        }
        long headerBytes = headerBytes(request.headers());
        if (headerBytes > maxHeaderBytes) {
            refuse(routing, Problem.refused(431, "Request Header Fields Too Large", "headers",
                    "must be at most " + maxHeaderBytes + " bytes together, not " + headerBytes));
            return;
        }
        String announced = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (announced != null) {
            long length;
            try {
                length = Long.parseLong(announced.trim());
            } catch (NumberFormatException e) {
                refuse(routing, Problem.badRequest(HttpHeaders.CONTENT_LENGTH.toString(), "must be a number of bytes"));
                return;
            }
            long limit = bodyLimit(routing.normalizedPath());
            if (length > limit) {
                refuse(routing, Problem.tooLarge(limit, length));
                return;
            }
        }
        routing.next();
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> header : headers) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private void refuse(RoutingContext routing, Problem problem) {
        RouteProblems.answer(routing, json, problem);
    }

    /**
     * Errors answered before a route matched, and any answer under {@code /api/} without a route template (an
     * {@code OPTIONS} of a path no resource has), get a fixed {@code uri} tag (404s are tagged NOT_FOUND already).
     */
    private static void tagUnmatched(RoutingContext routing) {
        int status = routing.response().getStatusCode();
        if (status != 404 && (status >= 400 || routing.normalizedPath().startsWith(API))
                && routing.request() instanceof HttpServerRequestInternal request) {
            Context context = request.context();
            if (context.getLocal(URL_PATH_TEMPLATE) == null) {
                context.putLocal(URL_PATH_TEMPLATE, UNMATCHED);
            }
        }
    }
}
