-- A batch of appends with conditions in one statement (issue 20, docs/adr/0001-event-store-ordering.md): the function
-- takes the event-log lock, then for each append in order
--   * answers STORED with the highest position of its events when all its events are stored already (a transaction
--     that committed and lost its answer wrote it; decided before its condition, which its own events would break);
--   * answers CONFLICT when its condition's filter matches an event after its marker, stored before the batch or
--     inserted for an earlier append of the batch;
--   * otherwise inserts its events (an id stored already is not stored again) and answers APPENDED with the highest
--     position of its events.
-- The writer waits for no round trip while it holds the lock: the statement is its own transaction.
--
-- Rows of append i are p_ids[p_first[i] .. p_first[i] + p_count[i] - 1] (and likewise in the other row arrays);
-- p_distinct[i] is how many distinct ids they carry. p_markers[i] and p_filters[i] are NULL for an append without a
-- condition; a filter is a JSON array of alternatives {"tags": [{"key": …, "value": …}, …], "types": [ … ]}, an event
-- matching when it carries every tag of an alternative and, if that alternative names types, has one of them.
-- Each check is planned for its own marker and tags (a plan made once for any marker walks the whole log for a tag
-- that nothing carries).
CREATE FUNCTION event_store_append(p_ids text[], p_types text[], p_versions text[], p_payloads text[],
                                   p_metadata text[], p_tags text[], p_timestamps timestamptz[],
                                   p_first int[], p_count int[], p_distinct int[], p_markers bigint[],
                                   p_filters text[])
    RETURNS TABLE (append_index int, outcome text, marker bigint)
    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan
AS
$$
DECLARE
    v_last       int;
    v_ids        text[];
    v_stored     bigint;
    v_stored_max bigint;
    v_inserted   bigint;
    v_conflict   boolean;
    v_alt        jsonb;
    v_alt_tags   jsonb;
    v_alt_types  text[];
BEGIN
    PERFORM pg_advisory_xact_lock(5064669713407297862);
    FOR i IN 1 .. coalesce(array_length(p_first, 1), 0)
        LOOP
            append_index := i;
            v_last := p_first[i] + p_count[i] - 1;
            v_ids := p_ids[p_first[i]:v_last];
            SELECT count(*), max(e.position) INTO v_stored, v_stored_max
            FROM event_store_event e
            WHERE e.event_id = ANY (v_ids);
            IF v_stored = p_distinct[i] THEN
                outcome := 'STORED';
                marker := v_stored_max;
                RETURN NEXT;
                CONTINUE;
            END IF;
            v_conflict := false;
            IF p_markers[i] IS NOT NULL THEN
                FOR v_alt IN SELECT jsonb_array_elements(p_filters[i]::jsonb)
                    LOOP
                        v_alt_tags := coalesce(v_alt -> 'tags', '[]'::jsonb);
                        v_alt_types := ARRAY(SELECT jsonb_array_elements_text(coalesce(v_alt -> 'types', '[]'::jsonb)));
                        IF jsonb_array_length(v_alt_tags) > 0 AND cardinality(v_alt_types) > 0 THEN
                            v_conflict := EXISTS (SELECT 1 FROM event_store_event e
                                                WHERE e.position > p_markers[i] AND e.tags @> v_alt_tags
                                                  AND e.type_name = ANY (v_alt_types));
                        ELSIF jsonb_array_length(v_alt_tags) > 0 THEN
                            v_conflict := EXISTS (SELECT 1 FROM event_store_event e
                                                WHERE e.position > p_markers[i] AND e.tags @> v_alt_tags);
                        ELSIF cardinality(v_alt_types) > 0 THEN
                            v_conflict := EXISTS (SELECT 1 FROM event_store_event e
                                                WHERE e.position > p_markers[i] AND e.type_name = ANY (v_alt_types));
                        ELSE
                            v_conflict := EXISTS (SELECT 1 FROM event_store_event e WHERE e.position > p_markers[i]);
                        END IF;
                        EXIT WHEN v_conflict;
                    END LOOP;
            END IF;
            IF v_conflict THEN
                outcome := 'CONFLICT';
                marker := NULL;
                RETURN NEXT;
                CONTINUE;
            END IF;
            WITH added AS (
                INSERT INTO event_store_event (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)
                    SELECT r.e, r.t, r.v, r.p::jsonb, r.m::jsonb, r.g::jsonb, r.ts
                    FROM unnest(v_ids, p_types[p_first[i]:v_last], p_versions[p_first[i]:v_last],
                                p_payloads[p_first[i]:v_last], p_metadata[p_first[i]:v_last], p_tags[p_first[i]:v_last],
                                p_timestamps[p_first[i]:v_last]) WITH ORDINALITY AS r(e, t, v, p, m, g, ts, n)
                    ORDER BY r.n
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_store_event.position)
            SELECT max(added.position) INTO v_inserted FROM added;
            outcome := 'APPENDED';
            marker := greatest(v_inserted, v_stored_max);
            RETURN NEXT;
        END LOOP;
END
$$;
