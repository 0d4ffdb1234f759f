#!/usr/bin/env bash
# HTTP load run for the JSON API: starts the packaged server with the demo data on a scratch data directory,
# then drives each endpoint with wrk (Debian package `wrk`) for a fixed time on loopback and prints throughput
# and latency, each as a ratio to GET /health measured in the same run (the baseline).
#
# usage: server/bench/http-load.sh [seconds per endpoint, default 15] [connections, default 16]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-15}
conns=${2:-16}
port=${PORT:-18080}
jar=$(ls -S server/target/*.jar | head -n 1)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 2; }

data=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
PORT=$port DATA_DIR=$data java -jar "$jar" > "$data/server.log" 2>&1 &
pid=$!
until curl -sf "localhost:$port/health" | grep -q '"status":"ready"'; do sleep 0.5; done

base="http://localhost:$port"
posting=$(curl -sf "$base/api/v1/postings?kind=challenge&pageSize=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
solution=$(curl -sf "$base/api/v1/solutions?pageSize=1" | sed -E 's/.*"items":\[\{"id":([0-9]+).*/\1/')
q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("工业视觉 缺陷检测"))')

declare -A endpoints=(
  [1-health]="/health"
  [2-list]="/api/v1/solutions?pageSize=20"
  [3-search]="/api/v1/search?q=$q"
  [4-posting-matches]="/api/v1/postings/$posting/matches?limit=10"
  [5-solution-matches]="/api/v1/solutions/$solution/matches?limit=10"
)
printf '%-20s %10s %8s %10s %10s %10s\n' endpoint req/s ratio p50_ms p99_ms p99_ratio
base_rps=""; base_p99=""
for name in $(printf '%s\n' "${!endpoints[@]}" | sort); do
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$base${endpoints[$name]}")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v/1000; else if (v ~ /ms$/) print v+0; else print v*1000 }'; }
  p50ms=$(ms "$p50"); p99ms=$(ms "$p99")
  [ -z "$base_rps" ] && base_rps=$rps && base_p99=$p99ms
  printf '%-20s %10.0f %8.3f %10.2f %10.2f %10.1f\n' "${name#*-}" "$rps" "$(awk -v a="$rps" -v b="$base_rps" 'BEGIN{print a/b}')" \
    "$p50ms" "$p99ms" "$(awk -v a="$p99ms" -v b="$base_p99" 'BEGIN{print a/b}')"
done
