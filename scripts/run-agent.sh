#!/usr/bin/env bash
# Runs an agent process (default port 5051) in the foreground: it advertises resources to the
# masters and runs tasks. Ctrl-C stops it. Every argument passes through to `drover agent`, e.g.
#   scripts/run-agent.sh --port 5052 --work-dir /tmp/a2 --resources "cpus:2;mem:2048"
# Agents need ZooKeeper: scripts/run-zk.sh, or --zk host:port,... for an ensemble.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_jar
exec_drover agent "$@"
