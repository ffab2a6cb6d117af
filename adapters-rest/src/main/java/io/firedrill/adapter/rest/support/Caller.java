package io.firedrill.adapter.rest.support;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.ControlCharacters;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Who calls and for which tenant. Until authentication exists (a later issue) both come from headers:
 * {@code X-Firedrill-Actor} (default {@code anonymous}) and {@code X-Firedrill-Tenant} (default
 * {@code default}). These headers are temporary and will be ignored once identities are authenticated.
 * Everything is read from the request when it arrives, so it can be used after the request turned
 * asynchronous.
 *
 * @param ifMatch the version named by {@code If-Match}, or {@code null}
 * @param idempotencyKey the {@code Idempotency-Key}, or {@code null}
 */
public record Caller(TenantId tenant, Actor actor, Long ifMatch, String idempotencyKey) {

    public static final String ACTOR_HEADER = "X-Firedrill-Actor";
    public static final String TENANT_HEADER = "X-Firedrill-Tenant";

    /** The caller of the current request. */
    public static Caller of(HttpHeaders headers) {
        String actorName = headers.getHeaderString(ACTOR_HEADER);
        String tenantName = headers.getHeaderString(TENANT_HEADER);
        if (actorName != null && ControlCharacters.first(actorName) >= 0) {
            throw new BadRequest(ACTOR_HEADER, ControlCharacters.refusal(ControlCharacters.first(actorName)));
        }
        Actor actor;
        try {
            actor = Actor.user(actorName == null ? "anonymous" : actorName.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(ACTOR_HEADER, e.getMessage().replace("actor name ", ""));
        }
        TenantId tenant;
        try {
            tenant = tenantName == null ? TenantId.DEFAULT : new TenantId(tenantName.strip());
        } catch (IllegalArgumentException e) {
            throw new BadRequest(TENANT_HEADER, "must be 1-63 lower-case letters, digits or dashes");
        }
        return new Caller(tenant, actor, ifMatch(headers), headers.getHeaderString(Idempotency.HEADER));
    }

    /**
     * The command context for this caller, with the {@code If-Match} version and the idempotency key of the
     * request and its fingerprint ({@code null} without a key).
     */
    public CommandContext commandContext(String requestHash) {
        return new CommandContext(tenant, actor, Source.API, ifMatch, requestHash == null ? null : idempotencyKey,
                requestHash);
    }

    /** The version named by {@code If-Match} ({@code "3"}, {@code W/"3"} or {@code 3}); {@code null} when absent or {@code *}. */
    static Long ifMatch(HttpHeaders headers) {
        String value = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (value == null || value.isBlank() || value.strip().equals("*")) {
            return null;
        }
        String tag = value.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new BadRequest(HttpHeaders.IF_MATCH, "must be the ETag of the incident, such as \"3\", not " + value);
        }
    }

    /** The strong ETag of a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
