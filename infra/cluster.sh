#!/usr/bin/env bash
# Starts N instances of the packaged service on consecutive ports (default 3 from 8081), sharing
# one PostgreSQL and one Redis: those given by SPRING_DATASOURCE_URL / SPRING_DATA_REDIS_URL, or
# servers started for them (embedded without Docker). Prints the URLs; Ctrl-C stops everything.
# No Docker needed. Usage: infra/cluster.sh [instances] [first-port]
set -euo pipefail
cd "$(dirname "$0")/.."
instances="${1:-3}"
first_port="${2:-8081}"

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"; break
    fi
  done
fi
jar=app-bootstrap/target/app-bootstrap-0.1.0-SNAPSHOT.jar
[ -f "$jar" ] || ./mvnw -q -DskipTests package

# The application jar contains the launcher (infra module) and all it needs.
exec "$JAVA_HOME/bin/java" -cp "$jar" -Dloader.main=dev.commerce.infra.local.LocalCluster \
  org.springframework.boot.loader.launch.PropertiesLauncher "$instances" "$first_port" "$jar" target/cluster
