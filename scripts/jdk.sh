# Sourced by ./mvnw and ./avs: selects a JDK >= 21 and exports JAVA_HOME and PATH for it.
# Order: $JAVA_HOME if it is new enough, then `java` on PATH, then the newest JDK under /usr/lib/jvm.

avs_java_major() { # prints the major version of the java binary given, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1 || echo 0
}

avs_select_jdk() {
  local min=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(avs_java_major "$JAVA_HOME/bin/java")
    [ "${major:-0}" -ge "$min" ] && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(avs_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge "$min" ]; then export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(avs_java_major "$candidate/bin/java")
    if [ "${major:-0}" -gt "$best_major" ]; then best="$candidate"; best_major="$major"; fi
  done
  if [ "$best_major" -ge "$min" ]; then
    export JAVA_HOME="$best"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
  fi
  echo "error: no JDK $min or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk-headless'." >&2
  return 1
}

avs_select_jdk
