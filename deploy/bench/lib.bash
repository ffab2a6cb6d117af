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
