#!/usr/bin/env bash
# Benchmarks, not tests: starts what each scenario needs (ZooKeeper, masters, marathon, emulated and
# real agents, Docker Swarm for PEER) as separate processes, runs each several times, and writes
# target/bench/report.md, report.json and PNG charts (see README, "Benchmarks").
# Usage: scripts/bench.sh [--quick|--full] [--runs N] [S1 S2 S3 S4 S5 S6 S7 PEER]
#   --quick   tiny sizes, one run each: keeps the harness working in a few minutes
#   --full    the issue's sizes where they exceed the standard ones (S3: 100,000 tasks, S6: 10,000 apps)
# PEER needs a running Docker engine with the drover/busybox image (scripts/test.sh makes both as root).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_benchmark ClusterBenchmark "$@"
