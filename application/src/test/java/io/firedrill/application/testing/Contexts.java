package io.firedrill.application.testing;

import io.firedrill.application.port.in.CommandContext;
import io.firedrill.domain.shared.Actor;
import io.firedrill.domain.shared.Source;
import io.firedrill.domain.shared.TenantId;

/** Tenants, people and the contexts their commands are sent in. */
public final class Contexts {

    public static final TenantId ACME = new TenantId("acme");
    public static final TenantId GLOBEX = new TenantId("globex");
    public static final Actor ALICE = Actor.user("alice");
    public static final Actor BOB = Actor.user("bob");

    private Contexts() {
    }

    /** A request of {@code actor} through the API in {@code tenant}: any version, no idempotency key. */
    public static CommandContext api(TenantId tenant, Actor actor) {
        return new CommandContext(tenant, actor, Source.API, null, null, null);
    }

    /** The same request, sent only if the subject is still at {@code version} ({@code If-Match}). */
    public static CommandContext expecting(CommandContext context, long version) {
        return new CommandContext(context.tenant(), context.actor(), context.source(), version,
                context.idempotencyKey(), context.requestHash());
    }

    /** The same request under an idempotency key and request fingerprint. */
    public static CommandContext idempotent(CommandContext context, String key, String requestHash) {
        return new CommandContext(context.tenant(), context.actor(), context.source(), context.expectedVersion(), key,
                requestHash);
    }
}
