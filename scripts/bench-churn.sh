#!/usr/bin/env bash
# A benchmark, not a test: leaks under churn. Starts its own ZooKeeper, master, marathon and two real
# agents (separate JVMs, free ports), creates, scales and deletes apps round after round, kills and
# restarts an agent every few rounds, and prints each process's heap after GC and open fds, the
# agents' cgroup directories and the agents the master keeps, at the start and at the end.
# Usage: scripts/bench-churn.sh [rounds (50)] [apps per round (6)] [instances scaled to (3)] [restart an agent every N rounds (5)]
#        [warm-up rounds before the start's figures (1); about 60 fill the completed-task and event caches]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_benchmark ChurnBenchmark "$@"
