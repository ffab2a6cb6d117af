-- Online rebuilds of read models (issue 20): a row per rebuild under way (or failed). While it exists, every instance
-- runs the rebuild under the processor name '<name>~rebuild' (its own token_store_entry rows) into copies of the read
-- model's tables named '<table>__rebuild'; the instance that finds the copy caught up with the live read model
-- replaces the live rows with it in one transaction and deletes the row.
CREATE TABLE projection_rebuild (
    processor  TEXT        PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    -- set when the rebuild met an event it cannot apply: the live read model stays; a new rebuild starts over
    failed_at  TIMESTAMPTZ,
    error      TEXT,
    CONSTRAINT projection_rebuild_failure CHECK ((failed_at IS NULL) = (error IS NULL))
);
