package io.firedrill.adapter.persistence.notification;

import io.firedrill.adapter.persistence.PanacheWork;
import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.application.port.in.notification.Channel.SealedDestination;
import io.firedrill.application.port.out.ChannelStore;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.ChannelKind;
import io.firedrill.domain.notification.ChannelSettings;
import io.firedrill.domain.notification.MessageLanguage;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Channels in the {@code notification_channel} table. A replacement locks the row and compares its version, so that
 * two changes of one channel take turns and the later one sees the first; a deletion forgets the sealed destination.
 */
@ApplicationScoped
public class PanacheChannels implements ChannelStore {

    private static final int LIST_LIMIT = 1000;

    private final PanacheWork work;

    @Inject
    public PanacheChannels(PanacheWork work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<Void> create(Channel channel) {
        ChannelEntity entity = new ChannelEntity();
        entity.channelId = channel.id().value();
        entity.tenantId = channel.tenant().value();
        entity.createdAt = channel.createdAt();
        write(entity, channel);
        return work.transaction(() -> entity.persist().replaceWithVoid());
    }

    @Override
    public CompletableFuture<Optional<Channel>> find(ChannelId id) {
        return work.transaction(() -> ChannelEntity.<ChannelEntity>find("channelId = ?1 and deletedAt is null",
                id.value()).firstResult().map(entity -> Optional.ofNullable(entity).map(PanacheChannels::read)));
    }

    @Override
    public CompletableFuture<List<Channel>> list(TenantId tenant) {
        return work.transaction(() -> ChannelEntity.<ChannelEntity>find("tenantId = ?1 and deletedAt is null",
                        Sort.by("createdAt").and("channelId"), tenant.value())
                .page(Page.ofSize(LIST_LIMIT)).list()
                .map(entities -> entities.stream().map(PanacheChannels::read).toList()));
    }

    @Override
    public CompletableFuture<Boolean> replace(Channel channel, long expectedVersion) {
        return work.transaction(() -> ChannelEntity.<ChannelEntity>findById(channel.id().value(),
                        LockModeType.PESSIMISTIC_WRITE)
                .map(entity -> {
                    if (entity == null || entity.deletedAt != null || entity.version != expectedVersion
                            || !entity.tenantId.equals(channel.tenant().value())) {
                        return false;
                    }
                    write(entity, channel);
                    return true;
                }));
    }

    @Override
    public CompletableFuture<Boolean> delete(TenantId tenant, ChannelId id) {
        return work.transaction(() -> ChannelEntity.update("deletedAt = ?1, destinationSealed = null,"
                        + " secretSealed = null where channelId = ?2 and tenantId = ?3 and deletedAt is null",
                Instant.now(), id.value(), tenant.value()).map(updated -> updated == 1));
    }

    private static void write(ChannelEntity entity, Channel channel) {
        ChannelSettings settings = channel.settings();
        entity.name = settings.name();
        entity.kind = settings.kind().name();
        entity.language = settings.language().name();
        entity.drills = settings.drills();
        entity.destinationHost = channel.destination().host();
        entity.destinationSealed = channel.destination().url();
        entity.secretSealed = channel.destination().secret();
        entity.updatedAt = channel.updatedAt();
        entity.version = channel.version();
    }

    private static Channel read(ChannelEntity entity) {
        return new Channel(new ChannelId(entity.channelId), new TenantId(entity.tenantId),
                new ChannelSettings(entity.name, ChannelKind.valueOf(entity.kind), MessageLanguage.valueOf(entity.language),
                        entity.drills),
                new SealedDestination(entity.destinationHost, entity.destinationSealed, entity.secretSealed),
                entity.createdAt, entity.updatedAt, entity.version);
    }
}
