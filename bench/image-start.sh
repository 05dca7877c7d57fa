#!/usr/bin/env bash
# How soon the container image's service answers its first task, with and without the AOT cache the Dockerfile
# records (issue 15, item 4), without a Docker daemon: lays out the image's /app in a temporary directory the way
# the Dockerfile does (the libraries with their signature files removed, the application's jar among them), records
# the cache with the Dockerfile's own recording command, then starts the Dockerfile's entrypoint RUNS times with the
# cache and RUNS times without, alternating, against the side-by-side stand-ins (Pinata pinning, outbox on disk).
# The directory stands for /app: only the paths differ. Needs JDK 25 (./mvnw finds it), zip, node and curl.
# Usage: bench/image-start.sh [RUNS, default 5]
# Bounded: RUNS starts, each waiting at most 15 s for its first answer; everything it starts is stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
command -v zip >/dev/null || { echo "zip is needed: apt-get install zip" >&2; exit 2; }
"$here/mvnw" -q -B -f "$here/pom.xml" package -DskipTests
# shellcheck source=scratch.sh
source "$here/bench/scratch.sh"
scratch_dir image-start
app="$work/app"
"$here/mvnw" -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$app/libs"
for jar in "$app"/libs/*.jar; do
  zip -q -d "$jar" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC' > /dev/null 2>&1 || true
done
cp "$here/target/original-avs-execution.jar" "$app/libs/avs-execution.jar"

# The Dockerfile's entrypoint (one argument a line) and its recording command (a shell line), /app being this directory.
dockerfile() { # entrypoint|recording
  python3 - "$1" "$here/Dockerfile" "$app" "$work/training" <<'PY'
import json, sys
what, path, app, training = sys.argv[1:]
for line in open(path).read().replace("\\\n", " ").splitlines():
    if what == "entrypoint" and line.startswith("ENTRYPOINT "):
        print("\n".join(arg.replace("/app/", app + "/") for arg in json.loads(line.split(None, 1)[1])))
    if what == "recording" and line.startswith("RUN ") and "-XX:AOTCacheOutput=" in line:
        print(line[4:line.index(" > ")].replace("/app/", app + "/").replace("/tmp/aot-training", training))
PY
}
mapfile -t with_cache < <(dockerfile entrypoint)
without_cache=()
for arg in "${with_cache[@]}"; do [[ "$arg" == -XX:AOTCache=* ]] || without_cache+=("$arg"); done
record=$(dockerfile recording)
[ -n "$record" ] && [ "${#with_cache[@]}" -gt 3 ] || { echo "the Dockerfile has no ENTRYPOINT or no AOT recording RUN" >&2; exit 1; }
echo "recording the cache: $record"
(cd "$app" && eval "$record" > "$work/recording.log" 2>&1) || { cat "$work/recording.log"; exit 1; }
echo "cache: $(du -m "$app/avs-execution.aot" | cut -f1) MB"

upstreams_port=18092; port=14015
node "$here/bench/side-by-side/upstreams.cjs" "$upstreams_port" > "$work/upstreams.log" 2>&1 & pids+=($!)
# shellcheck source=side-by-side/service-env.sh
source "$here/bench/side-by-side/service-env.sh"
sleep 0.5
first_task() { # label command...
  local label="$1"; shift
  rm -rf "$work/data"
  service_env_for $port "$work/data" $upstreams_port
  local start_ns; start_ns=$(date +%s%N)
  (cd "$app" && exec env "${service_env[@]}" "$@" serve) > "$work/$label.log" 2>&1 &
  local pid=$!
  local answered=""
  for _ in $(seq 1 750); do
    if curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"taskDefinitionId":0}' "http://127.0.0.1:$port/task/execute"; then
      answered=$(( ($(date +%s%N) - start_ns) / 1000000 )); break
    fi
    sleep 0.02
  done
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "${answered:-none}"
}
declare -a on off
for ((i = 0; i < runs; i++)); do
  on+=("$(first_task with "${with_cache[@]}")")
  off+=("$(first_task without "${without_cache[@]}")")
  echo "run $((i + 1)): first task answered ${on[i]} ms after start with the cache, ${off[i]} ms without"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
echo "median: $(median "${on[@]}") ms with the cache, $(median "${off[@]}") ms without (target: 1,500 ms)"
