#!/usr/bin/env bash
# A benchmark, not a test: the dashboard at scale. Starts its own ZooKeeper, master, marathon and one
# process of emulated agents (separate JVMs, free ports), deploys one app over them and drives the
# page in a headless Chromium (/usr/bin/chromium and chromedriver), printing a table of figures.
# Usage: scripts/bench-dashboard.sh [agents (1000)] [instances (10000)]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

run_benchmark DashboardBenchmark "$@"
