#!/usr/bin/env bash
# Event store benchmark: Firedrill's appends, sourcing and streaming against pgbench and raw SELECTs
# on the same PostgreSQL, in one run. Run it as:
#
#   ./firedrill bench event-store
#
# The launcher provides a fresh private PostgreSQL (or FIREDRILL_BENCH_DB_URL), PG_BIN and JAVA_HOME.
# It prints the result table and writes it into docs/benchmarks.md. Knobs: BENCH_SECONDS (per cell,
# default 10), BENCH_CATCHUP_EVENTS (default 1000000), BENCH_COMMAND_ALERTS (default 10000).
set -euo pipefail
: "${FIREDRILL_BENCH_DB_URL:?run it as ./firedrill bench event-store}"
: "${PG_BIN:?run it as ./firedrill bench event-store}"
: "${JAVA_HOME:?run it as ./firedrill bench event-store}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
SECONDS_PER_CELL="${BENCH_SECONDS:-10}"
CATCHUP_EVENTS="${BENCH_CATCHUP_EVENTS:-1000000}"
COMMAND_ALERTS="${BENCH_COMMAND_ALERTS:-10000}"
OUT="$ROOT/docs/benchmarks.md"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

# shellcheck source=lib.bash
source "$(dirname "${BASH_SOURCE[0]}")/lib.bash"
bench_libpq_env

BENCH_HARNESS_HEAP=2g
bench_build
firedrill() { harness EventStoreBenchmark "$@"; }

say "migrating the schema"
firedrill migrate
# pgbench inserts rows of the same shape, with the same indexes and constraints, into a twin table.
bench_pgbench_twin

say "appends: a 5 s warm-up, then each cell alternates pgbench and Firedrill, 5 rounds each, ${SECONDS_PER_CELL}s in all per side"
firedrill appends "$SECONDS_PER_CELL" "$PG_BIN/pgbench" "$WORK" > "$WORK/appends.tsv"
rows_md=""
conditional_md=""
while IFS=$'\t' read -r kind clients rows fd_aps fd_p50 fd_p99 pg_tps pg_p50 pg_p99 low high; do
  ratio="$(printf '%.2f' "$(echo "$fd_aps / $pg_tps" | bc -l)")"
  row="| $clients | $rows | $(printf '%.0f' "$fd_aps") | $fd_p50 | $fd_p99 | $(printf '%.0f' "$pg_tps") | $pg_p50 | $pg_p99 | **${ratio}×** | $low–$high |"$'\n'
  if [[ "$kind" == conditional ]]; then conditional_md+="$row"; else rows_md+="$row"; fi
done < "$WORK/appends.tsv"

say "sourcing a 10,000-event stream against a raw SELECT of the same rows"
IFS=$'\t' read -r _ source_size source_ms select_ms < <(firedrill source 10000 5)
source_ratio="$(printf '%.2f' "$(echo "$source_ms / $select_ms" | bc -l)")"

say "streaming catch-up from position 0 over $CATCHUP_EVENTS events (filling the log first)"
IFS=$'\t' read -r _ catchup_events catchup_s catchup_rate < <(firedrill catchup "$CATCHUP_EVENTS")

say "commands on an incident with $COMMAND_ALERTS alert facts and on a fresh one, with and without the state cache"
firedrill commands "$COMMAND_ALERTS" 5 20 > "$WORK/commands.tsv"
declare -A cmd_p50 cmd_p99
while IFS=$'\t' read -r _ side incident count p50 p99; do
  cmd_p50["$side/$incident"]="$p50"; cmd_p99["$side/$incident"]="$p99"
done < "$WORK/commands.tsv"
commands_md=""
for side in cached uncached; do
  ratio="$(printf '%.2f' "$(echo "${cmd_p50[$side/big]} / ${cmd_p50[$side/fresh]}" | bc -l)")"
  label="$([[ $side == cached ]] && echo "state cache on (default)" || echo "state cache off (\`FIREDRILL_COMMANDS_CACHED_EVENTS=0\`)")"
  commands_md+="| $label | ${cmd_p50[$side/big]} / ${cmd_p99[$side/big]} | ${cmd_p50[$side/fresh]} / ${cmd_p99[$side/fresh]} | **${ratio}×** |"$'\n'
done

pg_version="$(psql -At -c "SHOW server_version")"
cpu="$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)"
java_version="$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
section="$(cat <<MD
<!-- event-store:begin -->
## Event store (issue 3)

Command: \`./firedrill bench event-store\` (script: \`deploy/bench/event-store.sh\`, harness:
\`EventStoreBenchmark\`). Date: $(date -u +%Y-%m-%d). Machine: $(nproc) cores ($cpu),
$(free -g | awk '/^Mem:/ {print $2}') GiB, PostgreSQL $pg_version (private cluster, default settings,
same machine as the client), Java $java_version. Firedrill's cells ran in one JVM after a 5 s warm-up.
Each cell alternates pgbench and Firedrill in 5 rounds (pgbench first), ${SECONDS_PER_CELL} s in all per
side, against the same server: this machine's speed drifts from minute to minute (CPU steal), so both
sides of a ratio are measured in the same minutes. The last column is the spread of the 5 rounds' ratios.

### Appends: Firedrill (Axon \`appendEvents\` + \`commit\`) vs pgbench inserting rows of the same shape

Firedrill: N client threads, each appending and waiting for the commit, through the grouped,
commit-ordered writer (one advisory lock, one transaction per batch of waiting appends; appends without
a condition, as here, go in one statement that takes the lock itself).
pgbench: \`-M prepared -c N\`, one transaction per append inserting 1 or 10 rows into a twin table
with the same columns, indexes and constraints.

| clients | events per append | Firedrill appends/s | p50 ms | p99 ms | pgbench tx/s | p50 ms | p99 ms | Firedrill / pgbench | per round |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows_md%$'\n'}

Goal: single-event appends at least 0.7× pgbench's single-row rate at 8 and 32 clients.

### Conditional appends: the command path's shape

Firedrill: N client threads, each appending one event at a time to a subject of its own (a tag),
conditioned on nothing having been appended to that subject since its previous append (the consistency
marker that append returned), as a command appends after sourcing its subject. The writer decides the
conditions from what it appended itself and sends the batch as the same one-statement insert as above, which
inserts only if the log's position sequence still stands where the writer left it (no other writer appended
since); otherwise the batch goes to \`event_store_append\` (V17, V18), which checks the conditions against the
stored events under the event log lock. pgbench as above, one row per transaction, in the same rounds.

| clients | events per append | Firedrill appends/s | p50 ms | p99 ms | pgbench tx/s | p50 ms | p99 ms | Firedrill / pgbench | per round |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${conditional_md%$'\n'}

Goal (issue 20): at least 0.7× pgbench's single-row rate at 8 and 32 clients.

### Sourcing and streaming

| measurement | result |
|---|---|
| sourcing a ${source_size}-event stream by tag (median of 5, after 5 warm-up rounds) | ${source_ms} ms, vs ${select_ms} ms for a raw \`SELECT\` of the same rows: **${source_ratio}×** (goal ≤ 2×) |
| streaming catch-up from position 0 over ${catchup_events} events | ${catchup_s} s, **${catchup_rate} events/s** |

### Commands on a big incident (issue 20)

One client sends \`AddNote\` commands one at a time through Axon's command gateway and the application's
command handlers (no HTTP), in turns to an incident holding ${COMMAND_ALERTS} alert facts (recorded by
\`RecordAlerts\` commands of 100 alerts) and to a freshly declared one, in 5 rounds of 20 notes each,
with the subject-state cache and without it in turns, after a warm-up round.

| side | note on the big incident, p50 / p99 ms | note on the fresh incident, p50 / p99 ms | big ÷ fresh (p50) |
|---|---:|---:|---:|
${commands_md%$'\n'}

Goal (issue 20): a command on an incident with 10,000 alert facts costs about what it costs on a fresh one.
<!-- event-store:end -->
MD
)"

bench_write_section event-store
