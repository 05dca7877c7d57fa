# Sourced by the benchmarks that run a main class of the test sources (adapter-cost.sh, pipeline-cost.sh): selects
# the JDK, compiles the tests, and sets $cp to their classpath. Expects $here, the project directory.
# shellcheck source=../scripts/jdk.sh
source "$here/scripts/jdk.sh"
"$here/mvnw" -q -f "$here/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$here/target/bench.classpath" -Dmdep.includeScope=test
cp="$here/target/test-classes:$here/target/classes:$(cat "$here/target/bench.classpath")"
