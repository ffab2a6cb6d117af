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
import java.util.concurrent.ConcurrentHashMap;
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
    private static final String CHALLENGE = "Bearer realm=\"firedrill\"";

    private final Map<Method, String> templates = new ConcurrentHashMap<>();
    private final AbuseLimits limits;
    private final UseCases useCases;

    @Inject
    public AccessFilter(AbuseLimits limits, UseCases useCases) {
        this.limits = limits;
        this.useCases = useCases;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource, RoutingContext routing) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().nullItem();
        }
        String template = templates.computeIfAbsent(method, ignored -> template(resource.getResourceClass(), method));
        if (!template.startsWith(API)) {
            return Uni.createFrom().nullItem();
        }
        Optional<Access> access = AccessTable.of(request.getMethod(), template);
        if (access.isEmpty()) {
            LOG.errorf("%s %s has no entry in the access table: refused to everyone", request.getMethod(), template);
            return Uni.createFrom().item(Problem.ofStatus(Response.Status.FORBIDDEN,
                    "This endpoint has no access rule; nobody may call it.").toResponse());
        }
        if (access.get() instanceof IntegrationCredential) {
            return Uni.createFrom().nullItem();
        }
        String address = routing.request().remoteAddress() == null ? null : routing.request().remoteAddress().hostAddress();
        request.setProperty(AuditFilter.ENDPOINT, request.getMethod() + " " + template);
        request.setProperty(AuditFilter.ADDRESS, address);
        long blocked = limits.blocked(address);
        if (blocked > 0 && !knownToken(request)) {
            return Uni.createFrom().item(tooMany(blocked, "Too many failed authentications from this address; retry"
                    + " after " + blocked + " s."));
        }
        // Authentication may complete on another context (a token lookup's); the request goes on, and keeps its
        // principal, on its own.
        Context own = Vertx.currentContext();
        java.util.concurrent.Executor back = task -> {
            if (own == null || Vertx.currentContext() == own) {
                task.run();
            } else {
                own.runOnContext(ignored -> task.run());
            }
        };
        String secret = ApiTokenAuthentication.apiToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (secret != null) {
            // API tokens are checked here directly (answered from memory once known), not through the security
            // framework's mechanisms, which cost more than the check itself
            java.util.concurrent.CompletableFuture<Optional<Principal>> found = tokens().authenticate(secret);
            if (found.isDone() && !found.isCompletedExceptionally()) {
                return Uni.createFrom().item(decide(access.get(), request, found.getNow(Optional.empty()), address));
            }
            return Uni.createFrom().completionStage(found).emitOn(back)
                    .onItemOrFailure().transform((principal, failure) -> {
                        if (answered(routing)) {
                            return abandoned();
                        }
                        if (failure != null) {
                            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
                        }
                        return decide(access.get(), request, principal, address);
                    });
        }
        return QuarkusHttpUser.getSecurityIdentity(routing, null)
                .emitOn(back)
                .onItemOrFailure().transform((identity, failure) -> answered(routing) ? abandoned()
                        : decide(access.get(), request, identity(identity, failure), address));
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

    private Response decide(Access access, ContainerRequestContext request, Optional<Principal> found, String address) {
        if (found.isEmpty()) {
            boolean presented = request.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
            if (presented) {
                limits.failed(address);
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
        Response impersonation = impersonation(request, principal);
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
    private boolean knownToken(ContainerRequestContext request) {
        String secret = ApiTokenAuthentication.apiToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
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
    private static Response impersonation(ContainerRequestContext request, Principal principal) {
        String actor = request.getHeaderString(Caller.ACTOR_HEADER);
        if (actor != null && !actor.strip().equals(principal.actor().name())) {
            return Problem.refused(403, "Forbidden", Caller.ACTOR_HEADER, "names another actor than the authenticated"
                    + " one; the actor of every fact is the principal of the credential").toResponse();
        }
        String tenant = request.getHeaderString(Caller.TENANT_HEADER);
        if (tenant != null && (principal.tenant() == null || !tenant.strip().equals(principal.tenant().value()))) {
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
