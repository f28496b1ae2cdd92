#!/usr/bin/env bash
# Starts a highly available Drover on this machine, every part its own background process:
#   3 ZooKeeper members (an ensemble), 3 masters, 2 marathon nodes, 3 agents,
# each with its own ports and work directory under $DROVER_RUN_DIR/ha (default /tmp/drover-run/ha),
# and prints where everything is. scripts/stop-all.sh stops them all.
# Ports: ZooKeeper 2181-2183 (peers 2888-2890, elections 3888-3890), masters 5050/5060/5070,
# marathon 8080/8081, agents 5051-5053 with host ports 31000-31299, 31300-31599, 31600-31899.
# Every API wants the token in DROVER_TOKEN; unset, one is made once in $home/token.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if (($# > 0)); then
  echo "usage: $(basename "$0")   (no arguments; set DROVER_RUN_DIR to move the work directories)" >&2
  exit 2
fi
host=127.0.0.1
home="$DROVER_RUN_DIR/ha"
ensemble="$host:2181:2888:3888,$host:2182:2889:3889,$host:2183:2890:3890"
zk="$host:2181,$host:2182,$host:2183"

ensure_jar
ensure_token "$home"
declare -A pids=()
declare -A roles=()

# start NAME ROLE ARGS...: a background process with its work dir $home/NAME
start() {
  local name=$1 role=$2
  shift 2
  mkdir -p "$home/$name"
  rm -f "$home/$name/$role.port"
  pids[$name]="$(start_bg "$name" "$role" --work-dir "$home/$name" "$@")"
  roles[$name]=$role
}

# await NAME...: waits for each to write its port file; on failure, stops everything started
await() {
  local name
  for name in "$@"; do
    if ! port="$(wait_for_port_file "$home/$name/${roles[$name]}.port" "${pids[$name]}")"; then
      echo "$name did not start; the end of $(log_file "$name"):" >&2
      last_log_lines "$name" >&2 || true
      "$(dirname "${BASH_SOURCE[0]}")/stop-all.sh" >&2
      exit 1
    fi
    if [[ ${roles[$name]} == zk ]]; then
      printf '%-11s pid %-7s %s:%s\n' "$name" "${pids[$name]}" "$host" "$port"
    else
      printf '%-11s pid %-7s http://%s:%s\n' "$name" "${pids[$name]}" "$host" "$port"
    fi
  done
}

for i in 1 2 3; do
  start "zk-$i" zk --ensemble "$ensemble" --server-id "$i"
done
await zk-1 zk-2 zk-3
for i in 1 2 3; do
  start "master-$i" master --zk "$zk" --host "$host" --port "$((5040 + i * 10))" --master-id "master-$i"
done
for i in 1 2; do
  start "marathon-$i" marathon --zk "$zk" --host "$host" --port "808$((i - 1))" --node-id "marathon-$i"
done
for i in 1 2 3; do
  low=$((31000 + (i - 1) * 300))
  start "agent-$i" agent --zk "$zk" --host "$host" --port "505$i" \
    --resources "cpus:2;mem:2048;disk:10000;ports:[$low-$((low + 299))]"
done
await master-1 master-2 master-3 marathon-1 marathon-2 agent-1 agent-2 agent-3

echo
echo "ZooKeeper ensemble: $zk"
echo "Masters:   http://$host:5050  http://$host:5060  http://$host:5070  (any; /redirect finds the leader)"
echo "Marathon:  http://$host:8080  http://$host:8081  (any; the standby forwards to the leader)"
echo "Token:     in $home/token unless DROVER_TOKEN was set (send it as Authorization: Bearer <token>)"
echo "Logs and pids: $DROVER_RUN_DIR; work directories: $home. Stop everything: scripts/stop-all.sh"
