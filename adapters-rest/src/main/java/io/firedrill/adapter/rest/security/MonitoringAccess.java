package io.firedrill.adapter.rest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.rest.problem.Problem;
import io.firedrill.adapter.rest.support.RouteProblems;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who may read the monitoring endpoints outside {@code /api/}: by default anyone who can reach them (scrapers and
 * tooling on a trusted network), or, when configured, only the bearer of an API token. The metrics are the whole
 * installation's, so they then need a {@code platform-admin} token ({@code firedrill.security.metrics.authenticated});
 * the OpenAPI document (in every format it is served in) needs any valid token
 * ({@code firedrill.security.openapi.authenticated}). Refusals are answered like the API's (problem+json, 401 with a
 * challenge, 403, 429) and audited.
 */
@ApplicationScoped
public class MonitoringAccess {

    private static final Logger LOG = Logger.getLogger(MonitoringAccess.class);
    /**
     * After the HTTP limits (URI, headers and body size, which refuse first) and before the routes of the metrics and
     * the OpenAPI document.
     */
    private static final int PRIORITY = 1;
    private static final long CHECK_SECONDS = 5;

    private final boolean metrics;
    private final boolean openapi;
    private final String metricsPath;
    private final String openapiPath;
    private final boolean management;
    private final UseCases useCases;
    private final AbuseLimits limits;
    private final ObjectMapper json;

    @Inject
    public MonitoringAccess(@ConfigProperty(name = "firedrill.security.metrics.authenticated", defaultValue = "false")
                            boolean metrics,
                            @ConfigProperty(name = "firedrill.security.openapi.authenticated", defaultValue = "false")
                            boolean openapi,
                            @ConfigProperty(name = "quarkus.micrometer.export.prometheus.path", defaultValue = "/q/metrics")
                            String metricsPath,
                            @ConfigProperty(name = "quarkus.smallrye-openapi.path", defaultValue = "/q/openapi")
                            String openapiPath,
                            @ConfigProperty(name = "quarkus.management.enabled", defaultValue = "false") boolean management,
                            UseCases useCases, AbuseLimits limits, ObjectMapper json) {
        this.metrics = metrics;
        this.openapi = openapi;
        this.metricsPath = metricsPath;
        this.openapiPath = openapiPath;
        this.management = management;
        this.useCases = useCases;
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        if (!metrics && !openapi) {
            return;
        }
        // fail at start rather than leave an endpoint open that the configuration says is guarded
        if (management) {
            throw new IllegalStateException("firedrill.security.metrics.authenticated and openapi.authenticated guard"
                    + " the main HTTP port only; they cannot be used with quarkus.management.enabled");
        }
        if (!metricsPath.startsWith("/q/") || !openapiPath.startsWith("/q/")) {
            throw new IllegalStateException("firedrill.security.metrics.authenticated and openapi.authenticated expect"
                    + " the metrics and the OpenAPI document under /q/, not " + metricsPath + " and " + openapiPath);
        }
        filters.register(this::check, PRIORITY);
    }

    /** What a guarded path needs: any valid token, or (the metrics) a platform admin's. */
    private enum Needs { ANY_TOKEN, PLATFORM_ADMIN }

    private void check(RoutingContext routing) {
        String path = routing.normalizedPath();
        // prefixes: the metrics' sub-paths, the document's .json, .yaml and .yml forms
        Needs needs = metrics && path.startsWith(metricsPath) ? Needs.PLATFORM_ADMIN
                : openapi && path.startsWith(openapiPath) ? Needs.ANY_TOKEN : null;
        if (needs == null) {
            routing.next();
            return;
        }
        String endpoint = routing.request().method().name() + " " + (needs == Needs.PLATFORM_ADMIN ? metricsPath
                : openapiPath);
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        String secret = routing.request().headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1 ? null
                : ApiTokenAuthentication.apiToken(authorization);
        AccessTokens tokens = useCases.get(AccessTokens.class);
        long blocked = limits.watching() ? limits.blocked(AccessFilter.address(routing.request())) : 0;
        if (blocked > 0 && (secret == null || !tokens.knownValid(secret))) {
            answer(routing, Problem.ofStatus(Status.TOO_MANY_REQUESTS, "Too many failed authentications from this"
                    + " address; retry after " + blocked + " s."), blocked);
            return;
        }
        CompletableFuture<Optional<Principal>> found = secret == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : tokens.authenticate(secret).orTimeout(CHECK_SECONDS, TimeUnit.SECONDS);
        Context own = Vertx.currentContext();
        found.whenComplete((principal, failure) -> own.runOnContext(ignored -> {
            if (routing.response().ended() || routing.response().closed()) {
                return;
            }
            try {
                decide(routing, endpoint, needs, authorization != null, principal, failure);
            } catch (RuntimeException e) {
                routing.fail(e);
            }
        }));
    }

    private void decide(RoutingContext routing, String endpoint, Needs needs, boolean presented,
                        Optional<Principal> principal, Throwable failure) {
        if (failure != null) {
            LOG.warnf("A token for %s could not be checked: %s", endpoint, failure.toString());
            answer(routing, Problem.ofStatus(Status.SERVICE_UNAVAILABLE, "The credential could not be checked;"
                    + " retry shortly."), 1);
        } else if (principal.isEmpty()) {
            if (presented) {
                limits.failed(AccessFilter.address(routing.request()));
            }
            routing.response().putHeader(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, AccessFilter.CHALLENGE);
            refuse(routing, endpoint, null, Problem.ofStatus(Status.UNAUTHORIZED, presented
                    ? "The credential is unknown, revoked or expired, or not accepted here (API tokens only)."
                    : "Authentication required: send Authorization: Bearer with an API token (fd_…)."));
        } else if (needs == Needs.PLATFORM_ADMIN && !principal.get().may(Role.PLATFORM_ADMIN)) {
            refuse(routing, endpoint, principal.get(), Problem.ofStatus(Status.FORBIDDEN, "This needs the role "
                    + Role.PLATFORM_ADMIN.wireName() + ": the metrics are the whole installation's."));
        } else {
            routing.next();
        }
    }

    private void refuse(RoutingContext routing, String endpoint, Principal principal, Problem problem) {
        boolean recorded = useCases.get(AuditLog.class).record(new AuditEntry(
                principal == null ? AuditEntry.PLATFORM : AuditEntry.chainOf(principal.tenant()), Instant.now(),
                principal == null ? null : principal.actor().name(), principal == null ? null : principal.credential(),
                endpoint, routing.request().path(), AccessFilter.address(routing.request()), problem.status(), null));
        if (!recorded) {
            LOG.errorf("The audit queue is full: the refusal of %s was not recorded", endpoint);
        }
        answer(routing, problem, 0);
    }

    private void answer(RoutingContext routing, Problem problem, long retryAfterSeconds) {
        if (retryAfterSeconds > 0) {
            routing.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        RouteProblems.answer(routing, json, problem);
    }
}
