#!/usr/bin/env bash
# Runs the whole cluster in one process, in the foreground: embedded ZooKeeper, a master, the
# marathon scheduler and two agents (`drover local`). Ctrl-C stops it. Flags pass through, e.g. --agents 4 --port 0.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Only for the banner: what the launcher will bind, from the environment and the flags (the
# launcher prints the real URLs once it runs, which matters for port 0).
host="${DROVER_HOST:-127.0.0.1}"
port="${DROVER_PORT:-5050}"
agent_port="${DROVER_AGENT_PORT:-5051}"
marathon_port="${DROVER_MARATHON_PORT:-8080}"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  next="${args[i + 1]:-}"
  case "${args[i]}" in
    --host) host="$next" ;;
    --host=*) host="${args[i]#*=}" ;;
    --port) port="$next" ;;
    --port=*) port="${args[i]#*=}" ;;
    --agent-port) agent_port="$next" ;;
    --agent-port=*) agent_port="${args[i]#*=}" ;;
    --marathon-port) marathon_port="$next" ;;
    --marathon-port=*) marathon_port="${args[i]#*=}" ;;
  esac
done
[[ $port == 0 ]] && port="<free port>"
[[ $agent_port == 0 ]] && agent_port="<free port>"
[[ $marathon_port == 0 ]] && marathon_port="<free port>"

ensure_jar
echo "Starting Drover locally: master http://$host:$port, marathon http://$host:$marathon_port," \
  "agents :$agent_port (Ctrl-C stops)"
exec_drover local "$@"
