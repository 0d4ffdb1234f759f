#!/usr/bin/env bash
# Bulk import (issue 15): starts the packaged server on a scratch data directory (its default embedded PostgreSQL,
# DEMO_DATA=false) and runs import_bench.py against it: the rate of a large import of new solutions, single-write
# latency while it runs, how soon the batch is searchable, and an unchanged re-import. Prints Markdown rows with the
# load average. Build first: mvn -B -q -o package -DskipTests -pl server -am
#
# usage: server/bench/import-bench.sh [import_bench.py options, e.g. --records 1000]
#   env: KEEP_LOG (a path to keep the server's log at: it has the import's phases with their times), PORT (18191)
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=$(ls -S server/target/*.jar | head -n 1)
port=${PORT:-18191}
admin_email=bench-admin@import.scenariohub.cn
admin_password=Qd-bench-admin-import-2026!

work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "${KEEP_LOG:-}" ] && cp "$work/server.log" "$KEEP_LOG"
  rm -rf "$work"
}
trap cleanup EXIT

env PORT="$port" HOST=127.0.0.1 DATA_DIR="$work/data" DEMO_DATA=false ADMIN_EMAIL=$admin_email \
  ADMIN_PASSWORD=$admin_password java -jar "$jar" > "$work/server.log" 2>&1 &
pid=$!
until curl -sf "127.0.0.1:$port/health" | grep -q '"status":"ready"'; do
  kill -0 "$pid" 2>/dev/null || { grep -v '^[[:space:]]*at ' "$work/server.log" | tail -n 40 >&2; exit 1; }
  sleep 1
done

echo "# $(date -u +%FT%TZ) on $(nproc) cores, $(git rev-parse --short HEAD), $(basename "$jar")"
PYTHONPATH=server/bench python3 server/bench/import_bench.py "http://127.0.0.1:$port" "$admin_email" "$admin_password" "$@"
echo "# blocked-thread warnings in the server log: $(grep -c 'has been blocked for' "$work/server.log" || true)," \
  "log $(wc -c < "$work/server.log") bytes"
