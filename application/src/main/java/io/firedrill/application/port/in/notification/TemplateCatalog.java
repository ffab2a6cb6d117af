package io.firedrill.application.port.in.notification;

import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.shared.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The words of notifications: a Qute template for the title and one for the Markdown text, per notice type and
 * language. English and Chinese are built in; a tenant's admins override them, for every channel kind or for one. A
 * template is checked when it is saved (syntax, and every name it uses rendered against a sample of its type), so that
 * an error shows then, with its line, and not when an incident is burning.
 */
public interface TemplateCatalog {

    /** Which template: a notice type in a language, for one channel kind or ({@code kind} null) for every kind. */
    record Key(NoticeType type, MessageLanguage language, ChannelKind kind) {

        public Key {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(language, "language");
        }
    }

    /**
     * A template as it applies.
     *
     * @param builtIn whether it is Firedrill's own (else the tenant's override)
     * @param version the override's version ({@code If-Match}); 0 for a built-in one
     */
    record Template(Key key, String title, String body, boolean builtIn, long version, Instant updatedAt,
                    String updatedBy) {
    }

    /** A notice rendered: what a channel would be sent, before the vendor's format. */
    record Rendered(String title, String text) {
    }

    /** The built-in templates and the tenant's overrides. */
    CompletableFuture<List<Template>> list(TenantId tenant);

    /**
     * Saves the tenant's override of {@code key}; refused ({@link IllegalArgumentException} naming {@code title} or
     * {@code body} and the line) when a template does not parse or names what its notice type does not have.
     *
     * @param expectedVersion the version the caller saw (0: there must be none yet), or {@code null} for any
     */
    CompletableFuture<Template> put(TenantId tenant, Key key, String title, String body, String by, Long expectedVersion);

    /** Deletes the tenant's override, so that the built-in template applies again. */
    CompletableFuture<Void> delete(TenantId tenant, Key key);

    /**
     * Renders a sample notice of {@code key}'s type with the templates given, or (each {@code null}) with the ones
     * that apply to the tenant.
     */
    CompletableFuture<Rendered> preview(TenantId tenant, Key key, String title, String body);
}
