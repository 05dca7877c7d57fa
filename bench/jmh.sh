#!/usr/bin/env bash
# JMH micro-benchmarks (src/test/java/avs/execution/bench): compiles the tests, then runs JMH on them.
# Usage: bench/jmh.sh [JMH options, e.g. SigningBenchmark.blsSign -f 1 -wi 2 -i 3]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
"$here/mvnw" -q -f "$here/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$here/target/jmh.classpath" -Dmdep.includeScope=test
exec java -cp "$here/target/test-classes:$here/target/classes:$(cat "$here/target/jmh.classpath")" org.openjdk.jmh.Main "${@:-SigningBenchmark}"
