#!/usr/bin/env bash
# The dashboard check: proves that every query of the Grafana dashboard parses and returns series
# from the real service, and that every metric the alerting rules read is exported.
#
#   1. starts two instances of the packaged service sharing one PostgreSQL and Redis: the first with
#      infra/cluster.sh (coupon strategy lock, the default), the second with java -jar on the
#      servers cluster.sh started, with commerce.coupon.strategy=atomic, so that the atomic
#      strategy's panels have series too (each coupon is issued by one instance only);
#   2. starts Prometheus (Debian's package) with a temporary configuration that scrapes both
#      every 2 s (with an administrator token: the instances have no separate management port
#      here) and loads infra/compose/prometheus/alerts.yml;
#   3. drives load on every path for LOAD_SECONDS (default 40): stock, prices, reservations
#      (confirmed and cancelled), coupon issues on both strategies (and a burst past the rate
#      limit), checkouts paid and cancelled, direct payments approved and declined;
#   4. evaluates every panel query ("expr") through Prometheus' HTTP API (/api/v1/query) and every
#      metric the alerts name, prints a table panel -> series, and fails when a query does not parse
#      or returns no series, or when an alert reads a metric nobody exports, or a rule fails to
#      evaluate.
#
# Needs the jar (./mvnw -q -DskipTests package), curl, python3 and prometheus (run as root on Debian,
# it installs prometheus). Takes about 2-3 minutes on two cores; not part of .ci/run.
# Usage: infra/checks/dashboard.sh        Environment: LOAD_SECONDS (40), KEEP=1 keeps the temp dir
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"

load_seconds="${LOAD_SECONDS:-40}"
dashboard=infra/compose/grafana/dashboards/commerce.json
alerts=infra/compose/prometheus/alerts.yml
jar=app-bootstrap/target/app-bootstrap-0.1.0-SNAPSHOT.jar

[ -f "$jar" ] || { echo "No $jar: run ./mvnw -q -DskipTests package first" >&2; exit 1; }
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "Missing $tool" >&2; exit 1; }
done
if ! command -v prometheus >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus >/dev/null
  else
    echo "Missing prometheus (Debian: apt-get install prometheus)" >&2; exit 1
  fi
fi
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"; break
    fi
  done
fi
java="${JAVA_HOME:?no JDK 21 or newer found}/bin/java"

work="$(mktemp -d /tmp/dashboard-check.XXXXXX)"
pids=()
cleanup() {
  local status=$?
  # stop what this script started, newest first: Prometheus, instance 2, then the cluster
  # (cluster.sh stops its instance and the PostgreSQL and Redis it started on SIGTERM)
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ] || [ -n "${KEEP:-}" ]; then
    echo "Logs and data kept in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_ports() {  # three consecutive free ports below the ephemeral range
  local base
  for _ in $(seq 50); do
    base=$(( 20000 + RANDOM % 9000 ))
    if port_free "$base" && port_free $((base + 1)) && port_free $((base + 2)); then echo "$base"; return; fi
  done
  echo "no free ports" >&2; return 1
}
base="$(free_ports)"
port1=$base port2=$((base + 1)) prom_port=$((base + 2))
url1="http://127.0.0.1:$port1" url2="http://127.0.0.1:$port2" prom="http://127.0.0.1:$prom_port"
started=$SECONDS

# ---------------------------------------------------------------- 1. two instances
echo "== starting instance 1 (strategy lock) with infra/cluster.sh on $port1"
infra/cluster.sh 1 "$port1" > "$work/cluster.log" 2>&1 &
pids+=($!)
for _ in $(seq 360); do
  grep -q '^Running;' "$work/cluster.log" && break
  kill -0 "${pids[0]}" 2>/dev/null || { tail -20 "$work/cluster.log"; echo "cluster.sh exited" >&2; exit 1; }
  sleep 0.5
done
grep -q '^Running;' "$work/cluster.log" || { tail -20 "$work/cluster.log"; echo "cluster.sh did not start" >&2; exit 1; }
datasource="$(sed -n 's/^PostgreSQL: *//p' "$work/cluster.log")"
redis="$(sed -n 's/^Redis: *//p' "$work/cluster.log")"

echo "== starting instance 2 (strategy atomic) on $port2, sharing $datasource and $redis"
# cluster.sh prints only the URL; the embedded server's user and password are postgres / postgres
SERVER_PORT=$port2 COMMERCE_INFRA_MODE=none COMMERCE_COUPON_STRATEGY=atomic SPRING_DATASOURCE_URL="$datasource" \
  SPRING_DATASOURCE_USERNAME="${SPRING_DATASOURCE_USERNAME:-postgres}" \
  SPRING_DATASOURCE_PASSWORD="${SPRING_DATASOURCE_PASSWORD:-postgres}" \
  SPRING_DATA_REDIS_URL="$redis" \
  "$java" -Xmx512m -jar "$jar" > "$work/instance-2.log" 2>&1 &
pids+=($!)
for _ in $(seq 360); do
  curl -fsS --max-time 2 "$url2/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "${pids[1]}" 2>/dev/null || { tail -30 "$work/instance-2.log"; echo "instance 2 exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS --max-time 2 "$url2/actuator/health/readiness" >/dev/null || { echo "instance 2 not ready" >&2; exit 1; }
echo "   both up after $((SECONDS - started)) s"

token() {  # token buyer|administrator userId
  curl -fsS --max-time 10 -X POST "$url1/local/tokens?userId=$2" \
    | sed "s/.*\"$1\":{[^}]*\"token\":\"\([^\"]*\)\".*/\1/"
}
admin="$(token administrator 1)"

# ---------------------------------------------------------------- 2. Prometheus
cat > "$work/prometheus.yml" <<EOF
global:
  scrape_interval: 2s
  evaluation_interval: 5s
rule_files:
  - $root/$alerts
scrape_configs:
  - job_name: commerce
    metrics_path: /actuator/prometheus
    authorization:
      credentials: $admin
    static_configs:
      - targets: ["127.0.0.1:$port1", "127.0.0.1:$port2"]
EOF
echo "== starting Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') on $prom_port"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" > "$work/prometheus.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do curl -fsS --max-time 2 "$prom/-/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fsS --max-time 2 "$prom/-/ready" >/dev/null || { tail "$work/prometheus.log"; echo "Prometheus not ready" >&2; exit 1; }

# ---------------------------------------------------------------- 3. load
key() { cat /proc/sys/kernel/random/uuid; }
# call <url> <token> <method> <path> [json]: prints the body, counts the status in $work/statuses
call() {
  local status body="$work/body.$BASHPID"
  status="$(curl -sS --max-time 10 -o "$body" -w '%{http_code}' -X "$3" "$1$4" \
    -H "Authorization: Bearer $2" -H "Idempotency-Key: $(key)" \
    ${5:+-H 'Content-Type: application/json' --data "$5"} 2>/dev/null)" || status=000
  echo "$3 $(echo "$4" | sed -E 's#/[0-9a-f-]{36}#/{id}#g; s#/DASH-[A-Z]#/{sku}#') $status" >> "$work/statuses"
  cat "$body" 2>/dev/null || true
  rm -f "$body"
}
id_of() { grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }

echo "== setting up stock, prices and two coupons"
for sku in DASH-A DASH-B; do
  call "$url1" "$admin" PUT "/api/v1/products/$sku/stock" '{"onHand": 1000000}' >/dev/null
  call "$url2" "$admin" PUT "/api/v1/products/$sku/price" '{"price": 1500, "currency": "KRW"}' >/dev/null
done
coupon_lock="$(call "$url1" "$admin" POST /api/v1/coupons '{"name": "DASH-LOCK", "totalQuantity": 100000, "discount": 100}' | id_of)"
coupon_atomic="$(call "$url2" "$admin" POST /api/v1/coupons '{"name": "DASH-ATOMIC", "totalQuantity": 100000, "discount": 100}' | id_of)"
[ -n "$coupon_lock" ] && [ -n "$coupon_atomic" ] || { echo "could not create the coupons" >&2; exit 1; }

worker() {  # worker <n>: one buyer after another until the deadline or 300 buyers
  local n=$1 deadline=$((SECONDS + load_seconds)) i=0 user buyer url other reservation order
  while [ $SECONDS -lt $deadline ] && [ $i -lt 300 ]; do
    i=$((i + 1)); user=$((100000 + n * 1000 + i))
    if [ $((i % 2)) -eq 0 ]; then url=$url1 other=$url2; else url=$url2 other=$url1; fi
    buyer="$(token buyer "$user")"
    reservation="$(call "$url" "$buyer" POST /api/v1/reservations \
      "{\"orderId\": \"dash-$user\", \"lines\": [{\"sku\": \"DASH-A\", \"quantity\": 1}]}" | id_of)"
    if [ -n "$reservation" ]; then
      if [ $((i % 2)) -eq 0 ]; then
        call "$other" "$admin" POST "/api/v1/reservations/$reservation/confirm" >/dev/null
      else
        call "$other" "$buyer" POST "/api/v1/reservations/$reservation/cancel" >/dev/null
      fi
    fi
    call "$url1" "$buyer" POST "/api/v1/coupons/$coupon_lock/issues" '{}' >/dev/null     # lock strategy
    call "$url2" "$buyer" POST "/api/v1/coupons/$coupon_atomic/issues" '{}' >/dev/null   # atomic strategy
    order="$(call "$url" "$buyer" POST /api/v1/orders \
      "{\"lines\": [{\"sku\": \"DASH-B\", \"quantity\": 2}], \"couponId\": \"$coupon_lock\"}" | id_of)"
    if [ -n "$order" ]; then
      if [ $((i % 3)) -eq 0 ]; then
        call "$other" "$buyer" POST "/api/v1/orders/$order/cancel" >/dev/null
      else
        call "$other" "$buyer" POST "/api/v1/orders/$order/payment" '{}' >/dev/null
      fi
    fi
    if [ $((i % 5)) -eq 0 ]; then   # back office: a direct charge, every other one declined (over 5,000,000)
      call "$url" "$admin" POST /api/v1/payments \
        "{\"orderId\": \"dash-pay-$user\", \"amount\": $(( i % 10 == 0 ? 9000000 : 1000 )), \"currency\": \"KRW\"}" >/dev/null
    fi
    call "$url" "$buyer" GET /api/v1/products/DASH-A/stock >/dev/null
  done
}

echo "== load for $load_seconds s: 3 workers, both instances"
workers=()
for n in 1 2 3; do worker "$n" & workers+=($!); done
# one buyer past the coupon-issue budget (20 per 4 s): refused 429, counted as limited
burst="$(token buyer 99999)" bursts=()
for _ in $(seq 30); do call "$url1" "$burst" POST "/api/v1/coupons/$coupon_lock/issues" '{}' >/dev/null & bursts+=($!); done
wait "${bursts[@]}" "${workers[@]}"
echo "   requests by method, path and status:"
sort "$work/statuses" | uniq -c | sort -k2,3 | sed 's/^/   /'
sleep 6   # three more scrapes after the last request

# ---------------------------------------------------------------- 4. queries
echo "== evaluating every panel query and every metric the alerts read"
python3 - "$prom" "$dashboard" "$alerts" <<'PY'
import json, re, sys, urllib.parse, urllib.request

prom, dashboard, alerts = sys.argv[1:4]

def query(expr):
    url = prom + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            body = json.load(response)
    except urllib.error.HTTPError as e:
        body = json.load(e)
    if body.get("status") != "success":
        return None, body.get("error", "unknown error")
    return body["data"]["result"], None

def grafana(expr):  # Grafana's variables, as a panel would send them
    return (expr.replace("$__rate_interval", "1m").replace("$__interval", "1m")
            .replace("$__range", "5m").replace("$instance", ".*"))

failures = []
rows = []
for panel in json.load(open(dashboard))["panels"]:
    for target in panel.get("targets", []):
        expr = target.get("expr")
        if not expr:
            continue
        result, error = query(grafana(expr))
        if error:
            rows.append((panel["title"], target["refId"], "ERROR", error))
            failures.append(f'{panel["title"]} {target["refId"]}: {error}')
            continue
        numbers = [float(s["value"][1]) for s in result]
        nonzero = sum(1 for v in numbers if v == v and v != 0)
        nan = sum(1 for v in numbers if v != v)
        note = f"{nonzero} non-zero" + (f", {nan} NaN" if nan else "")
        rows.append((panel["title"], target["refId"], str(len(result)), note))
        if not result:
            failures.append(f'{panel["title"]} {target["refId"]}: no series for {expr}')

width = max(len(r[0]) for r in rows)
print(f'{"panel":<{width}}  query  series  values')
for title, ref, count, note in rows:
    print(f"{title:<{width}}  {ref:<5}  {count:>6}  {note}")

# every metric an alert reads is exported (selectors are written name{...} in alerts.yml)
text = open(alerts).read()
exprs = re.findall(r"expr: \|\n((?:\s{10}.*\n)+)|expr: (.*)\n", text)
metrics = sorted({m for block in exprs for part in block
                  for m in re.findall(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\{", part)})
print()
print(f'{"metric read by an alert":<48}  series')
for metric in metrics:
    result, error = query(f'count({{__name__="{metric}", job="commerce"}})')
    count = int(float(result[0]["value"][1])) if result else 0
    print(f"{metric:<48}  {count:>6}")
    if error or not count:
        failures.append(f"alert metric {metric}: {error or 'not exported'}")

# and the rules evaluate without error
with urllib.request.urlopen(prom + "/api/v1/rules", timeout=30) as response:
    groups = json.load(response)["data"]["groups"]
rules = [rule for group in groups for rule in group["rules"]]
bad = [f'{r["name"]}: {r.get("lastError")}' for r in rules if r.get("health") != "ok"]
firing = [f'{r["name"]} ({r["state"]})' for r in rules if r.get("state") not in (None, "inactive")]
print()
print(f"{len(rules)} alerting rules loaded, {len(rules) - len(bad)} evaluated without error; "
      f"not inactive: {', '.join(firing) or 'none'}")
failures += [f"rule {b}" for b in bad]

if failures:
    print("\nFAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"\nAll {len(rows)} panel queries returned series; all {len(metrics)} alert metrics are exported.")
PY
echo "Dashboard check passed in $((SECONDS - started)) s."
