package io.firedrill.adapter.rest.security;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether the credential a long-lived response (an event stream) was opened with is still good: an API token until it
 * is revoked or expires (checked as every request's, so a revocation reaches the stream within the same second), an
 * identity provider's access token until its expiry.
 */
public final class CredentialWatch {

    private final AccessTokens tokens;
    private final String secret;
    private final Instant expiresAt;

    private CredentialWatch(AccessTokens tokens, String secret, Instant expiresAt) {
        this.tokens = tokens;
        this.secret = secret;
        this.expiresAt = expiresAt;
    }

    /** The credential of a request the {@link AccessFilter} let through. */
    public static CredentialWatch of(RoutingContext routing, UseCases useCases) {
        String secret = ApiTokenAuthentication.apiToken(routing.request().getHeader(HttpHeaders.AUTHORIZATION));
        Instant expiresAt = null;
        if (secret == null && routing.user() instanceof QuarkusHttpUser user
                && user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            expiresAt = Instant.ofEpochSecond(jwt.getExpirationTime());
        }
        return new CredentialWatch(useCases.get(AccessTokens.class), secret, expiresAt);
    }

    /** Whether the credential is still accepted at {@code now}; a fault while checking fails the future. */
    public CompletableFuture<Boolean> stillValid(Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return CompletableFuture.completedFuture(false);
        }
        if (secret == null) {
            return CompletableFuture.completedFuture(true);
        }
        return tokens.authenticate(secret).thenApply(Optional::isPresent);
    }
}
