#!/usr/bin/env bash
# Side by side, in one run: this service and Othentic's reference JavaScript Execution Service, against one set of
# loopback stand-ins written in Node (bench/side-by-side/upstreams.cjs: Binance's ticker, Pinata's pinJSONToIPFS with
# real CIDs, the node's sendTask), the same warm-up for each. Prints, for each: CPU per task (process utime+stime over
# the tasks it answered), tasks/s and mean/p99 at 32 connections, mean/p99 at 1 connection, RSS; then the ratios,
# and for each at 32 connections the stand-ins' CPU per task, how busy the machine was and the latency's p50/p75/p90/p99.
# AVS_JAVA_OPTS is given to our JVM (e.g. another collector).
#
# The reference is installed from a snapshot of Othentic-Labs/simple-price-oracle-avs-example (bring it with the
# workplace's fetch tool; pass the path of its git directory) into bench/.reference (ignored; its code is never
# committed). It always pins to Pinata and signs BLS; its HTTPS calls are redirected to the stand-ins by
# bench/side-by-side/redirect.cjs, preloaded with node -r, so it runs unmodified.
#
# Usage: bench/side-by-side.sh SNAPSHOT_GIT_DIR [seconds per measurement, default 15] [warm-up seconds, default 30]
# Variants (environment): STORE=pinata|embedded (ours; default pinata), OUTBOX=disk|tmpfs (ours; default disk),
# SIG=ecdsa|bls (ours; default ecdsa, our default), SYNC=full|normal (ours: OUTBOX_SYNC; default full). Needs wrk, node and npm. Bounded: fixed durations; everything it
# starts is stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
snapshot="${1:?usage: bench/side-by-side.sh SNAPSHOT_GIT_DIR [seconds] [warm-up seconds]}"
secs="${2:-15}"
warmup="${3:-30}"
store="${STORE:-pinata}"; outbox="${OUTBOX:-disk}"; sig="${SIG:-ecdsa}"; sync="${SYNC:-full}"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 2; }
[ -f "$here/target/avs-execution.jar" ] || "$here/mvnw" -q -B -f "$here/pom.xml" package -DskipTests

reference="$here/bench/.reference/Execution_Service"
if [ ! -f "$reference/node_modules/.installed" ]; then
  echo "installing the reference from $snapshot into bench/.reference"
  rm -rf "$here/bench/.reference" && mkdir -p "$here/bench/.reference"
  git --git-dir="$snapshot" archive HEAD Execution_Service | tar -x -C "$here/bench/.reference"
  # its lock file names the npm placeholder package "fs", which this registry does not serve; node has its own fs
  node -e '
    const fs = require("fs"); const dir = process.argv[1];
    const p = JSON.parse(fs.readFileSync(dir + "/package.json")); delete p.dependencies.fs;
    fs.writeFileSync(dir + "/package.json", JSON.stringify(p, null, 2));
    const l = JSON.parse(fs.readFileSync(dir + "/package-lock.json"));
    delete l.packages["node_modules/fs"]; delete l.packages[""].dependencies.fs; if (l.dependencies) delete l.dependencies.fs;
    fs.writeFileSync(dir + "/package-lock.json", JSON.stringify(l, null, 2));' "$reference"
  (cd "$reference" && npm ci --no-audit --no-fund >/dev/null 2>&1) || { echo "npm ci of the reference failed" >&2; exit 1; }
  touch "$reference/node_modules/.installed"
fi

# shellcheck source=scratch.sh
source "$here/bench/scratch.sh"
scratch_dir side-by-side "/dev/shm/side-by-side-$$"
upstreams_port=18090; ours_port=14013; reference_port=14023
# shellcheck source=side-by-side/service-env.sh
source "$here/bench/side-by-side/service-env.sh"
key=$service_key
address=$service_address
node "$here/bench/side-by-side/upstreams.cjs" "$upstreams_port" > "$work/upstreams.log" 2>&1 & pids+=($!); upstreams_pid=$!

if [ "$outbox" = tmpfs ]; then data="/dev/shm/side-by-side-$$"; else data="$work/data"; fi
mkdir -p "$data"
service_env_for $ours_port "$data" $upstreams_port
ours_env=("${service_env[@]}" PROOF_STORE="$store" SIGNATURE_TYPE="$sig" OUTBOX_SYNC="$sync")
[ "$sig" = bls ] && ours_env+=(PERFORMER_ADDRESS=$address)
env "${ours_env[@]}" java ${AVS_JAVA_OPTS:-} -jar "$here/target/avs-execution.jar" serve > "$work/ours.log" 2>&1 & pids+=($!); ours_pid=$!
(cd "$reference" && env -i PATH="$PATH" HOME="$HOME" PORT=$reference_port UPSTREAMS="http://127.0.0.1:$upstreams_port" \
  PINATA_API_KEY=standin-key PINATA_SECRET_API_KEY=standin-secret OTHENTIC_CLIENT_RPC_ADDRESS="http://127.0.0.1:$upstreams_port/" \
  PERFORMER_ADDRESS=$address PRIVATE_KEY_PERFORMER=$key node -r "$here/bench/side-by-side/redirect.cjs" index.js) > "$work/reference.log" 2>&1 &
pids+=($!)

wait_up() { # port
  for _ in $(seq 1 150); do
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"taskDefinitionId":0}' "http://127.0.0.1:$1/task/execute" && return 0
    sleep 0.2
  done
  return 1
}
wait_up $ours_port || { echo "our service did not start:"; cat "$work/ours.log"; exit 1; }
wait_up $reference_port || { echo "the reference did not start:"; cat "$work/reference.log"; exit 1; }
reference_pid=$(pgrep -f "node -r $here/bench/side-by-side/redirect.cjs index.js" | head -1)
for port in $ours_port $reference_port; do
  answer=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"taskDefinitionId":0}' "http://127.0.0.1:$port/task/execute")
  echo "sample answer on $port: $answer"
  echo "$answer" | grep -q '"error":false' || { echo "the service on $port does not work end to end with the stand-ins; not measuring"; exit 1; }
done
echo "variant: ours with PROOF_STORE=$store, outbox on $outbox (OUTBOX_SYNC=$sync), $sig; the reference on its defaults (Pinata, BLS)"

hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8, $5 + $6}' /proc/stat; } # all, idle + iowait
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
to_ms() { # wrk's latency text (e.g. 812.00us, 3.24ms, 1.02s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
declare -A result
measure() { # name pid port
  local name=$1 pid=$2 url="http://127.0.0.1:$3/task/execute"
  wrk -t2 -c32 -d"${warmup}s" -s "$here/bench/execute.lua" "$url" > /dev/null
  local c0 out c1 requests
  local u0 u1 m0 m1
  c0=$(cpu_ticks "$pid"); u0=$(cpu_ticks "$upstreams_pid"); m0=$(machine_ticks)
  out=$(wrk -t2 -c32 -d"${secs}s" --latency -s "$here/bench/execute.lua" "$url")
  c1=$(cpu_ticks "$pid"); u1=$(cpu_ticks "$upstreams_pid"); m1=$(machine_ticks)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  result[$name.cpu]=$(awk -v c="$((c1 - c0))" -v r="$requests" -v hz="$hz" 'BEGIN { printf "%.0f", c / hz / r * 1e6 }')
  result[$name.standins]=$(awk -v c="$((u1 - u0))" -v r="$requests" -v hz="$hz" 'BEGIN { printf "%.0f", c / hz / r * 1e6 }')
  result[$name.busy]=$(awk -v a="$m0" -v b="$m1" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.0f", 100 * (1 - (y[2] - x[2]) / (y[1] - x[1])) }')
  result[$name.rps]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  result[$name.mean32]=$(to_ms "$(awk '/^    Latency/ {print $2}' <<<"$out")")
  result[$name.p99_32]=$(to_ms "$(awk '/^     99%/ {print $2}' <<<"$out")")
  result[$name.spread32]=$(awk '/^     (50|75|90|99)%/ {printf "%s p%s %s", sep, substr($1, 1, 2), $2; sep = ","}' <<<"$out")
  result[$name.errors]=$(awk '/Non-2xx/ {print $NF}' <<<"$out"); result[$name.errors]=${result[$name.errors]:-0}
  out=$(wrk -t1 -c1 -d"${secs}s" --latency -s "$here/bench/execute.lua" "$url")
  result[$name.mean1]=$(to_ms "$(awk '/^    Latency/ {print $2}' <<<"$out")")
  result[$name.p99_1]=$(to_ms "$(awk '/^     99%/ {print $2}' <<<"$out")")
  result[$name.rss]=$(rss_mib "$pid")
}
echo "measuring ours: ${warmup} s warm-up, then ${secs} s at 32 connections and ${secs} s at 1"
measure ours "$ours_pid" $ours_port
echo "measuring the reference: the same"
measure reference "$reference_pid" $reference_port

printf '\n%-12s %14s %10s %14s %14s %13s %13s %9s %8s\n' "" "CPU per task" "tasks/s@32" "mean@32 (ms)" "p99@32 (ms)" "mean@1 (ms)" "p99@1 (ms)" "RSS MiB" "non-2xx"
for name in ours reference; do
  printf '%-12s %11s us %10s %14s %14s %13s %13s %9s %8s\n' "$name" "${result[$name.cpu]}" "${result[$name.rps]}" "${result[$name.mean32]}" \
    "${result[$name.p99_32]}" "${result[$name.mean1]}" "${result[$name.p99_1]}" "${result[$name.rss]}" "${result[$name.errors]}"
done
awk -v oc="${result[ours.cpu]}" -v rc="${result[reference.cpu]}" -v orps="${result[ours.rps]}" -v rrps="${result[reference.rps]}" \
    -v om="${result[ours.mean1]}" -v rm="${result[reference.mean1]}" -v op="${result[ours.p99_32]}" \
  'BEGIN { printf "\nratios (reference / ours): CPU per task %.1fx, mean latency at 1 connection %.1fx; throughput at 32 connections (ours / reference) %.1fx; our p99 at 32: %s ms\n", rc / oc, rm / om, orps / rrps, op }'
for name in ours reference; do
  echo "$name at 32 connections: the stand-ins spent ${result[$name.standins]} us of CPU per task; the machine was ${result[$name.busy]} % busy (all processes, $(nproc) cores); latency${result[$name.spread32]}"
done
echo "upstream stand-ins answered: $(curl -s "http://127.0.0.1:$upstreams_port/counts")"
