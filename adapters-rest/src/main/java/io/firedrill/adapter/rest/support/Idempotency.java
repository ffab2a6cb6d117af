package io.firedrill.adapter.rest.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.rest.problem.Problem;
import io.firedrill.adapter.rest.problem.ProblemMappers;
import io.firedrill.application.port.in.IdempotencyClaimLost;
import io.firedrill.application.port.in.IdempotentRequests.Claim;
import io.firedrill.application.port.in.IdempotentRequests.StoredResponse;
import io.firedrill.application.port.in.IdempotentRequests;
import io.firedrill.application.port.in.UseCases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for command requests: the first request with a key runs and its
 * response is stored; a repeat with the same key and the same request gets that response again
 * (with {@code Idempotent-Replayed: true}) and changes nothing. The same key with a different request
 * is refused with 422; a repeat while the first is still running gets 409 with {@code Retry-After}.
 * A response with a 5xx status or a {@code Retry-After} is not stored, so a retry runs the request again.
 * Keys are scoped to the tenant; the same key from another actor is a different request (422).
 *
 * <p>The claim on a key is kept alive while its request runs and given up when the request fails or its
 * response cannot be stored (the answer is then the failure, a 503 for a database fault), so the client's
 * retry runs again at once; a request whose claim was taken over meanwhile (its lease ran out) answers 503 too, and
 * the retry gets the answer stored by the claim's new holder; a claim whose instance died runs out after the lease. Running again never applies
 * a command twice: commands record the key and the request's fingerprint on the events they append, and a
 * command whose key and fingerprint already stand on its subject's events changes nothing.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final List<String> STORED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG, "X-Firedrill-Events-Appended");

    private final IdempotentRequests records;
    private final ObjectMapper mapper;

    @Inject
    public Idempotency(UseCases useCases, ObjectMapper mapper) {
        this.records = useCases.get(IdempotentRequests.class);
        this.mapper = mapper;
    }

    /**
     * Runs {@code action} once per key. Failures of the action become their problem+json responses, so the
     * returned stage always completes with a response.
     *
     * <p>The request's fingerprint (actor, method, path and body) is passed to {@code action}, {@code null}
     * without a key: commands record it with the key on their events, so a request that was applied but
     * whose response was lost is recognised when it runs again.
     */
    public CompletionStage<Response> run(Caller caller, String method, URI path, Object body,
                                         Function<String, CompletionStage<Response>> action) {
        String key = caller.idempotencyKey();
        if (key == null) {
            return guarded(() -> action.apply(null));
        }
        if (!KEY.matcher(key).matches()) {
            return CompletableFuture.completedFuture(Problem.badRequest(HEADER,
                    "must be 1-255 visible ASCII characters (a UUID is a good key)").toResponse());
        }
        String hash;
        try {
            hash = fingerprint(caller.actor() + "\n" + method + ' ' + path.getPath() + '\n' + mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(ProblemMappers.toResponse(e));
        }
        return records.claim(caller.tenant(), key, hash)
                .thenCompose(claim -> switch (claim) {
                    // The claim is kept alive until the answer is stored or the claim given up.
                    case Claim.Acquired acquired -> records.whileClaimed(caller.tenant(), key, acquired,
                            () -> guarded(() -> action.apply(hash)).thenCompose(response -> remember(caller, key, acquired, response)));
                    case Claim.Completed completed -> CompletableFuture.completedFuture(replay(completed.response()));
                    case Claim.InProgress inProgress -> CompletableFuture.completedFuture(Response.fromResponse(
                                    new Problem(URI.create("urn:firedrill:problem:IDEMPOTENCY_KEY_IN_USE"),
                                            "Request in progress", 409,
                                            "A request with this Idempotency-Key is still being processed; retry shortly.",
                                            "IDEMPOTENCY_KEY_IN_USE", List.of()).toResponse())
                            .header(HttpHeaders.RETRY_AFTER, "1").build());
                    case Claim.Mismatch mismatch -> CompletableFuture.completedFuture(new Problem(
                            URI.create("urn:firedrill:problem:IDEMPOTENCY_KEY_REUSED"), "Idempotency-Key reused", 422,
                            "This Idempotency-Key was used for a different request; use a new key for a new request.",
                            "IDEMPOTENCY_KEY_REUSED", List.of(new Problem.FieldError(HEADER, "was used for a different request")))
                            .toResponse());
                })
                .exceptionally(ProblemMappers::toResponse);
    }

    /** Runs the action; any failure, thrown or in the stage, becomes its problem response. */
    public static CompletionStage<Response> guarded(Supplier<CompletionStage<Response>> action) {
        try {
            return action.get().exceptionally(ProblemMappers::toResponse);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ProblemMappers.toResponse(e));
        }
    }

    private CompletionStage<Response> remember(Caller caller, String key, Claim.Acquired claim, Response response) {
        // A server error or a "try again later" (Retry-After) is not the request's answer: a retry runs it again.
        if (response.getStatus() >= 500 || response.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)) {
            return records.release(caller.tenant(), key, claim).handle((ignored, failure) -> response);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : STORED_HEADERS) {
            Object value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value.toString());
            }
        }
        String body;
        try {
            body = response.getEntity() == null ? null
                    : response.getEntity() instanceof String text ? text : mapper.writeValueAsString(response.getEntity());
        } catch (JsonProcessingException e) {
            return records.release(caller.tenant(), key, claim).handle((ignored, failure) -> ProblemMappers.toResponse(e));
        }
        MediaType type = response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType();
        StoredResponse stored = new StoredResponse(response.getStatus(), type.toString(), headers, body);
        // An answer that could not be stored is not given either: the client would hold an answer a repeat might
        // not repeat. The failure is answered instead (a 503) and the claim given up, so the client's retry runs
        // again (and finds the command's events if it was applied). A claim taken over meanwhile is not ours to give
        // up: the retry gets the answer its new holder stores.
        return records.complete(caller.tenant(), key, claim, stored)
                .handle((ignored, failure) -> failure == null
                        ? CompletableFuture.completedFuture(response)
                        : claimLost(failure)
                        ? CompletableFuture.completedFuture(ProblemMappers.toResponse(failure))
                        : records.release(caller.tenant(), key, claim).handle((released, lost) -> ProblemMappers.toResponse(failure)))
                .thenCompose(answer -> answer);
    }

    private static boolean claimLost(Throwable failure) {
        return failure instanceof IdempotencyClaimLost
                || failure instanceof CompletionException && failure.getCause() instanceof IdempotencyClaimLost;
    }

    private static Response replay(StoredResponse stored) {
        Response.ResponseBuilder builder = Response.status(stored.status()).header(REPLAYED, "true");
        stored.headers().forEach(builder::header);
        if (stored.body() != null) {
            builder.entity(stored.body()).type(stored.contentType());
        }
        return builder.build();
    }

    private static String fingerprint(String request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
