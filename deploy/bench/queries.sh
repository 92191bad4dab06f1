#!/usr/bin/env bash
# Query benchmark (issue 4): one command from a clean clone.
#
#   deploy/bench/queries.sh                 # 2 months x 120 hosts: 24 h, 7 d, 30 d allocation and a monthly report
#   BENCH_DAYS=365 deploy/bench/queries.sh  # a year x 120 hosts: adds the 365-day window (the 1 s / 1 GB goal)
#
# 1. builds what it needs (jars and test classes) when missing;
# 2. generates BENCH_DAYS days x BENCH_HOSTS hosts at a 5-minute cadence (`ingest generate`, seed 42);
# 3. starts streams-app with its embedded broker and `--replay` of those files (the backfill-loader library, the
#    topology running in the same JVM), with the heap capped at BENCH_HEAP (default 1g), and records the replay's
#    rows/s and the time until /health/ready (every record processed and rolled up);
# 4. times each report 20 times after 2 s of warm-up requests, one request at a time, over HTTP on loopback (JSON
#    included), and prints median/min/max and the instance's heap use;
# 5. stops the instance and removes its data (unless BENCH_KEEP=1).
#
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/gpuledger-bench-queries), BENCH_HOSTS (120), BENCH_DAYS (61),
# BENCH_HEAP (1g), BENCH_PORT (18088), JAVA (java).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/../.." && pwd)
java_bin=${JAVA:-java}
hosts=${BENCH_HOSTS:-120}
days=${BENCH_DAYS:-61}
heap=${BENCH_HEAP:-1g}
port=${BENCH_PORT:-18088}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/gpuledger-bench-queries}

app_jar="$repo/streams-app/target/streams-app.jar"
ingest_jar="$repo/ingest/target/ingest.jar"
bench_class="$repo/streams-app/target/test-classes/io/gpuledger/streams/bench/ReportTimingBenchmark.class"
if [[ ! -f $app_jar || ! -f $ingest_jar || ! -f $bench_class ]]; then
  echo "building (mvn -B -q package -DskipTests, test classes included) ..." >&2
  (cd "$repo" && mvn -B -q package -DskipTests) >&2
fi

app_pid=""
cleanup() {
  if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$app_pid" 2>/dev/null || true
  fi
  if [[ ${BENCH_KEEP:-0} != 1 ]]; then rm -rf "$work"; fi
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work/files"
start_date=2025-10-01
echo "== generating $days days x $hosts hosts from $start_date into $work/files" >&2
"$java_bin" -jar "$ingest_jar" generate --out "$work/files" --start "$start_date" --days "$days" --hosts "$hosts" \
  >"$work/generate.log"
grep -E '^(Total|Time):' "$work/generate.log" >&2 || true
rows=$(grep -E '^Total:' "$work/generate.log" | sed -E 's/Total: ([0-9,]+) rows.*/\1/' | tr -d ,)

echo "== starting streams-app (-Xmx$heap) with --replay; replay and processing share the JVM" >&2
started=$(date +%s.%N)
"$java_bin" "-Xmx$heap" -jar "$app_jar" --data-dir "$work/data" --replay "$work/files" --http-port "$port" \
  >"$work/app.out" 2>"$work/app.err" &
app_pid=$!
base="http://127.0.0.1:$port/"
for _ in $(seq 1 7200); do
  if grep -q 'is ready after' "$work/app.out" 2>/dev/null; then break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "streams-app stopped:" >&2; tail -20 "$work/app.err" >&2; exit 1; fi
  sleep 0.5
done
grep -q 'is ready after' "$work/app.out" || { echo "streams-app not ready in time" >&2; exit 1; }
ready=$(date +%s.%N)
replay_line=$(grep -E '^replayed ' "$work/app.out" || true)

hours=(24 168 720)
if (( days >= 365 )); then hours+=(8760); fi
monthly=()
if (( days >= 31 )); then monthly=(--monthly "${start_date:0:7}"); fi   # the first month is complete

echo "== timing reports" >&2
timing=$("$java_bin" -cp "$repo/streams-app/target/test-classes:$repo/streams-app/target/classes:$repo/streams-app/target/lib/*" \
  io.gpuledger.streams.bench.ReportTimingBenchmark "$base" "${hours[@]}" "${monthly[@]}")

cores=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo
echo "machine: $cores cores ($cpu), $("$java_bin" -version 2>&1 | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $days days x $hosts hosts, $(printf "%'d" "$rows") rows; instance heap capped at $heap"
echo "replay into the embedded broker with the topology in the same JVM: ${replay_line:-?}"
awk -v r="$rows" -v s="$started" -v e="$ready" 'BEGIN { printf "start to ready (generated files replayed, processed and rolled up): %.1f s, %.0f rows/s end to end\n", e - s, r / (e - s) }'
echo "$timing"
