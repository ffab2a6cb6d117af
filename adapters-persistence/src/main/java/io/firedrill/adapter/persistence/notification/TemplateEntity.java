package io.firedrill.adapter.persistence.notification;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of the {@code notification_template} table: one tenant's override of one template. */
@Entity
@Table(name = "notification_template")
public class TemplateEntity extends PanacheEntityBase {

    /** The kind of an override that applies to every channel kind. */
    static final String ALL_KINDS = "ALL";

    @Id
    @Column(name = "template_id")
    public UUID templateId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "type", nullable = false)
    public String type;

    @Column(name = "language", nullable = false)
    public String language;

    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "title", nullable = false)
    public String title;

    @Column(name = "body", nullable = false)
    public String body;

    @Column(name = "version", nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
