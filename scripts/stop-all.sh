#!/usr/bin/env bash
# Stops every process the scripts started in the background, that is every <name>.pid in
# $DROVER_RUN_DIR (default /tmp/drover-run): SIGTERM, then SIGKILL after 15 s. Reports each one.
# Touches nothing else: no other java process, no log, no work dir.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Newest first, the reverse of the order they were started in: agents and masters go before the
# ZooKeeper they depend on, so they shut down cleanly instead of waiting for a lost connection.
files=()
while IFS= read -r file; do
  files+=("$file")
done < <(find "$DROVER_RUN_DIR" -maxdepth 1 -name '*.pid' -printf '%T@ %p\n' 2>/dev/null | sort -rn | cut -d' ' -f2-)

if ((${#files[@]} == 0)); then
  echo "Nothing to stop: no pid files in $DROVER_RUN_DIR"
  exit 0
fi
for file in "${files[@]}"; do
  stop_bg "$file"
done
