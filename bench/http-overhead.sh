#!/usr/bin/env bash
# The HTTP layer's own cost: CPU per request of GET /health (no task, no upstream) at 32 connections, for one or more
# builds of the jar, alternately, so that they share the same machine and hour. Needs wrk (apt-get install wrk).
# Usage: bench/http-overhead.sh [JAR…]    (default: target/avs-execution.jar; rounds: ROUNDS, default 2)
# Bounded: fixed durations (15 s warm-up, 15 s measured per run); each service is stopped after its run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
jars=("$@"); [ ${#jars[@]} -gt 0 ] || jars=("$here/target/avs-execution.jar")
work="$(mktemp -d)"; pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
port=14090
for round in $(seq 1 "${ROUNDS:-2}"); do
  for jar in "${jars[@]}"; do
    port=$((port + 1))
    PORT=$port DATA_DIR="$work/data-$port" PRIVATE_KEY_PERFORMER=0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318 \
      java -jar "$jar" serve > "$work/service-$port.log" 2>&1 & pid=$!
    for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.2; done
    wrk -t2 -c32 -d15s "http://127.0.0.1:$port/health" > /dev/null
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(wrk -t2 -c32 -d15s "http://127.0.0.1:$port/health")
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    requests=$(awk '/requests in/ {print $1}' <<<"$out"); rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    awk -v c="$((after - before))" -v r="$requests" -v rps="$rps" -v hz="$(getconf CLK_TCK)" -v jar="$jar" -v round="$round" \
      'BEGIN { printf "round %s  %-50s %10s req/s  %5.1f us CPU per request\n", round, jar, rps, c / hz / r * 1e6 }'
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
done
