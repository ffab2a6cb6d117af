#!/usr/bin/env bash
# Command path benchmark (issue 26): HTTP commands and reads of one incident against pgbench single-row inserts on
# the same PostgreSQL, in one run. Run it as:
#
#   ./firedrill bench commands
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME. The script
# builds, starts the application jar, declares BENCH_INCIDENTS incidents (default 200) and drives it with wrk (Debian's
# package, installed when missing) as closed-loop clients over HTTP/1.1 keep-alive connections. Every cell alternates
# pgbench (same client count, one single-row insert per transaction) and Firedrill in BENCH_ROUNDS rounds (default
# 3) of BENCH_SECONDS each (default 5); after each Firedrill round of commands it waits until every read model
# has caught up, and the sustained rate counts that wait. It prints the result table and writes it into
# docs/benchmarks.md.
set -euo pipefail
export LC_ALL=C # decimal points, as bc prints them
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench commands}"
: "${PG_BIN:?run it as ./firedrill bench commands}"
: "${JAVA_HOME:?run it as ./firedrill bench commands}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
ROUND_SECONDS="${BENCH_SECONDS:-5}"
ROUNDS="${BENCH_ROUNDS:-3}"
INCIDENTS="${BENCH_INCIDENTS:-200}"
GROWTH_EVENTS="${BENCH_GROWTH_EVENTS:-100000}"
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LOG="$ROOT/bootstrap/target/bench-commands-app.log"
OUT="$ROOT/docs/benchmarks.md"
LUA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/wrk/commands.lua"
WORK="$(mktemp -d)"
say() { printf 'bench: %s\n' "$*" >&2; }

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_processes
bench_libpq_env
bench_need wrk curl jq bc

bench_build
[[ -f "$APP_JAR" ]] || { say "the build made no $APP_JAR"; exit 1; }
say "migrating the schema"
harness EventStoreBenchmark migrate
bench_pgbench_twin
SECONDS_PER_CELL="$ROUND_SECONDS" # pgbench_cell's duration
bench_start_app
BASE="http://127.0.0.1:$PORT"
export BENCH_TOKEN; BENCH_TOKEN="$(bench_token default)"
PLATFORM_TOKEN="$(bench_token)"

# declare_into FILE COUNT: declares COUNT incidents, their ids into FILE.
declare_into() {
  for i in $(seq 1 "$2"); do
    curl -sf -m 10 -X POST "$BASE/api/v1/incidents" -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_TOKEN" \
      -d "{\"title\":\"bench incident $i\",\"severity\":\"P2\",\"services\":[\"checkout\"]}" | jq -r .id >> "$1"
  done
  [[ "$(wc -l < "$1")" -eq "$2" ]] || { say "declaring the incidents failed"; exit 1; }
}
say "declaring $INCIDENTS incidents, and 50 that only the tag lookups read"
declare_into "$WORK/ids.txt" "$INCIDENTS"
declare_into "$WORK/probe.txt" 50

# pg_run CLIENTS: sets PG_TPS (pgbench single-row inserts for ROUND_SECONDS), in this shell.
pg_run() {
  pgbench_cell "$1" 1 > "$WORK/pg.out"
  read -r PG_TPS _ < "$WORK/pg.out"
  numbers "pgbench's rate" "$PG_TPS"
}
# The read models' lag and the seconds until they have caught up (these requests append no alert).
lag_events() { bench_lag_events "$BASE" "$PLATFORM_TOKEN"; }
catch_up_seconds() { bench_catch_up_seconds "$BASE" "$PLATFORM_TOKEN"; }
log_events() { psql -At -c "SELECT count(*) FROM event_store_event"; }
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
min_max() { tr ' ' '\n' | sort -g | awk 'NR == 1 {low = $1} {high = $1} END {print low "–" high}'; }
mean() { tr ' ' '\n' | awk '{s += $1; n++} END {printf "%.2f", s / n}'; }

# Tag lookups: GET of the probe incidents (one event each) by an instance whose state cache is off, so that every GET
# reads its incident's events through the tags; on the small log now, and again at the end once it has grown.
tag_lookup_p50() {
  stop_app
  FIREDRILL_COMMANDS_CACHED_EVENTS=0 bench_start_app
  BASE="http://127.0.0.1:$PORT"
  BENCH_IDS_FILE="$WORK/probe.txt" wrk_run get 8 15 # warm-up: the instance was just started
  BENCH_IDS_FILE="$WORK/probe.txt" wrk_run get 8 "$ROUND_SECONDS"
  read -r _ _ _ TAG_P50 _ _ <<< "$RESULT"
  stop_app
  if [[ "${1:-}" != last ]]; then
    bench_start_app
    BASE="http://127.0.0.1:$PORT"
  fi
}
small_log="$(log_events)"
say "tag lookups on a log of $small_log events (state cache off)"
tag_lookup_p50
small_get_p50="$TAG_P50"

say "warming up: GET and notes at 8 clients, 10 s each"
wrk_run get 8 10
wrk_run note 8 10
catch_up_seconds > /dev/null

# commands_cell LABEL KIND CLIENTS [VAR=VALUE...]: rounds of pgbench, then the commands, then the catch-up; appends a
# table row to rows_md and sets cell_sustained, cell_p50 and cell_p99 (of the last round's answers: wrk reports per run).
rows_md=""
commands_cell() {
  local label="$1" kind="$2" clients="$3"; shift 3
  local rates="" sustained="" ratios="" p50s="" p99s="" catchups="" errors=0 pg_rates=""
  say "$label: $ROUNDS rounds of pgbench and Firedrill at $clients clients, ${ROUND_SECONDS}s each"
  for _ in $(seq 1 "$ROUNDS"); do
    local pg n s rate p50 p99 e c sus
    pg_run "$clients"
    pg="$PG_TPS"
    wrk_run "$kind" "$clients" "$ROUND_SECONDS" "$@"
    read -r n s rate p50 p99 e <<< "$RESULT"
    c="$(catch_up_seconds)"
    numbers "the catch-up time" "$c"
    sus="$(echo "$n / ($s + $c)" | bc -l)"
    rates+=" $rate"; sustained+=" $sus"; ratios+=" $(ratio "$sus" "$pg")"; p50s+=" $p50"; p99s+=" $p99"
    catchups+=" $(printf '%.2f' "$c")"; errors=$(( errors + e )); pg_rates+=" $pg"
  done
  cell_sustained="$(mean <<< "${sustained# }")"
  cell_pg="$(mean <<< "${pg_rates# }")"
  cell_p50="$(mean <<< "${p50s# }")"
  cell_p99="$(mean <<< "${p99s# }")"
  rows_md+="| $label | $clients | $(printf '%.0f' "$(mean <<< "${rates# }")") | $(printf '%.0f' "$cell_sustained") | $(min_max <<< "${catchups# }") | $cell_p50 | $cell_p99 | $errors | $(printf '%.0f' "$cell_pg") | **$(ratio "$cell_sustained" "$cell_pg")×** | $(min_max <<< "${ratios# }") |"$'\n'
}

commands_cell "note" note 1
commands_cell "note" note 8
notes8="$cell_sustained"; notes8_ratio="$(ratio "$cell_sustained" "$cell_pg")"; notes8_p50="$cell_p50"
notes8_raw="$(echo "$cell_sustained / $cell_pg" | bc -l)"
commands_cell "note" note 32
commands_cell "note with \`Idempotency-Key\`" note 8 BENCH_IDEMPOTENT=1
idem8="$cell_sustained"
commands_cell "declare" declare 8
declare8_ratio="$(ratio "$cell_sustained" "$cell_pg")"
declare8_raw="$(echo "$cell_sustained / $cell_pg" | bc -l)"
commands_cell "GET one incident" get 1
commands_cell "GET one incident" get 8
get8_p50="$cell_p50"
commands_cell "GET one incident" get 32

# Half the sustained note rate at 8 clients: each connection pauses before each request.
half="$(echo "$notes8 / 2" | bc -l)"
pace="$(printf '%.0f' "$(echo "8000 / $half - $notes8_p50" | bc -l)")"
(( pace > 0 )) || pace=1
say "notes at about half the sustained rate ($(printf '%.0f' "$half")/s): 8 clients pausing ${pace} ms before each request"
wrk_run note 8 "$(( ROUND_SECONDS * ROUNDS ))" BENCH_PACE_MS="$pace"
read -r _ _ half_rate half_p50 half_p99 half_errors <<< "$RESULT"
half_rate="$(printf '%.0f' "$half_rate")"
catch_up_seconds > /dev/null

say "GET while the read models catch up after a burst of notes (32 clients, ${ROUND_SECONDS}s)"
wrk_run note 32 "$ROUND_SECONDS"
burst_lag="$(lag_events)"
wrk_run get 8 "$ROUND_SECONDS"
read -r _ _ burst_get_rate burst_get_p50 burst_get_p99 _ <<< "$RESULT"
burst_lag_after="$(lag_events)"
burst_get_rate="$(printf '%.0f' "$burst_get_rate")"
catch_up_seconds > /dev/null

say "appending $GROWTH_EVENTS events of other incidents of the same tenant, then GET again"
# Tagged as incident events are (the tenant, an incident id), so that the index entries every read looks up grow too.
psql -c "INSERT INTO event_store_event (event_id, type_name, type_version, payload, metadata, tags, event_timestamp)
  SELECT gen_random_uuid()::text, 'bench.Other', '1', '{\"n\": 1}', '{\"tenant\": \"default\"}',
         jsonb_build_array(jsonb_build_object('key', 'tenant', 'value', 'default'),
                           jsonb_build_object('key', 'incidentId', 'value', gen_random_uuid()::text)), now()
  FROM generate_series(1, $GROWTH_EVENTS)"
catch_up_seconds > /dev/null
big_log="$(log_events)"
say "GET of the incidents again, their states cached before the log grew"
wrk_run get 8 "$ROUND_SECONDS"
read -r _ _ grown_get_rate grown_get_p50 grown_get_p99 _ <<< "$RESULT"
grown_get_rate="$(printf '%.0f' "$grown_get_rate")"
say "tag lookups on a log of $big_log events (state cache off)"
tag_lookup_p50 last
big_get_p50="$TAG_P50"

pg_version="$(psql -At -c "SHOW server_version")"
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
verdict() { if (( $(echo "$1" | bc -l) )); then echo "met"; else echo "**not met**"; fi; }
section="$(cat <<MD
<!-- commands:begin -->
## Commands and reads over HTTP (issue 26)

Command: \`./firedrill bench commands\` (script: \`deploy/bench/commands.sh\`, wrk script
\`deploy/bench/wrk/commands.lua\`). Date: $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu),
$(free -g | awk '/^Mem:/ {print $2}') GiB, PostgreSQL $pg_version (private cluster, default settings, same machine as
the application and the clients), Java $java_version, $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2).
The application jar (\`quarkus-run.jar\`, default settings but an admission limit of
${FIREDRILL_HTTP_MAX_IN_FLIGHT:-$BENCH_MAX_IN_FLIGHT} requests in flight${FIREDRILL_JAVA_OPTS:+, \`$FIREDRILL_JAVA_OPTS\`}) ran
against the same database with its event processors, as in production, over $INCIDENTS incidents declared first;
each request takes one of them at random. wrk: N closed-loop connections (HTTP/1.1 keep-alive). Every cell
alternates pgbench (\`-M prepared -c N\`, one single-row insert into a twin of \`event_store_event\` per transaction)
and Firedrill in $ROUNDS rounds of $ROUND_SECONDS s. After each round of commands the script waits until every
read model has caught up (\`lagEvents\` 0 in \`GET /api/v1/admin/projections\`): **sustained** = requests ÷
(load time + catch-up time). Rates count 2xx answers only; errors are every other answer and socket error. Latencies
are wrk's, averaged over the rounds. Not measured yet: acknowledge / mitigate / resolve cycles.

| request | clients | Firedrill req/s under load | sustained req/s | catch-up s (min–max) | p50 ms | p99 ms | errors | pgbench tx/s | sustained ÷ pgbench | per round |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows_md%$'\n'}

| measurement | result |
|---|---|
| notes at about half the sustained rate ($(printf '%.0f' "$half")/s; 8 clients, each pausing ${pace} ms) | ${half_rate} req/s, p50 ${half_p50} ms, **p99 ${half_p99} ms**, ${half_errors} errors |
| \`GET\` at 8 clients right after a ${ROUND_SECONDS} s burst of notes at 32 clients (read models ${burst_lag} events behind when it started, ${burst_lag_after} when it ended) | ${burst_get_rate} req/s, **p50 ${burst_get_p50} ms**, p99 ${burst_get_p99} ms |
| tag lookups: \`GET\` at 8 clients of 50 one-event incidents by an instance with its state cache off, p50 on a log of ${small_log} events, then of ${big_log} | ${small_get_p50} ms, then ${big_get_p50} ms: **$(ratio "$big_get_p50" "$small_get_p50")×** |
| \`GET\` at 8 clients after the log grew to ${big_log} events, each incident's state cached before (the read covers every event appended since) | ${grown_get_rate} req/s, **p50 ${grown_get_p50} ms**, p99 ${grown_get_p99} ms |
| notes with an \`Idempotency-Key\` ÷ without (sustained, 8 clients) | **$(ratio "$idem8" "$notes8")×** |

Goals (issue 26):
- sustained notes at 8 clients ≥ 0.25× pgbench: ${notes8_ratio}×, $(verdict "$notes8_raw >= 0.25");
- p99 ≤ 20 ms at half that load: ${half_p99} ms, $(verdict "$half_p99 <= 20");
- with an \`Idempotency-Key\`, within 15 % of the rate without: $(ratio "$idem8" "$notes8")×, $(verdict "$idem8 >= 0.85 * $notes8");
- \`GET\` p50 ≤ 2 ms at 8 clients: ${get8_p50} ms, $(verdict "$get8_p50 <= 2"); while catching up: ${burst_get_p50} ms, $(verdict "$burst_get_p50 <= 2");
- tag lookups no slower after ${big_log} events than after ${small_log}: $(ratio "$big_get_p50" "$small_get_p50")×, $(verdict "$big_get_p50 <= 1.1 * $small_get_p50") (judged within 10 %, a p50's noise from run to run here);
- declaring at 8 clients ≥ 0.15× pgbench: ${declare8_ratio}×, $(verdict "$declare8_raw >= 0.15").
<!-- commands:end -->
MD
)"

bench_write_section commands
