-- Tenants' overrides of the built-in notification templates (issue 25), through Hibernate Reactive with Panache. kind is
-- a channel kind, or ALL for an override that applies to every kind.

CREATE TABLE notification_template (
    template_id UUID        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL REFERENCES tenant (tenant_id),
    type        TEXT        NOT NULL,
    language    TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT        NOT NULL,
    UNIQUE (tenant_id, type, language, kind)
);
