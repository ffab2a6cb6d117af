package io.firedrill.adapter.persistence.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the {@code notification_route} table. */
@Entity
@Table(name = "notification_route")
public class RouteEntity extends PanacheEntityBase {

    @Id
    @Column(name = "route_id")
    public UUID routeId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "channel_id", nullable = false)
    public UUID channelId;

    @Column(name = "types", nullable = false)
    public String types;

    @Column(name = "min_severity")
    public String minSeverity;

    @Column(name = "services", nullable = false)
    public String services;

    @Column(name = "traffic", nullable = false)
    public String traffic;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "version", nullable = false)
    public long version;
}
