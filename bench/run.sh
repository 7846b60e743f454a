#!/usr/bin/env bash
# The benchmark of issue 5: the packaged demo on 127.0.0.1, driven by wrk, every scenario in the same run and the same
# application, a warm-up before every measured run; then heap per session; then (with --infinispan) the Infinispan
# store against a local two-node cluster. Writes bench/target/results.md and prints it.
#
#   bench/run.sh [--infinispan] [--seconds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=bench/target
mkdir -p "$out"
seconds=10
connections=16
infinispan=false
while [ $# -gt 0 ]; do
   case "$1" in
      --infinispan) infinispan=true ;;
      --seconds) seconds=$2; shift ;;
      --connections) connections=$2; shift ;;
      *) echo "unknown option $1" >&2; exit 2 ;;
   esac
   shift
done
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

./mvnw -B -ntp -q install -DskipTests
port=8097
pids=()
cleanup() {
   for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
   if [ "$infinispan" = true ]; then infinispan/cluster.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

start_app() { # jar, extra java options...
   local jar=$1; shift
   java -Xms512m -Xmx512m "$@" -Dquarkus.http.port=$port -Dquarkus.http.host=127.0.0.1 -Dquarkus.log.level=WARN \
      -jar "$jar" > "$out/app.log" 2>&1 &
   pids+=($!)
   for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/hello" >/dev/null && return 0; sleep 0.5; done
   echo "application did not start: see $out/app.log" >&2; exit 1
}
cookie_of() { # path, cookie name -> "name=value" set by the response
   curl -s -D - -o /dev/null "http://127.0.0.1:$port$1" | tr -d '\r' | sed -n "s/^[Ss]et-[Cc]ookie: \($2=[^;]*\).*/\1/p" | head -1
}
measure() { # label, path, cookie header or "", file
   local label=$1 path=$2 cookie=$3 args=(-t1 -c"$connections" --latency)
   [ -n "$cookie" ] && args+=(-H "Cookie: $cookie")
   wrk "${args[@]}" -d3s "http://127.0.0.1:$port$path" >/dev/null           # warm-up
   wrk "${args[@]}" -d"${seconds}s" "http://127.0.0.1:$port$path" > "$out/wrk-$label.txt"
   local rps p99
   rps=$(awk '/Requests\/sec/ {print $2}' "$out/wrk-$label.txt")
   p99=$(awk '$1=="99%" {print $2}' "$out/wrk-$label.txt")
   echo "$label|$path|$rps|$p99" >> "$4"
}
table() { # rows file, title
   local base
   base=$(head -1 "$1" | cut -d'|' -f3)
   echo "### $2"
   echo
   echo "| scenario | path | requests/s | p99 latency | ratio to (a) |"
   echo "| --- | --- | ---: | ---: | ---: |"
   while IFS='|' read -r label path rps p99; do
      printf '| %s | `%s` | %s | %s | %.2f |\n' "$label" "$path" "$rps" "$p99" "$(echo "$rps / $base" | bc -l)"
   done < "$1"
   echo
}

{
   echo "# nova-session benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
   echo
   echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB,"
   echo "$(java -version 2>&1 | head -1). wrk shares the $(nproc) cores with the application (1 wrk thread, $connections connections,"
   echo "${seconds} s measured after a 3 s warm-up per scenario), so absolute figures are low; compare the ratios. Load before: $(cut -d' ' -f1-3 /proc/loadavg)."
   echo
} > "$out/results.md"

# --- memory store and the Vert.x Web peer, one application ---
start_app integration-tests/memory/target/quarkus-app/quarkus-run.jar
ours=$(cookie_of /bench/write session_id)
curl -s -H "Cookie: $ours" "http://127.0.0.1:$port/bench/write" >/dev/null
peer=$(cookie_of /peer/write vertx-web.session)
# a first pass over every path, so that the JIT has compiled the whole stack before anything is measured
for path in /bench/baseline /bench/read /bench/write /peer/read /peer/write; do
   wrk -t1 -c"$connections" -d4s -H "Cookie: $ours; $peer" "http://127.0.0.1:$port$path" >/dev/null
done
rows="$out/rows-memory.txt"; : > "$rows"
measure "(a) baseline, never touches its session" /bench/baseline "$ours" "$rows"
measure "(b) session read" /bench/read "$ours" "$rows"
measure "(c) session write" /bench/write "$ours" "$rows"
measure "(d) new visitor, no cookie" /bench/baseline "" "$rows"
measure "(e) Vert.x SessionHandler read" /peer/read "$ours; $peer" "$rows"
measure "(e) Vert.x SessionHandler write" /peer/write "$ours; $peer" "$rows"
measure "(e) Vert.x SessionHandler new visitor" /peer/read "" "$rows"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
table "$rows" "Memory store (default) and Vert.x Web SessionHandler + LocalSessionStore" >> "$out/results.md"
{
   echo "The (e) rows send both cookies, so our filter still verifies its own cookie there: they measure the peer on top"
   echo "of our cheapest path. \"New visitor\" rows send no cookie at all: a new session id and Set-Cookie on every response."
   echo
   echo '### Heap per session'
   echo
   echo '```'
   java -Xmx2g -XX:+UseSerialGC -cp "integration-tests/memory/target/quarkus-app/lib/main/*:integration-tests/memory/target/quarkus-app/lib/boot/*" bench/HeapPerSession.java
   echo '```'
   echo
} >> "$out/results.md"

# --- Infinispan store against a local two-node cluster ---
if [ "$infinispan" = true ]; then
   infinispan/cluster.sh fetch >/dev/null && infinispan/cluster.sh start >/dev/null
   start_app integration-tests/infinispan/target/quarkus-app/quarkus-run.jar -Ddemo.store-inspection.enabled=true
   ours=$(cookie_of /bench/write session_id)
   curl -s -H "Cookie: $ours" "http://127.0.0.1:$port/bench/write" >/dev/null
   for path in /bench/baseline /bench/read /bench/write; do
      wrk -t1 -c"$connections" -d4s -H "Cookie: $ours" "http://127.0.0.1:$port$path" >/dev/null
   done
   rows="$out/rows-infinispan.txt"; : > "$rows"
   measure "(a) baseline, never touches its session" /bench/baseline "$ours" "$rows"
   calls_before=$(curl -s "http://127.0.0.1:$port/inspect/hotrod-calls")
   measure "(b) session read" /bench/read "$ours" "$rows"
   measure "(c) session write" /bench/write "$ours" "$rows"
   measure "(d) new visitor, no cookie" /bench/baseline "" "$rows"
   table "$rows" "Infinispan store, two-node replicated cluster on this machine" >> "$out/results.md"
   {
      echo "Hot Rod calls made by the store during the Infinispan runs (before: $calls_before):"
      echo
      echo '```'
      curl -s "http://127.0.0.1:$port/inspect/hotrod-calls"; echo
      echo '```'
      echo
      echo "Per request kind, as counted one request at a time by HotRodCallsPerRequestTest: untouched 0, get 1,"
      echo "write after a read 1, blind write 2, delete() 1."
   } >> "$out/results.md"
fi

cat "$out/results.md"
