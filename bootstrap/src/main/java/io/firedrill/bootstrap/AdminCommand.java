package io.firedrill.bootstrap;

import io.firedrill.application.port.in.UseCases;
import io.firedrill.application.port.in.security.AccessTokens;
import io.firedrill.application.port.in.security.AuditEntry;
import io.firedrill.application.port.in.security.AuditLog;
import io.firedrill.application.port.in.security.NewToken;
import io.firedrill.application.port.in.security.Principal;
import io.firedrill.application.port.in.security.Role;
import io.firedrill.application.port.in.security.TenantExists;
import io.firedrill.application.port.in.security.Tenants;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code firedrill admin create-token}: prints a new API token on standard output (and nothing else there). Without
 * {@code --tenant} it is a platform admin's token, the first credential of a fresh installation; with it, a token of
 * that tenant (registered when missing) with {@code --role} (default {@code admin}, repeatable).
 */
public class AdminCommand implements QuarkusApplication {

    /** What runs in admin mode: no HTTP listener, no processors, no jobs (docs/security.md). */
    static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("quarkus.http.host-enabled", "false"),
            Map.entry("quarkus.scheduler.enabled", "false"),
            Map.entry("quarkus.shutdown.delay-enabled", "false"),
            Map.entry("quarkus.log.console.stderr", "true"),
            Map.entry("quarkus.log.level", "WARN"),
            Map.entry("firedrill.projections.enabled", "false"),
            Map.entry("firedrill.drills.run-every", "off"),
            Map.entry("firedrill.drills.schedule-every", "off"),
            Map.entry("firedrill.drills.review-check-every", "off"),
            Map.entry("firedrill.action-items.check-every", "off"),
            Map.entry("firedrill.purge.check-every", "off"),
            Map.entry("firedrill.metrics.rollup-every", "off"));

    static final String USAGE = "usage: firedrill admin create-token [--tenant TENANT] [--role ROLE]... [--name NAME]"
            + " [--subject SUBJECT] [--expires-at ISO-8601]";

    private static final Principal CLI = new Principal(Actor.system("admin-cli"), null, Set.of(Role.PLATFORM_ADMIN), "cli");

    private final UseCases useCases;
    /** The token, and nothing else, for a script to capture. */
    private final PrintStream out;
    /** What the operator reads: progress and refusals (the log goes to standard error too, at WARN). */
    private final PrintStream err;

    @Inject
    public AdminCommand(UseCases useCases) {
        this.useCases = useCases;
        this.out = System.out;
        this.err = System.err;
    }

    @Override
    public int run(String... args) {
        if (args.length < 2 || !args[0].equals("admin") || !args[1].equals("create-token")) {
            return usage("");
        }
        String tenant = null;
        String name = null;
        String subject = null;
        Instant expiresAt = null;
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 2; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                return usage(args[i] + " needs a value; ");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--tenant" -> tenant = value;
                case "--name" -> name = value;
                case "--subject" -> subject = value;
                case "--role" -> {
                    Role role = Role.ofWireName(value).orElse(null);
                    if (role == null) {
                        return usage("--role must be viewer, responder, commander or admin, not " + value + "; ");
                    }
                    roles.add(role);
                }
                case "--expires-at" -> {
                    try {
                        expiresAt = Instant.parse(value);
                    } catch (DateTimeParseException e) {
                        return usage("--expires-at must be an ISO-8601 instant such as 2027-01-31T00:00:00Z; ");
                    }
                }
                default -> {
                    return usage("unknown option " + args[i] + "; ");
                }
            }
        }
        try {
            TenantId tenantId = tenant == null ? null : new TenantId(tenant);
            if (tenantId != null) {
                register(tenantId);
            }
            if (roles.isEmpty()) {
                roles.add(tenantId == null ? Role.PLATFORM_ADMIN : Role.ADMIN);
            }
            String label = name != null ? name : tenantId == null ? "platform admin" : tenant + " admin";
            AccessTokens.Issued issued = await(useCases.get(AccessTokens.class).create(CLI, tenantId,
                    new NewToken(label, subject, roles, expiresAt)));
            String what = tenantId == null ? "platform admin"
                    : "tenant " + tenantId + ", " + String.join(" ", roles.stream().map(Role::wireName).toList());
            say("created API token " + issued.token().id() + " (" + issued.token().name()
                    + ", " + what + "); it is shown only now:");
            out.println(issued.secret());
            useCases.get(AuditLog.class).record(new AuditEntry(AuditEntry.chainOf(tenantId), Instant.now(),
                    CLI.actor().name(), CLI.credential(), "CLI admin create-token", "token " + issued.token().id(),
                    null, 201, null));
            try {
                await(useCases.get(AuditLog.class).flush());
            } catch (CompletionException e) {
                // the token exists and was printed: a script must keep it
                say("warning: the token's audit record could not be written: "
                        + e.getCause().getMessage());
            }
            return 0;
        } catch (IllegalArgumentException e) {
            say(String.valueOf(e.getMessage()));
            return 2;
        } catch (CompletionException e) {
            say(String.valueOf(e.getCause().getMessage()));
            return e.getCause() instanceof IllegalArgumentException ? 2 : 1;
        }
    }

    /** A refusal of the command line (exit code 2). */
    private int usage(String problem) {
        say(problem + USAGE);
        return 2;
    }

    private void say(String message) {
        err.println("firedrill: " + message);
    }

    private void register(TenantId tenant) {
        try {
            await(useCases.get(Tenants.class).create(CLI, tenant, tenant.value()));
            say("registered tenant " + tenant);
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof TenantExists)) {
                throw e;
            }
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new CompletionException(new IllegalStateException("the database did not answer within 30 s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }
}
