#!/usr/bin/env bash
# Formats benchmark (issue 10, item 5): the same month as SQLite and as Parquet, read alone and replayed, one run.
#
#   deploy/bench/formats.sh
#
# 1. builds what it needs (kafka-local, ingest, backfill-loader jars) when missing;
# 2. generates one month as SQLite (`ingest generate --days BENCH_DAYS --hosts 120`) and converts it to Parquet
#    (`ingest convert --to parquet`): the same rows in both formats;
# 3. (a) plain read of each format: `ingest validate` (the validation scan plus the read into snapshots, every row);
# 4. starts a local broker (deploy/kafka-local/start.sh), warms it up with a week into another topic, then
#    (b) backfill-loader replays the month from each format into its own topic (until every record is acknowledged);
# 5. stops the broker and prints rows/s of (a) and (b) per format and the Parquet/SQLite ratios
#    (goals: Parquet replay >= 500,000 rows/s and >= 1.5 x the SQLite replay).
#
# Environment: BENCH_DIR (default ${TMPDIR:-/tmp}/gpuledger-bench-formats; removed at the end unless BENCH_KEEP=1),
# BENCH_HOSTS (120), BENCH_DAYS (31), LOADER_JAVA_OPTS (JVM options for the loader), JAVA (java).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/../.." && pwd)
java_bin=${JAVA:-java}
hosts=${BENCH_HOSTS:-120}
days=${BENCH_DAYS:-31}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/gpuledger-bench-formats}
read -r -a loader_opts <<<"${LOADER_JAVA_OPTS:-}"

loader_jar="$repo/backfill-loader/target/backfill-loader.jar"
ingest_jar="$repo/ingest/target/ingest.jar"
broker_jar="$repo/kafka-local/target/kafka-local.jar"
if [[ ! -f $loader_jar || ! -f $ingest_jar || ! -f $broker_jar ]]; then
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
mkdir -p "$work/sqlite" "$work/parquet"
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

echo "== generating $days days x $hosts hosts as SQLite, converting to Parquet" >&2
"$java_bin" -jar "$ingest_jar" generate --out "$work/sqlite" --days "$days" --hosts "$hosts" >"$work/generate.log"
db=$(ls "$work"/sqlite/gpu_state_*.db | head -n 1)
"$java_bin" -jar "$ingest_jar" convert --to parquet --out "$work/parquet" "$db" >&2
pq=$(ls "$work"/parquet/gpu_state_*.parquet | head -n 1)
size() { echo $(($(stat -c %s "$1" 2>/dev/null || stat -f %z "$1") / 1024 / 1024)); }

# $1 = file; prints "rows seconds" of the validation scan plus the read
plain_read() {
  local out rows scan read
  out=$("$java_bin" -jar "$ingest_jar" validate "$1")
  rows=$(sed -nE 's/^  rows ([0-9,]+) .*/\1/p' <<<"$out" | tr -d ,)
  scan=$(sed -nE 's/.*scan ([0-9.]+) s.*/\1/p' <<<"$out")
  read=$(sed -nE 's/.*read ([0-9.]+) s.*/\1/p' <<<"$out")
  echo "$rows $(awk -v a="$scan" -v b="$read" 'BEGIN { print a + b }')"
}

echo "== (a) plain reads" >&2
read -r a_sqlite_rows a_sqlite_s <<<"$(plain_read "$db")"
read -r a_parquet_rows a_parquet_s <<<"$(plain_read "$pq")"

echo "== starting a local broker" >&2
bootstrap=$("$repo/deploy/kafka-local/start.sh" "$broker_dir" | tail -n 1)
bootstrap=${bootstrap#bootstrap=}

# $1 = topic, $2 = dir; prints "rows seconds" from the loader's summary line
replay() {
  "$java_bin" "${loader_opts[@]}" -jar "$loader_jar" --db-dir "$2" --bootstrap-servers "$bootstrap" \
    --topic "$1" --checkpoint-dir "$work/checkpoints" >"$work/loader.out" 2>"$work/loader.err" || {
    cat "$work/loader.err" >&2
    exit 1
  }
  local summary
  summary=$(grep -E '^replayed ' "$work/loader.out")
  echo "$summary" >&2
  echo "$(sed -E 's/.*: ([0-9,]+) rows,.*/\1/' <<<"$summary" | tr -d ,) $(sed -E 's/.* ([0-9.]+) s, [0-9,]+ rows\/s$/\1/' <<<"$summary")"
}

echo "== warming the broker up" >&2
"$java_bin" -jar "$ingest_jar" generate --out "$work/warmup" --days 7 --hosts "$hosts" >/dev/null
replay bench-warmup "$work/warmup" >/dev/null

echo "== (b) replays" >&2
read -r b_sqlite_rows b_sqlite_s <<<"$(replay bench-sqlite "$work/sqlite")"
read -r b_parquet_rows b_parquet_s <<<"$(replay bench-parquet "$work/parquet")"

cores=$(nproc 2>/dev/null || sysctl -n hw.ncpu)
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo unknown)
awk -v cores="$cores" -v cpu="$cpu" -v java="$("$java_bin" -version 2>&1 | head -n 1)" \
  -v lb="$load_before" -v la="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" \
  -v rows="$a_sqlite_rows" -v dbmb="$(size "$db")" -v pqmb="$(size "$pq")" \
  -v as="$a_sqlite_s" -v ap="$a_parquet_s" -v ar="$a_parquet_rows" \
  -v bsr="$b_sqlite_rows" -v bs="$b_sqlite_s" -v bpr="$b_parquet_rows" -v bp="$b_parquet_s" 'BEGIN {
    printf "\nmachine: %d cores (%s), %s, load average %s before, %s after\n", cores, cpu, java, lb, la;
    printf "month:   %d rows; SQLite %d MB, Parquet %d MB\n", rows, dbmb, pqmb;
    printf "                      SQLite        Parquet      Parquet/SQLite\n";
    printf "(a) plain read    %9.0f rows/s %9.0f rows/s   %.2f\n", rows / as, ar / ap, as / ap;
    printf "(b) replay        %9.0f rows/s %9.0f rows/s   %.2f\n", bsr / bs, bpr / bp, bs / bp;
    printf "goals: Parquet replay >= 500,000 rows/s: %s; >= 1.5 x SQLite replay: %s\n",
      (bpr / bp >= 500000 ? "met" : "NOT met"), (bs / bp >= 1.5 ? "met" : "NOT met");
  }'
if [[ $b_sqlite_rows != "$b_parquet_rows" || $a_sqlite_rows != "$a_parquet_rows" ]]; then
  echo "warning: the formats gave different row counts" >&2
fi
