#!/usr/bin/env bash
# The one command that runs every test: unit tests beside the code and the integration tests in
# it/ (real JVM processes on an embedded ZooKeeper), through `mvn -B verify`. Extra arguments go
# to Maven, e.g. scripts/test.sh -pl verticles/allocator -am
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Where the Docker executor's suites will get their engine. When they exist: as root, apt-get
# install docker.io and start dockerd unless it already answers; otherwise skip those suites and
# say so. Until then there is nothing to prepare, and nothing is installed.
prepare_docker() {
  echo "test.sh: no test suite needs Docker yet; nothing to prepare"
}

# Where the dashboard's browser suites will get a headless Chromium. When they exist: as root,
# apt-get install chromium; otherwise skip those suites and say so. Until then nothing to do.
prepare_chromium() {
  echo "test.sh: no test suite needs Chromium yet; nothing to prepare"
}

require_java
require_mvn
prepare_docker
prepare_chromium
cd "$DROVER_HOME"
exec mvn -B verify "$@"
