#!/usr/bin/env bash
# Event stream benchmark (issue 25, item 6): what open event streams cost the command path, and whether every fact
# reaches every stream, once and in order, under load. Run it as:
#
#   ./firedrill bench stream
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME. The script builds,
# starts the application jar, declares BENCH_INCIDENTS incidents (default 200) and drives notes
# (POST /api/v1/incidents/{id}/notes) with wrk at BENCH_CLIENTS closed-loop clients (default 8), in BENCH_ROUNDS rounds
# (default 4) of BENCH_SECONDS each (default 10) with and without BENCH_STREAMS open streams (default 20, each a curl
# following GET /api/v1/events/stream), the side that goes first alternating. A round counts until the read models
# have caught up (sustained rate). After each round with streams it waits until every stream has received the last fact
# of the round, and checks each stream's ids against the log: every fact of the tenant after the stream's start, once,
# in order. It prints the result table and writes it into docs/benchmarks.md.
set -euo pipefail
export LC_ALL=C
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench stream}"
: "${PG_BIN:?run it as ./firedrill bench stream}"
: "${JAVA_HOME:?run it as ./firedrill bench stream}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
ROUND_SECONDS="${BENCH_SECONDS:-10}"
ROUNDS="${BENCH_ROUNDS:-4}"
WARMUP="${BENCH_WARMUP:-30}"
STREAMS="${BENCH_STREAMS:-20}"
CLIENTS="${BENCH_CLIENTS:-8}"
INCIDENTS="${BENCH_INCIDENTS:-200}"
APP_JAR="$ROOT/bootstrap/target/quarkus-app/quarkus-run.jar"
APP_LOG="$ROOT/bootstrap/target/bench-stream-app.log"
OUT="$ROOT/docs/benchmarks.md"
LUA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)/wrk/commands.lua"
WORK="$(mktemp -d)"
say() { printf 'bench %(%H:%M:%S)T: %s\n' -1 "$*" >&2; }

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_processes
bench_libpq_env
bench_need wrk curl jq bc

FOLLOWERS=()
# stops the followers; FOLLOWER_TICKS: the CPU they used (read before they end)
stop_followers() { local p; FOLLOWER_TICKS=0
  for p in "${FOLLOWERS[@]}"; do FOLLOWER_TICKS=$(( FOLLOWER_TICKS + $(ticks "$p") )); done
  for p in "${FOLLOWERS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; FOLLOWERS=(); }
trap 'stop_followers; cleanup' EXIT

bench_build
[[ -f "$APP_JAR" ]] || { say "the build made no $APP_JAR"; exit 1; }
bench_start_app
BASE="http://127.0.0.1:$PORT"
export BENCH_TOKEN; BENCH_TOKEN="$(bench_token default responder)"
VIEWER_TOKEN="$(bench_token default viewer)"
PLATFORM_TOKEN="$(bench_token)"

say "declaring $INCIDENTS incidents"
for i in $(seq 1 "$INCIDENTS"); do
  curl -sf -m 10 -X POST "$BASE/api/v1/incidents" -H 'Content-Type: application/json' -H "Authorization: Bearer $BENCH_TOKEN" \
    -d "{\"title\":\"bench incident $i\",\"severity\":\"P2\",\"services\":[\"checkout\"]}" | jq -r .id >> "$WORK/ids.txt"
done
[[ "$(wc -l < "$WORK/ids.txt")" -eq "$INCIDENTS" ]] || { say "declaring the incidents failed"; exit 1; }

catch_up_seconds() { bench_catch_up_seconds "$BASE" "$PLATFORM_TOKEN"; }
# open_followers: STREAMS curls following the stream into $WORK/stream-N.txt, each waited for until its first comment
# (its start is then fixed); their start positions in START[N]
declare -a START
open_followers() {
  local n line
  for n in $(seq 1 "$STREAMS"); do
    curl -sN -m 3600 "$BASE/api/v1/events/stream" -H "Authorization: Bearer $VIEWER_TOKEN" > "$WORK/stream-$n.txt" &
    FOLLOWERS+=($!)
  done
  for n in $(seq 1 "$STREAMS"); do
    # the opening event: its comment, then its id (the start), then retry; the id line is whole once retry follows
    for _ in $(seq 1 500); do
      grep -q '^retry:' "$WORK/stream-$n.txt" 2>/dev/null && break
      sleep 0.02
    done
    line="$(grep -m 1 '^id:' "$WORK/stream-$n.txt" || true)"
    [[ "$line" =~ ^id:\ ?[0-9]+$ ]] || { say "stream $n did not start within 10 s: $line"; exit 1; }
    START[n]="${line##*:}"; START[n]="${START[n]# }"
  done
}
tenant_facts() { # AFTER UPTO: the positions of the tenant's facts in (AFTER, UPTO], one a line
  psql -At -c "SELECT position FROM event_store_event WHERE tenant_id = 'default' AND position > $1 AND position <= $2 ORDER BY position"
}
# check_followers HEAD: waits until every stream has received the tenant's last fact at or below HEAD, sets DELIVERY
# (seconds from the call until then, the longest of the streams) and FACTS (facts checked over all streams), and ends
# the benchmark when a stream's ids are not exactly the tenant's facts after its start
check_followers() {
  local head="$1" started last n want got
  started="$(date +%s.%N)"
  last="$(psql -At -c "SELECT coalesce(max(position), 0) FROM event_store_event WHERE tenant_id = 'default' AND position <= $head")"
  for n in $(seq 1 "$STREAMS"); do
    for _ in $(seq 1 3000); do
      grep -q "^id: \?$last\$" "$WORK/stream-$n.txt" && break
      sleep 0.02
    done
    grep -q "^id: \?$last\$" "$WORK/stream-$n.txt" || { say "stream $n did not receive position $last within 60 s"; exit 1; }
  done
  DELIVERY="$(echo "$(date +%s.%N) - $started" | bc -l)"
  FACTS=0
  for n in $(seq 1 "$STREAMS"); do
    want="$(tenant_facts "${START[n]}" "$last" | md5sum)"
    got="$(fact_ids "$WORK/stream-$n.txt" | awk -v last="$last" '$1 <= last' | md5sum)"
    [[ "$want" == "$got" ]] || { say "stream $n: its ids are not the tenant's facts after ${START[n]} up to $last"; exit 1; }
    FACTS=$(( FACTS + $(tenant_facts "${START[n]}" "$last" | wc -l) ))
  done
}
# fact_ids FILE: the ids of the events with data a stream sent (the opening comment and keep-alives carry ids too)
fact_ids() { awk '/^id:/ {id = $0; sub(/^id: */, "", id)} /^data:/ && id != "" {print id; id = ""} /^$/ {id = ""}' "$1"; }
log_head() { psql -At -c "SELECT coalesce(max(position), 0) FROM event_store_event"; }

side_run() { # SIDE SECONDS: sets SUSTAINED (notes per second, catch-up counted), P50/P99, and JVM_US, PG_US and
  # CURL_US: the CPU time per note of the application, of PostgreSQL and of the followers, catch-up and delivery counted
  local jvm0 pg0
  FOLLOWER_TICKS=0
  if [[ "$1" == streams ]]; then open_followers; fi
  jvm0="$(ticks "$APP_PID")"; pg0="$(pg_ticks)"
  wrk_run note "$CLIENTS" "$2"
  local n s _rest c
  read -r n s _ P50 P99 _rest <<< "$RESULT"
  c="$(catch_up_seconds)"
  SUSTAINED="$(echo "$n / ($s + $c)" | bc -l)"
  if [[ "$1" == streams ]]; then
    check_followers "$(log_head)"
  fi
  JVM_US="$(( ($(ticks "$APP_PID") - jvm0) * TICK_US / (n > 0 ? n : 1) ))"
  PG_US="$(( ($(pg_ticks) - pg0) * TICK_US / (n > 0 ? n : 1) ))"
  if [[ "$1" == streams ]]; then
    stop_followers
    head -n 12 "$WORK/stream-1.txt" > "$ROOT/bootstrap/target/bench-stream-sample.txt"
  fi
  CURL_US="$(( FOLLOWER_TICKS * TICK_US / (n > 0 ? n : 1) ))"
}

say "warming up: notes for ${WARMUP} s, half of it with $STREAMS streams open"
side_run none $(( WARMUP / 2 ))
side_run streams $(( WARMUP / 2 ))

mean() { tr ' ' '\n' | awk '{s += $1; n++} END {printf "%.2f", s / n}'; }
us() { printf '%.0f' "$(mean <<< "${1# }")"; }
pg_us() { if [[ -n "$PG_PID" ]]; then us "$1"; else printf '—'; fi; }
min_max() { tr ' ' '\n' | sort -g | awk 'NR == 1 {low = $1} {high = $1} END {printf "%.3f–%.3f", low, high}'; }
none_rates="" stream_rates="" ratios="" none_p50="" stream_p50="" none_p99="" stream_p99="" deliveries="" facts=0
none_jvm="" stream_jvm="" none_pg="" stream_pg="" stream_curl=""
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 == 1 )); then order="none streams"; else order="streams none"; fi
  for side in $order; do
    side_run "$side" "$ROUND_SECONDS"
    if [[ "$side" == none ]]; then none="$SUSTAINED"; none_p50+=" $P50"; none_p99+=" $P99"; none_jvm+=" $JVM_US"; none_pg+=" $PG_US"
    else with="$SUSTAINED"; stream_p50+=" $P50"; stream_p99+=" $P99"; deliveries+=" $DELIVERY"; facts=$(( facts + FACTS ))
      stream_jvm+=" $JVM_US"; stream_pg+=" $PG_US"; stream_curl+=" $CURL_US"; fi
    say "round $r, $side: CPU per note: Firedrill ${JVM_US} µs, PostgreSQL ${PG_US} µs, followers ${CURL_US} µs"
  done
  none_rates+=" $none"; stream_rates+=" $with"; ratios+=" $(echo "$with / $none" | bc -l)"
  say "round $r: $(printf '%.0f' "$none") notes/s without streams, $(printf '%.0f' "$with") with $STREAMS; the last fact reached every stream $(printf '%.2f' "$DELIVERY") s after the read models caught up"
done

nm="$(mean <<< "${none_rates# }")"; sm="$(mean <<< "${stream_rates# }")"
ratio="$(printf '%.3f' "$(echo "$sm / $nm" | bc -l)")"
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
pg_version="$(psql -At -c "SHOW server_version")"
section="$(cat <<MD
<!-- stream:begin -->
## Event stream: what open streams cost the command path (issue 25)

\`./firedrill bench stream\` ($(date -u +%Y-%m-%d), $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), Java $java_version, PostgreSQL $pg_version on the same machine):
notes at $CLIENTS clients in $ROUNDS rounds of $ROUND_SECONDS s, without streams and with $STREAMS streams following every
fact of the tenant (curl processes on the same machine, whose CPU counts too), the side that goes first alternating,
after ${WARMUP} s of warm-up. The rate is sustained: a round counts until the read models have caught up.

| | notes/s (sustained) | ratio | per round | p50 ms | p99 ms |
|---|---:|---:|---|---:|---:|
| no stream | $(printf '%.0f' "$nm") | 1 | | $(mean <<< "${none_p50# }") | $(mean <<< "${none_p99# }") |
| $STREAMS streams | $(printf '%.0f' "$sm") | **${ratio}×** | $(min_max <<< "${ratios# }") | $(mean <<< "${stream_p50# }") | $(mean <<< "${stream_p99# }") |

CPU time per note (\`/proc\`, the round's notes, catch-up and delivery counted; the machine has $(nproc) cores):

| | Firedrill | PostgreSQL | the $STREAMS followers (curl) |
|---|---:|---:|---:|
| no stream | $(us "$none_jvm") µs | $(pg_us "$none_pg") µs | — |
| $STREAMS streams | $(us "$stream_jvm") µs | $(pg_us "$stream_pg") µs | $(us "$stream_curl") µs |

Delivery: $facts facts received over the streams of the measured rounds, each stream's ids checked against the log
(every fact of the tenant after the stream's start, once, in order): 0 missing, 0 duplicated, 0 out of order. After
the read models had caught up, the round's last fact had reached every stream within
$(tr ' ' '\n' <<< "${deliveries# }" | sort -g | tail -n 1 | xargs printf '%.2f') s (rounds: $(for d in $deliveries; do printf '%.2f ' "$d"; done | sed 's/ $//')).
<!-- stream:end -->
MD
)"
bench_write_section stream
