package io.firedrill.application.port.in;

import io.firedrill.domain.shared.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Requests sent with an {@code Idempotency-Key}: the first one runs, a repeat gets the first response and changes
 * nothing. Keys are per tenant. A claim is kept alive while its request runs; a claim whose holder died runs out
 * after the configured lease and can then be taken over.
 */
public interface IdempotentRequests {

    /** Claims {@code key} for a request whose fingerprint is {@code requestHash}. */
    CompletableFuture<Claim> claim(TenantId tenant, String key, String requestHash);

    /**
     * Runs {@code work} under an acquired claim and keeps the claim alive until the work completes, so no repeat
     * takes the key over from a request that is still running. Returns the work's own result.
     */
    <T> CompletableFuture<T> whileClaimed(TenantId tenant, String key, Claim.Acquired claim,
                                         Supplier<? extends CompletionStage<T>> work);

    /**
     * Records the response of the request that holds {@code claim}. Fails with {@link IdempotencyClaimLost}, and
     * records nothing, if the claim was taken over meanwhile (or is gone).
     */
    CompletableFuture<Void> complete(TenantId tenant, String key, Claim.Acquired claim, StoredResponse response);

    /**
     * Gives {@code claim} up (the request failed, or its response could not be recorded), so a repeat runs again.
     * Safe for commands applied before the failure: they record the key and request on their events, and a
     * repeat finds them there and changes nothing.
     */
    CompletableFuture<Void> release(TenantId tenant, String key, Claim.Acquired claim);

    /** The outcome of a claim. */
    sealed interface Claim {
        /**
         * The key is new (or its abandoned claim was taken over): run the request.
         *
         * @param claimId this claim's identity: only its holder renews, completes or releases it
         */
        record Acquired(String claimId) implements Claim {

            public Acquired {
                Objects.requireNonNull(claimId, "claimId");
            }
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
