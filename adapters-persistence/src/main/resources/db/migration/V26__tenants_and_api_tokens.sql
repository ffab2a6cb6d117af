-- Tenants and API tokens (issue 24): configuration entities kept outside the event log, read and written through
-- Hibernate Reactive with Panache.

CREATE TABLE tenant (
    tenant_id   TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL
);

-- Every tenant that has facts already, and the single-tenant default, exists from the start.
INSERT INTO tenant (tenant_id, name, created_at, created_by)
SELECT tenant_id, tenant_id, now(), 'migration'
FROM (SELECT DISTINCT tenant_id FROM event_store_event WHERE tenant_id IS NOT NULL
      UNION SELECT tenant_id FROM integration
      UNION SELECT 'default') AS known
ON CONFLICT DO NOTHING;

-- A token's secret is never stored, only its SHA-256 digest (hex). tenant_id is NULL for platform admins' tokens.
CREATE TABLE api_token (
    token_id      UUID        PRIMARY KEY,
    tenant_id     TEXT        REFERENCES tenant (tenant_id),
    name          TEXT        NOT NULL,
    subject       TEXT        NOT NULL,
    roles         TEXT        NOT NULL,
    secret_digest TEXT        NOT NULL UNIQUE,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ,
    revoked_by    TEXT,
    last_used_at  TIMESTAMPTZ
);

CREATE INDEX api_token_tenant ON api_token (tenant_id, created_at DESC);
