#!/usr/bin/env bash
# The one command that runs every test: unit tests beside the code and the integration tests in
# it/ (real JVM processes on an embedded ZooKeeper), through `mvn -B verify`. Extra arguments go
# to Maven, e.g. scripts/test.sh -pl verticles/allocator -am
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The Docker suites need an engine and a local test image (no registry is reachable here). As root
# (as CI runs), install docker.io and busybox-static when missing and start dockerd unless one
# answers; otherwise the suites are skipped, and say so. DROVER_DOCKER_TESTS tells the tests which.
# The private-registry suite also runs Debian's docker-registry with an htpasswd file (apache2-utils).
DOCKER_TEST_IMAGE=drover/busybox:latest
STARTED_DOCKERD=""

prepare_docker() {
  if ! docker info >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "test.sh: SKIPPING the Docker suites: no Docker engine answers, and installing one needs root"
      export DROVER_DOCKER_TESTS=skip
      return
    fi
    if ! command -v dockerd >/dev/null 2>&1 || [ ! -x /bin/busybox ]; then
      echo "test.sh: installing docker.io and busybox-static from Debian's packages"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io busybox-static >/dev/null
    fi
    mkdir -p "$DROVER_RUN_DIR"
    # a dockerd that was killed leaves its pid file behind, and the next one refuses to start
    if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
      rm -f /var/run/docker.pid
    fi
    echo "test.sh: starting dockerd (log: $DROVER_RUN_DIR/dockerd.log)"
    dockerd --iptables=false >"$DROVER_RUN_DIR/dockerd.log" 2>&1 &
    STARTED_DOCKERD=$!
    local waited=0
    until docker info >/dev/null 2>&1; do
      waited=$((waited + 1))
      kill -0 "$STARTED_DOCKERD" 2>/dev/null || die "dockerd exited: $(tail -1 "$DROVER_RUN_DIR/dockerd.log")"
      [ "$waited" -le 120 ] || die "dockerd did not answer within 60 s; see $DROVER_RUN_DIR/dockerd.log"
      sleep 0.5
    done
  fi
  if ! docker image inspect "$DOCKER_TEST_IMAGE" >/dev/null 2>&1; then
    echo "test.sh: building the test image $DOCKER_TEST_IMAGE from /bin/busybox"
    local root
    root=$(mktemp -d)
    mkdir -p "$root/bin" "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    for tool in sh sleep echo cat true false ls env dd head yes; do
      ln -s busybox "$root/bin/$tool"
    done
    tar -C "$root" -cf "$root.tar" .
    docker import "$root.tar" "$DOCKER_TEST_IMAGE" >/dev/null
    rm -rf "$root" "$root.tar"
  fi
  prepare_registry
  export DROVER_DOCKER_TESTS=run
}

# Apart from the engine's packages: an engine that already answers installs nothing above.
prepare_registry() {
  if [ -x /usr/bin/docker-registry ] && command -v htpasswd >/dev/null 2>&1; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "test.sh: SKIPPING the private-registry suite: docker-registry and apache2-utils are missing, and installing them needs root"
    return
  fi
  echo "test.sh: installing docker-registry and apache2-utils from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry apache2-utils >/dev/null
}

stop_dockerd() {
  if [ -n "$STARTED_DOCKERD" ]; then
    kill "$STARTED_DOCKERD" 2>/dev/null || true
  fi
}

# The browser suites drive a real headless Chromium through chromedriver, both from Debian's
# packages. As root (as CI runs), install them when missing; otherwise the suites are skipped, and
# say so. DROVER_BROWSER_TESTS tells the tests which.
prepare_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "test.sh: SKIPPING the browser suites: chromium and chromium-driver are missing, and installing them needs root"
      export DROVER_BROWSER_TESTS=skip
      return
    fi
    echo "test.sh: installing chromium and chromium-driver from Debian's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  export DROVER_BROWSER_TESTS=run
}

require_java
require_mvn
require_npm
trap stop_dockerd EXIT
prepare_docker
prepare_chromium
cd "$DROVER_HOME"
mvn -B verify "$@"
