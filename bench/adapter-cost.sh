#!/usr/bin/env bash
# What one adapter call costs the service's JVM, apart from the rest of the pipeline (AdapterCallCost in the test
# sources): the HTTP adapter (bench/trivial-adapter.js), the persistent process (bench/trivial-adapter.py --lines)
# and the process started per call (bench/trivial-adapter.py). Prints µs of this JVM's CPU per call, 32 callers.
# Usage: bench/adapter-cost.sh [http|persistent|process ...] (default: all three). Bounded by a count of calls.
# BENCH_PYTHON picks the interpreter (default: python3 on the PATH; a pyenv shim costs ~100 ms per process start).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=test-classpath.sh
source "$here/bench/test-classpath.sh"
port=19101
node "$here/bench/trivial-adapter.js" "$port" & adapter_pid=$!
trap 'kill $adapter_pid 2>/dev/null || true' EXIT
for transport in "${@:-http persistent process}"; do
  for t in $transport; do
    case "$t" in
      http) java -cp "$cp" avs.execution.task.adapter.AdapterCallCost http "http://127.0.0.1:$port/" 100000 32 ;;
      persistent) java -cp "$cp" avs.execution.task.adapter.AdapterCallCost persistent "$here/bench/trivial-adapter.py" 100000 32 ;;
      process) java -cp "$cp" avs.execution.task.adapter.AdapterCallCost process "$here/bench/trivial-adapter.py" 400 8 ;;
      *) echo "transports: http, persistent, process" >&2; exit 2 ;;
    esac
  done
done
