#!/usr/bin/env bash
# Runs the guard mutations of infra/mutations/guards.tsv, each alone against the tests named for it
# (docs/mutations.md). Usage: infra/mutations/run.sh [--list] [--no-baseline] [id|glob ...]
# Maven options go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o for offline); the report is written to
# infra/mutations/target/report.md. Exits non-zero unless every mutation run was KILLED.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

pick_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

JAVA_HOME="$(pick_jdk)" || { echo "No JDK 21 or newer found (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
exec "$JAVA_HOME/bin/java" "$here/Mutations.java" "$root" "$@"
