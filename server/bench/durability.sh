#!/usr/bin/env bash
# The cost of durability (issue 12), measured side by side in one run on this machine. Starts the packaged server
# twice, both with DEMO_DATA=false on a scratch data directory:
#   A  durable      its default embedded PostgreSQL (fsync, synchronous_commit and full_page_writes on, SCRAM)
#   B  non-durable  PG_URL to the embedded PostgreSQL as the server ran it before (zonky's defaults: fsync off,
#                   synchronous_commit off, trust), same PostgreSQL binaries; see bench/NonDurablePostgres
# then durability.py drives both with the same synthetic workload (bulk import, single writes) and prints a
# Markdown table with the ratio A/B. Build first: mvn -B -q -o package -DskipTests
#
# usage: server/bench/durability.sh [durability.py options, e.g. --records 2000 --extrapolate-to 10000]
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=$(ls -S server/target/*.jar | head -n 1)
classes=server/target/test-classes
[ -f "$classes/cn/qdaipark/scenariohub/bench/NonDurablePostgres.class" ] \
  || { echo "build first: mvn -B -q -o package -DskipTests" >&2; exit 2; }
port_a=${PORT_A:-18181}
port_b=${PORT_B:-18182}
admin_email=bench-admin@durability.scenariohub.cn
admin_password=Qd-bench-admin-durability-2026!

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

java -cp "$jar:$classes" cn.qdaipark.scenariohub.bench.NonDurablePostgres "$work/b-pg" > "$work/b-pg.log" 2>&1 &
pids+=($!)
until grep -q '^full_page_writes=' "$work/b-pg.log" 2>/dev/null; do
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/b-pg.log" >&2; exit 1; }
  sleep 0.5
done
pg_url=$(sed -n 's/^PG_URL=//p' "$work/b-pg.log")

start_server() { # name port [PG_URL]
  env PORT="$2" HOST=127.0.0.1 DATA_DIR="$work/$1" DEMO_DATA=false ADMIN_EMAIL=$admin_email \
    ADMIN_PASSWORD=$admin_password ${3:+PG_URL=$3} java -jar "$jar" > "$work/$1.log" 2>&1 &
  pids+=($!)
}
wait_ready() { # port
  until curl -sf "127.0.0.1:$1/health" | grep -q '"status":"ready"'; do
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { grep -hv '^[[:space:]]*at ' "$work"/*.log | tail -n 40 >&2; exit 1; }
    done
    sleep 1
  done
}
# one after the other: two servers loading the embedding model at once on a small machine hit the pool's timeouts
start_server a "$port_a"
wait_ready "$port_a"
start_server b "$port_b" "$pg_url"
wait_ready "$port_b"

echo "# $(date -u +%FT%TZ) on $(nproc) cores, $(git rev-parse --short HEAD), $(basename "$jar")"
echo "# A: default embedded PostgreSQL $(cat "$work/a/pg/PG_VERSION") (the server starts it only when fsync, synchronous_commit, full_page_writes are on)"
echo "# B: PG_URL, $(grep -v '^PG_URL' "$work/b-pg.log" | grep '=' | tr '\n' ' ')(PostgreSQL $(cat "$work/b-pg/PG_VERSION")); server B: $(grep -o 'may lose acknowledged writes.*' "$work/b.log" || echo 'no durability warning')"
echo "# disk: $(dd if=/dev/zero of="$work/dsync" bs=8k count=200 oflag=dsync 2>&1 | tail -n 1 | sed 's/.*copied, //') for 200 synchronous 8 kB writes"
python3 server/bench/durability.py "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" "$admin_email" "$admin_password" "$@"
