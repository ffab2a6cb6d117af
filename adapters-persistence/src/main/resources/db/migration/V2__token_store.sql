-- Positions of Axon's streaming event processors, one row per processor segment, with the claim
-- that lets several Firedrill instances share a processor: a segment is worked on by its owner while
-- the owner keeps renewing the claim, and may be taken by another instance once the claim is older
-- than the claim timeout. Claim times come from the database clock, so instances need not agree on time.

CREATE TABLE token_store_entry (
    processor_name TEXT        NOT NULL,
    segment        INT         NOT NULL,
    mask           INT         NOT NULL,
    token          JSONB,
    token_type     TEXT,
    owner          TEXT,
    claimed_at     TIMESTAMPTZ,
    PRIMARY KEY (processor_name, segment),
    CONSTRAINT token_store_entry_claim CHECK ((owner IS NULL) = (claimed_at IS NULL)),
    CONSTRAINT token_store_entry_token CHECK ((token IS NULL) = (token_type IS NULL))
);

-- The identity of this token store, so processors can tell whether two stores are the same one.
CREATE TABLE token_store_identity (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    id        TEXT    NOT NULL
);
