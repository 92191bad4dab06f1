#!/usr/bin/env bash
# Starts the local single-node Kafka broker (module kafka-local) as its own background process.
#
#   deploy/kafka-local/start.sh DATA_DIR [PORT]
#
# Waits until a client can use it, then prints `bootstrap=127.0.0.1:PORT` as its last line. The broker keeps its
# data in DATA_DIR (formatted on first start, kept after), its pid in DATA_DIR/broker.pid and its log in
# DATA_DIR/kafka-local.log (the previous run's in kafka-local.log.1). Stop it with deploy/kafka-local/stop.sh DATA_DIR.
#
# Environment: KAFKA_LOCAL_START_TIMEOUT (seconds, default 120), KAFKA_LOCAL_JAVA_OPTS (default -Xms256m -Xmx1g),
# KAFKA_LOCAL_LOG_LEVEL (the broker's own loggers, default WARN), JAVA (default java).
set -euo pipefail

usage() {
  echo "usage: $0 DATA_DIR [PORT]" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
port=${2:-0}
if [[ ! $port =~ ^[0-9]+$ ]] || ((port > 65535)); then
  echo "error: PORT must be 0-65535, got '$port'" >&2
  exit 2
fi

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
jar="$repo_root/kafka-local/target/kafka-local.jar"
timeout_s=${KAFKA_LOCAL_START_TIMEOUT:-120}
java_bin=${JAVA:-java}
read -r -a java_opts <<<"${KAFKA_LOCAL_JAVA_OPTS:--Xms256m -Xmx1g}"

# kill -0 also succeeds for a zombie (exited, not yet reaped by its parent): that one counts as gone.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
  [[ $state != Z ]]
}

mkdir -p "$1"
data_dir=$(cd "$1" && pwd)
pid_file="$data_dir/broker.pid"
log_file="$data_dir/kafka-local.log"

if [[ -f $pid_file ]]; then
  old_pid=$(<"$pid_file")
  if [[ $old_pid =~ ^[0-9]+$ ]] && alive "$old_pid"; then
    echo "error: a broker already runs with its data in $data_dir (pid $old_pid); stop it with $script_dir/stop.sh $data_dir" >&2
    exit 1
  fi
fi

if [[ ! -f $jar ]]; then
  echo "building $jar (first run) ..." >&2
  (cd "$repo_root" && mvn -B -q -pl kafka-local -am package -DskipTests) >&2
fi

# The previous run's log is kept as .1. Start from an empty file made here, not by the background process's own
# redirection, which may happen after the loop below has already read the old file's bootstrap line.
if [[ -f $log_file ]]; then
  mv -f "$log_file" "$log_file.1"
fi
: >"$log_file"

# nohup: the broker outlives this script and the terminal it was started from.
nohup "$java_bin" "${java_opts[@]}" -jar "$jar" --data-dir "$data_dir" --port "$port" \
  --log-level "${KAFKA_LOCAL_LOG_LEVEL:-WARN}" >>"$log_file" 2>&1 </dev/null &
pid=$!

deadline=$((SECONDS + timeout_s))
bootstrap_line=""
while [[ -z $bootstrap_line ]]; do
  bootstrap_line=$(grep -m1 '^bootstrap=' "$log_file" 2>/dev/null || true)
  [[ -n $bootstrap_line ]] && break
  if ! alive "$pid"; then
    echo "error: the broker exited during startup; last lines of $log_file:" >&2
    tail -n 20 "$log_file" >&2 || true
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "error: the broker was not ready within ${timeout_s}s; stopping pid $pid (log: $log_file)" >&2
    kill -TERM "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.2
done

# KafkaLocalMain writes the pid file before it starts the broker; make sure it is this process's.
if [[ ! -f $pid_file || $(<"$pid_file") != "$pid" ]]; then
  echo "error: $pid_file does not hold the broker's pid $pid; stopping it (log: $log_file)" >&2
  kill -TERM "$pid" 2>/dev/null || true
  exit 1
fi

echo "kafka-local: pid $pid, data in $data_dir, log in $log_file" >&2
echo "$bootstrap_line"
