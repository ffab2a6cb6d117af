# Shared by the benchmark scripts (sourced, not run; ./firedrill bench lists only *.sh). Expects say(),
# WORK (a scratch folder), PG_BIN, FIREDRILL_BENCH_DB_URL and SECONDS_PER_CELL to be set by the caller.

# libpq environment for pgbench and psql, from postgresql://user:password@host:port/database
bench_libpq_env() {
  local url_re='^postgres(ql)?://([^:@/]*)(:([^@]*))?@([^:/?]+)(:([0-9]+))?/([^?]+)'
  [[ "$FIREDRILL_BENCH_DB_URL" =~ $url_re ]] || { say "FIREDRILL_BENCH_DB_URL is not postgresql://user:password@host:port/database"; exit 1; }
  PGUSER="$(urldecode "${BASH_REMATCH[2]}")"
  PGPASSWORD="$(urldecode "${BASH_REMATCH[4]}")"
  PGHOST="${BASH_REMATCH[5]}"
  PGPORT="${BASH_REMATCH[7]:-5432}"
  PGDATABASE="$(urldecode "${BASH_REMATCH[8]}")"
  export PGUSER PGPASSWORD PGHOST PGPORT PGDATABASE PGOPTIONS="-c client_min_messages=warning"
}
urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }
psql() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

# The twin of event_store_event that pgbench inserts into (same columns, indexes and constraints), and the
# pgbench scripts $WORK/rows1.sql (one small event row per transaction) and $WORK/rows10.sql (ten).
bench_pgbench_twin() {
  psql -c "DROP TABLE IF EXISTS pgbench_event" -c "CREATE TABLE pgbench_event (LIKE event_store_event INCLUDING ALL)"
  local row="gen_random_uuid()::text, 'bench.Noted', '1', '{\"n\": 1, \"text\": \"a note of moderate length\"}',
     '{\"tenant\": \"default\", \"actor\": \"user/bench\", \"source\": \"API\", \"correlationId\": \"c\"}',
     '[{\"key\": \"bench\", \"value\": \"pgbench\"}]', now()"
  local cols="(event_id, type_name, type_version, payload, metadata, tags, event_timestamp)"
  echo "INSERT INTO pgbench_event $cols VALUES ($row);" > "$WORK/rows1.sql"
  echo "INSERT INTO pgbench_event $cols SELECT $row FROM generate_series(1, 10);" > "$WORK/rows10.sql"
}

# pgbench CLIENTS ROWS -> "tps p50_ms p99_ms" (latencies from the per-transaction log)
pgbench_cell() {
  local clients="$1" rows="$2" threads=$(( $1 < 2 ? 1 : 2 ))
  rm -f "$WORK"/pgblog*
  "$PG_BIN/pgbench" -n -M prepared -c "$clients" -j "$threads" -T "$SECONDS_PER_CELL" -f "$WORK/rows$rows.sql" \
    --log --log-prefix="$WORK/pgblog" > "$WORK/pgbench.out" 2>&1 || { cat "$WORK/pgbench.out" >&2; exit 1; }
  local tps
  tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$WORK/pgbench.out")"
  cat "$WORK"/pgblog* | awk '{print $3}' | sort -n > "$WORK/lat.txt"
  local n; n="$(wc -l < "$WORK/lat.txt")"
  local p50 p99
  p50="$(sed -n "$(( n * 50 / 100 + 1 ))p" "$WORK/lat.txt")"
  p99="$(sed -n "$(( n * 99 / 100 + 1 ))p" "$WORK/lat.txt")"
  printf '%s %.2f %.2f\n' "$tps" "$(echo "$p50 / 1000" | bc -l)" "$(echo "$p99 / 1000" | bc -l)"
}

# Processes of a benchmark that starts the application: APP_PID and HARNESS_PID are stopped, and WORK removed,
# when the script exits or is interrupted. Call bench_processes once, after WORK is set.
bench_processes() {
  APP_PID=""
  HARNESS_PID=""
  trap cleanup EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
}
alive() { # whether process $1 runs (a child that exited stays a zombie until waited for)
  local state
  state="$(sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null)"
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}
stop() { # PID: TERM, up to 15 s, then KILL
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    alive "$pid" || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  say "process $pid did not stop within 15 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  local pid="$APP_PID"
  APP_PID=""
  stop "$pid"
}
cleanup() {
  if [[ -n "$HARNESS_PID" ]]; then stop "$HARNESS_PID"; HARNESS_PID=""; fi
  if [[ -n "${APP2_PID:-}" ]]; then stop "$APP2_PID"; APP2_PID=""; fi
  stop_app
  rm -rf "$WORK"
}

# Starts the application jar ($APP_JAR, log $APP_LOG) as ./firedrill up runs it, on a free port (PORT) against
# the benchmark database, and waits until it is ready; sets APP_PID.
# The admission limit throughput benchmarks run the application with (FIREDRILL_HTTP_MAX_IN_FLIGHT overrides it).
BENCH_MAX_IN_FLIGHT=64
bench_start_app() {
  port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
  for _ in $(seq 1 50); do
    PORT=$((20000 + RANDOM % 40000))
    port_in_use "$PORT" || break
  done
  local deathsig=()
  command -v setpriv >/dev/null 2>&1 && deathsig=(setpriv --pdeathsig TERM --)
  say "starting Firedrill on port $PORT (log: ${APP_LOG#"$ROOT"/})"
  mkdir -p "$(dirname "$APP_LOG")"
  # Throughput benchmarks drive more clients than the default admission limit (one request in flight per processor)
  # admits: a higher limit, so that they measure the work, not the shedding (the reliability suite measures that).
  # shellcheck disable=SC2086
  # Likewise, the per-credential rate limit would cap the benchmark's one token, and wrong credentials sent on purpose
  # would throttle the one client address: both raised, unless set.
  FIREDRILL_DB_URL="$FIREDRILL_BENCH_DB_URL" FIREDRILL_HTTP_PORT="$PORT" AXONIQ_UPDATE_CHECKER_DISABLED=true \
    FIREDRILL_HTTP_MAX_IN_FLIGHT="${FIREDRILL_HTTP_MAX_IN_FLIGHT:-$BENCH_MAX_IN_FLIGHT}" \
    FIREDRILL_RATE_LIMIT_PER_SECOND="${FIREDRILL_RATE_LIMIT_PER_SECOND:-1000000}" \
    FIREDRILL_RATE_LIMIT_BURST="${FIREDRILL_RATE_LIMIT_BURST:-1000000}" \
    FIREDRILL_FAILED_AUTH_LIMIT="${FIREDRILL_FAILED_AUTH_LIMIT:-1000000}" \
    "${deathsig[@]}" "$JAVA_HOME/bin/java" ${FIREDRILL_JAVA_OPTS:-} -Daxoniq.update-checker.disabled=true \
    -jar "$APP_JAR" > "$APP_LOG" 2>&1 &
  APP_PID=$!
  ready() { # whether /q/health/ready answers 200 (plain bash, no curl needed)
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT" || exit 1
     printf 'GET /q/health/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
     IFS= read -r -t 2 status <&3 && [[ "$status" == *" 200 "* ]]) 2>/dev/null
  }
  for i in $(seq 1 240); do
    alive "$APP_PID" || { APP_PID=""; tail -n 40 "$APP_LOG" >&2; say "the application exited during start-up"; exit 1; }
    ready && break
    [[ "$i" -lt 240 ]] || { tail -n 40 "$APP_LOG" >&2; say "the application was not ready after 120 s"; exit 1; }
    sleep 0.5
  done
}

# bench_token [TENANT [ROLE]]: prints a new API token of the bench database (./firedrill admin create-token):
# an admin of TENANT (registered when missing), or a platform admin's without a tenant.
bench_token() {
  local args=(admin create-token --name bench --subject bench)
  [[ -n "${1:-}" ]] && args+=(--tenant "$1" --role "${2:-admin}")
  FIREDRILL_DB_URL="$FIREDRILL_BENCH_DB_URL" AXONIQ_UPDATE_CHECKER_DISABLED=true \
    "$JAVA_HOME/bin/java" -Daxoniq.update-checker.disabled=true -jar "$APP_JAR" "${args[@]}" 2>"$WORK/token.err" \
    || { cat "$WORK/token.err" >&2; say "could not create a token"; exit 1; }
}

# bench_need PACKAGE...: makes each Debian package's command of the same name available, installing the missing ones
# with apt-get when running as root (a benchmark's tools, never the application's); otherwise says what to install.
bench_need() {
  local missing=()
  for package in "$@"; do command -v "$package" >/dev/null 2>&1 || missing+=("$package"); done
  [[ ${#missing[@]} -gt 0 ]] || return 0
  if [[ "$(id -u)" -ne 0 ]]; then
    say "this benchmark needs ${missing[*]}: install the Debian package(s) ${missing[*]}"; exit 1
  fi
  say "installing ${missing[*]} (Debian packages)"
  quiet_apt() { DEBIAN_FRONTEND=noninteractive apt-get "$@" > "$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log" >&2; exit 1; }; }
  quiet_apt -y -q update
  quiet_apt -y -q install --no-install-recommends "${missing[@]}"
}

# Builds everything (from $ROOT) and the benchmark classpath CP; harness CLASS ARGS... then runs a benchmark
# main class from the test classpath (heap: BENCH_HARNESS_HEAP, default 1g).
bench_build() {
  cd "$ROOT"
  say "building"
  quiet() { "$@" > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }; }
  quiet ./mvnw -B -ntp -q -DskipTests install
  quiet ./mvnw -B -ntp -q -pl bootstrap dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"
  CP="bootstrap/target/test-classes:bootstrap/target/classes:$(cat "$WORK/cp.txt")"
}
harness() { # CLASS ARGS...
  local class="$1"; shift
  "$JAVA_HOME/bin/java" -Xmx"${BENCH_HARNESS_HEAP:-1g}" -Daxoniq.update-checker.disabled=true -cp "$CP" \
    "io.firedrill.bootstrap.bench.$class" "$@" 2>"$WORK/java.err" \
    || { cat "$WORK/java.err" >&2; exit 1; }
}

# bench_write_section NAME: puts $section (which starts with <!-- NAME:begin --> and ends with <!-- NAME:end -->)
# into $OUT in place of the previous one, or at the end; prints it.
bench_write_section() {
  local name="$1"
  if [[ ! -f "$OUT" ]]; then
    printf '# Benchmarks\n\nMeasured with the scripts under `deploy/bench/`; each section says how to reproduce it.\n\n' > "$OUT"
  fi
  printf '%s\n' "$section" > "$WORK/section.md"
  if grep -q "<!-- $name:begin -->" "$OUT"; then
    awk -v file="$WORK/section.md" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
      $0 == begin { while ((getline line < file) > 0) print line; skipping = 1; next }
      $0 == end { skipping = 0; next }
      !skipping { print }' "$OUT" > "$WORK/benchmarks.md"
    cp "$WORK/benchmarks.md" "$OUT"
  else
    printf '\n%s\n' "$section" >> "$OUT"
  fi
  printf '%s\n' "$section"
  say "written to docs/benchmarks.md"
}

# wrk_run KIND CLIENTS SECONDS [VAR=VALUE...]: runs wrk with the script $LUA against $BASE (BENCH_KIND=KIND, the incident
# ids in $BENCH_IDS_FILE or $WORK/ids.txt) and sets RESULT to "answered seconds rate p50_ms p99_ms errors", where
# answered and rate count only 2xx answers. Run in this shell (not in $(...)), so that a failure ends the benchmark.
wrk_run() {
  local kind="$1" clients="$2" seconds="$3"; shift 3
  env BENCH_KIND="$kind" BENCH_IDS="${BENCH_IDS_FILE:-$WORK/ids.txt}" "$@" \
    wrk -t "$(( clients < 2 ? 1 : 2 ))" -c "$clients" -d "${seconds}s" --latency --timeout 10s -s "$LUA" "$BASE" \
    > "$WORK/wrk.out" 2>&1 || { cat "$WORK/wrk.out" >&2; say "wrk failed"; exit 1; }
  local result
  result="$(sed -n 's/^result\t//p' "$WORK/wrk.out" | tr '\t' ' ')"
  [[ -n "$result" ]] || { cat "$WORK/wrk.out" >&2; say "wrk printed no result"; exit 1; }
  local n s rate p50 p99 e
  read -r n s rate p50 p99 e <<< "$result"
  numbers "wrk's result" "$n" "$s" "$rate" "$p50" "$p99" "$e"
  RESULT="$result"
}
# bench_lag_events BASE PLATFORM_TOKEN: the log's head minus each read model's position at the instance at BASE,
# summed (0: all caught up; "unknown" when it cannot be read). Alert grouping is no read model: its position stays
# where its last alert event was.
bench_lag_events() {
  curl -sf -m 5 "$1/api/v1/admin/projections" -H "Authorization: Bearer $2" \
    | jq -e '[.items[] | select(.kind == "READ_MODEL") | .lagEvents] | if length == 0 or any(. == null) then error("no lag") else add end' \
    2>/dev/null || echo unknown
}
# bench_catch_up_seconds BASE PLATFORM_TOKEN: seconds until every read model of the instance at BASE has caught up
# with the log, polled every 20 ms, at most 300 s.
bench_catch_up_seconds() {
  local started ended=""
  started="$(date +%s.%N)"
  for _ in $(seq 1 15000); do
    if [[ "$(bench_lag_events "$1" "$2")" == 0 ]]; then ended="$(date +%s.%N)"; break; fi
    sleep 0.02
  done
  [[ -n "$ended" ]] || { say "the read models did not catch up within 300 s"; exit 1; }
  printf '%.3f\n' "$(echo "$ended - $started" | bc -l)"
}
numbers() { # WHAT VALUE...: ends the benchmark unless every VALUE is a number
  local what="$1"; shift
  for v in "$@"; do [[ "$v" =~ ^([0-9]+(\.[0-9]*)?|\.[0-9]+)$ ]] || { say "$what is not a number: '$v'"; exit 1; }; done
}

# CPU accounting from /proc (auth and stream benchmarks). CPU time in clock ticks (user + system) from a /proc stat
# file: the fields after the command name, which may hold spaces ("(C2 CompilerThre)"); with "children", the reaped
# children's too.
stat_ticks() { { sed 's/^.*) //' "$1" 2>/dev/null || true; } | awk -v children="${2:-}" '{t = $12 + $13 + (children ? $14 + $15 : 0)} END {print t + 0}'; }
ticks() { stat_ticks "/proc/$1/stat"; }
# of the benchmark's PostgreSQL server: its postmaster (with the processes it reaped) and its live children; 0 (not
# measured) when the server is not the private one the launcher started
PG_PID="$(head -n 1 "${FIREDRILL_BENCH_PG_DATA:-/nonexistent}/postmaster.pid" 2>/dev/null || true)"
pg_ticks() { [[ -n "$PG_PID" ]] || { echo 0; return; }
  local t p; t="$(stat_ticks "/proc/$PG_PID/stat" children)"
  for p in $(pgrep -P "$PG_PID"); do t=$(( t + $(ticks "$p") )); done; echo "$t"; }
TICK_US="$(( 1000000 / $(getconf CLK_TCK) ))"
