-- Metrics at scale, continued (issue 7): day rollups per severity as well.
--
-- Besides the row of every severity (severity ''), incident_metric_day keeps a row per severity, so that a
-- question about one severity reads that severity's values only (a two-year question about P1 read some
-- megabytes of values of which it kept a quarter). Only the DETECTED rows of every severity keep each incident's
-- severity digit (the response targets depend on it). The table keeps values up to a page uncompressed and in
-- line: decompressing the values of a two-year question cost more than reading them.
-- The rows are recomputed: every day is marked, and the rollup job rebuilds them; until then queries read the
-- marked days from the incident rows, exactly, only more slowly.
DELETE FROM incident_metric_day;
ALTER TABLE incident_metric_day DROP CONSTRAINT incident_metric_day_pkey;
ALTER TABLE incident_metric_day ALTER COLUMN severities DROP NOT NULL;
ALTER TABLE incident_metric_day ADD COLUMN severity TEXT NOT NULL;
ALTER TABLE incident_metric_day ADD PRIMARY KEY (tenant_id, service, severity, milestone, day, drill);
ALTER TABLE incident_metric_day SET (toast_tuple_target = 8160);

INSERT INTO incident_metric_dirty (tenant_id, milestone, day, version)
SELECT DISTINCT tenant_id, milestone, (at AT TIME ZONE 'UTC')::date, 1
FROM incident_metrics CROSS JOIN LATERAL (VALUES ('DETECTED', detected_at), ('ACKNOWLEDGED', acknowledged_at),
    ('MITIGATED', mitigated_at), ('RESOLVED', resolved_at), ('REVIEWED', reviewed_at)) m(milestone, at)
WHERE at IS NOT NULL
ON CONFLICT (tenant_id, milestone, day) DO UPDATE SET version = incident_metric_dirty.version + 1;
