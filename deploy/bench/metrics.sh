#!/usr/bin/env bash
# Metrics benchmark: summary and trend queries over 100,000 incidents and 1,000,000 events that were appended
# through the event store (not by SQL) and projected by the running application's incident-metrics processor.
# Run it as:
#
#   ./firedrill bench metrics
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME.
# The script builds, migrates, seeds the event log with MetricsBenchmark, starts the application jar, waits
# until the metrics projection has caught up with the log (timed), times each query shape sequentially
# after a warm-up, runs the heaviest aggregation as raw SQL through pgbench on the same database for
# comparison, stops the application, prints the result table and writes it into docs/benchmarks.md.
# Knobs: BENCH_INCIDENTS (default 100000; ten events each), BENCH_REQUESTS (per query shape, default 200),
# BENCH_SECONDS (the pgbench cell, default 10), BENCH_CATCHUP_TIMEOUT (seconds, default 7200: the full-size catch-up took 2,879 s).
set -euo pipefail
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench metrics}"
: "${PG_BIN:?run it as ./firedrill bench metrics}"
: "${JAVA_HOME:?run it as ./firedrill bench metrics}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
INCIDENTS="${BENCH_INCIDENTS:-100000}"
REQUESTS="${BENCH_REQUESTS:-200}"
SECONDS_PER_CELL="${BENCH_SECONDS:-10}"
CATCHUP_TIMEOUT="${BENCH_CATCHUP_TIMEOUT:-7200}"
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LOG="$ROOT/bootstrap/target/bench-metrics-app.log"
OUT="$ROOT/docs/benchmarks.md"
WORK="$(mktemp -d)"
say() { printf 'bench: %s\n' "$*" >&2; }



# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_processes
bench_libpq_env

bench_build
[[ -f "$APP_JAR" ]] || { say "the build made no $APP_JAR"; exit 1; }

say "migrating the schema"
harness EventStoreBenchmark migrate
say "seeding $INCIDENTS incidents through the event store"
harness MetricsBenchmark seed "$INCIDENTS" > "$WORK/seed.tsv"
IFS=$'\t' read -r _ seeded_incidents seeded_events seed_seconds seed_rate < "$WORK/seed.tsv"
head_position="$(psql -At -c "SELECT max(position) FROM event_store_event")"

bench_start_app
export FIREDRILL_BENCH_TOKEN; FIREDRILL_BENCH_TOKEN="$(bench_token default)"


app_started="$(date +%s.%N)"
# Both processors that handle incident events must be done: queries timed while one still projects would
# measure the competition for the two cores, not the queries.
say "waiting for the incident-metrics and incident-list processors to reach position $head_position (up to ${CATCHUP_TIMEOUT}s)"
caught_up() {
  psql -At -c "SELECT coalesce(min((token ->> 'globalIndex')::bigint), -1) >= $head_position
               FROM token_store_entry WHERE processor_name IN ('incident-metrics', 'incident-list')
               HAVING count(DISTINCT processor_name) = 2" | grep -q '^t$'
}
deadline=$(( $(date +%s) + CATCHUP_TIMEOUT ))
until caught_up; do
  alive "$APP_PID" || { APP_PID=""; tail -n 40 "$APP_LOG" >&2; say "the application exited while catching up"; exit 1; }
  [[ "$(date +%s)" -lt "$deadline" ]] || { say "the metrics projection had not caught up after ${CATCHUP_TIMEOUT}s"; exit 1; }
  sleep 5
done
catchup_seconds="$(echo "$(date +%s.%N) - $app_started" | bc -l)"
# Then the day rollups the queries read: the application's rollup job recomputes the days the projection
# marked. Queries are exact before that too (marked days are read from the incident rows), only slower.
say "waiting for the metric rollup job to recompute every marked day and trend bucket"
rollups_started="$(date +%s.%N)"
until [[ "$(psql -At -c "SELECT (SELECT count(*) FROM incident_metric_dirty) + (SELECT count(*) FROM incident_metric_bucket_dirty)")" == 0 ]]; do
  alive "$APP_PID" || { APP_PID=""; tail -n 40 "$APP_LOG" >&2; say "the application exited while rolling up"; exit 1; }
  [[ "$(date +%s)" -lt "$deadline" ]] || { say "the day rollups were not recomputed after ${CATCHUP_TIMEOUT}s"; exit 1; }
  sleep 2
done
rollup_seconds="$(echo "$(date +%s.%N) - $rollups_started" | bc -l)"
rollup_days="$(psql -At -c "SELECT count(DISTINCT (milestone, day)) FROM incident_metric_day")"
rollup_buckets="$(psql -At -c "SELECT count(DISTINCT (milestone, size, start)) FROM incident_metric_bucket")"
rows="$(psql -At -c "SELECT count(*) FROM incident_metrics")"
[[ "$rows" -ge "$seeded_incidents" ]] || { say "incident_metrics holds $rows rows, expected $seeded_incidents"; exit 1; }

say "timing the queries: $REQUESTS requests per shape, one client"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" io.firedrill.bootstrap.bench.MetricsBenchmark query \
  "http://127.0.0.1:$PORT" "$REQUESTS" > "$WORK/query.tsv" 2>"$WORK/java.err" || { cat "$WORK/java.err" >&2; exit 1; }
stop_app

# The heaviest part of a one-year summary as raw SQL: four duration aggregates with median and p90.
cat > "$WORK/summary.sql" <<'SQL'
SELECT drill,
  count(*) FILTER (WHERE acknowledged_at >= '2025-11-01' AND acknowledged_at < '2026-11-01'),
  avg(extract(epoch FROM acknowledged_at - detected_at)) FILTER (WHERE acknowledged_at >= '2025-11-01' AND acknowledged_at < '2026-11-01'),
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - detected_at)) FILTER (WHERE acknowledged_at >= '2025-11-01' AND acknowledged_at < '2026-11-01'),
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - detected_at)) FILTER (WHERE acknowledged_at >= '2025-11-01' AND acknowledged_at < '2026-11-01'),
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - detected_at)) FILTER (WHERE resolved_at >= '2025-11-01' AND resolved_at < '2026-11-01'),
  percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - detected_at)) FILTER (WHERE resolved_at >= '2025-11-01' AND resolved_at < '2026-11-01')
FROM incident_metrics WHERE tenant_id = 'default' AND status <> 'DUPLICATE'
  AND ((acknowledged_at >= '2025-11-01' AND acknowledged_at < '2026-11-01') OR (resolved_at >= '2025-11-01' AND resolved_at < '2026-11-01'))
GROUP BY drill;
SQL
# pgbench_cell runs $WORK/rows<N>.sql; this query is "rows" + "query".
cp "$WORK/summary.sql" "$WORK/rowsquery.sql"
say "pgbench: the raw aggregation, 1 client, ${SECONDS_PER_CELL}s"
read -r pg_tps pg_p50 pg_p99 <<< "$(pgbench_cell 1 query)"

rows_md=""
goal_met=yes
while IFS=$'\t' read -r kind name requests p50 p99 max; do
  [[ "$kind" == query ]] || continue
  rows_md+="| $name | $requests | $p50 | $p99 | $max |"$'\n'
  (( $(echo "$p99 <= 50" | bc -l) )) || goal_met=no
  [[ "$name" == "summary, one year" ]] && year_p50="$p50" && year_p99="$p99"
done < "$WORK/query.tsv"
[[ -n "$rows_md" ]] || { cat "$WORK/query.tsv" >&2; say "the harness reported no results"; exit 1; }
ratio="$(printf '%.1f' "$(echo "$year_p99 / $pg_p99" | bc -l)")"
catchup_rate="$(printf '%.0f' "$(echo "$seeded_events / $catchup_seconds" | bc -l)")"

smaller=""
[[ "$seeded_incidents" -ge 100000 ]] || smaller=" (a smaller data set than the goal's 100,000 incidents and 1,000,000 events)"
knobs=""
for knob in BENCH_INCIDENTS BENCH_REQUESTS BENCH_SECONDS; do
  [[ -z "${!knob:-}" ]] || knobs+="$knob=${!knob} "
done
pg_version="$(psql -At -c "SHOW server_version")"
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
section="$(cat <<MD
<!-- metrics:begin -->
## Metrics queries (issue 7)

Command: \`${knobs}./firedrill bench metrics\` (script: \`deploy/bench/metrics.sh\`, harness: \`MetricsBenchmark\`).
Date: $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu), $(free -g | awk '/^Mem:/ {print $2}') GiB,
PostgreSQL $pg_version (private cluster, default settings, same machine as the application and the client),
Java $java_version.

Data: $seeded_incidents incidents${smaller}, $seeded_events events appended through the event store
($(printf '%.0f' "$seed_rate") events/s, $(printf '%.0f' "$seed_seconds") s): each incident declared from an alert (5,000 grouping
keys, so most incidents recur), a responder, an acknowledgement, notes, mitigation, a status update, a
resolution and, for every other one, a review; detections spread over the two years before 2026-11-01, one
tenant, 20 services. The application jar then started on the seeded database; its incident-metrics and
incident-list processors (one event per transaction each) projected the whole log in
$(printf '%.0f' "$catchup_seconds") s ($catchup_rate events/s each). The rollup job (every 10 s, meanwhile) kept the
$rollup_days day rollups (days × milestones) and the $rollup_buckets trend buckets (weeks and months × milestones)
in step; the days and buckets still marked at the end took it $(printf '%.0f' "$rollup_seconds") s more. The
queries ran once both were done.

Queries: one client, sequential, over HTTP (\`GET\`, JSON), after a warm-up of a quarter of the requests per shape;
latency from sending to the whole answer.

| query | requests | p50 ms | p99 ms | max ms |
|---|---:|---:|---:|---:|
${rows_md%$'\n'}

For comparison, in the same run: the heaviest aggregation of the one-year summary as raw SQL through
pgbench (1 client, ${SECONDS_PER_CELL} s): p50 $pg_p50 ms, p99 $pg_p99 ms, $(printf '%.0f' "$pg_tps") per second. The
whole one-year summary (five queries plus HTTP and JSON) took p50 $year_p50 ms, p99 $year_p99 ms: **${ratio}×** the raw
aggregation's p99.

Goal: p99 ≤ 50 ms for every shape: **$([[ "$goal_met" == yes ]] && echo met || echo missed)**.
<!-- metrics:end -->
MD
)"

bench_write_section metrics
