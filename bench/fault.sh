#!/usr/bin/env bash
# Fault run for the outbox (issue 4): TASKS triggers (default 2,000) against the real service while the node
# stand-in fails half of its calls with 503, the service killed with kill -9 twice and restarted. Prints accepted,
# acknowledged, dead, missing and duplicate counts. Not part of the test run. Bounded in count and time.
# Usage: bench/fault.sh [tasks, default 2000] [kills, default 2]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
"$here/mvnw" -q -B -f "$here/pom.xml" package -DskipTests
exec python3 "$here/bench/fault.py" --java "$(command -v java)" --jar "$here/target/avs-execution.jar" "$@"
