#!/usr/bin/env bash
# Match over HTTP at a catalogue size (issue 15): loads N synthetic solutions and 200 open postings into the packaged
# server through the admin import, each line with its bge-small-zh vector from the benchmarks' embedding cache (computed
# once, then reused: 100,000 take about 40 minutes on 2 cores), then measures GET /api/v1/postings/{id}/matches over
# the 200 postings in turn:
#   single client     wrk, 1 connection: latency p50/p99
#   unthrottled       wrk, 64 connections: throughput, and the server's CPU per request (its JVM and its PostgreSQL)
#   fixed rate        OpenLoopLoad, RATE req/s over 64 connections for FIXED_SECONDS, latency from the intended send time
# with GET /health (same server, same run) as the baseline. JFR=1 records a profile of the unthrottled run and prints
# where its CPU samples fall (bench/jfr-breakdown.py).
# Build first: mvn -B -q -o install -DskipTests && mvn -B -q -o -pl index -Pbench package -DskipTests
#
# usage: server/bench/match-load.sh [solutions, default 10000]
#   env: SECONDS_EACH (wrk runs, default 30), RATE (200), FIXED_SECONDS (120), DATA (a data directory to keep the
#        loaded catalogue in between runs; default a scratch one), JFR (0|1), KEEP_JFR (a path to keep the
#        recording at), PORT (18193), MERGE_WAIT (seconds to wait for the index to merge after the import;
#        default 300 + 1 per 50 solutions: merging 100,000 rebuilds a k-NN graph of 100,000 vectors)
set -euo pipefail
cd "$(dirname "$0")/../.."
solutions=${1:-10000}
secs=${SECONDS_EACH:-30}
rate=${RATE:-200}
fixed_secs=${FIXED_SECONDS:-120}
port=${PORT:-18193}
merge_wait=${MERGE_WAIT:-$((300 + solutions / 50))}
jar=$(ls -S server/target/*.jar | head -n 1)
bench=index/target/benchmarks.jar
classes=server/target/test-classes
admin_email=bench-admin@match.scenariohub.cn
admin_password=Qd-bench-admin-match-2026!
metrics_token=bench-metrics-token-match-2026-0123456789
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
[ -f "$bench" ] && [ -f "$classes/cn/qdaipark/scenariohub/bench/OpenLoopLoad.class" ] \
  || { echo "build first: mvn -B -q -o install -DskipTests && mvn -B -q -o -pl index -Pbench package -DskipTests" >&2; exit 2; }

work=$(mktemp -d)
data=${DATA:-$work/data}
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "${KEEP_LOG:-}" ] && cp "$work/server.log" "$KEEP_LOG"
  rm -rf "$work"
}
trap cleanup EXIT
load() { cut -d' ' -f1 /proc/loadavg; }

java -cp "$bench" cn.qdaipark.scenariohub.index.bench.SyntheticEmbeddings "$solutions" | tail -n 1
env PORT="$port" HOST=127.0.0.1 DATA_DIR="$data" DEMO_DATA=false ADMIN_EMAIL=$admin_email METRICS_TOKEN=$metrics_token \
  ADMIN_PASSWORD=$admin_password java -jar "$jar" > "$work/server.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
until curl -sf "$base/health" | grep -q '"status":"ready"'; do
  kill -0 "$pid" 2>/dev/null || { grep -v '^[[:space:]]*at ' "$work/server.log" | tail -n 40 >&2; exit 1; }
  sleep 1
done
token=$(curl -sf "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

if [ ! -f "$data/match-load-$solutions" ]; then
  java -cp "$bench" cn.qdaipark.scenariohub.index.bench.SyntheticSolutionsFile "$solutions" "$work/solutions.jsonl" \
    --postings "$work/postings.jsonl" --vectors
  started=$(date +%s.%N)
  import_file() { # kind file
    local status
    status=$(curl -s -o "$work/answer" -w '%{http_code}' "$base/api/v1/admin/import/$1" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/x-ndjson' --data-binary @"$2")
    [ "$status" = 200 ] || { echo "import of $2 answered $status: $(head -c 600 "$work/answer")" >&2; exit 1; }
  }
  import_file postings "$work/postings.jsonl"
  split -l 2000 "$work/solutions.jsonl" "$work/chunk-"
  for chunk in "$work"/chunk-*; do
    import_file solutions "$chunk"
    printf '\r  imported %s' "$(basename "$chunk")" >&2
  done
  echo >&2
  awk -v s="$started" -v e="$(date +%s.%N)" -v n="$solutions" \
    'BEGIN { printf "# import of %d solutions with stored vectors: %.1f s (%.0f records/s)\n", n, e - s, n / (e - s) }'
  touch "$data/match-load-$solutions"
fi
# A bulk import leaves a segment per batch; the server merges them once the changes settle (INDEX_COMPACT_QUIET_MS)
started=$(date +%s)
until [ "$(curl -sf "$base/metrics" -H "Authorization: Bearer $metrics_token" \
    | awk '/^scenariohub_index_segments/ {print int($2)}')" -le 2 ]; do
  [ $(($(date +%s) - started)) -lt "$merge_wait" ] || { echo "the index did not merge within $merge_wait s" >&2; break; }
  sleep 1
done
echo "# index segments: $(curl -sf "$base/metrics" -H "Authorization: Bearer $metrics_token" \
  | awk '/^scenariohub_index_segments/ {print int($2)}'), after waiting $(($(date +%s) - started)) s"

python3 - "$base" > "$work/paths" <<'PY'
import json, sys, urllib.request
page = 1
while True:
    with urllib.request.urlopen(f"{sys.argv[1]}/api/v1/postings?pageSize=50&page={page}") as answer:
        items = json.load(answer)["items"]
    for item in items:
        print(f"/api/v1/postings/{item['id']}/matches?limit=10")
    if len(items) < 50:
        break
    page += 1
PY
[ "$(wc -l < "$work/paths")" -ge 100 ] || { echo "expected 200 postings, found $(wc -l < "$work/paths")" >&2; exit 1; }
echo /health > "$work/health"
cat > "$work/cycle.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }'; }
cpu_ticks() { # the server's JVM and its PostgreSQL processes, user + system, in clock ticks
  local pg=0
  local postmaster
  postmaster=$(pgrep -f "postgres.*-D *$data" | head -n 1 || true)
  for p in $postmaster $( [ -n "$postmaster" ] && pgrep -P "$postmaster" ); do
    pg=$((pg + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$(awk '{print $14 + $15}' "/proc/$pid/stat") $pg"
}
run_wrk() { # name paths-file connections threads
  local before after out requests
  before=$(cpu_ticks)
  out=$(PATHS="$2" wrk -t"$4" -c"$3" -d"${secs}s" --latency -s "$work/cycle.lua" "$base")
  after=$(cpu_ticks)
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  read -r jb pb <<<"$before"; read -r ja pa <<<"$after"
  printf '| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %s |\n' "$1" "$3" "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(ms "$(awk '$1=="50%" {print $2}' <<<"$out")")" "$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")" \
    "$(awk -v t=$((ja - jb)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 * t / hz / n }')" \
    "$(awk -v t=$((pa - pb)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 * t / hz / n }')" \
    "$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")"
}

echo "# $(date -u +%FT%TZ) on $(nproc) cores, $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $solutions solutions, load $(load)"
PATHS="$work/paths" wrk -t1 -c4 -d10s -s "$work/cycle.lua" "$base" >/dev/null # warm-up
echo '| run | connections | req/s | p50 ms | p99 ms | JVM CPU ms/req | PostgreSQL CPU ms/req | errors |'
echo '|---|---:|---:|---:|---:|---:|---:|---|'
run_wrk "GET /health (baseline)" "$work/health" 1 1
run_wrk "match, single client" "$work/paths" 1 1
echo "# load $(load)"
[ "${JFR:-0}" = 1 ] && jcmd "$pid" JFR.start name=match settings=default >/dev/null
run_wrk "match, unthrottled" "$work/paths" 64 2
[ "${JFR:-0}" = 1 ] && jcmd "$pid" JFR.stop name=match filename="$work/match.jfr" >/dev/null
echo "# load $(load)"
java -cp "$jar:$classes" cn.qdaipark.scenariohub.bench.OpenLoopLoad "$base" "$work/paths" "$rate" "$fixed_secs" 64
echo "# load $(load); blocked-thread warnings in the server log: $(grep -c 'has been blocked for' "$work/server.log" || true)"
if [ "${JFR:-0}" = 1 ]; then
  python3 server/bench/jfr-breakdown.py "$work/match.jfr"
  [ -n "${KEEP_JFR:-}" ] && cp "$work/match.jfr" "$KEEP_JFR"
fi
true
