-- What the writer needs to decide append conditions itself (docs/adr/0001-event-store-ordering.md, "writer-decided
-- conditions"): while no other writer draws a position from the log's sequence, the writer knows every event after its
-- last batch, because it wrote them. The database confirms that under the event-log lock, by the sequence standing
-- where the writer left it, on the same server (its start time: a failover or a restart can lose positions).
--
-- 1. Every statement that writes to the log draws one position first, in the trigger that takes the lock: an insert
--    that sets positions itself (OVERRIDING SYSTEM VALUE, COPY of a position column), an UPDATE, a DELETE or a
--    TRUNCATE moves the sequence too, so a writer's window no longer matches and its conditions go to the database.
CREATE OR REPLACE FUNCTION event_store_event_append_lock() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM set_config('idle_in_transaction_session_timeout', '5s', true);
    PERFORM pg_advisory_xact_lock(5064669713407297862);
    PERFORM nextval('event_store_event_position_seq'::regclass);
    PERFORM pg_notify('firedrill_event_log', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER event_store_event_change_lock
    BEFORE UPDATE OR DELETE OR TRUNCATE ON event_store_event
    FOR EACH STATEMENT EXECUTE FUNCTION event_store_event_append_lock();

-- 2. event_store_append (V17), answering also where the sequence stood when the batch took the lock (0 when it has
--    handed out none) and when the server started. The sequence is read rather than max(position): a statement's
--    snapshot is taken before it waits for the lock, while a sequence is read as it stands, and under the lock that is
--    the last position any finished transaction drew.
CREATE FUNCTION event_store_append_drawn(p_ids text[], p_types text[], p_versions text[], p_payloads text[],
                                         p_metadata text[], p_tags text[], p_timestamps timestamptz[],
                                         p_row_append int[], p_first int[], p_count int[], p_markers bigint[],
                                         p_filters text[], p_dep_from int[], p_dep_to int[])
    RETURNS TABLE (append_index int, outcome text, marker bigint, drawn bigint, server_started timestamptz)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_generic_plan
    SET jit = off
AS
$$
DECLARE
    v_drawn bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(5064669713407297862);
    v_drawn := coalesce(pg_sequence_last_value('event_store_event_position_seq'::regclass), 0);
    RETURN QUERY
        SELECT a.append_index, a.outcome, a.marker, v_drawn, pg_postmaster_start_time()
        FROM event_store_append(p_ids, p_types, p_versions, p_payloads, p_metadata, p_tags, p_timestamps, p_row_append,
                                p_first, p_count, p_markers, p_filters, p_dep_from, p_dep_to) AS a;
END
$$;
