#!/usr/bin/env bash
# Runs a master (default port 5050) in the foreground: it stands for election, then leads or
# stands by. Ctrl-C stops it. Every argument passes through to `drover master`, so a second master
# beside the first is
#   scripts/run-master.sh --port 5060 --work-dir /tmp/m2
# Masters need ZooKeeper: scripts/run-zk.sh, or --zk host:port,... for an ensemble.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_jar
exec_drover master "$@"
