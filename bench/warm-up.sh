#!/usr/bin/env bash
# How soon a cold service reaches its steady-state CPU per task (issue 15, item 4): starts the service fresh (the
# side-by-side stand-ins for Binance, Pinata and the node; Pinata pinning, outbox on disk), puts it under load at once
# (wrk, 32 connections) and prints, for each slice of the run, tasks/s and the process's CPU per task. The last
# three slices are the steady state; the line says when a slice first came within 10 % of it.
# Usage: bench/warm-up.sh [total seconds, default 120] [slice seconds, default 10]
# AVS_AOT=on starts through ./avs, with the jar's JDK 25 AOT cache (recorded first if missing). Needs wrk and node.
# Bounded: fixed durations; everything it starts is stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
total="${1:-120}"
slice="${2:-10}"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -f "$here/target/avs-execution.jar" ] || "$here/mvnw" -q -B -f "$here/pom.xml" package -DskipTests
# shellcheck source=scratch.sh
source "$here/bench/scratch.sh"
scratch_dir warm-up
upstreams_port=18091; port=14014
node "$here/bench/side-by-side/upstreams.cjs" "$upstreams_port" > "$work/upstreams.log" 2>&1 & pids+=($!)
launch=(java -jar "$here/target/avs-execution.jar")
if [ "${AVS_AOT:-off}" = on ]; then
  launch=("$here/avs") # exec's java with the cache; records it first (about 10 s) when the jar has none yet
  if [ ! -f "$here/target/avs-execution.aot" ] || [ "$here/target/avs-execution.jar" -nt "$here/target/avs-execution.aot" ]; then
    echo "recording the AOT cache first (not part of the measurement)"
    AVS_AOT=on timeout 120 "$here/avs" validate --help > /dev/null 2>&1 || true
  fi
fi
# shellcheck source=side-by-side/service-env.sh
source "$here/bench/side-by-side/service-env.sh"
service_env_for $port "$work/data" $upstreams_port
sleep 0.5
start_ns=$(date +%s%N)
env "${service_env[@]}" "${launch[@]}" serve > "$work/ours.log" 2>&1 & pids+=($!); pid=$!
for _ in $(seq 1 300); do
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"taskDefinitionId":0}' "http://127.0.0.1:$port/task/execute" && break
  sleep 0.05
done
echo "first task answered $(( ($(date +%s%N) - start_ns) / 1000000 )) ms after start; load from now on"
hz=$(getconf CLK_TCK)
declare -a cpu rps at
for ((i = 0; i * slice < total; i++)); do
  c0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  out=$(wrk -t2 -c32 -d"${slice}s" -s "$here/bench/execute.lua" "http://127.0.0.1:$port/task/execute")
  c1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu[i]=$(awk -v c="$((c1 - c0))" -v r="$requests" -v hz="$hz" 'BEGIN { printf "%.0f", c / hz / r * 1e6 }')
  rps[i]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  at[i]=$(( (i + 1) * slice ))
  printf '%4s s  %6s tasks/s  %6s us CPU per task\n' "${at[i]}" "${rps[i]}" "${cpu[i]}"
done
n=${#cpu[@]}
steady=$(printf '%s\n' "${cpu[@]:n-3:3}" | sort -n | sed -n 2p)
for ((i = 0; i < n; i++)); do
  if awk -v c="${cpu[i]}" -v s="$steady" 'BEGIN { exit !(c <= s * 1.10) }'; then
    echo "steady state (median of the last three slices): $steady us per task; first slice within 10 %: the one ending ${at[i]} s into the load"
    exit 0
  fi
done
