-- Every statement that inserts into the event log takes the event-log lock first (docs/adr/0001-event-store-ordering.md),
-- so positions follow commit order also for an INSERT or COPY run by hand: without the lock, such a row could draw a
-- position, commit after a later one, and be skipped for good by every reader that had already passed it. The trigger
-- fires before the statement draws any position (for Firedrill's one-statement append, before the lock its WITH clause
-- takes; taking the lock again in the same transaction does not wait, and both are released at its end).
-- The lock stops every instance's appends while the transaction lasts, so the trigger also ends the transaction's
-- session after 5 s idle (as Firedrill's own append transactions are): a hand-written transaction must not sit open.
-- Bypassed like every trigger by session_replication_role = replica (for example pg_restore --disable-triggers):
-- restore the event log only while no Firedrill instance runs.
-- The key is PgEventLog.APPEND_LOCK ("FIREDRIF" in ASCII).
CREATE FUNCTION event_store_event_append_lock() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM set_config('idle_in_transaction_session_timeout', '5s', true);
    PERFORM pg_advisory_xact_lock(5064669713407297862);
    RETURN NULL;
END
$$;

CREATE TRIGGER event_store_event_append_lock
    BEFORE INSERT ON event_store_event
    FOR EACH STATEMENT EXECUTE FUNCTION event_store_event_append_lock();
