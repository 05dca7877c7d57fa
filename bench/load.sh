#!/usr/bin/env bash
# Load benchmark for POST /task/execute: the real service (price → CID → embedded proof store → ECDSA → sendTask)
# against loopback stand-ins for the exchange and the Othentic node (form checks only, in their own JVM), driven
# by wrk. Prints tasks/s and latency percentiles at 32 connections, and mean latency at 1 connection.
# Bounded: fixed durations; everything it starts is stopped on exit. Needs wrk (apt-get install wrk).
# Usage: bench/load.sh [seconds per measurement, default 20] [warm-up seconds, default 60]
# BENCH_TASK picks the task: price-oracle (default, the built-in), http-adapter (a trivial Node HTTP adapter),
# persistent-adapter (a trivial Python JSON-lines process), process-adapter (the same Python, started per call).
# The warm-up is long on purpose: on 2 saturated cores the JIT compiler competes with the load, and a 10 s warm-up
# still measured the service half-compiled (C2 busy, ~1 ms of CPU per task instead of a few hundred µs).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-20}"
warmup="${2:-60}"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -f "$here/target/avs-execution.jar" ] || "$here/mvnw" -q -B -f "$here/pom.xml" package -DskipTests
work="$(mktemp -d)"
data_dir=""
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  grep -h "handled" "$work/standins.log" 2>/dev/null || true
  rm -rf "$work" "$data_dir" "${outbox_dir:-$work}/outbox-$$.db"*
}
trap cleanup EXIT

# The embedded proof store writes one file per task. On this project's VM, creating small files on the disk costs
# 160-650 µs of CPU each, varying from run to run (bench/fs-probe.py shows it without the service), which is more
# than the whole rest of the pipeline; so by default the proofs go to tmpfs, to measure the service rather than
# the disk. BENCH_DATA_DIR=/some/disk/dir measures with the disk included.
if [ -n "${BENCH_DATA_DIR:-}" ]; then data_dir="$BENCH_DATA_DIR/avs-bench-$$"
elif [ -d /dev/shm ]; then data_dir="/dev/shm/avs-bench-$$"
else data_dir="$work/data"; fi
# The outbox is on disk by default even so: its synchronous commits are the durability the service promises, and
# their cost belongs in the measurement. BENCH_OUTBOX_DIR=/dev/shm measures without the disk flushes.
outbox_dir="${BENCH_OUTBOX_DIR:-$work}"
# BENCH_OUTBOX_FILE: an existing outbox to load (bench/scale.sh seeds one with millions of tasks); it is kept.
outbox_file="${BENCH_OUTBOX_FILE:-$outbox_dir/outbox-$$.db}"
if [ -n "${DATABASE_URL:-}" ]; then echo "proof store directory: $data_dir; outbox: PostgreSQL (DATABASE_URL)"
else echo "proof store directory: $data_dir; outbox: $outbox_file"; fi
node_port=18545; exchange_port=18546; service_port=14003; adapter_port=19100
task="${BENCH_TASK:-price-oracle}"
tasks_file="$work/tasks.yaml"
case "$task" in
  price-oracle) printf 'tasks:\n  - {id: 0, builtin: price-oracle}\n' > "$tasks_file"; body='{"taskDefinitionId":0}' ;;
  http-adapter)
    node "$here/bench/trivial-adapter.js" "$adapter_port" & pids+=($!)
    printf 'tasks:\n  - {id: 7, name: trivial, adapter: {url: "http://127.0.0.1:%s/"}}\n' "$adapter_port" > "$tasks_file"
    body='{"taskDefinitionId":7,"input":{"n":1}}' ;;
  persistent-adapter)
    printf 'tasks:\n  - {id: 7, name: trivial, adapter: {command: [python3, %s, --lines], mode: persistent}}\n' "$here/bench/trivial-adapter.py" > "$tasks_file"
    body='{"taskDefinitionId":7,"input":{"n":1}}' ;;
  process-adapter)
    printf 'tasks:\n  - {id: 7, name: trivial, adapter: {command: [python3, %s]}}\n' "$here/bench/trivial-adapter.py" > "$tasks_file"
    body='{"taskDefinitionId":7,"input":{"n":1}}' ;;
  *) echo "BENCH_TASK must be price-oracle, http-adapter, persistent-adapter or process-adapter" >&2; exit 2 ;;
esac
export BENCH_BODY="$body"
echo "task: $task"
java ${STANDIN_JAVA_OPTS:-} -jar "$here/target/avs-execution.jar" standins --no-verify --node-port $node_port --exchange-port $exchange_port \
  > "$work/standins.log" 2>&1 & pids+=($!); standins_pid=$!
PORT=$service_port DATA_DIR="$data_dir" OUTBOX_PATH="$outbox_file" TASKS_FILE="$tasks_file" \
  PRIVATE_KEY_PERFORMER=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 \
  ORACLE_BASE_URL="http://127.0.0.1:$exchange_port/api/v3/" OTHENTIC_CLIENT_RPC_ADDRESS="http://127.0.0.1:$node_port/" \
  java ${AVS_JAVA_OPTS:-} -jar "$here/target/avs-execution.jar" serve > "$work/service.log" 2>&1 & pids+=($!); service_pid=$!

for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$service_port/health" && break
  sleep 0.2
done
curl -sf -o /dev/null "http://127.0.0.1:$service_port/health" || { echo "service did not start:"; cat "$work/service.log"; exit 1; }
url="http://127.0.0.1:$service_port/task/execute"
first=$(curl -s -X POST -H 'Content-Type: application/json' -d "$body" "$url")
echo "sample answer: $first"
echo "$first" | grep -q '"error":false' || { echo "the pipeline does not work end to end; not measuring"; exit 1; }

echo "warm-up: $warmup s at 32 connections"
wrk -t2 -c32 -d"${warmup}s" -s "$here/bench/execute.lua" "$url" > /dev/null

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
child_ticks() { awk '{print $16 + $17}' "/proc/$1/stat"; } # of the children it waited for (process adapters)
jit_ticks() { # the JIT compiler threads' share: on a slow VM C2 can still be compiling after the warm-up
  local total=0 t comm
  for t in /proc/"$1"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    case "$comm" in C1\ CompilerThre*|C2\ CompilerThre*) total=$((total + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0))) ;; esac
  done
  echo "$total"
}
hz=$(getconf CLK_TCK)

report() { # $1 = label, then wrk args
  local label="$1"; shift
  local s0 n0 c0 j0; s0=$(cpu_ticks "$service_pid"); n0=$(cpu_ticks "$standins_pid"); c0=$(child_ticks "$service_pid"); j0=$(jit_ticks "$service_pid")
  local out; out=$(wrk "$@" --latency -s "$here/bench/execute.lua" "$url")
  local s1 n1 c1 j1; s1=$(cpu_ticks "$service_pid"); n1=$(cpu_ticks "$standins_pid"); c1=$(child_ticks "$service_pid"); j1=$(jit_ticks "$service_pid")
  local requests; requests=$(awk '/requests in/ {print $1}' <<<"$out")
  local rps mean p50 p90 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  mean=$(awk '/^    Latency/ {print $2}' <<<"$out")
  p50=$(awk '/^     50%/ {print $2}' <<<"$out"); p90=$(awk '/^     90%/ {print $2}' <<<"$out"); p99=$(awk '/^     99%/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); errors=${errors:-0}
  printf '%-16s tasks/s %8s   mean %8s   p50 %8s   p90 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$mean" "$p50" "$p90" "$p99" "$errors"
  awk -v s="$((s1 - s0))" -v n="$((n1 - n0))" -v c="$((c1 - c0))" -v j="$((j1 - j0))" -v r="$requests" -v hz="$hz" \
    'BEGIN { printf "%-16s CPU per task: service %.0f us (%.0f us without the JIT compiler threads), stand-ins %.0f us, adapter processes started per call %.0f us\n", "", s / hz / r * 1e6, (s - j) / hz / r * 1e6, n / hz / r * 1e6, c / hz / r * 1e6 }'
}
report "32 connections" -t2 -c32 -d"${secs}s"
report "1 connection" -t1 -c1 -d"${secs}s"
echo "service warnings logged: $(grep -c " WARN " "$work/service.log" || true)"
pruned=$(curl -s "http://127.0.0.1:$service_port/metrics" | awk '/^avs_pruned_tasks_total/ {n += $2} END {printf "%d", n}')
echo "tasks deleted by retention during the run: $pruned"
grep -m3 " WARN " "$work/service.log" || true
