#!/usr/bin/env bash
# What the pipeline engine costs (PipelineCost in the test sources), against bench/side-by-side/upstreams.cjs in its
# own process: this JVM's CPU per five-source median task beyond the same five GETs made directly (per step), and the
# task's latency against its slowest source (sources at 10-50 ms). Bounded by a count of tasks.
# Usage: bench/pipeline-cost.sh [tasks for the CPU rounds, default 20000] [tasks for the latency rounds, default 200]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=test-classpath.sh
source "$here/bench/test-classpath.sh"
port=19102
node "$here/bench/side-by-side/upstreams.cjs" "$port" >/dev/null & upstreams=$!
trap 'kill $upstreams 2>/dev/null || true' EXIT
sleep 0.5
java -cp "$cp" avs.execution.task.pipeline.PipelineCost cost "http://127.0.0.1:$port" "${1:-20000}"
java -cp "$cp" avs.execution.task.pipeline.PipelineCost latency "http://127.0.0.1:$port" "${2:-200}"
