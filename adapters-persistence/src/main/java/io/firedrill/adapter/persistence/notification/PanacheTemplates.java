package io.firedrill.adapter.persistence.notification;

import io.firedrill.adapter.persistence.PanacheWork;
import io.firedrill.application.port.in.notification.TemplateCatalog.Key;
import io.firedrill.application.port.in.notification.TemplateCatalog.Template;
import io.firedrill.application.port.out.TemplateStore;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Template overrides in the {@code notification_template} table. A write locks the override's row and compares its
 * version; two first writes of one override at once meet the table's unique key, and the later one is answered as a
 * version that did not match.
 */
@ApplicationScoped
public class PanacheTemplates implements TemplateStore {

    private static final String KEY = "tenantId = ?1 and type = ?2 and language = ?3 and kind = ?4";

    private final PanacheWork work;

    @Inject
    public PanacheTemplates(PanacheWork work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<List<Template>> list(TenantId tenant) {
        return work.transaction(() -> TemplateEntity.<TemplateEntity>find("tenantId = ?1",
                        Sort.by("type").and("language").and("kind"), tenant.value()).list()
                .map(rows -> rows.stream().map(PanacheTemplates::read).toList()));
    }

    @Override
    public CompletableFuture<Optional<Template>> find(TenantId tenant, Key key) {
        return work.transaction(() -> TemplateEntity.<TemplateEntity>find(KEY, parameters(tenant, key)).firstResult()
                .map(row -> Optional.ofNullable(row).map(PanacheTemplates::read)));
    }

    @Override
    public CompletableFuture<Optional<Long>> put(TenantId tenant, Template template, Long expectedVersion) {
        Key key = template.key();
        return work.transaction(() -> TemplateEntity.<TemplateEntity>find(KEY, parameters(tenant, key))
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .flatMap(row -> {
                            long current = row == null ? 0 : row.version;
                            if (expectedVersion != null && expectedVersion != current) {
                                return Uni.createFrom().item(Optional.<Long>empty());
                            }
                            TemplateEntity written = row == null ? created(tenant, key) : row;
                            written.title = template.title();
                            written.body = template.body();
                            written.version = current + 1;
                            written.updatedAt = template.updatedAt();
                            written.updatedBy = template.updatedBy();
                            return (row == null ? written.persist() : Uni.createFrom().item(written))
                                    .replaceWith(Optional.of(written.version));
                        }))
                .exceptionally(failure -> {
                    if (uniqueKeyMet(failure)) {
                        return Optional.empty();
                    }
                    throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
                });
    }

    @Override
    public CompletableFuture<Boolean> delete(TenantId tenant, Key key) {
        return work.transaction(() -> TemplateEntity.delete(KEY, parameters(tenant, key)).map(deleted -> deleted > 0));
    }

    private static TemplateEntity created(TenantId tenant, Key key) {
        TemplateEntity row = new TemplateEntity();
        row.templateId = UUID.randomUUID();
        row.tenantId = tenant.value();
        row.type = key.type().wireName();
        row.language = key.language().name();
        row.kind = key.kind() == null ? TemplateEntity.ALL_KINDS : key.kind().name();
        return row;
    }

    private static Object[] parameters(TenantId tenant, Key key) {
        return new Object[] {tenant.value(), key.type().wireName(), key.language().name(),
                key.kind() == null ? TemplateEntity.ALL_KINDS : key.kind().name()};
    }

    private static Template read(TemplateEntity row) {
        Key key = new Key(NoticeType.ofWireName(row.type).orElseThrow(), MessageLanguage.valueOf(row.language),
                row.kind.equals(TemplateEntity.ALL_KINDS) ? null : ChannelKind.valueOf(row.kind));
        return new Template(key, row.title, row.body, false, row.version, row.updatedAt, row.updatedBy);
    }

    /** Whether a failure is the table's unique key refusing a second first write. */
    private static boolean uniqueKeyMet(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("notification_template_tenant_id_type_language_kind_key")) {
                return true;
            }
        }
        return false;
    }
}
