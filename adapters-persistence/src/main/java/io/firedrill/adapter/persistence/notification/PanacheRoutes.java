package io.firedrill.adapter.persistence.notification;

import io.firedrill.adapter.persistence.PanacheWork;
import io.firedrill.application.port.in.notification.Route;
import io.firedrill.application.port.out.RouteStore;
import io.firedrill.domain.notification.ChannelId;
import io.firedrill.domain.notification.NoticeType;
import io.firedrill.domain.notification.RouteId;
import io.firedrill.domain.notification.RouteSettings;
import io.firedrill.domain.shared.Severity;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Routes in the {@code notification_route} table; a replacement locks the row and compares its version. */
@ApplicationScoped
public class PanacheRoutes implements RouteStore {

    private static final int LIST_LIMIT = 1000;

    private final PanacheWork work;

    @Inject
    public PanacheRoutes(PanacheWork work) {
        this.work = work;
    }

    @Override
    public CompletableFuture<Void> create(Route route) {
        RouteEntity entity = new RouteEntity();
        entity.routeId = route.id().value();
        entity.tenantId = route.tenant().value();
        entity.createdAt = route.createdAt();
        write(entity, route);
        return work.transaction(() -> entity.persist().replaceWithVoid());
    }

    @Override
    public CompletableFuture<Optional<Route>> find(RouteId id) {
        return work.transaction(() -> RouteEntity.<RouteEntity>findById(id.value())
                .map(entity -> Optional.ofNullable(entity).map(PanacheRoutes::read)));
    }

    @Override
    public CompletableFuture<List<Route>> list(TenantId tenant) {
        return work.transaction(() -> RouteEntity.<RouteEntity>find("tenantId = ?1", Sort.by("createdAt").and("routeId"),
                        tenant.value()).page(Page.ofSize(LIST_LIMIT)).list()
                .map(entities -> entities.stream().map(PanacheRoutes::read).toList()));
    }

    @Override
    public CompletableFuture<Boolean> replace(Route route, long expectedVersion) {
        return work.transaction(() -> RouteEntity.<RouteEntity>findById(route.id().value(), LockModeType.PESSIMISTIC_WRITE)
                .map(entity -> {
                    if (entity == null || entity.version != expectedVersion
                            || !entity.tenantId.equals(route.tenant().value())) {
                        return false;
                    }
                    write(entity, route);
                    return true;
                }));
    }

    @Override
    public CompletableFuture<Boolean> delete(TenantId tenant, RouteId id) {
        return work.transaction(() -> RouteEntity.delete("routeId = ?1 and tenantId = ?2", id.value(), tenant.value())
                .map(deleted -> deleted == 1));
    }

    private static void write(RouteEntity entity, Route route) {
        RouteSettings settings = route.settings();
        entity.name = settings.name();
        entity.channelId = settings.channel().value();
        entity.types = settings.types().stream().map(NoticeType::wireName).collect(Collectors.joining(","));
        entity.minSeverity = settings.minSeverity() == null ? null : settings.minSeverity().name();
        entity.services = String.join(",", settings.services());
        entity.traffic = settings.traffic().name();
        entity.updatedAt = route.updatedAt();
        entity.version = route.version();
    }

    private static Route read(RouteEntity entity) {
        RouteSettings settings = new RouteSettings(entity.name, new ChannelId(entity.channelId),
                Arrays.stream(entity.types.split(",")).map(type -> NoticeType.ofWireName(type).orElseThrow())
                        .collect(Collectors.toCollection(LinkedHashSet::new)),
                entity.minSeverity == null ? null : Severity.valueOf(entity.minSeverity),
                entity.services.isEmpty() ? new LinkedHashSet<String>()
                        : new LinkedHashSet<>(Arrays.asList(entity.services.split(","))),
                RouteSettings.Traffic.valueOf(entity.traffic));
        return new Route(new RouteId(entity.routeId), new TenantId(entity.tenantId), settings, entity.createdAt,
                entity.updatedAt, entity.version);
    }
}
