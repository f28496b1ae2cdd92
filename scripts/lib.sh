# shellcheck shell=bash
# Sourced by the other scripts in scripts/: where Drover lives, how to build the jar, and how to
# run drover processes in the background with a pid file and a log. Sourcing has no side effects
# beyond setting variables.

# The repo root, from this file's location, so the scripts work from any current directory. The
# launcher reads $DROVER_HOME/conf/<role>.json when no --conf is given.
DROVER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DROVER_HOME
JAR="$DROVER_HOME/verticles/launcher/target/drover.jar"

# Background processes started by the scripts keep <name>.pid and <name>.log here.
DROVER_RUN_DIR="${DROVER_RUN_DIR:-/tmp/drover-run}"
# Extra JVM options for every drover process the scripts start, e.g. "-Xmx256m".
DROVER_JAVA_OPTS="${DROVER_JAVA_OPTS:-}"
# How long a background process may take to write its port file (a loaded 2-core machine needs a while).
DROVER_START_TIMEOUT_S="${DROVER_START_TIMEOUT_S:-120}"
# How long a process gets after SIGTERM before SIGKILL.
DROVER_STOP_TIMEOUT_S="${DROVER_STOP_TIMEOUT_S:-15}"

# Short, so waiting for a condition costs little more than the condition itself.
POLL_INTERVAL_S=0.2
REQUIRED_JAVA=17

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

require_java() {
  command -v java >/dev/null 2>&1 ||
    die "java not found on PATH: install a JDK $REQUIRED_JAVA or newer (Debian: apt-get install openjdk-17-jdk-headless)"
  local version
  version="$(java -version 2>&1 | head -n 1)"
  # "1.8.0_292" reads as 1, which is what we want: too old.
  if [[ $version =~ version\ \"([0-9]+) ]] && ((BASH_REMATCH[1] < REQUIRED_JAVA)); then
    die "Java $REQUIRED_JAVA or newer is needed, found: $version"
  fi
}

require_mvn() {
  command -v mvn >/dev/null 2>&1 ||
    die "mvn not found on PATH: install Maven 3.8 or newer (Debian: apt-get install maven)"
}

# The dashboard's front-end libraries come from the npm registry at build time (web-ui/package.json).
require_npm() {
  command -v npm >/dev/null 2>&1 ||
    die "npm not found on PATH: the build fetches the dashboard's libraries with it (Debian: apt-get install npm)"
}

# Prints the first build input (a pom.xml or a file under a module's src/) newer than the jar.
newer_build_input() {
  find "$DROVER_HOME/pom.xml" "$DROVER_HOME/verticles" "$DROVER_HOME/web-ui" \
    -name node_modules -prune -o \
    -name target -prune -o \
    -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$JAR" -print -quit
}

# Builds the jar when it is missing or older than its sources, so the scripts never run stale code.
ensure_jar() {
  require_java
  # DROVER_NO_BUILD=1: use the jar as it is (tests that run the scripts must not start a nested build).
  if [[ ${DROVER_NO_BUILD:-} == 1 ]]; then
    [[ -f $JAR ]] || die "$JAR is missing and DROVER_NO_BUILD=1 forbids building it"
    return 0
  fi
  if [[ -f $JAR && -z "$(newer_build_input)" ]]; then
    return 0
  fi
  require_mvn
  require_npm
  echo "Building Drover (mvn -B -DskipTests install in $DROVER_HOME); the first build downloads its" \
    "dependencies and takes a few minutes. Module by module:"
  # one line per module and every error, instead of minutes of silence or pages of downloads
  (cd "$DROVER_HOME" && mvn -B -ntp -Dstyle.color=never -DskipTests install |
    grep --line-buffered -E '^\[INFO\] Building |^\[ERROR\]|BUILD (SUCCESS|FAILURE)|Total time') ||
    die "the build failed"
  [[ -f $JAR ]] || die "the build finished but $JAR is missing"
}

# The command that runs the launcher, in the array DROVER_JAVA; DROVER_JAVA_OPTS is split on
# whitespace on purpose (options with spaces inside are not supported).
set_drover_java() {
  local -a opts=()
  read -r -a opts <<<"$DROVER_JAVA_OPTS"
  DROVER_JAVA=(java "${opts[@]}" -jar "$JAR")
}

# exec_drover ARGS...: replaces this shell with `drover ARGS...`, so Ctrl-C reaches the JVM.
exec_drover() {
  set_drover_java
  exec "${DROVER_JAVA[@]}" "$@"
}

# ensure_token DIR: exports DROVER_TOKEN, the operator token every process of the cluster requires;
# unless it is set already, it is DIR/token, made once (readable by its owner only).
ensure_token() {
  if [[ -z ${DROVER_TOKEN:-} ]]; then
    mkdir -p "$1"
    if [[ ! -s $1/token ]]; then
      (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '=+/\n' >"$1/token")
    fi
    DROVER_TOKEN="$(cat "$1/token")"
  fi
  export DROVER_TOKEN
}

pid_file() { echo "$DROVER_RUN_DIR/$1.pid"; }
log_file() { echo "$DROVER_RUN_DIR/$1.log"; }

# The end of name's log, from its latest start only (start_bg appends, marking each start "=== ").
last_log_lines() {
  awk '/^=== /{run = ""} {run = run $0 "\n"} END {printf "%s", run}' "$(log_file "$1")" | tail -n "${2:-20}"
}

# True when pid is a live drover JVM. A pid file may outlive its process and the pid be reused by
# something else: never signal a process that is not ours.
is_drover_pid() {
  local pid=$1 args
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  # -ww: the whole command line, however narrow COLUMNS says the terminal is.
  args="$(ps -ww -o args= -p "$pid" 2>/dev/null)" || return 1
  [[ $args == *drover.jar* ]]
}

# The pid recorded for name, if that process still runs; fails otherwise.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f $file ]] || return 1
  pid="$(<"$file")"
  is_drover_pid "$pid" || return 1
  echo "$pid"
}

# start_bg NAME ARGS...: runs `drover ARGS...` in the background, detached from the terminal, with
# its pid in $DROVER_RUN_DIR/NAME.pid and its output appended to NAME.log. Prints the pid.
start_bg() {
  local name=$1
  shift
  local pid
  if pid="$(running_pid "$name")"; then
    die "$name already runs (pid $pid)"
  fi
  mkdir -p "$DROVER_RUN_DIR"
  set_drover_java
  # nohup: the process outlives the terminal; without job control a background job also ignores
  # Ctrl-C, so only stop_bg or stop-all.sh end it.
  echo "=== $(date '+%F %T') ${DROVER_JAVA[*]} $*" >>"$(log_file "$name")"
  nohup "${DROVER_JAVA[@]}" "$@" </dev/null >>"$(log_file "$name")" 2>&1 &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  echo "$pid"
}

# stop_bg PIDFILE: SIGTERM, up to DROVER_STOP_TIMEOUT_S for the shutdown hooks, then SIGKILL.
# Removes the pid file and prints one line saying what happened.
stop_bg() {
  local file=$1 name pid
  name="$(basename "$file" .pid)"
  pid="$(<"$file")"
  if ! is_drover_pid "$pid"; then
    rm -f "$file"
    echo "$name: was not running (removed its stale pid file)"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + DROVER_STOP_TIMEOUT_S))
  while is_drover_pid "$pid" && ((SECONDS < deadline)); do
    sleep "$POLL_INTERVAL_S"
  done
  if is_drover_pid "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    echo "$name: killed pid $pid (still running ${DROVER_STOP_TIMEOUT_S}s after SIGTERM)"
  else
    echo "$name: stopped pid $pid"
  fi
  rm -f "$file"
}

# wait_for_port_file FILE [PID]: waits until FILE (a <work-dir>/<role>.port) holds a port and
# prints it. Fails early when PID dies first, and after DROVER_START_TIMEOUT_S.
wait_for_port_file() {
  local file=$1 pid=${2:-} port=""
  local deadline=$((SECONDS + DROVER_START_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    if [[ -s $file ]]; then
      port="$(<"$file")"
      if [[ $port =~ ^[0-9]+$ ]]; then
        echo "$port"
        return 0
      fi
    fi
    if [[ -n $pid ]] && ! is_drover_pid "$pid"; then
      echo "$(basename "$0"): pid $pid exited before writing $file" >&2
      return 1
    fi
    sleep "$POLL_INTERVAL_S"
  done
  echo "$(basename "$0"): $file did not appear within ${DROVER_START_TIMEOUT_S}s" >&2
  return 1
}

# Runs a benchmark class of it/ (a main in io.drover.it.bench, not a test) against the built jar,
# after printing the machine it runs on; extra arguments go to the benchmark.
run_benchmark() {
  local main=$1
  shift
  require_java
  require_mvn
  ensure_jar
  cd "$DROVER_HOME"
  mvn -q -B -Dstyle.color=never -pl it test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
  echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), drover $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  cd it
  # the processes under test get full JIT and room, unlike the tests' quick-starting JVMs
  exec java -cp "target/test-classes:$(cat target/bench.classpath)" -Ddrover.jar="$JAR" -Ddrover.home="$DROVER_HOME" \
    -Ddrover.java.options="${DROVER_BENCH_JAVA_OPTS:--Xmx2g -XX:+UseParallelGC}" "io.drover.it.bench.$main" "$@"
}
