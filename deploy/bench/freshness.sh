#!/usr/bin/env bash
# Freshness of the live path (issue 11): one command from a clean clone.
#
#   deploy/bench/freshness.sh              # 20 tries idle, 20 tries during a replay of 31 days x 120 hosts
#
# In one JVM (LiveFreshnessBenchmark): an embedded broker, one streams-app instance with its default settings, and
# ingest live's publisher. Each try publishes the example pool (ingest/src/test/resources/live/pool-collection.json,
# 16 rows) stamped now and times until the report API (total_records of the last hour) and /metrics
# (gpuledger_latest_snapshot_timestamp_seconds) reflect it. Prints median and max per phase, the replay's rows/s and
# when the service had processed all of it. Goals: <= 1 s median, <= 3 s max, with a replay at >= 200 K rows/s.
#
# Arguments (optional): TRIES HOSTS DAYS MAX_ROWS_PER_SECOND (20 120 31 0): the last paces the replay as the loader's
# --max-rows-per-second does (0 = full speed), e.g. `deploy/bench/freshness.sh 20 120 7 30000`. Environment: BENCH_HEAP (2g), JAVA (java).
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/../.." && pwd)
java_bin=${JAVA:-java}
heap=${BENCH_HEAP:-2g}
bench_class="$repo/streams-app/target/test-classes/io/gpuledger/streams/bench/LiveFreshnessBenchmark.class"
classpath_file="$repo/streams-app/target/bench-classpath.txt"

if [[ ! -f $bench_class || ! -f $classpath_file ]]; then
  echo "building (mvn -B -q -pl streams-app -am test-compile; test classpath) ..." >&2
  # In one reactor run, so that the sibling modules resolve to their target/ directories (nothing is installed).
  (cd "$repo" && mvn -B -q -pl streams-app -am test-compile dependency:build-classpath \
     -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test) >&2
fi

echo "== machine: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$java_bin" -Xmx"$heap" -cp "$repo/streams-app/target/test-classes:$repo/streams-app/target/classes:$(cat "$classpath_file")" \
  io.gpuledger.streams.bench.LiveFreshnessBenchmark "$@"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
