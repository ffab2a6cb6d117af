package io.firedrill.adapter.rest.security;

import io.firedrill.adapter.rest.problem.Problem;
import io.firedrill.adapter.rest.security.AccessTable.Access;
import io.firedrill.adapter.rest.security.AccessTable.AnyPrincipal;
import io.firedrill.adapter.rest.security.AccessTable.IntegrationCredential;
import io.firedrill.adapter.rest.security.AccessTable.Needs;
import io.firedrill.adapter.rest.support.Caller;
import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Enforces the {@link AccessTable} before any endpoint runs (and before its body is read): a request without a valid
 * credential is a 401, one whose principal lacks the role a 403, an endpoint the table does not name a 403 for
 * everyone. The {@code X-Firedrill-Actor} and {@code X-Firedrill-Tenant} headers no longer choose anything: one that
 * names another actor or tenant than the principal's is refused. A request let through carries its principal for
 * {@link Caller}.
 */
public class AccessFilter {

    private static final Logger LOG = Logger.getLogger(AccessFilter.class);
    /** What the filter governs: the API. Every resource of Firedrill is under it (a test checks). */
    static final String API = "/api/";
    /** The challenge of every 401 (the API's and the monitoring endpoints'). */
    static final String CHALLENGE = "Bearer realm=\"firedrill\"";

    private final Map<Method, String> templates = new ConcurrentHashMap<>();
    private final AbuseLimits limits;
    private final UseCases useCases;

    @Inject
    public AccessFilter(AbuseLimits limits, UseCases useCases) {
        this.limits = limits;
        this.useCases = useCases;
    }

    /**
     * What the request still waits for when {@link #check} could not decide at once: the token lookup in flight, or
     * (without an API token) the identity provider's verdict.
     */
    private record Pending(Access access, CompletableFuture<Optional<Principal>> token) {
    }

    private static final String PENDING = "io.firedrill.access.pending";

    /**
     * Decides at once whatever it can: endpoints outside the table's governance, the table's refusals, throttled
     * addresses, and API tokens this instance knows (the usual case); anything else is left to {@link #checkLater}.
     * Deciding here, without a {@link Uni}, spares every request an asynchronous step.
     */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response check(ContainerRequestContext request, ResourceInfo resource, RoutingContext routing) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        String template = templates.computeIfAbsent(method, ignored -> template(resource.getResourceClass(), method));
        if (!template.startsWith(API)) {
            return null;
        }
        Optional<Access> access = AccessTable.of(request.getMethod(), template);
        if (access.isEmpty()) {
            LOG.errorf("%s %s has no entry in the access table: refused to everyone", request.getMethod(), template);
            return Problem.ofStatus(Response.Status.FORBIDDEN, "This endpoint has no access rule; nobody may call it.")
                    .toResponse();
        }
        if (access.get() instanceof IntegrationCredential) {
            return null;
        }
        request.setProperty(AuditFilter.TEMPLATE, template);
        // the address is worked out only when needed (an audit record, a refusal, a throttled network)
        request.setProperty(AuditFilter.REQUEST, routing.request());
        long blocked = limits.watching() ? limits.blocked(address(routing.request())) : 0;
        if (blocked > 0 && !knownToken(routing)) {
            return tooMany(blocked, "Too many failed authentications from this address; retry after " + blocked + " s.");
        }
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && routing.request().headers().getAll(HttpHeaders.AUTHORIZATION).size() > 1) {
            // one credential per request: two are refused like a wrong one, whichever of them is valid
            return decide(access.get(), routing, request, Optional.empty());
        }
        String secret = ApiTokenAuthentication.apiToken(authorization);
        if (secret != null) {
            // API tokens are checked here directly (answered from memory once known), not through the security
            // framework's mechanisms, which cost more than the check itself
            CompletableFuture<Optional<Principal>> found = tokens().authenticate(secret);
            if (found.isDone() && !found.isCompletedExceptionally()) {
                return decide(access.get(), routing, request, found.getNow(Optional.empty()));
            }
            request.setProperty(PENDING, new Pending(access.get(), found));
            return null;
        }
        request.setProperty(PENDING, new Pending(access.get(), null));
        return null;
    }

    /** Decides what {@link #check} left pending, once the token lookup or the identity provider has answered. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
    public Uni<Response> checkLater(ContainerRequestContext request, RoutingContext routing) {
        if (!(request.getProperty(PENDING) instanceof Pending pending)) {
            // decided by check, or not governed: no asynchronous step at all
            return null;
        }
        // Authentication may complete on another context (a token lookup's); the request goes on, and keeps its
        // principal, on its own.
        Context own = Vertx.currentContext();
        Executor back = task -> {
            if (own == null || Vertx.currentContext() == own) {
                task.run();
            } else {
                own.runOnContext(ignored -> task.run());
            }
        };
        if (pending.token() != null) {
            return Uni.createFrom().completionStage(pending.token()).emitOn(back)
                    .onItemOrFailure().transform((principal, failure) -> {
                        if (answered(routing)) {
                            return abandoned();
                        }
                        if (failure != null) {
                            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
                        }
                        return decide(pending.access(), routing, request, principal);
                    });
        }
        return QuarkusHttpUser.getSecurityIdentity(routing, null)
                .emitOn(back)
                .onItemOrFailure().transform((identity, failure) -> answered(routing) ? abandoned()
                        : decide(pending.access(), routing, request, identity(identity, failure)));
    }

    /** The client's address (the forwarded one behind a trusted proxy, as configured). */
    static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /**
     * Answered meanwhile (the request deadline passed while the credential was checked) or abandoned by the client: the
     * request goes no further, so that no command runs after its 503.
     */
    private static boolean answered(RoutingContext routing) {
        return routing.response().ended() || routing.response().closed();
    }

    private static Response abandoned() {
        return Problem.ofStatus(Response.Status.SERVICE_UNAVAILABLE, "The request was answered or abandoned while its"
                + " credential was checked.").toResponse();
    }

    private AccessTokens tokens() {
        return useCases.get(AccessTokens.class);
    }

    /** The principal of what the security framework authenticated; throws a fault that is not a refusal. */
    private static Optional<Principal> identity(SecurityIdentity identity, Throwable outcome) {
        // a fault while checking a credential (the database away) is a 503, not a 401
        Throwable failure = CredentialCheckFailed.in(outcome).<Throwable>map(Throwable::getCause).orElse(outcome);
        if (failure != null && !refusal(failure)) {
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return failure == null ? Principals.of(identity) : Optional.empty();
    }

    private Response decide(Access access, RoutingContext routing, ContainerRequestContext request,
                            Optional<Principal> found) {
        if (found.isEmpty()) {
            boolean presented = routing.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
            if (presented) {
                limits.failed(address(routing.request()));
            }
            return Response.fromResponse(Problem.ofStatus(Response.Status.UNAUTHORIZED, presented
                            ? "The credential is unknown, revoked or expired, or not accepted here."
                            : "Authentication required: send Authorization: Bearer with an API token (fd_…) or an"
                            + " access token of the configured identity provider.").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
        }
        Principal principal = found.get();
        request.setProperty(AuditFilter.PRINCIPAL, principal);
        // per credential and actor: every user of one identity provider shares its credential name
        long wait = limits.request(principal.credential() + " " + principal.actor().name());
        if (wait > 0) {
            return tooMany(wait, "This credential sent more requests than its rate limit; retry after " + wait + " s.");
        }
        Response impersonation = impersonation(routing.request(), principal);
        if (impersonation != null) {
            return impersonation;
        }
        if (access instanceof Needs needs && !principal.may(needs.role())) {
            return Problem.ofStatus(Response.Status.FORBIDDEN, "This needs the role " + needs.role().wireName()
                    + (needs.role() == Role.PLATFORM_ADMIN || needs.role() == Role.INTEGRATION ? "" : " or above")
                    + "; the caller has " + principal.roles().stream().map(Role::wireName).sorted()
                    .collect(Collectors.joining(", ")) + ".").toResponse();
        }
        if (!(access instanceof AnyPrincipal) && !(access instanceof Needs needs && needs.role() == Role.PLATFORM_ADMIN)
                && principal.tenant() == null) {
            return Problem.ofStatus(Response.Status.FORBIDDEN, "A platform admin belongs to no tenant.").toResponse();
        }
        Principals.enter(principal);
        return null;
    }

    /**
     * Whether the request carries an API token this instance accepted a moment ago: a throttled address (a proxy, an
     * office) does not lock out its users whose tokens are known good.
     */
    private boolean knownToken(RoutingContext routing) {
        String secret = ApiTokenAuthentication.apiToken(routing.request().getHeader(HttpHeaders.AUTHORIZATION));
        return secret != null && tokens().knownValid(secret);
    }

    private static Response tooMany(long seconds, String detail) {
        return Response.fromResponse(Problem.ofStatus(Response.Status.TOO_MANY_REQUESTS, detail).toResponse())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)).build();
    }

    /** Whether a failure of authentication is the credential's refusal (the OIDC mechanism adds its reasons). */
    private static boolean refusal(Throwable failure) {
        return failure instanceof AuthenticationFailedException
                || failure instanceof CompositeException composite
                && composite.getCauses().stream().anyMatch(AuthenticationFailedException.class::isInstance);
    }

    /** A refusal when the obsolete headers name another actor or tenant than the principal's. */
    private static Response impersonation(HttpServerRequest request, Principal principal) {
        if (request.getHeader(Caller.ACTOR_HEADER) != null && request.headers().getAll(Caller.ACTOR_HEADER).stream()
                .anyMatch(actor -> !actor.strip().equals(principal.actor().name()))) {
            return Problem.refused(403, "Forbidden", Caller.ACTOR_HEADER, "names another actor than the authenticated"
                    + " one; the actor of every fact is the principal of the credential").toResponse();
        }
        if (request.getHeader(Caller.TENANT_HEADER) != null && request.headers().getAll(Caller.TENANT_HEADER).stream()
                .anyMatch(tenant -> principal.tenant() == null || !tenant.strip().equals(principal.tenant().value()))) {
            return Problem.refused(403, "Forbidden", Caller.TENANT_HEADER, "names another tenant than the credential's;"
                    + " the tenant comes from the credential").toResponse();
        }
        return null;
    }

    /** The path template of a resource method as the OpenAPI document writes it ({@code /api/v1/incidents/{id}}). */
    static String template(Class<?> resourceClass, Method method) {
        Path classPath = resourceClass.getAnnotation(Path.class);
        Path methodPath = method.getAnnotation(Path.class);
        String joined = "/" + (classPath == null ? "" : classPath.value()) + "/" + (methodPath == null ? "" : methodPath.value());
        String normalized = joined.replaceAll("/+", "/");
        return normalized.length() > 1 && normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1)
                : normalized;
    }
}
