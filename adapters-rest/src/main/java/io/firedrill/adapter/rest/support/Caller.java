package io.firedrill.adapter.rest.support;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.security.Principals;
import io.firedrill.application.port.in.CommandContext;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Who calls and for which tenant: the principal the {@link io.firedrill.adapter.rest.security.AccessFilter} let
 * through (an API token's or an identity provider's), never a header. The {@code X-Firedrill-Actor} and
 * {@code X-Firedrill-Tenant} headers of earlier versions choose nothing; the filter refuses one that names another
 * actor or tenant. Everything is read from the request when it arrives, so it can be used after the request turned
 * asynchronous.
 *
 * @param principal who calls
 * @param ifMatch the version named by {@code If-Match}, or {@code null}
 * @param idempotencyKey the {@code Idempotency-Key}, or {@code null}
 */
public record Caller(Principal principal, Long ifMatch, String idempotencyKey) {

    /** Named by earlier versions; refused when it names another actor than the principal. */
    public static final String ACTOR_HEADER = "X-Firedrill-Actor";
    /** Named by earlier versions; refused when it names another tenant than the principal's. */
    public static final String TENANT_HEADER = "X-Firedrill-Tenant";

    /** The caller of the current request. */
    public static Caller of(HttpHeaders headers) {
        Principal principal = Principals.current().orElseThrow(() -> new IllegalStateException(
                "no principal: the request did not pass the access filter"));
        return new Caller(principal, ifMatch(headers), headers.getHeaderString(Idempotency.HEADER));
    }

    /** The caller's tenant. */
    public TenantId tenant() {
        return principal.tenant();
    }

    /** The caller as the actor of facts. */
    public Actor actor() {
        return principal.actor();
    }

    /**
     * The command context for this caller, with the {@code If-Match} version and the idempotency key of the
     * request and its fingerprint ({@code null} without a key).
     */
    public CommandContext commandContext(String requestHash) {
        return new CommandContext(tenant(), actor(), Source.API, ifMatch, requestHash == null ? null : idempotencyKey,
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
