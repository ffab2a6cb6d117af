package io.firedrill.bootstrap;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.NewToken;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.application.port.in.security.TenantExists;
import io.firedrill.application.port.in.security.Tenants;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How tests authenticate: with real API tokens, minted through the token use case and cached per actor, tenant and
 * role. A RestAssured filter installed before every test gives each request without an {@code Authorization} header
 * the token of the actor, tenant and role its {@link #ACTOR}, {@link #TENANT} and {@link #ROLE} headers name
 * (defaults: {@code tester}, {@code default}, {@code admin}; a platform admin for the projections and tenants
 * endpoints, or when the role is {@code platform-admin}) and removes those headers; {@link #ANONYMOUS} sends the
 * request without any credential. Code that does not use RestAssured asks {@link #bearer}.
 */
public final class TestAuth implements Filter {

    public static final String ACTOR = "X-Test-Actor";
    public static final String TENANT = "X-Test-Tenant";
    public static final String ROLE = "X-Test-Role";
    public static final String ANONYMOUS = "X-Test-Anonymous";
    /** The installation-wide endpoints, whose default caller is a platform admin. */
    private static final String PLATFORM_PATHS = "/api/v1/admin/";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Principal SETUP = new Principal(Actor.user("test-setup"), null, Set.of(Role.PLATFORM_ADMIN),
            "test");

    /** Installs the filter once per class loader. */
    public static final class Install implements QuarkusTestBeforeEachCallback {
        @Override
        public void beforeEach(QuarkusTestMethodContext context) {
            synchronized (TestAuth.class) {
                if (RestAssured.filters().stream().noneMatch(TestAuth.class::isInstance)) {
                    // a restarted application (another test profile) loads this class again: the filter of the
                    // previous one would mint tokens in an application that is gone
                    List<Filter> kept = new ArrayList<>(RestAssured.filters().stream()
                            .filter(filter -> !filter.getClass().getName().equals(TestAuth.class.getName())).toList());
                    kept.add(new TestAuth());
                    RestAssured.replaceFiltersWith(kept);
                }
            }
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        String actor = request.getHeaders().getValue(ACTOR);
        String tenant = request.getHeaders().getValue(TENANT);
        String role = request.getHeaders().getValue(ROLE);
        boolean anonymous = request.getHeaders().hasHeaderWithName(ANONYMOUS);
        request.removeHeader(ACTOR);
        request.removeHeader(TENANT);
        request.removeHeader(ROLE);
        request.removeHeader(ANONYMOUS);
        if (anonymous || request.getHeaders().hasHeaderWithName("Authorization")) {
            return context.next(request, response);
        }
        boolean platform = role == null ? request.getURI().contains(PLATFORM_PATHS) || request.getURI().contains("/api/v1/tenants")
                : Role.ofWireName(role).orElseThrow() == Role.PLATFORM_ADMIN;
        request.header("Authorization", platform ? platformAdmin(actor == null ? "platform-admin" : actor) : bearer(actor == null ? "tester" : actor,
                tenant == null ? "default" : tenant, role == null ? Role.ADMIN : Role.ofWireName(role).orElseThrow()));
        return context.next(request, response);
    }

    /** The {@code Authorization} header value of an admin of {@code tenant} acting as {@code actor}. */
    public static String bearer(String actor, String tenant) {
        return bearer(actor, tenant, Role.ADMIN);
    }

    /** The {@code Authorization} header value of a token of {@code actor} with {@code role} in {@code tenant}. */
    public static String bearer(String actor, String tenant, Role role) {
        return "Bearer " + TOKENS.computeIfAbsent(actor + "\n" + tenant + "\n" + role, key -> mint(actor, tenant, role));
    }

    /** The {@code Authorization} header value of a platform admin acting as {@code actor}. */
    public static String platformAdmin(String actor) {
        return "Bearer " + TOKENS.computeIfAbsent(actor + "\nplatform", key -> {
            UseCases useCases = Arc.container().instance(UseCases.class).get();
            return join(useCases.get(AccessTokens.class).create(SETUP, null,
                    new NewToken(actor + " (platform admin)", actor, Set.of(Role.PLATFORM_ADMIN), null))).secret();
        });
    }

    /** Registers the tenant unless it exists. */
    public static void tenant(String tenant) {
        UseCases useCases = Arc.container().instance(UseCases.class).get();
        try {
            join(useCases.get(Tenants.class).create(SETUP, new TenantId(tenant), tenant));
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof TenantExists)) {
                throw e;
            }
        }
    }

    private static String mint(String actor, String tenant, Role role) {
        tenant(tenant);
        UseCases useCases = Arc.container().instance(UseCases.class).get();
        return join(useCases.get(AccessTokens.class).create(SETUP, new TenantId(tenant),
                new NewToken(actor + " (" + role.wireName() + ")", actor, Set.of(role), null))).secret();
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("minting a test token took too long", e);
        }
    }
}
