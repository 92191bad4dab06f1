#!/usr/bin/env bash
# Imports gpuledger's allocation history into a Prometheus data directory:
#   fetch GET /api/v1/openmetrics month by month → promtool tsdb create-blocks-from openmetrics → move the blocks.
#
#   deploy/prometheus/import-history.sh --url http://127.0.0.1:8080 --data-dir /var/lib/prometheus/metrics2 \
#       [--from YYYY-MM] [--to YYYY-MM] [--job NAME] [--instance HOST:PORT] [--work-dir DIR] [--keep]
#
# Every imported series gets the labels job (default gpuledger) and instance (default the host:port of --url), which
# Prometheus adds to what it scrapes: give the values of your scrape job, so that history and live samples form one
# series on the dashboard.
#
# Without --from/--to, the whole history the instance holds is fetched in one request. With them, one request per
# month (each a bounded computation on the server) and one promtool run per month. Series are those of the live
# /metrics with bucket="complete", one sample per 15-minute bucket stamped at the bucket's end.
#
# Prometheus must keep old samples: start it with --storage.tsdb.retention.time longer than the history (the default
# 15d deletes imported months at the next compaction). A running Prometheus loads moved blocks at its next block
# reload; restarting it loads them at once.
#
# Needs curl and promtool (Debian: apt-get install prometheus). Exits non-zero with a one-line error on any failure.
set -euo pipefail

usage() {
  echo "usage: $0 --url URL --data-dir DIR [--from YYYY-MM] [--to YYYY-MM] [--job NAME] [--instance HOST:PORT]" \
    "[--work-dir DIR] [--keep]" >&2
  exit 2
}

url="" data_dir="" from="" to="" work_dir="" keep=false job=gpuledger instance=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --url) url=${2:-}; shift 2 ;;
    --data-dir) data_dir=${2:-}; shift 2 ;;
    --from) from=${2:-}; shift 2 ;;
    --to) to=${2:-}; shift 2 ;;
    --work-dir) work_dir=${2:-}; shift 2 ;;
    --job) job=${2:-}; shift 2 ;;
    --instance) instance=${2:-}; shift 2 ;;
    --keep) keep=true; shift ;;
    -h | --help) usage ;;
    *) echo "error: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n $url && -n $data_dir ]] || usage
if [[ -n $from || -n $to ]]; then
  [[ $from =~ ^[0-9]{4}-[0-9]{2}$ && $to =~ ^[0-9]{4}-[0-9]{2}$ ]] \
    || { echo "error: --from and --to go together, as YYYY-MM: got '$from', '$to'" >&2; exit 2; }
  [[ ! $from > $to ]] || { echo "error: --from $from is after --to $to" >&2; exit 2; }
fi
if [[ -z $instance ]]; then
  instance=${url#*://}
  instance=${instance%%/*}
fi
[[ $job =~ ^[^\"\\]+$ && $instance =~ ^[^\"\\]+$ ]] || { echo "error: --job and --instance must not contain quotes or backslashes" >&2; exit 2; }
command -v promtool >/dev/null || { echo "error: promtool not found (apt-get install prometheus)" >&2; exit 1; }
command -v curl >/dev/null || { echo "error: curl not found" >&2; exit 1; }
mkdir -p "$data_dir"

if [[ -z $work_dir ]]; then
  work_dir=$(mktemp -d -t gpuledger-import.XXXXXX)
  $keep || trap 'rm -rf "$work_dir"' EXIT
fi
mkdir -p "$work_dir"

# One (from, to, name) per request: months, or everything.
requests=()
if [[ -n $from ]]; then
  month=$from
  while [[ ! $month > $to ]]; do
    next=$(date -u -d "$month-01 +1 month" +%Y-%m)
    last_day=$(date -u -d "$next-01 -1 day" +%Y-%m-%d)
    requests+=("$month-01|$last_day 23:59:59|$month")
    month=$next
  done
else
  requests+=("||all")
fi

total_samples=0
for request in "${requests[@]}"; do
  IFS='|' read -r range_from range_to name <<<"$request"
  file="$work_dir/history-$name.om"
  query=""
  if [[ -n $range_from ]]; then
    query="?from=$(printf '%s' "$range_from" | sed 's/ /%20/g')&to=$(printf '%s' "$range_to" | sed 's/ /%20/g')"
  fi
  status=$(curl -sS -o "$file" -w '%{http_code}' --max-time 1800 "$url/api/v1/openmetrics$query") \
    || { echo "error: GET $url/api/v1/openmetrics$query failed" >&2; exit 1; }
  if [[ $status != 200 ]]; then
    echo "error: GET $url/api/v1/openmetrics$query answered HTTP $status: $(head -c 300 "$file")" >&2
    exit 1
  fi
  [[ $(tail -n 1 "$file") == "# EOF" ]] || { echo "error: $name: the answer does not end with # EOF" >&2; exit 1; }
  # Scrape labels on every sample line (each series has labels, so each line has a "{").
  sed -i -e "s|^\([a-zA-Z_:][a-zA-Z0-9_:]*\){|\1{instance=\"$instance\",job=\"$job\",|" "$file"
  samples=$(grep -c -v '^#' "$file" || true)
  if [[ $samples -eq 0 ]]; then
    echo "$name: no buckets"
    continue
  fi
  blocks="$work_dir/blocks-$name"
  rm -rf "$blocks"
  promtool tsdb create-blocks-from openmetrics "$file" "$blocks" >"$work_dir/promtool-$name.log" 2>&1 \
    || { echo "error: promtool create-blocks-from failed for $name: $(tail -n 3 "$work_dir/promtool-$name.log" | tr '\n' ' ')" >&2; exit 1; }
  moved=0
  for block in "$blocks"/*/; do
    [[ -f $block/meta.json ]] || continue
    mv "$block" "$data_dir/"
    moved=$((moved + 1))
  done
  echo "$name: $samples samples in $moved blocks -> $data_dir"
  total_samples=$((total_samples + samples))
done
echo "imported $total_samples samples into $data_dir"
