#!/usr/bin/env bash
# scale-agents.sh N [drover agent flags...]
# Makes exactly N extra agent processes run, named agent-1 .. agent-N in $DROVER_RUN_DIR (default
# /tmp/drover-run), beside whatever else runs. Each is
#   drover agent --port 0 --work-dir $DROVER_RUN_DIR/agent-<i> <flags...>
# Missing ones are started (and waited for until they wrote agent.port), ones above N are stopped,
# highest first; running ones are left alone, so a second run with the same N changes nothing.
# Flags only reach agents started by this run, e.g.
#   scripts/scale-agents.sh 3 --zk 127.0.0.1:2181 --resources "cpus:2;mem:2048"
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage="usage: $(basename "$0") N [drover agent flags...]  (N: how many agent processes, a whole number >= 0)"
if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "$usage" >&2
  exit 2
fi
# 10# so that "08" is eight, not a bad octal number.
target=$((10#$1))
shift
for arg in "$@"; do
  case "$arg" in
    --port | --port=* | --work-dir | --work-dir=*)
      echo "$(basename "$0"): $arg is chosen by this script (port 0, work dir $DROVER_RUN_DIR/agent-<i>)" >&2
      exit 2
      ;;
  esac
done

agent_port() {
  local file="$DROVER_RUN_DIR/$1/agent.port"
  if [[ -s $file ]]; then cat "$file"; else echo "?"; fi
}

# Which agents already run: the running ones stay as they are.
declare -A started=()
for ((i = 1; i <= target; i++)); do
  name="agent-$i"
  if pid="$(running_pid "$name")"; then
    echo "$name  pid $pid  port $(agent_port "$name")  already running"
    continue
  fi
  ensure_jar
  # The work dir stays (it holds the agent's id and checkpoints); only the old port file goes, so
  # the wait below sees the new process's port.
  mkdir -p "$DROVER_RUN_DIR/$name"
  rm -f "$DROVER_RUN_DIR/$name/agent.port"
  started[$name]="$(start_bg "$name" agent --port 0 --work-dir "$DROVER_RUN_DIR/$name" "$@")"
done

# Started all at once above, so the JVMs boot side by side; now wait for each in turn.
failed=0
for ((i = 1; i <= target; i++)); do
  name="agent-$i"
  [[ -n ${started[$name]:-} ]] || continue
  pid="${started[$name]}"
  if port="$(wait_for_port_file "$DROVER_RUN_DIR/$name/agent.port" "$pid")"; then
    echo "$name  pid $pid  port $port  started"
  else
    echo "$name  did not start; the end of $(log_file "$name"):" >&2
    last_log_lines "$name" >&2 || true
    # A process that never came up is not left behind half-started.
    if is_drover_pid "$pid"; then stop_bg "$(pid_file "$name")" >/dev/null; else rm -f "$(pid_file "$name")"; fi
    failed=1
  fi
done

# Agents above N, highest first, so the numbers stay 1..N without gaps.
extra=()
shopt -s nullglob
for file in "$DROVER_RUN_DIR"/agent-*.pid; do
  n="${file##*/agent-}"
  n="${n%.pid}"
  if [[ $n =~ ^[0-9]+$ ]] && ((10#$n > target)); then
    extra+=("$((10#$n))")
  fi
done
if ((${#extra[@]} > 0)); then
  while read -r n; do
    stop_bg "$(pid_file "agent-$n")"
  done < <(printf '%s\n' "${extra[@]}" | sort -rn)
fi

exit "$failed"
