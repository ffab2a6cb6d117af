package io.firedrill.adapter.rest.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Under {@code /api/}, the {@link AccessFilter} answers every failed authentication itself, so the request carries no
 * authentication-failure handler from the moment the security framework's handler has put its default one there.
 * Quarkus's REST layer would otherwise replace that default on every request, and, with metrics present, match the
 * whole path against every resource once more to name its route template; once inside the REST layer it removes the
 * handler anyway. Answers and metrics are unchanged (the route template is named where the request is matched).
 */
@ApplicationScoped
public class AuthenticationFailureHandOver {

    void register(@Observes Filters filters) {
        // the same priority as the authentication handler: registered after it, so it runs right after it
        filters.register(AuthenticationFailureHandOver::handOver, SecurityHandlerPriorities.AUTHENTICATION);
    }

    private static void handOver(RoutingContext routing) {
        if (routing.normalizedPath().startsWith(AccessFilter.API)) {
            routing.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        }
        routing.next();
    }
}
