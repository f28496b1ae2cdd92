#!/usr/bin/env bash
# Runs an embedded standalone ZooKeeper server (dev only; default port 2181) in the foreground;
# Ctrl-C stops it. Every argument passes through to `drover zk`, e.g.
#   scripts/run-zk.sh --port 2182 --work-dir /tmp/zk2
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_jar
exec_drover zk "$@"
