package io.firedrill.adapter.rest.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API token presented as {@code Authorization: Bearer fd_…}. */
public final class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String secret;

    public ApiTokenRequest(String secret) {
        this.secret = secret;
    }

    public String secret() {
        return secret;
    }

    @Override
    public String toString() {
        return "ApiTokenRequest[redacted]";
    }
}
