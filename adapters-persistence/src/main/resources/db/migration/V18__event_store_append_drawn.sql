-- event_store_append (V17), answering also where the log's position sequence stood when the batch took the event-log
-- lock (0 when it has handed out none). The writer keeps what it appended after that point, so that while no other
-- writer draws a position it can decide the next batch's conditions itself and write it as one plain insert; the
-- database confirms, under the lock, that the sequence has not moved since (docs/adr/0001-event-store-ordering.md).
-- The sequence is read rather than max(position) because a statement's snapshot is taken before it waits for the lock,
-- while a sequence is read as it stands: under the lock that is the last position any finished transaction drew.
CREATE FUNCTION event_store_append_drawn(p_ids text[], p_types text[], p_versions text[], p_payloads text[],
                                         p_metadata text[], p_tags text[], p_timestamps timestamptz[],
                                         p_row_append int[], p_first int[], p_count int[], p_markers bigint[],
                                         p_filters text[], p_dep_from int[], p_dep_to int[])
    RETURNS TABLE (append_index int, outcome text, marker bigint, drawn bigint)
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
        SELECT a.append_index, a.outcome, a.marker, v_drawn
        FROM event_store_append(p_ids, p_types, p_versions, p_payloads, p_metadata, p_tags, p_timestamps, p_row_append,
                                p_first, p_count, p_markers, p_filters, p_dep_from, p_dep_to) AS a;
END
$$;
