#!/usr/bin/env bash
# Alert ingestion benchmark: the running Firedrill application receiving Alertmanager deliveries of 100
# alerts each, against pgbench single-row inserts on the same PostgreSQL, in one run. Run it as:
#
#   ./firedrill bench alerts
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME.
# The script builds, migrates, runs pgbench, starts the application jar on a free port, drives it with
# AlertIngestionBenchmark (each cell a burst that starts once the previous cell's alerts are grouped),
# waits until every accepted alert is grouped into an incident, stops the
# application, prints the result table and writes it into docs/benchmarks.md.
# Knobs: BENCH_SECONDS (per cell, default 10), BENCH_WARMUP_SECONDS (default 5), BENCH_CLIENTS
# (default 1,8,32), BENCH_GROUPING_TIMEOUT (seconds to wait for grouping, default 600),
# FIREDRILL_JAVA_OPTS (extra JVM options for the application, e.g. a JFR recording).
set -euo pipefail
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench alerts}"
: "${PG_BIN:?run it as ./firedrill bench alerts}"
: "${JAVA_HOME:?run it as ./firedrill bench alerts}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
SECONDS_PER_CELL="${BENCH_SECONDS:-10}"
WARMUP_SECONDS="${BENCH_WARMUP_SECONDS:-5}"
CLIENTS="${BENCH_CLIENTS:-1,8,32}"
GROUPING_TIMEOUT="${BENCH_GROUPING_TIMEOUT:-600}"
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LOG="$ROOT/bootstrap/target/bench-alerts-app.log"
OUT="$ROOT/docs/benchmarks.md"
WORK="$(mktemp -d)"
say() { printf 'bench: %s\n' "$*" >&2; }


[[ "$CLIENTS" =~ ^[0-9]+(,[0-9]+)*$ ]] || { say "BENCH_CLIENTS must be a comma-separated list of numbers, e.g. 1,8,32"; exit 1; }

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_processes
bench_libpq_env

bench_build
[[ -f "$APP_JAR" ]] || { say "the build made no $APP_JAR"; exit 1; }

say "migrating the schema"
harness EventStoreBenchmark migrate
# pgbench inserts rows of the same shape, with the same indexes and constraints, into a twin table.
bench_pgbench_twin

declare -A pgbench_result
for clients in ${CLIENTS//,/ }; do
  say "pgbench: $clients clients, 1 row per transaction, ${SECONDS_PER_CELL}s"
  pgbench_result[$clients]="$(pgbench_cell "$clients" 1)"
done

# Every cell is admitted whole: a limit of at least the largest client count.
for c in ${CLIENTS//,/ }; do (( c <= BENCH_MAX_IN_FLIGHT )) || BENCH_MAX_IN_FLIGHT="$c"; done
bench_start_app
export FIREDRILL_BENCH_TOKEN; FIREDRILL_BENCH_TOKEN="$(bench_token default)"

say "Firedrill: a ${WARMUP_SECONDS}s warm-up at 8 clients, then $CLIENTS clients, ${SECONDS_PER_CELL}s per cell, then waiting for grouping"
# In the background, so that a signal or the application's exit ends the run at once; progress goes to stderr.
"$JAVA_HOME/bin/java" -Xmx1g -Daxoniq.update-checker.disabled=true -cp "$CP" \
  io.firedrill.bootstrap.bench.AlertIngestionBenchmark "http://127.0.0.1:$PORT" "$SECONDS_PER_CELL" \
  "$WARMUP_SECONDS" "$CLIENTS" "$GROUPING_TIMEOUT" > "$WORK/alerts.tsv" &
HARNESS_PID=$!
while alive "$HARNESS_PID"; do
  alive "$APP_PID" || { APP_PID=""; tail -n 40 "$APP_LOG" >&2; say "the application exited during the run (log: ${APP_LOG#"$ROOT"/})"; exit 1; }
  sleep 1
done
harness_rc=0
wait "$HARNESS_PID" || harness_rc=$?
HARNESS_PID=""
[[ "$harness_rc" -eq 0 ]] || { say "the harness failed (exit $harness_rc)"; exit 1; }
stop_app

rows_md=""
drain_md=""
errors_md=""
backlog_md=""
goal_met=""
goal_missed=""
while IFS=$'\t' read -r kind clients f2 f3 f4 f5 f6 f7 f8 f9 f10 f11; do
  case "$kind" in
    cell)
      # payloads alerts seconds payloads/s alerts/s p50 p99 max errors backlog
      read -r pg_tps pg_p50 pg_p99 <<< "${pgbench_result[$clients]}"
      ratio="$(printf '%.2f' "$(echo "$f6 / $pg_tps" | bc -l)")"
      rows_md+="| $clients | $(printf '%.1f' "$f5") | $(printf '%.0f' "$f6") | $f7 | $f8 | $f9 | $f10 | $(printf '%.0f' "$pg_tps") | $pg_p50 / $pg_p99 | **${ratio}×** |"$'\n'
      backlog_md+="$f11 after the $clients-client cell; "
      if [[ "$f10" -eq 0 ]] && (( $(echo "$f8 <= 1000" | bc -l) )); then goal_met+="$clients, "; else goal_missed+="$clients, "; fi
      ;;
    errors) errors_md+="- $clients clients: $f2"$'\n' ;;
    drain) # grouped seconds: grouping catching up after a cell, with no load
      if [[ "$clients" != 0 ]]; then
        drain_md+="| after the $clients-client cell | $f2 | $f3 | $(printf '%.0f' "$(echo "$f2 / ($f3 + 0.001)" | bc -l)") |"$'\n'
      fi ;;
    grouping) # sent grouped seconds grouped/s incidents lag_s complete last-minute/s (the first field is in $clients)
      g_sent="$clients" g_grouped="$f2" g_seconds="$f3" g_rate="$f4" g_incidents="$f5" g_lag="$f6" g_complete="$f7"
      g_last="$f8" ;;
  esac
done < "$WORK/alerts.tsv"
goal_met="${goal_met%, }"
goal_missed="${goal_missed%, }"
[[ -n "$rows_md" && -n "${g_sent:-}" ]] || { cat "$WORK/alerts.tsv" >&2; say "the harness reported no results"; exit 1; }
if [[ "$g_complete" == complete ]]; then
  grouping_note="every accepted alert grouped"
else
  grouping_note="**incomplete**: $g_grouped of $g_sent grouped when the benchmark stopped waiting, ${GROUPING_TIMEOUT} s after the load"
fi

errors_block=""
[[ -z "$errors_md" ]] || errors_block=$'\n'"Errors by kind:"$'\n'"${errors_md%$'\n'}"$'\n'
pg_version="$(psql -At -c "SHOW server_version")"
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
section="$(cat <<MD
<!-- alerts:begin -->
## Alert ingestion (issue 5)

Command: \`./firedrill bench alerts\` (script: \`deploy/bench/alerts.sh\`, harness:
\`AlertIngestionBenchmark\`). Date: $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu),
$(free -g | awk '/^Mem:/ {print $2}') GiB, PostgreSQL $pg_version (private cluster, default settings,
same machine as the application and the clients), Java $java_version. Each cell ran ${SECONDS_PER_CELL} s;
all pgbench cells ran first, then the application jar (\`quarkus-run.jar\`, default settings but an admission limit of
${FIREDRILL_HTTP_MAX_IN_FLIGHT:-$BENCH_MAX_IN_FLIGHT} requests in flight${FIREDRILL_HTTP_MAX_IN_FLIGHT:+ (set by FIREDRILL_HTTP_MAX_IN_FLIGHT)}${FIREDRILL_HTTP_MAX_IN_FLIGHT:-, at least the largest client count, so that no cell is shed}${FIREDRILL_JAVA_OPTS:+, \`$FIREDRILL_JAVA_OPTS\`})
was started against the same database and driven over HTTP after a ${WARMUP_SECONDS} s warm-up at 8 clients.

Firedrill: N closed-loop clients (JDK \`HttpClient\`, HTTP/1.1), each posting an Alertmanager v4 delivery of
100 firing alerts with fresh fingerprints to \`POST /api/v1/integrations/{id}/alertmanager\` and waiting for
the answer; each delivery's \`groupKey\` is one of 50, so grouping joins 50 open incidents. Latency is per
delivery, from sending to the answer; every answer but 202 counts as an error. The alert-grouping
processor runs in the same application while the load runs, as in production.
pgbench: \`-M prepared -c N\`, one single-row \`INSERT\` per transaction into a twin of
\`event_store_event\` (same columns, indexes and constraints; a small event row).

| clients | Firedrill payloads/s | alerts/s | p50 ms | p99 ms | max ms | errors | pgbench single-row TPS | pgbench p50 / p99 ms | alerts/s ÷ pgbench TPS |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows_md%$'\n'}
${errors_block}
Goal: receivers answer within 1 s p99 under bursts, without errors. Met at: ${goal_met:-none} clients${goal_missed:+; missed at: $goal_missed clients}.

### Grouping into incidents

| measurement | result |
|---|---|
| alerts accepted (warm-up and all cells) | ${g_sent} |
| \`incident.AlertReceived\` facts appended | ${g_grouped} (${grouping_note}) |
| incidents declared | ${g_incidents} |
| grouped alerts/s, end to end (first post to last fact, ${g_seconds} s) | **${g_rate}** |
| grouped alerts/s in the last minute of facts | ${g_last} |
| last fact after the last answer | ${g_lag} s |
| alerts not yet grouped at the end of each cell | ${backlog_md%; } |

Each cell starts once the alerts of the previous one are grouped, so that every cell is a burst arriving
at an idle application. Grouping catching up, with no load:

| after | alerts grouped | seconds | alerts/s |
|---|---:|---:|---:|
${drain_md%$'\n'}

A run that stops waiting (BENCH_GROUPING_TIMEOUT) reports the grouping rate reached so far.
<!-- alerts:end -->
MD
)"

bench_write_section alerts
