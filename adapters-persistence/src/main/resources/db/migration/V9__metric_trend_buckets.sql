-- Metrics at scale, continued (issue 7): the figures of whole trend buckets, computed ahead.
--
-- A trend row of a whole week or month is a function of that bucket's day rollups alone. The rollup job computes
-- it once the days are recomputed (with the same code a query would use, so the figures are the same to the
-- bit), and a two-year trend reads a few hundred small rows instead of every incident's values.
--
-- incident_metric_bucket: per tenant, milestone, bucket size (WEEK: Monday to Monday; MONTH) and start (UTC),
-- service ('' = every service) and severity ('' = every severity), production incidents only (trends leave
-- drills out):
--   incidents  how many incidents reached the milestone in the bucket
--   figures    per stored column of the milestone's day rollups, in their order, four big-endian float8:
--              count, mean, median, p90 (seconds; NaN = none)
-- A bucket without a row for a service and severity had no such incidents; no row at all, none.
CREATE TABLE incident_metric_bucket (
    tenant_id TEXT    NOT NULL,
    milestone TEXT    NOT NULL,
    size      TEXT    NOT NULL,
    start     DATE    NOT NULL,
    service   TEXT    NOT NULL,
    severity  TEXT    NOT NULL,
    incidents INTEGER NOT NULL,
    figures   BYTEA   NOT NULL,
    PRIMARY KEY (tenant_id, service, severity, milestone, size, start)
);

-- Buckets whose figures no longer match their days: recomputing a day marks its week and month; the job
-- recomputes a bucket and removes its mark only if the version is still the one it read. A query uses a bucket's
-- figures only when neither the bucket nor any of its days is marked.
CREATE TABLE incident_metric_bucket_dirty (
    tenant_id TEXT   NOT NULL,
    milestone TEXT   NOT NULL,
    size      TEXT   NOT NULL,
    start     DATE   NOT NULL,
    version   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, milestone, size, start)
);

-- Every bucket that has days is computed by the job; until then queries read those buckets' days.
INSERT INTO incident_metric_bucket_dirty (tenant_id, milestone, size, start, version)
SELECT DISTINCT tenant_id, milestone, b.size, b.start, 1
FROM incident_metric_day CROSS JOIN LATERAL (VALUES ('WEEK', date_trunc('week', day)::date),
    ('MONTH', date_trunc('month', day)::date)) b(size, start);
