package io.firedrill.adapter.persistence.security;

import io.firedrill.application.port.in.security.Tenant;
import io.firedrill.domain.shared.TenantId;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of the {@code tenant} table. */
@Entity
@Table(name = "tenant")
public class TenantEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    static TenantEntity of(Tenant tenant) {
        TenantEntity entity = new TenantEntity();
        entity.tenantId = tenant.id().value();
        entity.name = tenant.name();
        entity.createdAt = tenant.createdAt();
        entity.createdBy = tenant.createdBy();
        return entity;
    }

    Tenant toTenant() {
        return new Tenant(new TenantId(tenantId), name, createdAt, createdBy);
    }
}
