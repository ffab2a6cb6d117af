#!/usr/bin/env bash
# Drill scheduling benchmark (issue 22): BENCH_PLANS enabled drill plans (default 1,000) due every minute, for
# BENCH_MINUTES minutes (default 10) on one instance of Firedrill and then as long on two instances sharing the
# database, and the command path's latency with and without the plans. Run it as:
#
#   ./firedrill bench drills
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME. The script
# builds, starts the application jar, creates the plans over the API (cron "* * * * *", one CHECKPOINT step, so that a
# run ends within seconds and the next minute's run is never refused for the previous one still going) and then:
# 1. one instance for BENCH_MINUTES scheduled instants; then a second instance joins, for BENCH_MINUTES more;
# 2. BENCH_ROUNDS rounds (an even number, default 4) alternating "with the plans" (enabled) and "without" (all
#    paused) in the order without, with / with, without / ..., so that neither side runs later on average; in each, notes at BENCH_CLIENTS closed-loop connections (default 2) for the
#    25 s after a minute's instant (the runs start and end then) and for 25 s from 30 s after it (nothing is due: the
#    scheduler's tick alone reads the plans every second);
# 3. from the event log: every instant of every plan started exactly one run (none twice, none skipped), and the
#    delay from each scheduled instant to its run's start.
# It prints the tables and writes them into docs/benchmarks.md.
set -euo pipefail
export LC_ALL=C
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench drills}"
: "${PG_BIN:?run it as ./firedrill bench drills}"
: "${JAVA_HOME:?run it as ./firedrill bench drills}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
PLANS="${BENCH_PLANS:-1000}"
MINUTES="${BENCH_MINUTES:-10}"
ROUNDS="${BENCH_ROUNDS:-4}"
CLIENTS="${BENCH_CLIENTS:-2}"
TENANT="bench-drills"
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LOG="$ROOT/bootstrap/target/bench-drills-app.log"
APP2_LOG="$ROOT/bootstrap/target/bench-drills-app2.log"
OUT="$ROOT/docs/benchmarks.md"
LUA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/wrk/commands.lua"
WORK="$(mktemp -d)"
say() { printf 'bench: %s\n' "$*" >&2; }

for knob in PLANS MINUTES ROUNDS CLIENTS; do
  [[ "${!knob}" =~ ^[1-9][0-9]*$ ]] || { say "BENCH_$knob must be a positive whole number"; exit 1; }
done
(( ROUNDS % 2 == 0 )) || { say "BENCH_ROUNDS must be even (each order of the two sides as often)"; exit 1; }

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_processes
bench_libpq_env
bench_need wrk curl jq bc

bench_build
[[ -f "$APP_JAR" ]] || { say "the build made no $APP_JAR"; exit 1; }
say "migrating the schema"
harness EventStoreBenchmark migrate
bench_start_app
BASE="http://127.0.0.1:$PORT"
APP1_PORT="$PORT"

now() { date +%s; }
# The first minute's instant at least $1 seconds from now.
next_instant() { local t=$(( $(now) + $1 )); echo $(( (t + 59) / 60 * 60 )); }
# Waits until the epoch second $1, watching that the instances still run.
wait_until() {
  while (( $(now) < $1 )); do
    alive "$APP_PID" || { APP_PID=""; tail -n 40 "$APP_LOG" >&2; say "the application exited (log: ${APP_LOG#"$ROOT"/})"; exit 1; }
    if [[ -n "${APP2_PID:-}" ]] && ! alive "$APP2_PID"; then
      APP2_PID=""; tail -n 40 "$APP2_LOG" >&2; say "the second instance exited (log: ${APP2_LOG#"$ROOT"/})"; exit 1
    fi
    sleep 0.2
  done
}
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
scheduled_plans() { psql -At -c "SELECT count(*) FROM drill_plan_view WHERE tenant_id = '$TENANT' AND enabled AND scheduled"; }
# Waits (at most 120 s) until the plan read model lists $1 enabled, scheduled plans.
await_scheduled() {
  for _ in $(seq 1 600); do
    [[ "$(scheduled_plans)" == "$1" ]] && return 0
    sleep 0.2
  done
  say "the plan read model did not list $1 enabled plans within 120 s (it lists $(scheduled_plans))"; exit 1
}
api() { # METHOD PATH [BODY [IDEMPOTENCY_KEY]]: the answer's body; fails the benchmark on an error answer. Retried:
  # pause and resume are idempotent, a create carries its key.
  curl -sf -m 10 --retry 5 --retry-all-errors --retry-delay 1 -X "$1" "$BASE$2" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TENANT_TOKEN" ${4:+-H "Idempotency-Key: $4"} ${3:+-d "$3"}
}
export -f api
TENANT_TOKEN="$(bench_token "$TENANT")"
DEFAULT_TOKEN="$(bench_token default)"
export BASE TENANT TENANT_TOKEN
export BENCH_TOKEN="$DEFAULT_TOKEN" # the notes wrk sends

say "declaring 50 incidents for the notes"
for i in $(seq 1 50); do
  curl -sf -m 10 -X POST "$BASE/api/v1/incidents" -H 'Content-Type: application/json' -H "Authorization: Bearer $DEFAULT_TOKEN" \
    -d "{\"title\":\"bench incident $i\",\"severity\":\"P2\",\"services\":[\"checkout\"]}" | jq -r .id >> "$WORK/ids.txt"
done
[[ "$(wc -l < "$WORK/ids.txt")" -eq 50 ]] || { say "declaring the incidents failed"; exit 1; }

say "creating $PLANS drill plans due every minute"
seq 1 "$PLANS" | xargs -P 4 -I{} bash -c 'api POST /api/v1/drill-plans "{\"name\":\"bench plan {}\",\"service\":\"bench\",
  \"scenario\":\"A fault\",\"hypothesis\":\"It is seen\",\"owner\":\"bench\",\"severity\":\"P3\",
  \"steps\":[{\"kind\":\"CHECKPOINT\",\"name\":\"fault\",\"checkpoint\":{\"name\":\"FAULT_STARTED\"}}],
  \"schedule\":{\"cron\":\"* * * * *\",\"zone\":\"UTC\",\"grace\":\"PT5M\"}}" bench-drills-plan-{} | jq -r .id' \
  > "$WORK/plans.txt" \
  || { say "creating the plans failed"; exit 1; }
[[ "$(sort -u "$WORK/plans.txt" | grep -c .)" -eq "$PLANS" ]] || { say "creating the plans failed"; exit 1; }
await_scheduled "$PLANS"

# 1. One instance, then two.
first="$(next_instant 5)"
one_last=$(( first + (MINUTES - 1) * 60 ))
say "one instance: the instants $(iso "$first") to $(iso "$one_last")"
wait_until $(( one_last + 5 ))
say "starting a second instance"
# While it starts, APP_PID is the second's (bench_start_app sets it) and APP2_PID the first's: cleanup stops both.
APP1_LOG="$APP_LOG"; APP2_PID="$APP_PID"
APP_LOG="$APP2_LOG" bench_start_app
first_pid="$APP2_PID"; APP2_PID="$APP_PID"; APP_PID="$first_pid"; APP_LOG="$APP1_LOG"; PORT="$APP1_PORT"
two_first="$(next_instant 5)"
two_last=$(( two_first + (MINUTES - 1) * 60 ))
say "two instances: the instants $(iso "$two_first") to $(iso "$two_last")"
# Numbers drawn: a start that finds its instant taken (the other instance started it first) drew one too.
drawn() { psql -At -c "SELECT coalesce(sum(last_value), 0) FROM drill_run_number_sequence WHERE tenant_id = '$TENANT'"; }
wait_until $(( two_first - 2 ))
drawn_before="$(drawn)"
wait_until $(( two_last + 50 ))
drawn_after="$(drawn)"
say "stopping the second instance"
stop "$APP2_PID"; APP2_PID=""

# 2. The command path with and without the plans, alternating.
plans_on=1
toggle() { # 1 (resume every plan) or 0 (pause every plan)
  [[ "$1" == "$plans_on" ]] && return 0
  local path; if [[ "$1" == 1 ]]; then path=resume; else path=pause; fi
  xargs -P 4 -I{} bash -c "api POST /api/v1/drill-plans/{}/$path '{\"reason\":\"benchmark\"}' > /dev/null" < "$WORK/plans.txt" \
    || { say "could not $path the plans"; exit 1; }
  await_scheduled "$(( $1 == 1 ? PLANS : 0 ))"
  plans_on="$1"
}
declare -A burst_p99 quiet_p99 burst_p50 quiet_p50 errors measured
for side in 0 1; do
  burst_p99[$side]=""; quiet_p99[$side]=""; burst_p50[$side]=""; quiet_p50[$side]=""; errors[$side]=0; measured[$side]=""
done
say "warming up: notes at $CLIENTS clients, 20 s"
wrk_run note "$CLIENTS" 20
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 == 1 )); then order="0 1"; else order="1 0"; fi
  for side in $order; do
    toggle "$side"
    instant="$(next_instant 3)"
    measured[$side]+=" $instant"
    say "round $round, $( (( side == 1 )) && echo with || echo without) the plans: notes from $(iso "$instant")"
    wait_until "$instant"
    wrk_run note "$CLIENTS" 25
    read -r _ _ _ p50 p99 e <<< "$RESULT"
    burst_p50[$side]+=" $p50"; burst_p99[$side]+=" $p99"; errors[$side]=$(( errors[$side] + e ))
    wait_until $(( instant + 30 ))
    wrk_run note "$CLIENTS" 25
    read -r _ _ _ p50 p99 e <<< "$RESULT"
    quiet_p50[$side]+=" $p50"; quiet_p99[$side]+=" $p99"; errors[$side]=$(( errors[$side] + e ))
  done
done
toggle 0

# 3. From the event log. Every run must have ended before the counts are final.
started_total() { psql -At -c "SELECT count(*) FROM event_store_event WHERE type_name = 'drillrun.DrillRunStarted'
  AND metadata->>'tenant' = '$TENANT'"; }
ended_total() { psql -At -c "SELECT count(*) FROM event_store_event WHERE type_name = 'drillrun.DrillRunEnded'
  AND metadata->>'tenant' = '$TENANT'"; }
for _ in $(seq 1 600); do [[ "$(started_total)" == "$(ended_total)" ]] && break; sleep 0.2; done
[[ "$(started_total)" == "$(ended_total)" ]] || { say "$(( $(started_total) - $(ended_total) )) runs did not end within 120 s"; exit 1; }
stop_app

runs_sql="SELECT payload->>'drillPlanId' AS plan, (payload->>'scheduledFor')::timestamptz AS due,
    (payload->>'occurredAt')::timestamptz AS started, payload->>'drillRunId' AS run
  FROM event_store_event WHERE type_name = 'drillrun.DrillRunStarted' AND metadata->>'tenant' = '$TENANT'
    AND payload->>'trigger' = 'SCHEDULED'"
# phase_row FIRST LAST: "instants due started distinct_started twice skipped p50_ms p99_ms max_ms run_p99_ms" for the
# instants FIRST..LAST (epoch seconds) of every plan.
phase_row() {
  psql -At -F ' ' -c "
    WITH runs AS ($runs_sql),
    window_runs AS (SELECT * FROM runs WHERE due BETWEEN to_timestamp($1) AND to_timestamp($2)),
    ends AS (SELECT payload->>'drillRunId' AS run, (payload->>'occurredAt')::timestamptz AS ended FROM event_store_event
             WHERE type_name = 'drillrun.DrillRunEnded' AND metadata->>'tenant' = '$TENANT'),
    skips AS (SELECT count(*) AS n FROM event_store_event WHERE type_name = 'drill.DrillRunSkipped'
              AND metadata->>'tenant' = '$TENANT'
              AND (payload->>'scheduledFor')::timestamptz BETWEEN to_timestamp($1) AND to_timestamp($2)),
    delays AS (SELECT extract(epoch FROM started - due) * 1000 AS ms FROM window_runs),
    durations AS (SELECT extract(epoch FROM e.ended - w.started) * 1000 AS ms FROM window_runs w JOIN ends e USING (run))
    SELECT ($2 - $1) / 60 + 1,
           (SELECT count(*) FROM window_runs),
           (SELECT count(DISTINCT (plan, due)) FROM window_runs),
           (SELECT count(*) FROM (SELECT 1 FROM window_runs GROUP BY plan, due HAVING count(*) > 1) d),
           (SELECT n FROM skips),
           (SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric) FROM delays),
           (SELECT round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric) FROM delays),
           (SELECT round(max(ms)::numeric) FROM delays),
           (SELECT round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric) FROM durations)"
}
# Runs at instants that are not whole minutes: none are expected.
strays="$(psql -At -c "WITH runs AS ($runs_sql) SELECT count(*) FROM runs
  WHERE due BETWEEN to_timestamp($first) AND to_timestamp($two_last) AND extract(second FROM due) <> 0")"
read -r one_instants one_started one_distinct one_twice one_skipped one_p50 one_p99 one_max one_run_p99 \
  <<< "$(phase_row "$first" "$one_last")"
read -r two_instants two_started two_distinct two_twice two_skipped two_p50 two_p99 two_max two_run_p99 \
  <<< "$(phase_row "$two_first" "$two_last")"
read -r all_instants all_started all_distinct all_twice all_skipped _ _ _ _ <<< "$(phase_row "$first" "$two_last")"
numbers "the phase counts" "$one_started" "$two_started" "$all_started" "$all_distinct" "$all_twice" "$all_skipped" \
  "$one_p99" "$two_p99" "$strays"
due_total=$(( all_instants * PLANS ))
# instant_runs EPOCH: "runs started for the instant, seconds from it until the last of them ended" (0 0 without runs).
instant_runs() {
  psql -At -F ' ' -c "WITH runs AS ($runs_sql),
    ends AS (SELECT payload->>'drillRunId' AS run, (payload->>'occurredAt')::timestamptz AS ended FROM event_store_event
             WHERE type_name = 'drillrun.DrillRunEnded' AND metadata->>'tenant' = '$TENANT')
    SELECT count(*), coalesce(round(extract(epoch FROM max(e.ended) - to_timestamp($1))::numeric, 1), 0)
    FROM runs r LEFT JOIN ends e USING (run) WHERE r.due = to_timestamp($1)"
}
# What the latency comparison stands on: every instant measured with the plans started every plan's run, and they had
# all ended before the tick's window (30 s after the instant); the instants without them started nothing.
with_runs=""; with_ends=""; without_runs=""; comparison_sound=1
for instant in ${measured[1]}; do
  read -r n last_end <<< "$(instant_runs "$instant")"
  with_runs+=" $n"; with_ends+=" ${last_end}s"
  (( n == PLANS )) || comparison_sound=0
  (( $(echo "$last_end < 30" | bc -l) )) || comparison_sound=0
done
for instant in ${measured[0]}; do
  read -r n _ <<< "$(instant_runs "$instant")"
  without_runs+=" $n"
  (( n == 0 )) || comparison_sound=0
done
numbers "the numbers drawn" "$drawn_before" "$drawn_after"

ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
list() { sed 's/^ //; s/ /, /g'; }
# The rounds' median: one round that met a stall (a checkpoint, a vacuum) moves a mean by its whole size, a median not.
median() { tr ' ' '\n' | awk 'NF' | sort -g | awk '{v[NR] = $1} END {printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
b0="$(median <<< "${burst_p99[0]}")"; b1="$(median <<< "${burst_p99[1]}")"
q0="$(median <<< "${quiet_p99[0]}")"; q1="$(median <<< "${quiet_p99[1]}")"
verdict() { if (( $(echo "$1" | bc -l) )); then echo "met"; else echo "**not met**"; fi; }
tick_verdict() { # the tick's goal, judged only when the comparison stands
  if (( comparison_sound )); then verdict "$1"; else echo "**not judged**: the runs of the measured instants are not what the comparison needs (see above)"; fi
}
exactly_once=$(( all_started == due_total && all_distinct == due_total && all_twice == 0 && all_skipped == 0 && strays == 0 ))

pg_version="$(psql -At -c "SHOW server_version")"
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
section="$(cat <<MD
<!-- drills:begin -->
## Drill scheduling (issue 22)

Command: \`./firedrill bench drills\` (script: \`deploy/bench/drills.sh\`). Date: $(date -u +%Y-%m-%d). Machine: $(nproc)
cores ($cpu), $(free -g | awk '/^Mem:/ {print $2}') GiB, PostgreSQL $pg_version (private cluster, default settings, same
machine), Java $java_version, $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2). The application jar (default drill settings:
scheduler and runner every 1 s) with $PLANS enabled drill plans in one tenant, each due every minute (\`* * * * *\`)
with one \`CHECKPOINT\` step, so that each run starts, passes its step, is scored and ends within seconds. Instants:
$MINUTES on one instance, then $MINUTES with a second instance (same jar, same database) started and racing the first.
Counted from the event log (\`drillrun.DrillRunStarted\` with trigger \`SCHEDULED\`, \`drill.DrillRunSkipped\`); the
start delay is a run's \`occurredAt\` minus its \`scheduledFor\`, the run time its end minus its start.

| instances | instants | runs due | started | distinct (plan, instant) | started twice | skipped | start delay p50 | p99 | max | run time p99 |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| 1 | $one_instants | $(( one_instants * PLANS )) | $one_started | $one_distinct | $one_twice | $one_skipped | ${one_p50} ms | **${one_p99} ms** | ${one_max} ms | ${one_run_p99} ms |
| 2 | $two_instants | $(( two_instants * PLANS )) | $two_started | $two_distinct | $two_twice | $two_skipped | ${two_p50} ms | **${two_p99} ms** | ${two_max} ms | ${two_run_p99} ms |

Across every instant from the first of one instance to the last of two ($all_instants instants, the one while the second
instance started included): $all_started runs for $due_total due, $all_twice (plan, instant) started twice, $all_skipped
skipped, $strays at an instant that is not a whole minute. Both instances raced for every instant: from just before the
first instant of two instances to just after their last, $(( drawn_after - drawn_before )) run numbers were drawn for
$two_started runs started, so $(( drawn_after - drawn_before - two_started )) starts found their instant already taken by
the other instance (each start draws its number before the plan's log decides).

The command path with and without the plans: notes (\`POST /api/v1/incidents/{id}/notes\`, 50 incidents) at $CLIENTS
closed-loop connections (wrk), one instance, in $ROUNDS rounds alternating the plans paused (without) and enabled
(with), each side in two windows after a minute's instant: 0–25 s, while the instant's runs start, run and end, and
30–55 s, when nothing is due and the scheduler's tick (every second: read the enabled plans, find none due) is all the
plans add. Runs started at the measured instants: with the plans$(list <<< "$with_runs" | sed 's/^/ /'), the last of
each ended$(list <<< "$with_ends" | sed 's/^/ /') after its instant; without them$(list <<< "$without_runs" | sed 's/^/ /').
p99 in ms per round, then the median of the rounds (one round that meets a stall, a checkpoint or a vacuum, moves a
mean by its whole size; a median it does not).

| window | without the plans: p99 per round | median | with: p99 per round | median | with ÷ without | p50 without → with (medians) |
|---|---|---:|---|---:|---:|---|
| 0–25 s after the instant (the runs) | $(list <<< "${burst_p99[0]}") | $b0 | $(list <<< "${burst_p99[1]}") | $b1 | **$(ratio "$b1" "$b0")×** | $(median <<< "${burst_p50[0]}") → $(median <<< "${burst_p50[1]}") ms |
| 30–55 s after it (the tick alone) | $(list <<< "${quiet_p99[0]}") | $q0 | $(list <<< "${quiet_p99[1]}") | $q1 | **$(ratio "$q1" "$q0")×** | $(median <<< "${quiet_p50[0]}") → $(median <<< "${quiet_p50[1]}") ms |

Errors (non-2xx answers and socket errors): ${errors[0]} without, ${errors[1]} with.

Goals (issue 22):
- every due run starts exactly once, on one instance and on two: $(verdict "$exactly_once");
- start delay p99 ≤ 5 s: ${one_p99} ms with one instance, ${two_p99} ms with two, $(verdict "$one_p99 <= 5000 && $two_p99 <= 5000");
- the scheduler's tick adds no measurable latency to the command path: notes' p99 with the plans ÷ without, while
  nothing is due (medians of the rounds), $(ratio "$q1" "$q0")×, $(tick_verdict "$q1 <= 1.1 * $q0") (judged within
  10 %). While an instant's
  $PLANS runs start, run and end, the same notes' p99 is $(ratio "$b1" "$b0")× (that is the runs' own work, not the tick's).
<!-- drills:end -->
MD
)"

bench_write_section drills
