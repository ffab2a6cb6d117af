#!/usr/bin/env bash
# Authentication overhead benchmark (issue 24): what API tokens, the access table and the audit log cost the command
# path. Run it as:
#
#   ./firedrill bench auth
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME. The script builds
# the application jar of the working tree and the baseline's: by default (BENCH_BASELINE=without-authentication) the
# same working tree (its tracked files, from `git stash create`) with deploy/bench/without-authentication.patch
# applied, which takes authentication and authorization out (no credential checked, no access table, no rate limits,
# no monitoring guard, neither quarkus-oidc nor quarkus-security; the actor and tenant come from the old headers, every
# role granted; the audit log stays); or, given a commit, that commit's tree. It starts both on databases of their own
# on the same server and drives them with wrk (Debian's package) at BENCH_CLIENTS closed-loop clients (default 8): notes
# (POST /api/v1/incidents/{id}/notes) and reads (GET /api/v1/incidents/{id}), every run on BENCH_INCIDENTS incidents
# (default 200) declared for it. Both jars are started
# BENCH_PAIRS times (default 3: one pair of JVMs runs the same code several points faster or slower than another), and
# each pair, after BENCH_WARMUP seconds (default 120) of each kind on each side, runs BENCH_ROUNDS rounds (default 4) of
# BENCH_SECONDS each (default 10) per kind, the side that goes first alternating from round to round. BENCH_KINDS
# (default "note get") chooses the rows, to profile one of them (FIREDRILL_JAVA_OPTS reaches both JVMs). The current
# jar authenticates every request with an API token; the default baseline has no authentication. A note round counts until the
# read models have caught up (sustained rate). It prints the result table and writes it into docs/benchmarks.md.
set -euo pipefail
export LC_ALL=C
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench auth}"
: "${PG_BIN:?run it as ./firedrill bench auth}"
: "${JAVA_HOME:?run it as ./firedrill bench auth}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
BASELINE="${BENCH_BASELINE:-without-authentication}"
PATCH="$ROOT/deploy/bench/without-authentication.patch"
ROUND_SECONDS="${BENCH_SECONDS:-10}"
ROUNDS="${BENCH_ROUNDS:-4}"
PAIRS="${BENCH_PAIRS:-3}"
WARMUP="${BENCH_WARMUP:-120}"
# the rows measured (note, get, keyed: notes with an Idempotency-Key, declare), for a profile of one of them or, with
# another BENCH_BASELINE, to compare other changes; the verdict needs notes
KINDS="${BENCH_KINDS:-note get}"
for k in $KINDS; do
  [[ "$k" =~ ^(note|get|keyed|declare)$ ]] || { echo "bench: BENCH_KINDS: unknown kind $k (note, get, keyed, declare)" >&2; exit 2; }
done
[[ " $KINDS " == *" note "* ]] || { echo "bench: BENCH_KINDS must name note (the verdict is the notes' ratio)" >&2; exit 2; }
CLIENTS="${BENCH_CLIENTS:-8}"
INCIDENTS="${BENCH_INCIDENTS:-200}"
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LOG="$ROOT/bootstrap/target/bench-auth-app.log"
OUT="$ROOT/docs/benchmarks.md"
LUA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/wrk/commands.lua"
WORK="$(mktemp -d)"
say() { printf 'bench %(%H:%M:%S)T: %s\n' -1 "$*" >&2; }

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_processes
bench_libpq_env
bench_need wrk curl jq bc

bench_build
[[ -f "$APP_JAR" ]] || { say "the build made no $APP_JAR"; exit 1; }
mkdir -p "$WORK/baseline"
if [[ "$BASELINE" == without-authentication ]]; then
  # the working tree as it is (git stash create writes a commit of it and changes nothing; HEAD when it is clean)
  tree="$(git -C "$ROOT" stash create)"; tree="${tree:-HEAD}"
  say "building the baseline: the working tree ($(git -C "$ROOT" rev-parse --short "$tree")) without authentication"
  git -C "$ROOT" archive "$tree" | tar -x -C "$WORK/baseline"
  (cd "$WORK/baseline" && git apply --whitespace=nowarn "$PATCH") \
    || { say "$PATCH no longer applies to the working tree: bring it up to date"; exit 1; }
  BASELINE_NAME="the same working tree without authentication and authorization (\`deploy/bench/$(basename "$PATCH")\`: no credential checked, no access table, no rate limits, neither quarkus-oidc nor quarkus-security; the audit log kept)"
else
  say "building the baseline $BASELINE (git archive, Maven package; nothing installed)"
  git -C "$ROOT" archive "$BASELINE" | tar -x -C "$WORK/baseline"
  BASELINE_NAME="\`$BASELINE\` (no authentication)"
fi
# tests neither run nor compile: the patched baseline's tests still name what it takes out
(cd "$WORK/baseline" && ./mvnw -B -ntp -q -Dmaven.test.skip=true package -pl bootstrap -am) > "$WORK/baseline-build.log" 2>&1 \
  || { tail -n 40 "$WORK/baseline-build.log" >&2; say "the baseline build failed"; exit 1; }
BASE_JAR="$WORK/baseline/bootstrap/target/quarkus-app/quarkus-run.jar"

# The baseline's own database on the same server (its schema is older than the current one).
base_db="${PGDATABASE}_baseline"
psql -d postgres -c "DROP DATABASE IF EXISTS $base_db" -c "CREATE DATABASE $base_db"
BASE_DB_URL="${FIREDRILL_BENCH_DB_URL%/*}/$base_db"

start_both() { # PAIR: (re)starts both jars on their databases
  if [[ -n "${APP2_PID:-}" ]]; then stop "$APP2_PID"; APP2_PID=""; fi
  stop_app
  say "pair $1 of $PAIRS: starting the current jar and the baseline"
  bench_start_app
  CUR_PORT="$PORT"
  APP2_PID="$APP_PID" # cleanup stops both
  APP_JAR="$BASE_JAR" APP_LOG="$ROOT/bootstrap/target/bench-auth-baseline.log" FIREDRILL_BENCH_DB_URL="$BASE_DB_URL" \
    bench_start_app
  BASE_PORT="$PORT"
}
start_both 1
WARM_KINDS="get $(tr ' ' '\n' <<< "$KINDS" | grep -vx get | tr '\n' ' ')"
declare -A TOKEN PLATFORM_TOKEN
TOKEN[current]="$(bench_token default responder)"
PLATFORM_TOKEN[current]="$(bench_token)"
# A baseline with authentication (BENCH_BASELINE set to a later commit, to compare another change) needs tokens of its
# own database; one without ignores the header.
SECURED_BASELINE=""
if [[ "$BASELINE" != without-authentication ]] \
    && git -C "$ROOT" cat-file -e "$BASELINE:bootstrap/src/main/java/io/firedrill/bootstrap/AdminCommand.java" 2>/dev/null; then
  SECURED_BASELINE=1
  TOKEN[baseline]="$(APP_JAR="$BASE_JAR" FIREDRILL_BENCH_DB_URL="$BASE_DB_URL" bench_token default responder)"
  PLATFORM_TOKEN[baseline]="$(APP_JAR="$BASE_JAR" FIREDRILL_BENCH_DB_URL="$BASE_DB_URL" bench_token)"
else
  TOKEN[baseline]="${TOKEN[current]}" PLATFORM_TOKEN[baseline]="${PLATFORM_TOKEN[current]}"
fi

url() { if [[ "$1" == current ]]; then echo "http://127.0.0.1:$CUR_PORT"; else echo "http://127.0.0.1:$BASE_PORT"; fi; }
declare_into() { # SIDE FILE: declares INCIDENTS new incidents, their ids in FILE (replacing what it held)
  : > "$2"
  for i in $(seq 1 "$INCIDENTS"); do
    curl -sf -m 10 -X POST "$(url "$1")/api/v1/incidents" -H 'Content-Type: application/json' \
      -H "Authorization: Bearer ${TOKEN[$1]}" \
      -d "{\"title\":\"bench incident $i\",\"severity\":\"P2\",\"services\":[\"checkout\"]}" | jq -r .id >> "$2"
  done
  [[ "$(wc -l < "$2")" -eq "$INCIDENTS" ]] || { say "declaring the incidents failed"; exit 1; }
}

catch_up_seconds() { bench_catch_up_seconds "$(url "$1")" "${PLATFORM_TOKEN[$1]}"; } # SIDE
# of the JIT compiler threads of JVM $1 (what the JVM spends compiling rather than serving: warm-up); approximate, since
# the JVM ends compiler threads it no longer needs, and their time leaves the sum
jit_ticks() { local t=0 task; for task in /proc/"$1"/task/*; do
  [[ "$(cat "$task/comm" 2>/dev/null)" == C[12]\ Compiler* ]] && t=$(( t + $(stat_ticks "$task/stat") ))
  done; echo "$t"; }
side_pid() { if [[ "$1" == current ]]; then echo "$APP2_PID"; else echo "$APP_PID"; fi; }
side_run() { # SIDE KIND SECONDS: sets RESULT (wrk_run's), SUSTAINED (notes: counting the catch-up), and JVM_US and PG_US:
  # the CPU time per answered request of the side's JVM and of PostgreSQL, catch-up included. Every run drives incidents
  # declared for it (not counted): a command reads its incident's whole history, so incidents that kept the notes of
  # earlier runs would make every later run slower than the one before (from ~850 to ~290 notes/s over one pair).
  declare_into "$1" "$WORK/$1.txt"
  catch_up_seconds "$1" > /dev/null
  local pid jvm0 pg0 jit0; pid="$(side_pid "$1")"; jvm0="$(ticks "$pid")"; pg0="$(pg_ticks)"; jit0="$(jit_ticks "$pid")"
  local wrk_kind="$2" extra=()
  if [[ "$2" == keyed ]]; then wrk_kind=note; extra=(BENCH_IDEMPOTENT=1); fi
  BASE="$(url "$1")" BENCH_IDS_FILE="$WORK/$1.txt" BENCH_TOKEN="${TOKEN[$1]}" wrk_run "$wrk_kind" "$CLIENTS" "$3" "${extra[@]}"
  local n s rate _rest
  read -r n s rate _rest <<< "$RESULT"
  if [[ "$2" != get ]]; then
    local c; c="$(catch_up_seconds "$1")"
    SUSTAINED="$(echo "$n / ($s + $c)" | bc -l)"
  else
    SUSTAINED="$rate"
  fi
  JVM_US="$(( ($(ticks "$pid") - jvm0) * TICK_US / (n > 0 ? n : 1) ))"
  PG_US="$(( ($(pg_ticks) - pg0) * TICK_US / (n > 0 ? n : 1) ))"
  JIT_US="$(( ($(jit_ticks "$pid") - jit0) * TICK_US / (n > 0 ? n : 1) ))"
}

mean() { tr ' ' '\n' | awk '{s += $1; n++} END {printf "%.2f", s / n}'; }
us() { printf '%.0f' "$(mean <<< "${1# }")"; } # the mean of the rounds' µs, whole
pg_us() { if [[ -n "$PG_PID" ]]; then us "$1"; else printf '—'; fi; } # not measured on a server of another machine
min_max() { tr ' ' '\n' | sort -g | awk 'NR == 1 {low = $1} {high = $1} END {printf "%.3f–%.3f", low, high}'; }
# the mean of the pairs' ratios and twice its standard error (none from a single pair)
mean_2se() { tr ' ' '\n' | awk '{x[n++] = $1; s += $1} END {m = s / n; for (i = 0; i < n; i++) v += (x[i] - m) ^ 2;
  if (n > 1) printf "%.3f ± %.3f", m, 2 * sqrt(v / (n - 1) / n); else printf "%.3f", m}'; }
declare -A cur_rates base_rates ratios pair_ratios cur_p50 base_p50 cur_p99 base_p99 errors cur_jvm base_jvm cur_pg base_pg
for kind in $KINDS; do
  cur_rates[$kind]="" base_rates[$kind]="" ratios[$kind]="" pair_ratios[$kind]="" errors[$kind]=0
  cur_jvm[$kind]="" base_jvm[$kind]="" cur_pg[$kind]="" base_pg[$kind]=""
  cur_p50[$kind]="" base_p50[$kind]="" cur_p99[$kind]="" base_p99[$kind]=""
done
for pair in $(seq 1 "$PAIRS"); do
  [[ "$pair" -eq 1 ]] || start_both "$pair"
  # A JVM's CPU per note falls by half over its first minute of load or so (the JIT compiling); rounds measured
  # before that compare warm-up rather than code.
  say "pair $pair: warming up both sides, every kind measured and reads, $(( WARMUP / 2 )) s each, twice"
  for _ in 1 2; do
    # ending on the current side, so that in the rounds (C B, B C, C B, B C) each side follows itself twice: a run
    # leaves the database (its WAL, autovacuum, checkpoints) to the next one, which may gain or lose by it
    for side in baseline current; do
      for k in $WARM_KINDS; do side_run "$side" "$k" $(( WARMUP / 2 )); done
    done
  done
  for kind in $KINDS; do
    pair_cur="" pair_base=""
    say "pair $pair, $kind: $ROUNDS rounds of ${ROUND_SECONDS}s, alternating which side goes first"
    for r in $(seq 1 "$ROUNDS"); do
      if (( r % 2 == 1 )); then order="current baseline"; else order="baseline current"; fi
      for side in $order; do
        side_run "$side" "$kind" "$ROUND_SECONDS"
        read -r _ _ _ p50 p99 e <<< "$RESULT"
        errors[$kind]=$(( ${errors[$kind]} + e ))
        if [[ "$side" == current ]]; then cur="$SUSTAINED"; cur_p50[$kind]+=" $p50"; cur_p99[$kind]+=" $p99"
          cur_jvm[$kind]+=" $JVM_US"; cur_pg[$kind]+=" $PG_US"
        else base="$SUSTAINED"; base_p50[$kind]+=" $p50"; base_p99[$kind]+=" $p99"
          base_jvm[$kind]+=" $JVM_US"; base_pg[$kind]+=" $PG_US"; fi
        say "pair $pair, $kind round $r, $side: CPU per request: JVM ${JVM_US} µs (JIT compiling ${JIT_US}), PostgreSQL ${PG_US} µs"
      done
      cur_rates[$kind]+=" $cur"; base_rates[$kind]+=" $base"; pair_cur+=" $cur"; pair_base+=" $base"
      ratios[$kind]+=" $(echo "$cur / $base" | bc -l)"
      say "pair $pair, $kind round $r: current $(printf '%.0f' "$cur")/s, baseline $(printf '%.0f' "$base")/s"
    done
    pair_ratio="$(echo "$(mean <<< "${pair_cur# }") / $(mean <<< "${pair_base# }")" | bc -l)"
    pair_ratios[$kind]+=" $pair_ratio"
    say "pair $pair, $kind: ratio $(printf '%.3f' "$pair_ratio")"
  done
done

rows_md="" cpu_md=""
declare -A verdict_ratio
for kind in $KINDS; do
  cm="$(mean <<< "${cur_rates[$kind]# }")"; bm="$(mean <<< "${base_rates[$kind]# }")"
  ratio="$(printf '%.3f' "$(echo "$cm / $bm" | bc -l)")"
  verdict_ratio[$kind]="$ratio"
  case "$kind" in
    note) label="note (sustained)" ;; keyed) label="note with \`Idempotency-Key\` (sustained)" ;;
    declare) label="declare (sustained)" ;; *) label="GET one incident" ;;
  esac
  per_pair="$(for x in ${pair_ratios[$kind]}; do printf '%.3f ' "$x"; done)"
  cpu_md+="| $label | $(us "${base_jvm[$kind]}") | $(us "${cur_jvm[$kind]}") | $(pg_us "${base_pg[$kind]}") | $(pg_us "${cur_pg[$kind]}") |"$'\n'
  rows_md+="| $label | $CLIENTS | $(printf '%.0f' "$bm") | $(printf '%.0f' "$cm") | **${ratio}×** | ${per_pair% }; $(mean_2se <<< "${pair_ratios[$kind]# }") | $(min_max <<< "${ratios[$kind]# }") | $(mean <<< "${base_p50[$kind]# }") / $(mean <<< "${cur_p50[$kind]# }") | $(mean <<< "${base_p99[$kind]# }") / $(mean <<< "${cur_p99[$kind]# }") | ${errors[$kind]} |"$'\n'
done

if [[ -n "$SECURED_BASELINE" ]]; then
  # two commits with authentication compared (another change's effect): for the reader, not issue 24's measurement
  cat <<MD
The working tree against \`$BASELINE\` (both with authentication), $PAIRS pair(s) of JVMs, $ROUNDS rounds of ${ROUND_SECONDS} s per row:

| request | clients | $BASELINE /s | working tree /s | ratio | per pair of JVMs; mean ± 2 SE | per round | p50 ms (before / after) | p99 ms (before / after) | errors |
|---|---:|---:|---:|---:|---|---|---|---|---:|
${rows_md%$'\n'}

| request | JVM µs, before | JVM µs, after | PostgreSQL µs, before | PostgreSQL µs, after |
|---|---:|---:|---:|---:|
${cpu_md%$'\n'}
MD
  say "the baseline has authentication too: a comparison of two commits, not written to docs/benchmarks.md"
  exit 0
fi
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
pg_version="$(psql -At -c "SHOW server_version")"
overhead="$(printf '%.1f' "$(echo "(1 - ${verdict_ratio[note]}) * 100" | bc -l)")"
met="$(if (( $(echo "${verdict_ratio[note]} >= 0.95" | bc -l) )); then echo "met"; else echo "**not met**"; fi)"
section="$(cat <<MD
<!-- auth:begin -->
## Authentication, authorization and audit on the command path (issue 24)

Command: \`./firedrill bench auth\` (script: \`deploy/bench/auth.sh\`, wrk script \`deploy/bench/wrk/commands.lua\`).
Date: $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu), PostgreSQL $pg_version (private, same machine), Java
$java_version. The jar of the working tree (every request authenticated with an API token of role \`responder\`, the
access table, the audit queue written every second) and the jar of $BASELINE_NAME, both with an
admission limit of $BENCH_MAX_IN_FLIGHT and their own database on the same server, every run on $INCIDENTS incidents declared for it, wrk at
$CLIENTS clients; $PAIRS pairs of freshly started JVMs, each warmed up with $WARMUP s of each kind, then running $ROUNDS rounds of ${ROUND_SECONDS} s per row, the side
that goes first alternating. Notes count until
the read models caught up (sustained rate); the per-token rate limit was raised for the run.

| request | clients | baseline /s | with security /s | ratio | per pair of JVMs; mean ± 2 SE | per round | p50 ms (base / sec) | p99 ms (base / sec) | errors |
|---|---:|---:|---:|---:|---|---|---|---|---:|
${rows_md%$'\n'}

CPU time per answered request (user + system, from \`/proc\`: the JVM's process, and the PostgreSQL server's processes
together; catch-up included, with the script's polling of the read models' lag every 20 ms meanwhile; means of the
rounds), in µs:

| request | JVM, baseline | JVM, with security | PostgreSQL, baseline | PostgreSQL, with security |
|---|---:|---:|---:|---:|
${cpu_md%$'\n'}

Goal: authentication and authorization add at most 5 % to the command path's throughput: measured
$overhead % for notes — $met.
<!-- auth:end -->
MD
)"
bench_write_section auth
