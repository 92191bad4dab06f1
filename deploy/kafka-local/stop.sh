#!/usr/bin/env bash
# Stops the broker that deploy/kafka-local/start.sh started on DATA_DIR: SIGTERM (the broker shuts down cleanly),
# a bounded wait, then SIGKILL with a warning. Removes DATA_DIR/broker.pid. Succeeds when nothing runs.
#
#   deploy/kafka-local/stop.sh DATA_DIR
#
# Environment: KAFKA_LOCAL_STOP_TIMEOUT (seconds before SIGKILL, default 30).
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 DATA_DIR" >&2; exit 2; }
data_dir=$1
pid_file="$data_dir/broker.pid"
timeout_s=${KAFKA_LOCAL_STOP_TIMEOUT:-30}

# kill -0 also succeeds for a zombie (exited, not yet reaped by its parent): that one counts as stopped.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
  [[ $state != Z ]]
}

if [[ ! -f $pid_file ]]; then
  echo "no broker.pid in $data_dir: nothing to stop" >&2
  exit 0
fi

pid=$(<"$pid_file")
if [[ ! $pid =~ ^[0-9]+$ ]]; then
  echo "error: $pid_file does not hold a pid: '$pid'" >&2
  exit 1
fi

if ! alive "$pid"; then
  echo "broker pid $pid is not running; removing stale $pid_file" >&2
  rm -f "$pid_file"
  exit 0
fi

# A pid file outliving its broker may name an unrelated process by now: only signal our own main class.
if [[ -r /proc/$pid/cmdline ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka-local'; then
  echo "error: pid $pid from $pid_file is not a kafka-local broker; not stopping it" >&2
  exit 1
fi

kill -TERM "$pid"
deadline=$((SECONDS + timeout_s))
while alive "$pid"; do
  if ((SECONDS >= deadline)); then
    echo "warning: broker pid $pid did not stop within ${timeout_s}s of SIGTERM; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    kill_deadline=$((SECONDS + 10))
    while alive "$pid"; do
      if ((SECONDS >= kill_deadline)); then
        echo "error: broker pid $pid still runs after SIGKILL" >&2
        exit 1
      fi
      sleep 0.1
    done
    break
  fi
  sleep 0.1
done

rm -f "$pid_file"
echo "stopped broker pid $pid ($data_dir)" >&2
