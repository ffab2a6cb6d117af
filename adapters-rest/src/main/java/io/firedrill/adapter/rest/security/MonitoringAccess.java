package io.firedrill.adapter.rest.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.adapter.rest.problem.Problem;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

/**
 * Who may read the monitoring endpoints outside {@code /api/}: by default anyone who can reach them (scrapers and
 * tooling on a trusted network), or, when configured, only the bearer of an API token. The metrics are the whole
 * installation's, so they then need a {@code platform-admin} token ({@code firedrill.security.metrics.authenticated});
 * the OpenAPI document needs any valid token ({@code firedrill.security.openapi.authenticated}). Refusals are
 * answered like the API's (problem+json, 401 with a challenge, 403) and audited in the platform's chain.
 */
@ApplicationScoped
public class MonitoringAccess {

    /** Runs before any route, so before the endpoints it guards. */
    private static final int PRIORITY = 10;
    private static final long CHECK_SECONDS = 5;

    private final boolean metrics;
    private final boolean openapi;
    private final String metricsPath;
    private final String openapiPath;
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
                            UseCases useCases, AbuseLimits limits, ObjectMapper json) {
        this.metrics = metrics;
        this.openapi = openapi;
        this.metricsPath = metricsPath;
        this.openapiPath = openapiPath;
        this.useCases = useCases;
        this.limits = limits;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        if (metrics || openapi) {
            filters.register(this::check, PRIORITY);
        }
    }

    private void check(RoutingContext routing) {
        String path = routing.normalizedPath();
        Role needed = metrics && under(path, metricsPath) ? Role.PLATFORM_ADMIN
                : openapi && under(path, openapiPath) ? Role.VIEWER : null;
        if (needed == null) {
            routing.next();
            return;
        }
        String address = AccessFilter.address(routing.request());
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        String secret = routing.request().headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1 ? null
                : ApiTokenAuthentication.apiToken(authorization);
        AccessTokens tokens = useCases.get(AccessTokens.class);
        long blocked = limits.blocked(address);
        if (blocked > 0 && (secret == null || !tokens.knownValid(secret))) {
            answer(routing, Problem.ofStatus(Status.TOO_MANY_REQUESTS, "Too many failed"
                    + " authentications from this address; retry after " + blocked + " s."), blocked);
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
            if (failure != null) {
                answer(routing, Problem.ofStatus(Status.SERVICE_UNAVAILABLE,
                        "The credential could not be checked; retry shortly."), 1);
            } else if (principal.isEmpty()) {
                if (authorization != null) {
                    limits.failed(address);
                }
                routing.response().putHeader(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"firedrill\"");
                refuse(routing, path, null, Problem.ofStatus(Status.UNAUTHORIZED,
                        "Authentication required: send Authorization: Bearer with an API token (fd_…)."));
            } else if (!principal.get().may(needed)) {
                refuse(routing, path, principal.get(), Problem.ofStatus(Status.FORBIDDEN,
                        "This needs the role " + needed.wireName() + "."));
            } else {
                routing.next();
            }
        }));
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
    }

    private void refuse(RoutingContext routing, String path, Principal principal, Problem problem) {
        useCases.get(AuditLog.class).record(new AuditEntry(AuditEntry.PLATFORM, Instant.now(),
                principal == null ? null : principal.actor().name(), principal == null ? null : principal.credential(),
                routing.request().method().name() + " " + path, routing.request().path(),
                AccessFilter.address(routing.request()), problem.status(), null));
        answer(routing, problem, 0);
    }

    private void answer(RoutingContext routing, Problem problem, long retryAfterSeconds) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is plain data", e);
        }
        if (retryAfterSeconds > 0) {
            routing.response().putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        routing.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(body));
    }
}
