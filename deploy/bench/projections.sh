#!/usr/bin/env bash
# Projections benchmark (issue 20): how fast read models catch up over a 1,000,000-event log, against the raw read
# rate of the same log measured in the same run, how long an online rebuild takes, and read model lag while events are
# appended at 1,000/s. Run it as:
#
#   ./firedrill bench projections
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME. The script
# builds, starts the application jar on a free port, records one incident's and one action item's facts through the
# API, copies them into a log of BENCH_GROUPS × 20 events (default 50,000 groups: 1,000,000 events), waits for the
# live read models, then in BENCH_ROUNDS rounds (default 2; the order reversed in every other round) reads the whole
# log raw and rebuilds each read model online, alternating. Last, it appends note facts at BENCH_LAG_RATE per second
# (default 1000) for BENCH_LAG_SECONDS (default 60) and samples the read models' lag. It prints the result table and
# writes it into docs/benchmarks.md. FIREDRILL_JAVA_OPTS adds JVM options for the application.
set -euo pipefail
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench projections}"
: "${PG_BIN:?run it as ./firedrill bench projections}"
: "${JAVA_HOME:?run it as ./firedrill bench projections}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
GROUPS_N="${BENCH_GROUPS:-50000}"
ROUNDS="${BENCH_ROUNDS:-2}"
LAG_RATE="${BENCH_LAG_RATE:-1000}"
LAG_SECONDS="${BENCH_LAG_SECONDS:-60}"
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LOG="$ROOT/bootstrap/target/bench-projections-app.log"
OUT="$ROOT/docs/benchmarks.md"
WORK="$(mktemp -d)"
say() { printf 'bench: %s\n' "$*" >&2; }

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_processes
bench_libpq_env

BENCH_HARNESS_HEAP=1g
bench_build
[[ -f "$APP_JAR" ]] || { say "the build made no $APP_JAR"; exit 1; }
pb() { harness ProjectionBenchmark "$@"; }

bench_start_app
BASE="http://127.0.0.1:$PORT"
export FIREDRILL_BENCH_TOKEN FIREDRILL_BENCH_PLATFORM_TOKEN
FIREDRILL_BENCH_TOKEN="$(bench_token bench-template)"
FIREDRILL_BENCH_PLATFORM_TOKEN="$(bench_token)"

say "recording the template facts through the API"
pb templates "$BASE" > /dev/null

say "filling the log: $GROUPS_N groups of 20 events"
IFS=$'\t' read -r _ events fill_s < <(pb fill "$GROUPS_N")
say "$events events in the log (filled in ${fill_s} s)"

caught_up() { # whether every read model's least segment position is at the head of the log
  local behind
  behind="$(psql -At -c "SELECT count(*) FROM (SELECT processor_name, min((token ->> 'globalIndex')::bigint) AS p
    FROM token_store_entry WHERE processor_name IN ('incident-list', 'incident-metrics', 'action-item-list')
    GROUP BY 1) t WHERE p < (SELECT max(position) FROM event_store_event)")"
  local present
  present="$(psql -At -c "SELECT count(DISTINCT processor_name) FROM token_store_entry
    WHERE processor_name IN ('incident-list', 'incident-metrics', 'action-item-list')")"
  [[ "$behind" == 0 && "$present" == 3 ]]
}
say "waiting for the live read models to catch up with the filled log"
wait_start=$SECONDS
until caught_up; do
  alive "$APP_PID" || { APP_PID=""; tail -n 40 "$APP_LOG" >&2; say "the application exited"; exit 1; }
  (( SECONDS - wait_start < 1800 )) || { say "the read models did not catch up within 30 minutes"; exit 1; }
  sleep 1
done
say "caught up $(( SECONDS - wait_start )) s after the fill ended"

models=(incident-list incident-metrics action-item-list)
rows_md=""
declare -A worst_ratio worst_rebuild slowest_rate
for round in $(seq 1 "$ROUNDS"); do
  order=("${models[@]}")
  if (( round % 2 == 0 )); then order=(action-item-list incident-metrics incident-list); fi
  for model in "${order[@]}"; do
    IFS=$'\t' read -r _ read_events read_s read_rate < <(pb read)
    say "round $round: raw read $read_events events in ${read_s} s ($read_rate/s); rebuilding $model"
    IFS=$'\t' read -r _ _ head rebuild_s rebuild_rate < <(pb rebuild "$BASE" "$model")
    ratio="$(printf '%.2f' "$(echo "$rebuild_rate / $read_rate" | bc -l)")"
    say "round $round: $model rebuilt over $head events in ${rebuild_s} s ($rebuild_rate/s, ${ratio}× raw)"
    rows_md+="| $round | \`$model\` | $head | $rebuild_s | $rebuild_rate | $read_rate | **${ratio}×** |"$'\n'
    if [[ -z "${worst_ratio[$model]:-}" ]] || (( $(echo "$ratio < ${worst_ratio[$model]}" | bc -l) )); then
      worst_ratio[$model]="$ratio"
    fi
    if [[ -z "${worst_rebuild[$model]:-}" ]] || (( $(echo "$rebuild_s > ${worst_rebuild[$model]}" | bc -l) )); then
      worst_rebuild[$model]="$rebuild_s"
    fi
    if [[ -z "${slowest_rate[$model]:-}" ]] || (( $(echo "$rebuild_rate < ${slowest_rate[$model]}" | bc -l) )); then
      slowest_rate[$model]="$rebuild_rate"
    fi
  done
done

say "lag: appending note facts at $LAG_RATE/s for ${LAG_SECONDS} s (after a 5 s warm-up)"
IFS=$'\t' read -r _ lag_rate lag_failed lag_samples lag_p50 lag_p99 lag_max < <(pb lag "$LAG_RATE" "$LAG_SECONDS")
stop_app

verdicts=""
for model in "${models[@]}"; do
  rate_ok=fail; ratio_ok=fail; time_ok=fail
  (( $(echo "${slowest_rate[$model]} >= 20000" | bc -l) )) && rate_ok=pass
  (( $(echo "${worst_ratio[$model]} >= 0.25" | bc -l) )) && ratio_ok=pass
  (( $(echo "${worst_rebuild[$model]} <= 120" | bc -l) )) && time_ok=pass
  verdicts+="| \`$model\` | ${slowest_rate[$model]} events/s (≥ 20,000): **$rate_ok** | ${worst_ratio[$model]}× (≥ 0.25×): **$ratio_ok** | ${worst_rebuild[$model]} s (≤ 120 s): **$time_ok** |"$'\n'
done
lag_ok=fail
(( $(echo "$lag_p99 <= 1" | bc -l) )) && (( $(echo "$lag_rate >= 0.95 * $LAG_RATE" | bc -l) )) && lag_ok=pass

pg_version="$(psql -At -c "SHOW server_version")"
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
section="$(cat <<MD
<!-- projections:begin -->
## Projections (issue 20)

Command: \`./firedrill bench projections\` (script: \`deploy/bench/projections.sh\`, harness:
\`ProjectionBenchmark\`). Date: $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu),
$(free -g | awk '/^Mem:/ {print $2}') GiB, PostgreSQL $pg_version (private cluster, default settings, same machine as
the application and the harness), Java $java_version. The application jar runs with its defaults
(batches of 1,000 events, 2 segments per read model, all three read models in one instance).

The log: one incident's facts (declared, acknowledged, 14 notes, mitigation started, resolved) and one action item's
(created, started), recorded through the API, copied $GROUPS_N times under new ids: $events events, each block of 100
incidents interleaved as a busy installation's log is. The incidents are declared by hand, so they have no alert
grouping keys: the metrics read model skips the recurrence recomputation for them (an incident opened from alerts costs
one more statement per batch it changes in, pipelined; not measured here). A rebuild goes through the admin API
(\`POST /api/v1/admin/projections/NAME/rebuild\`) and is timed until the rebuilt copy has replaced the live read model
(\`state\` back to \`LIVE\`), the other read models running meanwhile; its rate is the log's events over that time
(each read model reads only its own types: the incident read models 90 % of the log, the action items 10 %). The
raw read is the whole log read the way a read model reads it (\`PgEventLog.read\`, 1,000 events a statement, no
decoding), just before each rebuild in the same run. Rounds alternate raw reads and rebuilds, the order of the read
models reversed in every other round.

| round | read model | log events | rebuild s | events/s | raw read events/s | rebuild ÷ raw |
|---:|---|---:|---:|---:|---:|---:|
${rows_md%$'\n'}

| read model | slowest rebuild rate | lowest ratio to raw | longest rebuild |
|---|---|---|---|
${verdicts%$'\n'}

**Lag while events are appended:** $lag_rate appends/s reached (target $LAG_RATE/s, one note fact per append, as a
command appends; $lag_failed failed), ${LAG_SECONDS} s after a 5 s warm-up. Every 100 ms each read model's lag was
sampled: the age of the oldest event past its checkpoint (0 when caught up), $lag_samples samples: p50 ${lag_p50} s,
p99 ${lag_p99} s, max ${lag_max} s (target p99 ≤ 1 s: **$lag_ok**).
<!-- projections:end -->
MD
)"
bench_write_section projections
