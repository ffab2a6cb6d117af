-- The audit log (issue 24): one hash chain per tenant ('' is the platform's chain: platform admins and requests
-- refused before a tenant was known). Each record's hash covers the previous record's hash, so an edited record
-- no longer matches its hash and a deleted one leaves a gap in seq; audit_head remembers the last record, so a
-- deleted tail is seen too.

CREATE TABLE audit_record (
    chain      TEXT        NOT NULL,
    seq        BIGINT      NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    actor      TEXT,
    credential TEXT,
    endpoint   TEXT        NOT NULL,
    path       TEXT        NOT NULL,
    address    TEXT,
    status     INTEGER     NOT NULL,
    version    TEXT,
    prev_hash  TEXT        NOT NULL,
    hash       TEXT        NOT NULL,
    PRIMARY KEY (chain, seq)
);

CREATE TABLE audit_head (
    chain TEXT   PRIMARY KEY,
    seq   BIGINT NOT NULL,
    hash  TEXT   NOT NULL
);
