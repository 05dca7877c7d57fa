#!/usr/bin/env bash
# What one upstream HTTP exchange costs the service's JVM (UpstreamClientCost in the test sources): a pin, as the
# service sends it, to the side-by-side's Node stand-in, from 32 virtual threads; the service's client against the
# JDK client it replaced for plain http://, each with the JDK's default pollers and with platform-thread pollers
# (jdk.pollerMode=1, which the service sets). Prints µs of this JVM's CPU per exchange. Bounded by a count.
# Usage: bench/client-cost.sh [exchanges, default 100000] [callers, default 32]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=test-classpath.sh
source "$here/bench/test-classpath.sh"
exchanges="${1:-100000}"; callers="${2:-32}"
port=19102
node "$here/bench/side-by-side/upstreams.cjs" "$port" > /dev/null 2>&1 & standin_pid=$!
trap 'kill $standin_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/counts" && break; sleep 0.1; done
for client in jdk plain; do
  for mode in default 1; do
    opts=(); [ "$mode" = 1 ] && opts=(-Djdk.pollerMode=1)
    java "${opts[@]}" -cp "$cp" avs.execution.upstream.UpstreamClientCost "$client" "http://127.0.0.1:$port/pinning/pinJSONToIPFS" "$exchanges" "$callers" | tail -2
  done
done
