#!/usr/bin/env bash
# End-to-end check of the metrics path, on this machine only (127.0.0.1, free ports):
#
#   generate 3 days x 20 hosts → cut a 24 h gap before the last complete bucket → streams-app --replay (embedded
#   broker) → import the history (deploy/prometheus/import-history.sh: /api/v1/openmetrics → promtool → blocks) →
#   a real Prometheus (Debian package) scraping the app with deploy/prometheus/rules.yml → every PromQL expression
#   of the Grafana dashboard through /api/v1/query must return data → the latest allocation ratios and device counts
#   must equal the report API's numbers for that bucket → imported history must be queryable at its own times →
#   the stale-data alert must fire.
#
# The 24 h gap makes the report API's smallest window (hours-back 24, ending with the bucket) hold exactly the one
# bucket the gauges describe, with the same 24 h researcher window, so the numbers must be equal, not close.
#
#   deploy/e2e/metrics-e2e.sh            (builds the jars if they are missing; ~2-3 minutes on 2 cores)
#
# Prints one line per check; on failure one "FAIL: ..." line and exit 1. Every process it starts is stopped on exit.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
deadline_s=${METRICS_E2E_TIMEOUT:-240}
started_at=$(date +%s)
zone=America/Chicago

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }
ok() { echo "ok   $*"; }
remaining() { echo $((deadline_s - ($(date +%s) - started_at))); }

for tool in java curl jq sqlite3 promtool prometheus; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (Debian: apt-get install -y prometheus sqlite3 jq curl)"
done

work=$(mktemp -d -t gpuledger-e2e.XXXXXX)
app_pid="" prom_pid=""
cleanup() {
  local code=$?
  for pid in $prom_pid $app_pid; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  if [[ $code -ne 0 ]]; then
    echo "-- last lines of the service log ($work kept):" >&2
    tail -n 30 "$work/app.log" >&2 2>/dev/null || true
    tail -n 10 "$work/prometheus.log" >&2 2>/dev/null || true
  else
    rm -rf "$work"
  fi
  exit $code
}
trap cleanup EXIT

# Waits until "$@" succeeds, polling every 0.5 s, at most $1 seconds.
wait_for() {
  local limit=$1 what=$2
  shift 2
  local until=$(($(date +%s) + limit))
  while ! "$@" >/dev/null 2>&1; do
    [[ $(date +%s) -lt $until ]] || fail "timed out after ${limit}s waiting for $what"
    [[ -z $app_pid ]] || kill -0 "$app_pid" 2>/dev/null || fail "streams-app exited while waiting for $what"
    sleep 0.5
  done
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free port found"
}

# --- build -----------------------------------------------------------------------------------------------------
jar_app="$repo/streams-app/target/streams-app.jar"
jar_ingest="$repo/ingest/target/ingest.jar"
if [[ ! -f $jar_app || ! -f $jar_ingest ]]; then
  step "building the jars"
  (cd "$repo" && mvn -B -q -pl ingest,streams-app -am package -DskipTests) || fail "maven package failed"
fi

# --- generate --------------------------------------------------------------------------------------------------
step "generating 3 days x 20 hosts (5-minute cadence, $zone)"
java -jar "$jar_ingest" generate --out "$work/data" --start 2025-11-04 --days 3 --hosts 20 --interval-minutes 5 \
  --seed 11 --clock-zone "$zone" >"$work/generate.log" 2>&1 || fail "ingest generate failed: $(tail -n 3 "$work/generate.log")"
dbs=("$work"/data/gpu_state_*.db)
[[ -f ${dbs[0]} ]] || fail "the generator wrote no gpu_state_*.db file"

latest=""
for db in "${dbs[@]}"; do
  t=$(sqlite3 "$db" "SELECT max(timestamp) FROM gpu_state")
  [[ -z $latest || $t > $latest ]] && latest=$t
done
# Buckets on the naive wall clock: current = bucket of the latest snapshot, complete = the one before.
floor=$(date -u -d "${latest:0:16}" +%s)
current_s=$((floor - floor % 900))
complete_s=$((current_s - 900))
fmt() { date -u -d "@$1" '+%Y-%m-%d %H:%M:%S'; }
complete=$(fmt "$complete_s")
gap_from=$(fmt $((complete_s - 86400)))
for db in "${dbs[@]}"; do
  sqlite3 "$db" "DELETE FROM gpu_state WHERE timestamp >= '$gap_from' AND timestamp < '$complete'"
done
rows=0
for db in "${dbs[@]}"; do rows=$((rows + $(sqlite3 "$db" "SELECT count(*) FROM gpu_state"))); done
ok "generated $rows rows; latest snapshot $latest; complete bucket $complete; no rows in [$gap_from, $complete)"

# --- replay and serve ------------------------------------------------------------------------------------------
step "starting streams-app --replay (embedded broker)"
java -Xmx1g -jar "$jar_app" --data-dir "$work/app" --http-port 0 --bind 127.0.0.1 --replay "$work/data" \
  --collector-zone "$zone" >"$work/app.log" 2>&1 &
app_pid=$!
wait_for 120 "the HTTP port in the service log" grep -q 'gpuledger is serving on http://' "$work/app.log"
app=$(grep -o 'gpuledger is serving on http://[^/]*' "$work/app.log" | head -1 | sed 's/.* on //')
wait_for "$(remaining)" "$app/health/ready" curl -fsS --max-time 5 "$app/health/ready"
ok "replayed and ready at $app ($(($(date +%s) - started_at)) s)"

# --- history into Prometheus blocks -----------------------------------------------------------------------------
step "importing the history"
prom_data="$work/prometheus-data"
# job and instance as the scrape below will label the live samples: one series per label set on the dashboard.
"$repo/deploy/prometheus/import-history.sh" --url "$app" --data-dir "$prom_data" --from 2025-11 --to 2025-11 \
  --job gpuledger --instance "${app#http://}" --work-dir "$work/import" >"$work/import.log" 2>&1 || fail "import-history.sh: $(tail -n 2 "$work/import.log")"
history_file="$work/import/history-2025-11.om"
history_samples=$(grep -c -v '^#' "$history_file")
[[ $history_samples -gt 0 ]] || fail "the history export has no samples"
ok "$(tail -n 1 "$work/import.log")"

# --- Prometheus -------------------------------------------------------------------------------------------------
step "starting Prometheus"
prom_port=$(free_port)
prom="http://127.0.0.1:$prom_port"
cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files:
  - $repo/deploy/prometheus/rules.yml
scrape_configs:
  - job_name: gpuledger
    metrics_path: /metrics
    static_configs:
      - targets: ["${app#http://}"]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$prom_data" \
  --storage.tsdb.retention.time=20y --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
prom_pid=$!
wait_for 60 "$prom/-/ready" curl -fsS --max-time 5 "$prom/-/ready"
ok "Prometheus $(prometheus --version 2>&1 | head -1 | awk '{print $3}') at $prom"

query() { # query EXPR [TIME] → the JSON answer
  local args=(--data-urlencode "query=$1")
  [[ -z ${2:-} ]] || args+=(--data-urlencode "time=$2")
  curl -fsS --max-time 10 -G "$prom/api/v1/query" "${args[@]}"
}
has_data() { [[ $(query "$1" | jq '.data.result | length') -gt 0 ]]; }

# Rates need two scrapes in their window; Kafka Streams meters appear at the binder's rescan.
wait_for 60 "three scrapes of the app" has_data 'count_over_time(up{job="gpuledger"}[1m]) >= 3'
curl -fsS --max-time 30 "$app/api/v1/report?hours-back=1" >/dev/null || fail "GET /api/v1/report failed"

# --- every dashboard expression --------------------------------------------------------------------------------
step "dashboard queries"
dashboard="$repo/deploy/grafana/dashboards/gpuledger.json"
# Series count of EXPR, retried for up to 30 s (rates and Kafka Streams meters may need a few more scrapes).
series_within_30s() {
  local until=$(($(date +%s) + 30)) n
  while :; do
    n=$(query "$1" | jq '.data.result | length' 2>/dev/null) || n=0
    if [[ $n -gt 0 || $(date +%s) -ge $until ]]; then
      echo "$n"
      return
    fi
    sleep 1
  done
}
checked=0
while IFS=$'\t' read -r title expr; do
  promql=${expr//\$__rate_interval/1m}
  promql=${promql//\$class/.*}
  promql=${promql//\$device/.*}
  n=$(series_within_30s "$promql")
  [[ $n -gt 0 ]] || fail "dashboard panel '$title' returned no data: $promql"
  ok "$title: $n series  [$promql]"
  checked=$((checked + 1))
done < <(jq -r '.panels[] | select(.targets) | .title as $t | .targets[] | [$t, .expr] | @tsv' "$dashboard")
expected=$(jq '[.panels[] | select(.targets) | .targets[]] | length' "$dashboard")
[[ $checked -eq $expected ]] || fail "checked $checked of $expected dashboard expressions"
ok "all $checked dashboard expressions returned data"

# --- latest ratios = report API ---------------------------------------------------------------------------------
step "latest complete bucket against the report API"
end=$(date -u -d "@$((complete_s + 899))" '+%Y-%m-%d %H:%M:%S').999999
report="$work/report.json"
curl -fsS --max-time 60 -G "$app/api/v1/report" --data-urlencode "hours-back=24" --data-urlencode "end-time=$end" \
  --data-urlencode "format=json" -o "$report" || fail "GET /api/v1/report (hours-back 24, end-time $end) failed"
[[ $(jq '.metadata.num_intervals' "$report") -eq 1 ]] \
  || fail "the report window holds $(jq '.metadata.num_intervals' "$report") buckets, expected exactly the complete one"
[[ $(query 'gpuledger_bucket_start_timestamp_seconds{bucket="complete"}' | jq -r '.data.result[0].value[1]') == \
   "$(TZ=$zone date -d "$complete" +%s)" ]] || fail "the complete bucket of the gauges is not $complete"

compare() { # compare LABEL EXPECTED PROMQL
  local actual
  actual=$(query "$3" | jq -r '.data.result | if length == 1 then .[0].value[1] else "missing(\(length))" end')
  awk -v a="$actual" -v e="$2" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(a == a + 0 && d <= 1e-9) }' \
    || fail "$1: Prometheus has $actual, the report API $2 ($3)"
  ok "$1: $actual = report $2"
  compared=$((compared + 1))
}
compared=0
declare -A total_key=(["TOTAL (primary + secondary)"]=all ["Prioritized (TOTAL)"]=prioritized ["Primary"]=primary
  ["Secondary (Backfill)"]=secondary ["Open Capacity (TOTAL)"]=open_capacity)
declare -A class_key=(["Researcher-Owned Hardware"]=Priority-ResearcherOwned
  ["Researcher-Reserved Capacity"]=Priority-CHTCOwned ["Open Capacity (TOTAL)"]=Shared
  ["Researcher-Owned Hardware (secondary)"]=Backfill-ResearcherOwned
  ["Researcher-Reserved Capacity (secondary)"]=Backfill-CHTCOwned)
while IFS=$'\t' read -r label claimed available; do
  ratio=$(awk -v c="$claimed" -v a="$available" 'BEGIN { printf "%.17g", (a == 0 ? 0 : c / a) }')
  if [[ -n ${total_key[$label]:-} ]]; then
    compare "ratio $label" "$ratio" "gpuledger_total_allocation_ratio{bucket=\"complete\",total=\"${total_key[$label]}\"}"
    compare "available $label" "$available" "gpuledger_total_available_gpus{bucket=\"complete\",total=\"${total_key[$label]}\"}"
  fi
  if [[ -n ${class_key[$label]:-} ]]; then
    compare "ratio $label" "$ratio" "gpuledger_class_allocation_ratio{bucket=\"complete\",class=\"${class_key[$label]}\"}"
  fi
  if [[ $label == "Open Capacity ("*")" && $label != *TOTAL* ]]; then
    tier=${label#Open Capacity (}
    tier=${tier%)}
    compare "ratio $label" "$ratio" "gpuledger_open_capacity_allocation_ratio{bucket=\"complete\",tier=\"$tier\"}"
  fi
done < <(jq -r '.real_slots[] | [.label, .claimed, .available] | @tsv' "$report")
while IFS=$'\t' read -r class model claimed; do
  compare "claimed $class $model" "$claimed" "gpuledger_device_claimed_gpus{bucket=\"complete\",class=\"$class\",model=\"$model\"}"
done < <(jq -r '.device_stats | to_entries[] | .key as $c | .value | to_entries[] | [$c, .key, .value.avg_claimed] | @tsv' "$report")
[[ $compared -ge 10 ]] || fail "only $compared numbers compared with the report API"
ok "$compared numbers equal the report API's for $complete"

# --- imported history -------------------------------------------------------------------------------------------
step "imported history"
# A sample from the middle of the export: Prometheus must return it at its own timestamp.
line=$(grep '^gpuledger_total_allocation_ratio{.*total="all"}' "$history_file" | sed -n '100p')
[[ -n $line ]] || fail "the history has fewer than 100 buckets of the TOTAL ratio"
value=$(awk '{print $(NF-1)}' <<<"$line")
stamp=$(awk '{print $NF}' <<<"$line")
got=$(query 'gpuledger_total_allocation_ratio{bucket="complete",total="all"}' "$stamp" | jq -r '.data.result[0].value[1] // "none"')
awk -v a="$got" -v e="$value" 'BEGIN { d = a - e; if (d < 0) d = -d; exit !(a == a + 0 && d <= 1e-9) }' \
  || fail "imported history at $stamp: Prometheus has $got, the export $value"
buckets=$(grep -c '^gpuledger_total_allocation_ratio{.*total="all"}' "$history_file")
last_stamp=$(grep '^gpuledger_total_allocation_ratio{.*total="all"}' "$history_file" | tail -n 1 \
  | awk '{print $NF}')
got_buckets=$(query 'count_over_time(gpuledger_total_allocation_ratio{bucket="complete",total="all"}[30d])' \
  "$last_stamp" | jq -r '.data.result[0].value[1] // 0')
[[ $got_buckets -ge $buckets ]] || fail "Prometheus holds $got_buckets imported buckets of the TOTAL ratio, the export $buckets"
ok "history: $history_samples samples imported; $got_buckets buckets of the TOTAL ratio; value at $stamp = $got"

# --- alert rules ------------------------------------------------------------------------------------------------
step "alert rules"
# The replayed data is a year old: the no-snapshot alert must be firing.
wait_for 30 "alert GpuLedgerNoSnapshot firing" has_data 'ALERTS{alertname="GpuLedgerNoSnapshot",alertstate="firing"}'
ok "GpuLedgerNoSnapshot fires on year-old data; $(curl -fsS "$prom/api/v1/rules" | jq '[.data.groups[].rules[]] | length') rules loaded"

echo "metrics e2e: $checked dashboard queries, $compared report comparisons, history import, alerts: passed in $(($(date +%s) - started_at)) s"
