package io.firedrill.adapter.webhook.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.webhook.inbound.alertmanager.PrometheusStylePayload;
import io.firedrill.adapter.webhook.inbound.generic.GenericPayload;
import io.firedrill.application.port.in.Failures;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.alert.AlertIntake;
import io.firedrill.application.port.in.alert.Delivery;
import io.firedrill.application.port.in.alert.Integration;
import io.firedrill.application.port.in.alert.IntegrationCatalog;
import io.firedrill.application.port.in.alert.IntegrationNotFound;
import io.firedrill.domain.alert.IncomingAlert;
import io.firedrill.domain.alert.IntegrationId;
import io.firedrill.domain.alert.IntegrationKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The alert receivers. A 202 means the alerts are stored in the event log; grouping them into incidents
 * follows from there. Order of checks: unknown integration (404), announced body over the limit (413),
 * credentials that come in headers (401), payload kind (404), then the body is read, capped at the limit (413)
 * and within {@value #BODY_READ_TIMEOUT_SECONDS} s (408); the generic format's signature over the body (401),
 * payload (400, or 413 for over 1,000 alerts); a failure to store is a 503 with {@code Retry-After}, which
 * Alertmanager retries. Nothing is read from the body before the sender has shown a credential, and the rest of a
 * request refused before its body was read is never read (its HTTP/1.x connection is closed, its HTTP/2 stream reset).
 */
@Path("/api/v1/integrations/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class AlertReceiverResource {

    /** How far the generic format's timestamp may be from the server's clock. */
    public static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(5);
    /** How long a sender may take to send its body once the request has been accepted for reading. */
    static final long BODY_READ_TIMEOUT_SECONDS = 30;
    static final String TIMESTAMP_HEADER = "X-Firedrill-Timestamp";
    static final String SIGNATURE_HEADER = "X-Firedrill-Signature";

    private static final Logger LOG = Logger.getLogger(AlertReceiverResource.class);
    private static final String PROBLEM = "application/problem+json";
    private static final long STORE_TIMEOUT_SECONDS = 10;

    private final IntegrationCatalog catalog;
    private final AlertIntake intake;
    private final Clock clock;
    private final ObjectMapper json;
    private final long maxBodyBytes;

    /** Alerts in accepted deliveries, by integration kind ({@code firedrill_alerts_ingested_total} in Prometheus). */
    static final String INGESTED = "firedrill.alerts.ingested";

    private final MeterRegistry meters;

    @Inject
    public AlertReceiverResource(UseCases useCases, Clock clock, ObjectMapper json, MeterRegistry meters,
                                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.meters = meters;
        this.catalog = useCases.get(IntegrationCatalog.class);
        this.intake = useCases.get(AlertIntake.class);
        this.clock = clock;
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    @POST
    @Path("/alertmanager")
    public CompletionStage<Response> alertmanager(@PathParam("id") String id,
                                                  @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                  @Context RoutingContext routing) {
        return receive(id, IntegrationKind.ALERTMANAGER, routing, integration -> bearer(integration, authorization),
                (integration, body) -> null,
                root -> PrometheusStylePayload.parse(root, "4", List.of("generatorURL")));
    }

    @POST
    @Path("/grafana")
    public CompletionStage<Response> grafana(@PathParam("id") String id,
                                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                             @Context RoutingContext routing) {
        return receive(id, IntegrationKind.GRAFANA, routing, integration -> bearer(integration, authorization),
                (integration, body) -> null,
                root -> PrometheusStylePayload.parse(root, "1",
                        List.of("panelURL", "dashboardURL", "generatorURL")));
    }

    @POST
    @Path("/generic")
    public CompletionStage<Response> generic(@PathParam("id") String id,
                                             @HeaderParam(TIMESTAMP_HEADER) String timestamp,
                                             @HeaderParam(SIGNATURE_HEADER) String signature,
                                             @Context RoutingContext routing) {
        Instant receivedAt = clock.instant();
        return receive(id, IntegrationKind.GENERIC, routing, integration -> signatureHeaders(timestamp, signature, receivedAt),
                (integration, body) -> catalog.signatureMatches(integration, timestamp.trim(), body, signature)
                        ? null : "The signature does not match.",
                root -> new PrometheusStylePayload.Parsed(List.of(GenericPayload.parse(root, receivedAt)), 0));
    }

    private CompletionStage<Response> receive(String id, IntegrationKind kind, RoutingContext routing,
                                              Function<Integration, String> credentialsInHeaders,
                                              BiFunction<Integration, byte[], String> signedBody,
                                              Function<JsonNode, PrometheusStylePayload.Parsed> parse) {
        IntegrationId integrationId;
        try {
            integrationId = IntegrationId.parse(id);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(unread(routing, problem(404, "Not Found", "Integration " + id + " does not exist.", null)));
        }
        String announced = routing.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (announced != null && announced.chars().allMatch(Character::isDigit) && announced.length() < 19
                && Long.parseLong(announced) > maxBodyBytes) {
            return CompletableFuture.completedFuture(unread(routing, tooLarge(announced)));
        }
        return catalog.forReceiver(integrationId).handle((integration, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.unwrap(failure);
                if (cause instanceof IntegrationNotFound) {
                    return CompletableFuture.completedFuture(unread(routing, problem(404, "Not Found", cause.getMessage(), null)));
                }
                return CompletableFuture.completedFuture(unread(routing, unavailable(cause)));
            }
            String refusal = credentialsInHeaders.apply(integration);
            if (refusal != null) {
                return CompletableFuture.completedFuture(unread(routing, unauthorized(kind, refusal)));
            }
            if (integration.settings().kind() != kind) {
                return CompletableFuture.completedFuture(unread(routing, problem(404, "Not Found", "Integration " + id + " receives "
                        + integration.settings().kind().name().toLowerCase(java.util.Locale.ROOT) + " payloads, not "
                        + kind.name().toLowerCase(java.util.Locale.ROOT) + " ones.", null)));
            }
            return readBody(routing).handle((payload, unreadable) -> {
                if (unreadable != null) {
                    return CompletableFuture.completedFuture(unread(routing, unreadable(Failures.unwrap(unreadable))));
                }
                String badSignature = signedBody.apply(integration, payload);
                if (badSignature != null) {
                    return CompletableFuture.completedFuture(unauthorized(kind, badSignature));
                }
                PrometheusStylePayload.Parsed parsed;
                try {
                    parsed = parse.apply(read(payload));
                } catch (PayloadException e) {
                    return CompletableFuture.completedFuture(problem(e.status(),
                            e.status() == 413 ? "Content Too Large" : "Bad Request", e.field() + ": " + e.getMessage(), e));
                }
                return store(integration, parsed.alerts(), parsed.truncatedAlerts(), payload);
            }).thenCompose(response -> response);
        }).thenCompose(response -> response);
    }

    /**
     * The body, read as it arrives: refused as soon as it passes the limit, whatever length it announced (a chunked
     * body announces none), and when it does not arrive within {@value #BODY_READ_TIMEOUT_SECONDS} s.
     */
    private CompletableFuture<byte[]> readBody(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        if (request.isEnded()) {
            body.complete(new byte[0]);
            return body;
        }
        Buffer received = Buffer.buffer();
        request.handler(chunk -> {
            if (body.isDone()) {
                return;
            }
            if (received.length() + (long) chunk.length() > maxBodyBytes) {
                request.pause();
                body.completeExceptionally(new BodyTooLarge());
                return;
            }
            received.appendBuffer(chunk);
        });
        request.exceptionHandler(body::completeExceptionally);
        request.endHandler(ended -> body.complete(received.getBytes()));
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            routing.response().writeContinue();
        }
        request.resume();
        return body.orTimeout(BODY_READ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Thrown while reading a body that passed the limit. */
    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    private Response unreadable(Throwable cause) {
        if (cause instanceof BodyTooLarge) {
            return tooLarge(null);
        }
        if (cause instanceof TimeoutException) {
            return problem(408, "Request Timeout", "The body did not arrive within " + BODY_READ_TIMEOUT_SECONDS
                    + " s.", null);
        }
        return problem(400, "Bad Request", "The body could not be read: " + cause.getMessage(), null);
    }

    private Response tooLarge(String announced) {
        String message = "must be at most " + maxBodyBytes + " bytes" + (announced == null ? "" : ", not " + announced);
        return problem(413, "Content Too Large", "body: " + message, PayloadException.tooLarge("body", message));
    }

    private static Response unauthorized(IntegrationKind kind, String refusal) {
        Response.ResponseBuilder unauthorized = Response.fromResponse(problem(401, "Unauthorized", refusal, null));
        if (kind != IntegrationKind.GENERIC) {
            unauthorized.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"firedrill\"");
        }
        return unauthorized.build();
    }

    /**
     * A refusal sent while the body is still unread, marked {@code Connection: close} so that the rest of the request
     * is neither read nor waited for: the REST adapter's HTTP limits (UnreadBody) close the connection after it over
     * HTTP/1.x, and over HTTP/2 remove the header and reset only this request's stream.
     */
    private static Response unread(RoutingContext routing, Response refusal) {
        if (routing.request().isEnded()) {
            return refusal;
        }
        return Response.fromResponse(refusal).header("Connection", "close").build();
    }

    private CompletableFuture<Response> store(Integration integration, List<IncomingAlert> alerts, int truncated,
                                              byte[] payload) {
        CompletableFuture<Delivery> stored;
        try {
            stored = intake.receive(integration, alerts, truncated, digest(payload));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(problem(400, "Bad Request", e.getMessage(), null));
        }
        return stored.orTimeout(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS).handle((delivery, failure) -> {
            if (failure != null) {
                return unavailable(Failures.unwrap(failure));
            }
            meters.counter(INGESTED, "kind", integration.settings().kind().name().toLowerCase(java.util.Locale.ROOT))
                    .increment(delivery.alerts());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("deliveryId", delivery.id().toString());
            answer.put("alerts", delivery.alerts());
            return Response.accepted(answer).type(MediaType.APPLICATION_JSON).build();
        });
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw PayloadException.invalid("$", "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw PayloadException.invalid("$", "the body cannot be read");
        }
    }

    /** {@code null} when the bearer token is the integration's secret; otherwise why not. */
    private String bearer(Integration integration, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Send the integration's secret as \"Authorization: Bearer <secret>\".";
        }
        return catalog.tokenMatches(integration, authorization.substring(7).trim())
                ? null : "The bearer token is not this integration's secret.";
    }

    /** {@code null} when the signature headers are there and the timestamp is recent; otherwise why not. */
    private static String signatureHeaders(String timestamp, String signature, Instant now) {
        if (timestamp == null || signature == null) {
            return "Send " + TIMESTAMP_HEADER + " (Unix seconds) and " + SIGNATURE_HEADER
                    + " (v1=<hex HMAC-SHA256 of \"<timestamp>.<body>\">).";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return TIMESTAMP_HEADER + " must be Unix seconds.";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > SIGNATURE_TOLERANCE.toSeconds()) {
            return TIMESTAMP_HEADER + " is more than 5 minutes away from the server's clock.";
        }
        return null;
    }

    private static Response unavailable(Throwable cause) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(cause, "Alerts could not be stored (error id %s)", errorId);
        return Response.fromResponse(problem(503, "Service Unavailable",
                        "The alerts could not be stored; retry. Error id " + errorId + ".", null))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    private static Response problem(int status, String title, String detail, PayloadException field) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (field != null) {
            problem.put("errors", List.of(Map.of("field", field.field(), "message", field.getMessage())));
        }
        return Response.status(status).type(PROBLEM).entity(problem).build();
    }

    private static String digest(byte[] payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
