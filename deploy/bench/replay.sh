#!/usr/bin/env bash
# Replay throughput benchmark (issue 3, item 4): one command from a clean clone.
#
#   deploy/bench/replay.sh
#
# 1. builds what it needs (kafka-local, ingest, backfill-loader jars and test classes) when missing;
# 2. generates one realistic month: `ingest generate --days 31 --hosts 120` (~5.3 M rows, ~1 GB);
# 3. starts a local broker (deploy/kafka-local/start.sh) and warms it up; then, BENCH_RUNS times (best kept):
#    (a) a plain sqlite-jdbc full scan of that file (JdbcScanBench: every column, every value, rowid order);
#    (b) backfill-loader replaying the month into the broker
#        (validation scan, JSON, lz4, idempotent acks=all producer; until every record is acknowledged);
# 4. stops the broker, prints the machine, rows/s of (a) and (b) and the time ratio b/a (goal: b >= 250,000 rows/s, b/a <= 1.5).
#
# (b)'s time is the loader's own: from its start (connect, topic creation) through the validation scan to the last
# acknowledgement; (a)'s is the scan's. The broker is warmed up first with a 7-day replay into another topic (a cold
# broker JIT-compiles its produce path during the first seconds and slows the first replay by several seconds).
#
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/gpuledger-bench-replay; removed at the end unless BENCH_KEEP=1),
# BENCH_HOSTS (120), BENCH_DAYS (31), BENCH_RUNS (2; best of N for both), LOADER_JAVA_OPTS (JVM options for the
# loader, default none), JAVA (java).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/../.." && pwd)
java_bin=${JAVA:-java}
hosts=${BENCH_HOSTS:-120}
days=${BENCH_DAYS:-31}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/gpuledger-bench-replay}
runs=${BENCH_RUNS:-2}
read -r -a loader_opts <<<"${LOADER_JAVA_OPTS:-}"

loader_jar="$repo/backfill-loader/target/backfill-loader.jar"
ingest_jar="$repo/ingest/target/ingest.jar"
broker_jar="$repo/kafka-local/target/kafka-local.jar"
scan_class="$repo/backfill-loader/target/test-classes/io/gpuledger/backfill/bench/JdbcScanBench.class"

if [[ ! -f $loader_jar || ! -f $ingest_jar || ! -f $broker_jar || ! -f $scan_class ]]; then
  echo "building (mvn -B -q -pl backfill-loader,kafka-local -am package -DskipTests) ..." >&2
  (cd "$repo" && mvn -B -q -pl backfill-loader,kafka-local -am package -DskipTests) >&2
fi

broker_dir="$work/kafka"
cleanup() {
  if [[ -f $broker_dir/broker.pid ]]; then
    "$repo/deploy/kafka-local/stop.sh" "$broker_dir" >/dev/null 2>&1 || true
  fi
  if [[ ${BENCH_KEEP:-0} != 1 ]]; then
    rm -rf "$work"
  fi
}
trap cleanup EXIT

rm -rf "$work"
mkdir -p "$work/month"

echo "== generating $days days x $hosts hosts into $work/month" >&2
"$java_bin" -jar "$ingest_jar" generate --out "$work/month" --days "$days" --hosts "$hosts" >"$work/generate.log"
grep -E '^(Total|Time):' "$work/generate.log" >&2 || true
file=$(ls "$work"/month/gpu_state_*.db | head -n 1)
size_mb=$(($(stat -c %s "$file" 2>/dev/null || stat -f %z "$file") / 1024 / 1024))

run_scan() {
  "$java_bin" -cp "$repo/backfill-loader/target/test-classes:$repo/backfill-loader/target/lib/*" \
    io.gpuledger.backfill.bench.JdbcScanBench "$file"
}

# $1 = topic, $2 = db dir; prints the summary line, keeps the output in $work/loader.out/.err
run_loader() {
  "$java_bin" "${loader_opts[@]}" -jar "$loader_jar" --db-dir "$2" --bootstrap-servers "$bootstrap" \
    --topic "$1" --checkpoint-dir "$work/checkpoints" >"$work/loader.out" 2>"$work/loader.err" || {
    cat "$work/loader.err" >&2
    exit 1
  }
  grep -E '^replayed ' "$work/loader.out"
}

echo "== starting a local broker" >&2
bootstrap=$("$repo/deploy/kafka-local/start.sh" "$broker_dir" | tail -n 1)
bootstrap=${bootstrap#bootstrap=}

# A broker serves for months: warm its produce path (JIT) with a week of the same pool, into another topic.
echo "== warming the broker up" >&2
"$java_bin" -jar "$ingest_jar" generate --out "$work/warmup" --days 7 --hosts "$hosts" >/dev/null
run_loader bench-warmup "$work/warmup" >&2

# The month was just written: its pages are in the page cache for both measurements alike. Best of BENCH_RUNS.
a_seconds="" b_seconds="" b_rows=0 a_rows=0
broker_pid=$(cat "$broker_dir/broker.pid")
for run in $(seq 1 "$runs"); do
  echo "== run $run/$runs: (a) plain sqlite-jdbc full scan" >&2
  scan=$(run_scan)
  echo "$scan" >&2
  a_rows=$(sed -E 's/.*rows=([0-9]+).*/\1/' <<<"$scan")
  seconds=$(sed -E 's/.*seconds=([0-9.]+).*/\1/' <<<"$scan")
  if [[ -z $a_seconds ]] || awk -v x="$seconds" -v y="$a_seconds" 'BEGIN { exit !(x < y) }'; then
    a_seconds=$seconds
  fi

  echo "== run $run/$runs: (b) backfill-loader into $bootstrap" >&2
  cpu_before=$(awk '{ print $14 + $15 }' "/proc/$broker_pid/stat" 2>/dev/null || echo 0)
  summary=$(run_loader "gpu.host-snapshots-$run" "$work/month")
  cpu_after=$(awk '{ print $14 + $15 }' "/proc/$broker_pid/stat" 2>/dev/null || echo 0)
  echo "$summary (broker CPU $(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }') s)" >&2
  b_rows=$(sed -E 's/.*: ([0-9,]+) rows,.*/\1/' <<<"$summary" | tr -d ,)
  seconds=$(sed -E 's/.* ([0-9.]+) s, [0-9,]+ rows\/s$/\1/' <<<"$summary")
  if [[ -z $b_seconds ]] || awk -v x="$seconds" -v y="$b_seconds" 'BEGIN { exit !(x < y) }'; then
    b_seconds=$seconds
    broker_cpu=$(awk -v t=$((cpu_after - cpu_before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f s", t / hz }')
  fi
done

cores=$(nproc 2>/dev/null || sysctl -n hw.ncpu)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)
java_version=$("$java_bin" -version 2>&1 | head -n 1)

awk -v ar="$a_rows" -v as="$a_seconds" -v br="$b_rows" -v bs="$b_seconds" -v cores="$cores" -v cpu="$cpu" \
  -v java="$java_version" -v load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" \
  -v size="$size_mb" -v bcpu="$broker_cpu" -v hosts="$hosts" -v runs="$runs" 'BEGIN {
    ra = ar / as; rb = br / bs; ratio = bs / as;
    printf "\nmachine: %d cores (%s), %s, load average %s\n", cores, cpu, java, load;
    printf "month:   %d rows, %d MB (generated: %s hosts)\n", ar, size, hosts;
    printf "(a) sqlite-jdbc full scan:         %6.2f s  %9.0f rows/s%s\n", as, ra, (runs > 1 ? "  (best of " runs ")" : "");
    printf "(b) backfill-loader into Kafka:    %6.2f s  %9.0f rows/s  (broker CPU %s)%s\n", bs, rb, bcpu, (runs > 1 ? "  (best of " runs ")" : "");
    printf "time ratio b/a: %.2f   (goals: b >= 250,000 rows/s: %s; b/a <= 1.5: %s)\n", ratio,
      (rb >= 250000 ? "met" : "NOT met"), (ratio <= 1.5 ? "met" : "NOT met");
  }'
if [[ $a_rows != "$b_rows" ]]; then
  echo "warning: the scan read $a_rows rows but the loader acknowledged $b_rows" >&2
fi
