package io.firedrill.adapter.persistence.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the {@code notification_channel} table. */
@Entity
@Table(name = "notification_channel")
public class ChannelEntity extends PanacheEntityBase {

    @Id
    @Column(name = "channel_id")
    public UUID channelId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "language", nullable = false)
    public String language;

    @Column(name = "drills", nullable = false)
    public boolean drills;

    @Column(name = "destination_host", nullable = false)
    public String destinationHost;

    @Column(name = "destination_sealed")
    public String destinationSealed;

    @Column(name = "secret_sealed")
    public String secretSealed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "version", nullable = false)
    public long version;

    @Column(name = "deleted_at")
    public Instant deletedAt;
}
