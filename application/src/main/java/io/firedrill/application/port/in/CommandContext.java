package io.firedrill.application.port.in;

import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import java.util.Objects;

/**
 * Who sends a command, on whose behalf and under which conditions.
 *
 * @param tenant the tenant the subject belongs to; a subject of another tenant is not found
 * @param actor who asks; recorded on every event
 * @param source the channel the command came through; recorded on every event
 * @param expectedVersion the version of the subject the sender last saw ({@code If-Match}); {@code null} to
 *     accept any version and have the command re-decided on fresh state when it races another
 * @param idempotencyKey the client's key for this request, or {@code null}; recorded on the events it appends
 * @param requestHash a fingerprint of the request sent under {@code idempotencyKey}; a command whose key and
 *     fingerprint already stand on the subject's events was applied before (its response was lost) and
 *     changes nothing when it runs again
 */
public record CommandContext(TenantId tenant, Actor actor, Source source, Long expectedVersion, String idempotencyKey,
                             String requestHash) {

    public CommandContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
    }
}
