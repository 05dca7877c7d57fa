#!/usr/bin/env bash
# The same speed at ten million tasks (issue 17): an outbox seeded with N finished tasks (bench/seed-outbox.py writes
# the rows directly), then the views that must not slow down with it (start-up to a served /health, GET /tasks,
# /metrics, `avs tasks`) and the load benchmark (bench/load.sh), each on the empty outbox, on the seeded one with
# retention off, and on the seeded one while the pruner deletes the rows (they finished 8 to 14 days ago; the
# default RETENTION_ACKNOWLEDGED is 7 days). Prints what it measures, and the disk taken per task.
#
#   bench/scale.sh [tasks, default 10000000] [seconds per load measurement, default 20] [warm-up, default 60]
#   DATABASE_URL=postgres://user:pw@127.0.0.1:5432/empty_db bench/scale.sh   # on PostgreSQL (an empty database)
#
# The SQLite outbox lives in BENCH_SCALE_DIR (default: target/scale, on the project's disk; 10M tasks take ~12 GB).
# Bounded: fixed counts and durations; whatever it starts is stopped on exit. Needs wrk and python3.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tasks="${1:-10000000}"
secs="${2:-20}"
warmup="${3:-60}"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
[ -f "$here/target/avs-execution.jar" ] || "$here/mvnw" -q -B -f "$here/pom.xml" package -DskipTests
jar="$here/target/avs-execution.jar"
dir="${BENCH_SCALE_DIR:-$here/target/scale}"
mkdir -p "$dir"
key=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318
port=14013
service_pid=""
cleanup() { [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

if [ -n "${DATABASE_URL:-}" ]; then
  where="PostgreSQL"
  export DATABASE_URL
  outbox_file="$dir/unused.db"
  psql "$DATABASE_URL" -qtA -c "SELECT 1" > /dev/null || { echo "cannot reach DATABASE_URL with psql" >&2; exit 2; }
  size() { psql "$DATABASE_URL" -qtA -c "SELECT pg_database_size(current_database())"; }
  seed() { python3 "$here/bench/seed-outbox.py" --postgres "$DATABASE_URL" --tasks "$tasks" --finished-days-ago 8; }
else
  where="SQLite"
  outbox_file="$dir/outbox.db"
  rm -f "$outbox_file" "$outbox_file-wal" "$outbox_file-shm"
  size() { du -cb "$outbox_file"* | tail -1 | cut -f1; }
  seed() { python3 "$here/bench/seed-outbox.py" --sqlite "$outbox_file" --tasks "$tasks" --finished-days-ago 8; }
fi
run_env=(env OUTBOX_PATH="$outbox_file" DATA_DIR="$dir/data" PRIVATE_KEY_PERFORMER=$key PORT=$port NODE_API_PORT=off)

ms() { date +%s%3N; }
views() { # $1 = label; the retention is off so that nothing changes while it measures
  local t0 t1 started tasks_ms metrics_ms cli_ms
  t0=$(ms)
  "${run_env[@]}" RETENTION_ACKNOWLEDGED=0 java -jar "$jar" serve > "$dir/service.log" 2>&1 & service_pid=$!
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.05; done
  t1=$(ms); started=$((t1 - t0))
  curl -sf -o /dev/null "http://127.0.0.1:$port/tasks" # the first call pays for class loading
  t0=$(ms); for _ in 1 2 3 4 5 6 7 8 9 10; do curl -sf -o /dev/null "http://127.0.0.1:$port/tasks?limit=100"; done; t1=$(ms); tasks_ms=$(( (t1 - t0) / 10 ))
  t0=$(ms); for _ in 1 2 3 4 5 6 7 8 9 10; do curl -sf -o /dev/null "http://127.0.0.1:$port/metrics"; done; t1=$(ms); metrics_ms=$(( (t1 - t0) / 10 ))
  kill "$service_pid"; wait "$service_pid" 2>/dev/null || true; service_pid=""
  t0=$(ms); "${run_env[@]}" java -jar "$jar" tasks --limit 10 > /dev/null; t1=$(ms); cli_ms=$((t1 - t0))
  printf '%-34s start to /health %5d ms   GET /tasks %4d ms   /metrics %4d ms   avs tasks %5d ms   outbox %s bytes\n' \
    "$1" "$started" "$tasks_ms" "$metrics_ms" "$cli_ms" "$(size)"
}
load() { # $1 = label, then variables for the service
  local label="$1"; shift
  echo "== load: $label"
  env "$@" BENCH_OUTBOX_FILE="$outbox_file" "$here/bench/load.sh" "$secs" "$warmup" | grep -E "tasks/s|CPU per task|deleted by retention"
}

echo "outbox: $where; $tasks tasks to seed"
"${run_env[@]}" java -jar "$jar" tasks --limit 1 > /dev/null # creates and migrates an empty outbox
load "empty outbox" RETENTION_ACKNOWLEDGED=0
views "after that load (its tasks only)"
before=$(size)
seed
sync # the seed's gigabytes written back before anything is measured: a disk busy with them slows everything else
after=$(size)
awk -v b="$before" -v a="$after" -v n="$tasks" 'BEGIN { printf "disk per finished task in the outbox (row and indexes): %.0f bytes\n", (a - b) / n }'
# What an upgrade to the counts table costs on an outbox this size: undo V4, then time the start that applies it again.
undo_v4="DROP TABLE task_counts; DROP INDEX tasks_state_created; DELETE FROM flyway_schema_history WHERE version = '4';"
if [ -n "${DATABASE_URL:-}" ]; then psql "$DATABASE_URL" -q -v ON_ERROR_STOP=1 -c "$undo_v4"
else python3 -c "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.argv[2]); db.close()" "$outbox_file" "$undo_v4"; fi
t0=$(ms); "${run_env[@]}" java -jar "$jar" tasks --limit 1 > "$dir/migrated.txt"; t1=$(ms)
sync
echo "migrating $tasks tasks to V4 (counts table, one index) and listing them: $((t1 - t0)) ms; counted:$(grep -E '^ +acknowledged' "$dir/migrated.txt" | tr -s ' ')"
views "$tasks finished tasks"
load "$tasks finished tasks, retention off" RETENTION_ACKNOWLEDGED=0
sync
load "$tasks finished tasks, pruner deleting them" RETENTION_ACKNOWLEDGED=7d
views "after pruning for a while"
