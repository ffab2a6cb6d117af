-- Metrics at scale (issue 7): exact figures over a year of incidents without reading a year of incident rows.
--
-- 1. Each incident remembers the incident it repeats: the latest earlier incident (not a drill, not a duplicate)
--    sharing one of its grouping keys. Whether that is a recurrence depends only on the gap and the window.
ALTER TABLE incident_metrics ADD COLUMN previous_id UUID;
-- Looked up by grouping key on every new incident: no pending list to scan on each lookup (keys change rarely).
ALTER INDEX incident_metrics_keys SET (fastupdate = off);
ALTER TABLE incident_metrics ADD COLUMN previous_detected_at TIMESTAMPTZ;

-- (The detection instant is compared and ordered as an expression so that earlier incidents are found through
-- the grouping key index, not by walking the detection index back.)
UPDATE incident_metrics i SET previous_id = prev.incident_id, previous_detected_at = prev.detected_at
FROM incident_metrics a LEFT JOIN LATERAL (
    SELECT p.incident_id, p.detected_at FROM incident_metrics p
    WHERE p.tenant_id = a.tenant_id AND NOT p.drill AND p.status <> 'DUPLICATE'
      AND p.grouping_keys && a.grouping_keys AND p.detected_at + interval '0 seconds' < a.detected_at
    ORDER BY p.detected_at + interval '0 seconds' DESC, p.incident_id DESC LIMIT 1) prev ON true
WHERE i.incident_id = a.incident_id AND prev.incident_id IS NOT NULL;

-- The recurrences of a period are listed from the incidents that repeat one at all.
CREATE INDEX incident_metrics_repeating ON incident_metrics (tenant_id, detected_at) WHERE previous_id IS NOT NULL;

-- 2. Day rollups: for each tenant, milestone (DETECTED, ACKNOWLEDGED, MITIGATED, RESOLVED, REVIEWED) and UTC day
--    on which incidents reached it, per drill flag and per service ('' = every service), the values the figures
--    need, one element per incident, packed as big-endian float8 (NaN = none) in the same order in every column:
--      severities           one digit per incident, the severity's rank (0 = P0)
--      since_detected       milestone − detectedAt, seconds (ACKNOWLEDGED, MITIGATED, RESOLVED)
--      since_declared       milestone − declaredAt, seconds (ACKNOWLEDGED, MITIGATED, RESOLVED)
--      since_resolved       reviewedAt − resolvedAt, seconds (REVIEWED)
--      offsets              detectedAt − the day's start, seconds (DETECTED)
--      recurrence_gaps      detectedAt − the repeated incident's detectedAt, seconds (DETECTED)
--      acknowledged_after   acknowledgedAt − detectedAt, seconds (DETECTED)
--      resolved_after       resolvedAt − detectedAt, seconds (DETECTED)
--    DETECTED rows hold only incidents counted in production figures (no drills, no duplicates).
CREATE TABLE incident_metric_day (
    tenant_id          TEXT    NOT NULL,
    milestone          TEXT    NOT NULL,
    day                DATE    NOT NULL,
    drill              BOOLEAN NOT NULL,
    service            TEXT    NOT NULL,
    incidents          INTEGER NOT NULL,
    severities         TEXT    NOT NULL,
    since_detected     BYTEA,
    since_declared     BYTEA,
    since_resolved     BYTEA,
    offsets            BYTEA,
    recurrence_gaps    BYTEA,
    acknowledged_after BYTEA,
    resolved_after     BYTEA,
    PRIMARY KEY (tenant_id, service, milestone, day, drill)
);

-- 3. Days whose rollup no longer matches the incident rows. The projection bumps a day's version when it changes
--    an incident reaching a milestone that day; the rollup job recomputes the day and removes the mark only if
--    the version is still the one it read. Queries read marked days from the incident rows.
CREATE TABLE incident_metric_dirty (
    tenant_id TEXT   NOT NULL,
    milestone TEXT   NOT NULL,
    day       DATE   NOT NULL,
    version   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, milestone, day)
);

INSERT INTO incident_metric_dirty (tenant_id, milestone, day, version)
SELECT DISTINCT tenant_id, milestone, (at AT TIME ZONE 'UTC')::date, 1
FROM incident_metrics CROSS JOIN LATERAL (VALUES ('DETECTED', detected_at), ('ACKNOWLEDGED', acknowledged_at),
    ('MITIGATED', mitigated_at), ('RESOLVED', resolved_at), ('REVIEWED', reviewed_at)) m(milestone, at)
WHERE at IS NOT NULL;
