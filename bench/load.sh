#!/usr/bin/env bash
# Load benchmark for POST /task/execute: the real service (price → CID → embedded proof store → ECDSA → sendTask)
# against loopback stand-ins for the exchange and the Othentic node (form checks only, in their own JVM), driven
# by wrk. Prints tasks/s and latency percentiles at 32 connections, and mean latency at 1 connection.
# Bounded: fixed durations; everything it starts is stopped on exit. Needs wrk (apt-get install wrk).
# Usage: bench/load.sh [seconds per measurement, default 20]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
secs="${1:-20}"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -f "$here/target/avs-execution.jar" ] || mvn -q -B -f "$here/pom.xml" package -DskipTests
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

node_port=18545; exchange_port=18546; service_port=14003
java -jar "$here/target/avs-execution.jar" standins --no-verify --node-port $node_port --exchange-port $exchange_port \
  > "$work/standins.log" 2>&1 & pids+=($!)
PORT=$service_port DATA_DIR="$work/data" \
  PRIVATE_KEY_PERFORMER=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 \
  ORACLE_BASE_URL="http://127.0.0.1:$exchange_port/api/v3/" OTHENTIC_CLIENT_RPC_ADDRESS="http://127.0.0.1:$node_port/" \
  java ${AVS_JAVA_OPTS:-} -jar "$here/target/avs-execution.jar" serve > "$work/service.log" 2>&1 & pids+=($!)

for _ in $(seq 1 100); do
  curl -sf -o /dev/null "http://127.0.0.1:$service_port/health" && break
  sleep 0.2
done
curl -sf -o /dev/null "http://127.0.0.1:$service_port/health" || { echo "service did not start:"; cat "$work/service.log"; exit 1; }
url="http://127.0.0.1:$service_port/task/execute"
first=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"taskDefinitionId":0}' "$url")
echo "sample answer: $first"
echo "$first" | grep -q '"error":false' || { echo "the pipeline does not work end to end; not measuring"; exit 1; }

echo "warm-up: 10 s at 32 connections"
wrk -t2 -c32 -d10s -s "$here/bench/execute.lua" "$url" > /dev/null

report() { # $1 = label, then wrk args
  local label="$1"; shift
  local out; out=$(wrk "$@" --latency -s "$here/bench/execute.lua" "$url")
  local rps mean p50 p90 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  mean=$(awk '/^    Latency/ {print $2}' <<<"$out")
  p50=$(awk '/^     50%/ {print $2}' <<<"$out"); p90=$(awk '/^     90%/ {print $2}' <<<"$out"); p99=$(awk '/^     99%/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); errors=${errors:-0}
  printf '%-16s tasks/s %8s   mean %8s   p50 %8s   p90 %8s   p99 %8s   non-2xx %s\n' "$label" "$rps" "$mean" "$p50" "$p90" "$p99" "$errors"
}
report "32 connections" -t2 -c32 -d"${secs}s"
report "1 connection" -t1 -c1 -d"${secs}s"
echo "node stand-in: $(grep -c . "$work/standins.log") log lines; service warnings: $(grep -c WARN "$work/service.log" || true)"
