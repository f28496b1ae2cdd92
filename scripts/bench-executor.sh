#!/usr/bin/env bash
# A benchmark, not a test: how fast one real agent runs short tasks. Starts its own ZooKeeper,
# master and agent (separate JVMs, free ports) and prints a table: tasks/s for `true` command
# tasks, containers/s for busybox container tasks, and a bare `docker run` loop for comparison.
# Usage: scripts/bench-executor.sh [command-tasks (200)] [containers (20)]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_benchmark ExecutorBenchmark "$@"
