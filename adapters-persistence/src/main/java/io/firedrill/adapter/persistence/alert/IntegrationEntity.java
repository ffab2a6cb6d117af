package io.firedrill.adapter.persistence.alert;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A row of the {@code integration} table. {@code settings} is JSON written by the stored-payload mapper and kept in a
 * {@code json} column (not {@code jsonb}: the severity mapping keeps the order it was given in).
 */
@Entity
@Table(name = "integration")
public class IntegrationEntity extends PanacheEntityBase {

    @Id
    @Column(name = "integration_id")
    public UUID integrationId;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(name = "settings", nullable = false)
    // the parameter is text, cast to json in the database (a parameter typed json would store a JSON string)
    @ColumnTransformer(read = "settings::text", write = "?::text::json")
    public String settings;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

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
