package io.firedrill.application.port.in;

import io.firedrill.domain.shared.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Requests sent with an {@code Idempotency-Key}: the first one runs, a repeat gets the first response and changes
 * nothing. Keys are per tenant; a claim whose holder died can be taken over after the configured lease.
 */
public interface IdempotentRequests {

    /** Claims {@code key} for a request whose fingerprint is {@code requestHash}. */
    CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash);

    /** Records the response of the request that holds the claim. */
    CompletableFuture<Void> complete(TenantId tenant, String key, StoredResponse response);

    /** Gives the claim up (the request failed in a way a retry may fix), so a repeat runs again. */
    CompletableFuture<Void> release(TenantId tenant, String key);

    /** The outcome of a claim. */
    sealed interface Claim {
        /** The key is new (or its abandoned claim was taken over): run the request. */
        record Acquired() implements Claim {
        }

        /** The key's request finished: answer with its response. */
        record Completed(StoredResponse response) implements Claim {
        }

        /** The key's request is still running. */
        record InProgress() implements Claim {
        }

        /** The key was used for a different request. */
        record Mismatch() implements Claim {
        }
    }

    /**
     * A response as it was sent.
     *
     * @param headers the headers worth repeating ({@code Location}, {@code ETag})
     * @param body the body, or {@code null}
     */
    record StoredResponse(int status, String contentType, Map<String, String> headers, String body) {

        public StoredResponse {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            Objects.requireNonNull(contentType, "contentType");
        }
    }
}
