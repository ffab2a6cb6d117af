package io.firedrill.application.port.out;

import io.firedrill.application.port.in.notification.Channel;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.shared.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where notification channels are kept. */
public interface ChannelStore {

    CompletableFuture<Void> create(Channel channel);

    /** The channel, unless deleted. */
    CompletableFuture<Optional<Channel>> find(ChannelId id);

    /** The tenant's channels, oldest first. */
    CompletableFuture<List<Channel>> list(TenantId tenant);

    /** Replaces the channel when it is still at {@code expectedVersion}; whether it was. */
    CompletableFuture<Boolean> replace(Channel channel, long expectedVersion);

    /** Deletes the tenant's channel (and forgets its sealed destination); whether there was one. */
    CompletableFuture<Boolean> delete(TenantId tenant, ChannelId id);
}
