#!/usr/bin/env bash
# Checks of the monitoring setup that need no Docker engine and no running service (a few seconds):
#   1. promtool check config: infra/compose/prometheus/prometheus.yml and the rule files it names
#   2. promtool check rules:  infra/compose/prometheus/alerts.yml
#   3. promtool test rules:   infra/compose/prometheus/alerts.test.yml (every alert fires on crafted
#                             series and stays silent on healthy ones)
#   4. the dashboard JSON parses and every alert's `panel` annotation names one of its panels
#   5. docker-compose config: infra/compose.yaml is a valid compose file
# Run as root (or with password-less sudo), it installs what is missing (Debian or Ubuntu: apt-get
# install prometheus docker-compose redis-server); otherwise install promtool and docker-compose
# yourself. redis-server (with redis-cli) is not used here: the build's Redis Sentinel and Cluster
# tests (app-bootstrap's dev.commerce.fullstack.redis) start it, and .ci/run runs this script first.
# Fails on the first error.
# Usage: infra/checks/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

cleanup=() as_root=() remove_policy=
on_exit() {
  rm -f "${cleanup[@]}"
  [ -z "$remove_policy" ] || "${as_root[@]}" rm -f /usr/sbin/policy-rc.d
}
trap on_exit EXIT

missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
{ command -v redis-server && command -v redis-cli; } >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || as_root=(sudo -n)
  if command -v apt-get >/dev/null 2>&1 && "${as_root[@]}" true 2>/dev/null; then
    echo "Installing ${missing[*]} ..."
    # a Debian package must not start its service here (CI containers, build machines)
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee /usr/sbin/policy-rc.d >/dev/null
      "${as_root[@]}" chmod +x /usr/sbin/policy-rc.d
      remove_policy=1
    fi
    apt_get() { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" >/dev/null; }
    apt_get install -y --no-install-recommends "${missing[@]}" \
      || { apt_get update && apt_get install -y --no-install-recommends "${missing[@]}"; }
  else
    echo "Missing: ${missing[*]} (for promtool, docker-compose and the Redis topology tests). Install them," \
      "or run this as root" \
      "(or with password-less sudo) on Debian or Ubuntu." >&2
    exit 1
  fi
fi

prometheus_dir=infra/compose/prometheus

echo "== promtool check config $prometheus_dir/prometheus.yml"
promtool check config "$prometheus_dir/prometheus.yml"

echo "== promtool check rules $prometheus_dir/alerts.yml"
promtool check rules "$prometheus_dir/alerts.yml"

echo "== promtool test rules $prometheus_dir/alerts.test.yml"
promtool test rules "$prometheus_dir/alerts.test.yml"

echo "== every alert names a panel of infra/compose/grafana/dashboards/commerce.json"
python3 - "$prometheus_dir/alerts.yml" infra/compose/grafana/dashboards/commerce.json <<'PY'
import json, re, sys
rules, dashboard = sys.argv[1], sys.argv[2]
titles = {panel["title"] for panel in json.load(open(dashboard))["panels"]}
named = re.findall(r'^\s+panel: "([^"]*)"$', open(rules).read(), re.M)
alerts = re.findall(r'^\s+- alert: ', open(rules).read(), re.M)
unknown = [title for title in named if title not in titles]
if unknown or len(named) != len(alerts):
    sys.exit(f"alerts without a panel or naming a panel the dashboard lacks: {unknown or 'count differs'}")
print(f"{len(named)} alerts, each naming one of the dashboard's {len(titles)} panels")
PY

# docker-compose 1.29 knows the compose spec except two keys infra/compose.yaml uses, each marked
# "# compose-spec only" there: the top-level `name` and a bind's `create_host_path` (with its `bind:`
# line when nothing else is under it). Validate the file without exactly those lines; anything else
# 1.29 does not know fails the check.
echo "== docker-compose config -q infra/compose.yaml (without its compose-spec-only keys)"
stripped="$(mktemp --suffix=.yaml)"
cleanup+=("$stripped")
awk '
  /# compose-spec only$/ { if (held != "" && held_indent < indent_of($0)) held = ""; dropped++; next }
  { if (held != "") print held; held = "" }
  /^ *bind:$/ { held = $0; held_indent = indent_of($0); next }
  { print }
  END { if (held != "") print held; if (dropped == 0) exit 3 }
  function indent_of(line) { match(line, /^ */); return RLENGTH }
' infra/compose.yaml > "$stripped"
docker-compose --project-directory infra -f "$stripped" config -q \
  || { echo "infra/compose.yaml is not valid for docker-compose 1.29 (see above)" >&2; exit 1; }
echo "valid (docker-compose $(docker-compose version --short))"

echo "All monitoring checks passed."
