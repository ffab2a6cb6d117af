-- A batch of appends with conditions in one statement (issue 20, docs/adr/0001-event-store-ordering.md): the writer
-- waits for no round trip while it holds the event-log lock, and the work under the lock is a handful of set-based
-- statements, planned once per session, whatever the batch's size.
--
-- Appends are decided in order. An append
--   * is STORED when all its events are stored already, before the batch (a transaction that committed and lost its
--     answer wrote it) or by an earlier append of the batch (the same append sent again while the first was on its
--     way); decided before its condition, which its own events would break; its marker is their highest position;
--   * is a CONFLICT when its condition's filter matches an event after its marker: one stored before the batch, or
--     one of an earlier append of the batch that is appended (p_dep_from/p_dep_to, worked out by the caller);
--   * is otherwise APPENDED (an id stored already is not stored again), its marker its events' highest position.
--
-- Rows of append i are p_ids[p_first[i] .. p_first[i] + p_count[i] - 1] (likewise in the other row arrays).
-- p_markers[i] and p_filters[i] are NULL for an append without a
-- condition; a filter is a JSON array of alternatives {"tags": [{"key": …, "value": …}, …], "types": [ … ]}, an event
-- matching when it carries every tag of an alternative and, if the alternative names types, has one of them.
-- (p_dep_from[k], p_dep_to[k]) says that an event of append p_dep_from[k] matches the filter of the later append
-- p_dep_to[k].
--
-- Checks against stored events read the window of the log after the oldest marker within the last 1,000 positions
-- once, in position order (a plan that cannot go wrong, whatever the markers are), and test every condition on it.
-- An append whose marker is older than that is checked alone, with a plan made for its own marker and tags (a plan
-- made once for any marker walks the whole log for a tag that nothing carries).
CREATE FUNCTION event_store_append(p_ids text[], p_types text[], p_versions text[], p_payloads text[],
                                   p_metadata text[], p_tags text[], p_timestamps timestamptz[],
                                   p_first int[], p_count int[], p_markers bigint[],
                                   p_filters text[], p_dep_from int[], p_dep_to int[])
    RETURNS TABLE (append_index int, outcome text, marker bigint)
    LANGUAGE plpgsql
AS
$$
DECLARE
    window_size CONSTANT int := 1000;
    n            int := coalesce(array_length(p_first, 1), 0);
    v_stored_ids text[];
    v_batch_ids  text[] := '{}';
    v_ids        text[];
    v_head       bigint;
    v_from       bigint;
    v_windowed   int[];
    v_conflict   int[];
    v_alone      boolean;
    v_alt        jsonb;
    v_outcome    text[];
    v_rows       int[] := '{}';
    v_answered   int[] := '{}';
    v_markers    bigint[];
    i            int;
    k            int;
BEGIN
    PERFORM pg_advisory_xact_lock(5064669713407297862);

    SELECT coalesce(array_agg(e.event_id), '{}') INTO v_stored_ids FROM event_store_event e WHERE e.event_id = ANY (p_ids);

    SELECT max(e.position) INTO v_head FROM event_store_event e;
    v_head := coalesce(v_head, 0);
    SELECT array_agg(a.i), min(p_markers[a.i])
    INTO v_windowed, v_from
    FROM generate_series(1, n) AS a(i)
    WHERE p_markers[a.i] IS NOT NULL AND p_markers[a.i] >= v_head - window_size
      AND NOT p_ids[p_first[a.i]:p_first[a.i] + p_count[a.i] - 1] <@ v_stored_ids;
    v_conflict := '{}';
    IF v_windowed IS NOT NULL THEN
        WITH recent AS MATERIALIZED (SELECT e.position, e.tags, e.type_name
                                     FROM event_store_event e
                                     WHERE e.position > v_from
                                     ORDER BY e.position
                                     LIMIT window_size + 1),
             alternatives AS (SELECT c.i,
                                     p_markers[c.i]                                  AS after,
                                     coalesce(x.alt -> 'tags', '[]'::jsonb)          AS tags,
                                     ARRAY(SELECT jsonb_array_elements_text(coalesce(x.alt -> 'types', '[]'::jsonb)))
                                                                                     AS types
                              FROM unnest(v_windowed) AS c(i)
                                       CROSS JOIN LATERAL jsonb_array_elements(p_filters[c.i]::jsonb) AS x(alt))
        SELECT coalesce(array_agg(DISTINCT a.i), '{}')
        INTO v_conflict
        FROM alternatives a
        WHERE EXISTS (SELECT 1
                      FROM recent r
                      WHERE r.position > a.after
                        AND r.tags @> a.tags
                        AND (cardinality(a.types) = 0 OR r.type_name = ANY (a.types)));
    END IF;
    FOR i IN 1 .. n
        LOOP
            IF p_markers[i] IS NOT NULL AND p_markers[i] < v_head - window_size
                AND NOT p_ids[p_first[i]:p_first[i] + p_count[i] - 1] <@ v_stored_ids THEN
                FOR v_alt IN SELECT jsonb_array_elements(p_filters[i]::jsonb)
                    LOOP
                        EXECUTE 'SELECT EXISTS (SELECT 1 FROM event_store_event WHERE position > $1 AND tags @> $2'
                                    || ' AND (cardinality($3) = 0 OR type_name = ANY ($3)))'
                            INTO v_alone
                            USING p_markers[i], coalesce(v_alt -> 'tags', '[]'::jsonb),
                                ARRAY(SELECT jsonb_array_elements_text(coalesce(v_alt -> 'types', '[]'::jsonb)));
                        IF v_alone THEN
                            v_conflict := v_conflict || i;
                            EXIT;
                        END IF;
                    END LOOP;
            END IF;
        END LOOP;

    v_outcome := array_fill(NULL::text, ARRAY [n]);
    FOR i IN 1 .. n
        LOOP
            v_ids := p_ids[p_first[i]:p_first[i] + p_count[i] - 1];
            IF v_ids <@ (v_stored_ids || v_batch_ids) THEN
                v_outcome[i] := 'STORED';
            ELSIF i = ANY (v_conflict) THEN
                v_outcome[i] := 'CONFLICT';
            ELSE
                v_outcome[i] := 'APPENDED';
                FOR k IN 1 .. coalesce(array_length(p_dep_to, 1), 0)
                    LOOP
                        IF p_dep_to[k] = i AND v_outcome[p_dep_from[k]] = 'APPENDED' THEN
                            v_outcome[i] := 'CONFLICT';
                            EXIT;
                        END IF;
                    END LOOP;
            END IF;
            IF v_outcome[i] = 'APPENDED' THEN
                v_batch_ids := v_batch_ids || v_ids;
                v_rows := v_rows || ARRAY(SELECT generate_series(p_first[i], p_first[i] + p_count[i] - 1));
            END IF;
            IF v_outcome[i] <> 'CONFLICT' THEN
                v_answered := v_answered || i;
            END IF;
        END LOOP;

    IF cardinality(v_rows) > 0 THEN
        INSERT INTO event_store_event (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)
        SELECT p_ids[r.k], p_types[r.k], p_versions[r.k], p_payloads[r.k]::jsonb, p_metadata[r.k]::jsonb,
               p_tags[r.k]::jsonb, p_timestamps[r.k]
        FROM unnest(v_rows) WITH ORDINALITY AS r(k, n)
        ORDER BY r.n
        ON CONFLICT (event_id) DO NOTHING;
    END IF;
    SELECT array_agg(s.marker ORDER BY a.ord)
    INTO v_markers
    FROM unnest(v_answered) WITH ORDINALITY AS a(i, ord)
             CROSS JOIN LATERAL (SELECT max(e.position) AS marker
                                 FROM event_store_event e
                                 WHERE e.event_id = ANY (p_ids[p_first[a.i]:p_first[a.i] + p_count[a.i] - 1])) AS s;

    k := 0;
    FOR i IN 1 .. n
        LOOP
            append_index := i;
            outcome := v_outcome[i];
            IF outcome <> 'CONFLICT' THEN
                k := k + 1;
                marker := v_markers[k];
            ELSE
                marker := NULL;
            END IF;
            RETURN NEXT;
        END LOOP;
END
$$;
