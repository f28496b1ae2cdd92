#!/usr/bin/env bash
# A benchmark, not a test: how fast one real agent runs short tasks. Starts its own ZooKeeper,
# master and agent (separate JVMs, free ports) and prints a table: tasks/s for `true` command
# tasks, containers/s for busybox container tasks, and a bare `docker run` loop for comparison.
# Usage: scripts/bench-executor.sh [command-tasks (200)] [containers (20)]
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_java
require_mvn
ensure_jar
cd "$DROVER_HOME"
mvn -q -B -Dstyle.color=never -pl it test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), drover $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
cd it
exec java -cp "target/test-classes:$(cat target/bench.classpath)" -Ddrover.jar="$JAR" \
  io.drover.it.ExecutorBenchmark "$@"
