package io.firedrill.application.incident;

import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import java.util.Objects;

/**
 * Who sends a command, on whose behalf and under which conditions.
 *
 * @param tenant the tenant the incident belongs to; an incident of another tenant is not found
 * @param actor who asks; recorded on every event
 * @param source the channel the command came through; recorded on every event
 * @param expectedVersion the incident version the sender last saw ({@code If-Match}); {@code null} to
 *     accept any version and have the command re-decided on fresh state when it races another
 * @param idempotencyKey the client's key for this request, or {@code null}; events appended under a key get
 *     ids derived from it, so a repeat after a crash cannot append them twice
 */
public record CommandContext(TenantId tenant, Actor actor, Source source, Long expectedVersion, String idempotencyKey) {

    public CommandContext {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(source, "source");
    }
}
