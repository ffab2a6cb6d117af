package io.firedrill.adapter.rest.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Under {@code /api/}, the {@link AccessFilter} answers every failed authentication itself, so the request carries no
 * authentication-failure handler from the moment the security framework's handler has put its default one there.
 * Quarkus's REST layer would otherwise replace that default on every request, and, with metrics present, match the
 * whole path against every resource once more to name its route template; once inside the REST layer it removes the
 * handler anyway. Answers are unchanged. The route template is named where the REST layer matches the request; the
 * answers it gives before that (406, 415) are measured under {@code /{unmatched}}, and {@code OPTIONS}, which it
 * answers there with a 200, keeps the framework's path. Should HTTP permission policies ever govern {@code /api/}
 * ({@code quarkus.http.auth.permission.*}), their refusals would need this handler: this class would have to go.
 */
@ApplicationScoped
public class AuthenticationFailureHandOver {

    void register(@Observes Filters filters) {
        // the same priority as the authentication handler: registered after it, so it runs right after it
        filters.register(AuthenticationFailureHandOver::handOver, SecurityHandlerPriorities.AUTHENTICATION);
    }

    private static void handOver(RoutingContext routing) {
        if (routing.normalizedPath().startsWith(AccessFilter.API) && routing.request().method() != HttpMethod.OPTIONS) {
            routing.remove(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        }
        routing.next();
    }
}
