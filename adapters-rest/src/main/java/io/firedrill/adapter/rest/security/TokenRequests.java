package io.firedrill.adapter.rest.security;

import io.firedrill.adapter.rest.problem.BadRequest;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.adapter.rest.support.Idempotency;
import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.NewToken;
import io.firedrill.application.port.in.security.Role;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** Reading token requests, shared by the tenant's own and the platform admin's token endpoints. */
final class TokenRequests {

    private TokenRequests() {
    }

    static NewToken newToken(Caller caller, TokenRepresentation.Create body) {
        if (caller.idempotencyKey() != null) {
            throw new BadRequest(Idempotency.HEADER, "is not accepted here: the secret is shown only once, so a"
                    + " creation cannot be replayed; list the tokens to see whether it was created");
        }
        if (body == null) {
            throw new BadRequest("$", "a JSON body with the token's name and roles is required");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (body.roles() != null) {
            for (int i = 0; i < body.roles().size(); i++) {
                String name = body.roles().get(i);
                int index = i;
                roles.add(Role.ofWireName(name).orElseThrow(() -> new BadRequest("roles[" + index + "]",
                        "must be viewer, responder, commander, admin or platform-admin, not '" + name + "'")));
            }
        }
        return new NewToken(body.name(), body.subject(), roles, body.expiresAt());
    }

    /** The 201 answer of a creation: the token with its secret, shown this once, at {@code location}. */
    static Response created(String location, AccessTokens.Issued issued) {
        return Response.created(URI.create(location)).entity(TokenRepresentation.of(issued.token(), issued.secret()))
                .build();
    }

    static UUID tokenId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("id", "must be a token id (a UUID), not '" + id + "'");
        }
    }
}
