-- Every statement that inserts into the event log takes the event-log lock first (docs/adr/0001-event-store-ordering.md),
-- so positions follow commit order also for an INSERT or COPY run by hand: without the lock, such a row could draw a
-- position, commit after a later one, and be skipped for good by every reader that had already passed it. Firedrill's
-- own appends take the lock before this trigger fires; taking it again in the same transaction does not wait, and both
-- are released at its end.
-- The key is "FIREDRIL" in ASCII, PgEventLog.APPEND_LOCK.
CREATE FUNCTION event_store_event_append_lock() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_advisory_xact_lock(5064669713407297862);
    RETURN NULL;
END
$$;

CREATE TRIGGER event_store_event_append_lock
    BEFORE INSERT ON event_store_event
    FOR EACH STATEMENT EXECUTE FUNCTION event_store_event_append_lock();
