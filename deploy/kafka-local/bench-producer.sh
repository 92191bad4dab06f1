#!/usr/bin/env bash
# Measures the local broker on this machine (a command, not a test):
#   1. as its own JVM: cold start of start.sh on a new data dir, a producer throughput figure against it, the clean
#      stop of stop.sh, then a restart on the formatted data dir;
#   2. embedded: cold start, the same producer figure and shutdown, all inside one new JVM.
#
#   deploy/kafka-local/bench-producer.sh [RECORDS] [RECORD_SIZE_BYTES]     (default 1000000 1000)
#
# Uses 127.0.0.1 only and a temporary data directory, removed at the end (kept with KEEP_BENCH_DIR=1).
set -euo pipefail

records=${1:-1000000}
record_size=${2:-1000}
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
target="$repo_root/kafka-local/target"
bench_class=io.gpuledger.kafka.local.bench.ProducerThroughputBench

if [[ ! -f $target/kafka-local.jar || ! -d $target/test-classes/io/gpuledger/kafka/local/bench ]]; then
  echo "building kafka-local ..." >&2
  (cd "$repo_root" && mvn -B -q -pl kafka-local -am package -DskipTests) >&2
fi
classpath="$target/test-classes:$target/kafka-local.jar:$target/lib/*"

work=$(mktemp -d)
cleanup() {
  bash "$script_dir/stop.sh" "$work/broker" >/dev/null 2>&1 || true
  if [[ ${KEEP_BENCH_DIR:-} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

millis() { echo $(($(date +%s%N) / 1000000)); }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(millis)
bootstrap_line=$(bash "$script_dir/start.sh" "$work/broker" | tail -n 1)
t1=$(millis)
echo "own JVM: cold start (start.sh, new data dir, until a client can connect): $((t1 - t0)) ms"

java -Xmx1g -cp "$classpath" "$bench_class" --bootstrap-servers "${bootstrap_line#bootstrap=}" \
  --records "$records" --record-size "$record_size"

t0=$(millis)
bash "$script_dir/stop.sh" "$work/broker" 2>/dev/null
t1=$(millis)
echo "own JVM: clean stop (stop.sh, SIGTERM until the process is gone): $((t1 - t0)) ms"

t0=$(millis)
bash "$script_dir/start.sh" "$work/broker" >/dev/null
t1=$(millis)
echo "own JVM: restart on the formatted data dir: $((t1 - t0)) ms"
bash "$script_dir/stop.sh" "$work/broker" 2>/dev/null

java -Xmx1g -cp "$classpath" "$bench_class" --embedded-data-dir "$work/embedded" \
  --records "$records" --record-size "$record_size"
