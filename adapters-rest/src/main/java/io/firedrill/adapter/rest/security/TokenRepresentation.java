package io.firedrill.adapter.rest.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.firedrill.application.port.in.security.ApiToken;
import io.firedrill.application.port.in.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An API token as the API shows it; {@code secret} only in the answer that created it.
 *
 * @param tenant {@code null} for a platform admin's token
 */
public record TokenRepresentation(UUID id, String tenant, String name, String subject, List<String> roles,
                                  Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt,
                                  String revokedBy, Instant lastUsedAt,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static TokenRepresentation of(ApiToken token, String secret) {
        return new TokenRepresentation(token.id(), token.tenant() == null ? null : token.tenant().value(), token.name(),
                token.subject(), token.roles().stream().sorted().map(Role::wireName).toList(), token.createdAt(),
                token.createdBy(), token.expiresAt(), token.revokedAt(), token.revokedBy(), token.lastUsedAt(), secret);
    }

    /** What a token is created with; {@code roles} by their API names ({@code viewer}, {@code admin}). */
    public record Create(String name, String subject, List<String> roles, Instant expiresAt) {
    }

    /** A list of tokens. */
    public record Items(List<TokenRepresentation> items) {
    }
}
