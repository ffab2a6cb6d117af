package io.firedrill.adapter.rest.security;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns an API token into the identity of its principal; an unknown, revoked or expired token fails. */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    private final UseCases useCases;

    @Inject
    public ApiTokenIdentityProvider(UseCases useCases) {
        this.useCases = useCases;
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().completionStage(() -> useCases.get(AccessTokens.class).authenticate(request.secret()))
                .onFailure().transform(CredentialCheckFailed::new)
                .map(principal -> Principals.identity(principal.orElseThrow(
                        () -> new AuthenticationFailedException("the API token is unknown, revoked or expired"))));
    }
}
