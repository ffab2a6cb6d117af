package io.firedrill.application.notification;

import io.firedrill.application.port.in.notification.TemplateCatalog;
import io.firedrill.application.port.in.notification.TemplateNotFound;
import io.firedrill.application.port.in.notification.TemplateVersionMismatch;
import io.firedrill.application.port.out.MessageTemplates;
import io.firedrill.application.port.out.TemplateStore;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.Notice;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.shared.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The template use cases over the template engine and the tenants' overrides. */
public final class TemplateCatalogService implements TemplateCatalog {

    /** The longest template accepted (a template renders one message, which vendors cap at a few KB). */
    static final int TEMPLATE_MAX = 16_000;

    private final MessageTemplates engine;
    private final TemplateStore store;
    private final Clock clock;

    public TemplateCatalogService(MessageTemplates engine, TemplateStore store, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<List<Template>> list(TenantId tenant) {
        return store.list(tenant).thenApply(overrides -> {
            List<Template> all = new ArrayList<>();
            for (NoticeType type : NoticeType.values()) {
                for (MessageLanguage language : MessageLanguage.values()) {
                    MessageTemplates.Pair pair = engine.builtIn(type, language);
                    all.add(new Template(new Key(type, language, null), pair.title(), pair.body(), true, 0, null, null));
                }
            }
            all.addAll(overrides);
            return all;
        });
    }

    @Override
    public CompletableFuture<Template> put(TenantId tenant, Key key, String title, String body, String by,
                                          Long expectedVersion) {
        Notice sample = SampleNotices.of(key.type());
        check(title, "title", sample);
        check(body, "body", sample);
        Template template = new Template(key, title, body, false, 0, clock.instant(), by);
        return store.put(tenant, template, expectedVersion).thenCompose(version -> version.isPresent()
                ? CompletableFuture.completedFuture(new Template(key, title, body, false, version.get(),
                template.updatedAt(), by))
                : store.find(tenant, key).<Template>thenApply(current -> {
                    throw new TemplateVersionMismatch(expectedVersion, current.map(Template::version).orElse(0L));
                }));
    }

    @Override
    public CompletableFuture<Void> delete(TenantId tenant, Key key) {
        return store.delete(tenant, key).thenAccept(deleted -> {
            if (!deleted) {
                throw new TemplateNotFound(key);
            }
        });
    }

    @Override
    public CompletableFuture<Rendered> preview(TenantId tenant, Key key, String title, String body) {
        Notice sample = SampleNotices.of(key.type());
        if (title != null) {
            check(title, "title", sample);
        }
        if (body != null) {
            check(body, "body", sample);
        }
        return effective(tenant, key).thenApply(pair -> new Rendered(
                engine.render(title != null ? title : pair.title(), sample).strip(),
                engine.render(body != null ? body : pair.body(), sample).strip()));
    }

    /**
     * The templates that apply to a key: the tenant's override for the channel kind, else its override for every
     * kind, else the built-in ones.
     */
    CompletableFuture<MessageTemplates.Pair> effective(TenantId tenant, Key key) {
        CompletableFuture<Optional<Template>> forKind = key.kind() == null
                ? CompletableFuture.completedFuture(Optional.empty()) : store.find(tenant, key);
        return forKind.thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found)
                : store.find(tenant, new Key(key.type(), key.language(), null)))
                .thenApply(found -> found.map(t -> new MessageTemplates.Pair(t.title(), t.body()))
                        .orElseGet(() -> engine.builtIn(key.type(), key.language())));
    }

    private void check(String template, String field, Notice sample) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (template.length() > TEMPLATE_MAX) {
            throw new IllegalArgumentException(field + " must be at most " + TEMPLATE_MAX + " characters");
        }
        engine.check(template, field, sample);
    }
}
