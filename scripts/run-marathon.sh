#!/usr/bin/env bash
# Runs a marathon scheduler node (default port 8080) in the foreground: it stands for election
# among marathon nodes, then leads (the framework of the master, serving /v2) or forwards /v2 to
# the leader. Ctrl-C stops it. Every argument passes through to `drover marathon`, so a second
# node beside the first is
#   scripts/run-marathon.sh --port 8081 --work-dir /tmp/marathon2
# It needs ZooKeeper and a master: scripts/run-zk.sh and scripts/run-master.sh.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_jar
exec_drover marathon "$@"
