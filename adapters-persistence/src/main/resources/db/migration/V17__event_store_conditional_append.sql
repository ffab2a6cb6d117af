-- A batch of appends with conditions in one statement (issue 20, docs/adr/0001-event-store-ordering.md): the writer
-- waits for no round trip while it holds the event-log lock, and the work under the lock is a few statements (the lock,
-- the checks, the insert; a lookup of stored ids only when an append conflicts), planned once per session, whatever the
-- batch's size.
--
-- Appends are decided in order. An append
--   * is STORED when all its events are stored already, before the batch (a transaction that committed and lost its
--     answer wrote it) or by an earlier append of the batch (the same append sent again while the first was on its
--     way); decided before its condition, which its own events would break; its marker is their highest position;
--   * is a CONFLICT when its condition's filter matches an event after its marker: one stored before the batch, or
--     one of an earlier append of the batch that is appended (p_dep_from/p_dep_to, worked out by the caller);
--   * is otherwise APPENDED (an id stored already is not stored again), its marker its events' highest position.
--
-- Rows of append i are p_ids[p_first[i] .. p_first[i] + p_count[i] - 1] (likewise in the other row arrays), and
-- p_row_append[r] is the append of row r. p_markers[i] and p_filters[i] are NULL for an append without a condition; a
-- filter is a JSON array of alternatives {"tags": [{"key": …, "value": …}, …], "types": [ … ]}, an event matching when
-- it carries every tag of an alternative and, if the alternative names types, has one of them. (p_dep_from[k],
-- p_dep_to[k]) says that an event of append p_dep_from[k] matches the filter of the later append p_dep_to[k].
--
-- Checks against stored events read the window of the log after the oldest marker within the last 1,000 positions
-- once, in position order (a plan that cannot go wrong, whatever the markers are), and test every condition on it.
-- An append whose marker is older than that is checked alone, by EXECUTE, so with a plan made for its own marker and
-- tags (a plan made once for any marker walks the whole log for a tag that nothing carries).
CREATE FUNCTION event_store_append(p_ids text[], p_types text[], p_versions text[], p_payloads text[],
                                   p_metadata text[], p_tags text[], p_timestamps timestamptz[], p_row_append int[],
                                   p_first int[], p_count int[], p_markers bigint[], p_filters text[],
                                   p_dep_from int[], p_dep_to int[])
    RETURNS TABLE (append_index int, outcome text, marker bigint)
    LANGUAGE plpgsql
    -- Every statement below has one good plan whatever its parameters, and planning each call again cost more than
    -- running it (measured: half the appends per second). The planner's estimates for these array-driven statements
    -- are large enough to start JIT compilation, which cost 130 ms a call.
    SET plan_cache_mode = force_generic_plan
    SET jit = off
AS
$$
DECLARE
    window_size CONSTANT int := 1000;
    n            int := coalesce(array_length(p_first, 1), 0);
    v_stored_ids text[];
    v_batch_ids  text[] := '{}';
    v_ids        text[];
    v_conflict   int[];
    v_alone      int[];
    v_found      boolean;
    v_alt        jsonb;
    v_outcome    text[];
    i            int;
    k            int;
BEGIN
    PERFORM pg_advisory_xact_lock(5064669713407297862);

    -- Stored ids are looked up only for appends whose condition fails (an append sent again): an append that passes
    -- is inserted, its stored ids skipped, and answered with their positions either way.
    WITH head AS MATERIALIZED (SELECT coalesce(max(e.position), 0) AS head FROM event_store_event e),
         pending AS MATERIALIZED (SELECT a.i, p_markers[a.i] AS after, p_markers[a.i] >= head.head - window_size AS windowed
                                  FROM generate_series(1, n) AS a(i), head
                                  WHERE p_markers[a.i] IS NOT NULL),
         recent AS MATERIALIZED (SELECT e.position, e.tags, e.type_name
                                 FROM event_store_event e
                                 WHERE e.position > (SELECT min(p.after) FROM pending p WHERE p.windowed)
                                 ORDER BY e.position
                                 LIMIT window_size + 1),
         alternatives AS MATERIALIZED (SELECT p.i, p.after,
                                              coalesce(x.alt -> 'tags', '[]'::jsonb) AS tags,
                                              ARRAY(SELECT jsonb_array_elements_text(coalesce(x.alt -> 'types', '[]'::jsonb)))
                                                                                     AS types
                                       FROM pending p
                                                CROSS JOIN LATERAL jsonb_array_elements(p_filters[p.i]::jsonb) AS x(alt)
                                       WHERE p.windowed)
    SELECT (SELECT coalesce(array_agg(DISTINCT a.i), '{}')
            FROM alternatives a
            WHERE EXISTS (SELECT 1
                          FROM recent r
                          WHERE r.position > a.after
                            AND r.tags @> a.tags
                            AND (cardinality(a.types) = 0 OR r.type_name = ANY (a.types)))),
           (SELECT coalesce(array_agg(p.i), '{}') FROM pending p WHERE NOT p.windowed)
    INTO v_conflict, v_alone;

    FOREACH i IN ARRAY v_alone
        LOOP
            FOR v_alt IN SELECT jsonb_array_elements(p_filters[i]::jsonb)
                LOOP
                    EXECUTE 'SELECT EXISTS (SELECT 1 FROM event_store_event WHERE position > $1 AND tags @> $2'
                                || ' AND (cardinality($3) = 0 OR type_name = ANY ($3)))'
                        INTO v_found
                        USING p_markers[i], coalesce(v_alt -> 'tags', '[]'::jsonb),
                            ARRAY(SELECT jsonb_array_elements_text(coalesce(v_alt -> 'types', '[]'::jsonb)));
                    IF v_found THEN
                        v_conflict := v_conflict || i;
                        EXIT;
                    END IF;
                END LOOP;
        END LOOP;
    -- The appends that may conflict: with a stored event, or with an earlier append of the batch.
    IF cardinality(v_conflict) > 0 OR cardinality(p_dep_to) > 0 THEN
        SELECT coalesce(array_agg(e.event_id), '{}')
        INTO v_stored_ids
        FROM event_store_event e
        WHERE e.event_id = ANY (ARRAY(SELECT unnest(p_ids[p_first[c.i]:p_first[c.i] + p_count[c.i] - 1])
                                      FROM (SELECT DISTINCT u.i FROM unnest(v_conflict || p_dep_to) AS u(i)) AS c));
    ELSE
        v_stored_ids := '{}';
    END IF;

    v_outcome := array_fill(NULL::text, ARRAY [n]);
    FOR i IN 1 .. n
        LOOP
            v_ids := p_ids[p_first[i]:p_first[i] + p_count[i] - 1];
            v_outcome[i] := CASE WHEN i = ANY (v_conflict) THEN 'CONFLICT' ELSE 'APPENDED' END;
            FOR k IN 1 .. coalesce(array_length(p_dep_to, 1), 0)
                LOOP
                    EXIT WHEN v_outcome[i] = 'CONFLICT';
                    IF p_dep_to[k] = i AND v_outcome[p_dep_from[k]] = 'APPENDED' THEN
                        v_outcome[i] := 'CONFLICT';
                    END IF;
                END LOOP;
            IF v_outcome[i] = 'CONFLICT' AND v_ids <@ (v_stored_ids || v_batch_ids) THEN
                v_outcome[i] := 'STORED';
            ELSIF v_outcome[i] = 'APPENDED' THEN
                v_batch_ids := v_batch_ids || v_ids;
            END IF;
        END LOOP;

    IF cardinality(v_batch_ids) = 0 THEN
        -- Nothing to insert (every append conflicts or is stored): no insert, so no notification to the listeners.
        RETURN QUERY
            SELECT a.i,
                   v_outcome[a.i],
                   CASE
                       WHEN v_outcome[a.i] = 'STORED' THEN
                           (SELECT max(e.position)
                            FROM event_store_event e
                            WHERE e.event_id = ANY (p_ids[p_first[a.i]:p_first[a.i] + p_count[a.i] - 1]))
                       END
            FROM generate_series(1, n) AS a(i)
            ORDER BY a.i;
        RETURN;
    END IF;
    RETURN QUERY
        WITH added AS (INSERT INTO event_store_event (event_id, type_name, type_version, payload, metadata, tags,
                                                      event_timestamp)
                           SELECT p_ids[r.k], p_types[r.k], p_versions[r.k], p_payloads[r.k]::jsonb,
                                  p_metadata[r.k]::jsonb, p_tags[r.k]::jsonb, p_timestamps[r.k]
                           FROM unnest(p_row_append) WITH ORDINALITY AS r(app, k)
                           WHERE v_outcome[r.app] = 'APPENDED'
                           ORDER BY r.k
                           ON CONFLICT (event_id) DO NOTHING
                           RETURNING event_store_event.event_id, event_store_event.position)
        SELECT a.i,
               v_outcome[a.i],
               CASE
                   WHEN v_outcome[a.i] <> 'CONFLICT' THEN
                       -- the ids inserted now, else where they were stored before
                       (SELECT max(coalesce(d.position, (SELECT e.position
                                                         FROM event_store_event e
                                                         WHERE e.event_id = id.event_id)))
                        FROM unnest(p_ids[p_first[a.i]:p_first[a.i] + p_count[a.i] - 1]) AS id(event_id)
                                 LEFT JOIN added d ON d.event_id = id.event_id)
                   END
        FROM generate_series(1, n) AS a(i)
        ORDER BY a.i;
END
$$;
