#!/usr/bin/env bash
# The benchmark of issue 5. Builds the benchmark application (bench/app), starts it on 127.0.0.1 and drives it with wrk:
# every scenario in the same application, a warm-up before every measured run, several rounds (the median counts).
# Then heap per session (ours against Vert.x Web's LocalSessionStore, same JVM, same way); then, with --infinispan, the
# Infinispan store against a local two-node cluster, with its Hot Rod calls per request kind.
# Writes bench/target/results.md and prints it. bench/profile.sh profiles one scenario with JFR.
#
#   bench/run.sh [--infinispan] [--rounds N] [--seconds N] [--warmup N] [--connections N] [--no-build]
#
#   --infinispan      also measure the Infinispan store (starts integration-tests/infinispan-server/cluster.sh unless a cluster already runs,
#                     and stops it afterwards only if it started it)
#   --rounds N        measured runs per scenario, the median is reported (default 3)
#   --seconds N       length of a measured run (default 10)
#   --warmup N        length of the warm-up run before each measured run (default 3)
#   --connections N   wrk connections, one wrk thread (default 16)
#   --no-build        use the packaged applications as they are
#   BENCH_PORT (default 8097), BENCH_HEAP (application heap, default 1g)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
out=bench/target
rounds=3
seconds=10
warmup=3
BENCH_CONNECTIONS=16
infinispan=false
build=true
while [ $# -gt 0 ]; do
   case "$1" in
      --infinispan) infinispan=true ;;
      --rounds) rounds=$2; shift ;;
      --seconds) seconds=$2; shift ;;
      --warmup) warmup=$2; shift ;;
      --connections) BENCH_CONNECTIONS=$2; shift ;;
      --no-build) build=false ;;
      *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
   esac
   shift
done
if ! command -v wrk >/dev/null; then
   echo "wrk is missing: installing it from the distribution's packages" >&2
   if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; else sudo apt-get update -qq && sudo apt-get install -y -qq wrk; fi
fi
for tool in java curl awk bc; do command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done

memory_jar=bench/app/target/quarkus-app/quarkus-run.jar
infinispan_jar=bench/app/target/infinispan/quarkus-app/quarkus-run.jar
if [ "$build" = true ]; then
   # bench/app, the store chosen at build time: memory (target/quarkus-app), then with --infinispan the Infinispan
   # flavour (-Dbench.store=infinispan, target/infinispan/quarkus-app). package only: nothing goes to ~/.m2
   echo "building bench/app and what it needs (mvnw package -Pbench -DskipTests)..." >&2
   ./mvnw -B -ntp -q package -Pbench -pl bench/app -am -DskipTests
   if [ "$infinispan" = true ]; then
      echo "building bench/app on the Infinispan store (-Dbench.store=infinispan)..." >&2
      ./mvnw -B -ntp -q package -Pbench -pl bench/app -am -DskipTests -Dbench.store=infinispan
   fi
fi
mkdir -p "$out"
rm -f "$out"/wrk-* "$out"/rows-*.txt "$out"/calls-*.txt "$out"/timeouts.txt
export BENCH_TIMEOUTS="$out/timeouts.txt"

cluster_started=false
cleanup() {
   bench_stop_all
   if [ "$cluster_started" = true ]; then integration-tests/infinispan-server/cluster.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

before_measured_run() { :; }
after_measured_run() { :; }

# measure_rounds ROWS SCENARIOS...: each scenario is "id|label|path|cookie"; every round runs each scenario once
# (warm-up, then the measured run), starting one scenario further each round; a row per scenario goes to ROWS:
# id|label|path|median rps|p99 ms of that run|min rps|max rps|requests of that run|app CPU us per request (median)
measure_rounds() {
   local rows=$1; shift
   local scenarios=("$@") n=$# r i id label path cookie file
   for r in $(seq 1 "$rounds"); do
      for i in $(seq 0 $((n - 1))); do
         IFS='|' read -r id label path cookie <<< "${scenarios[$(((i + r - 1) % n))]}"
         bench_wrk "$warmup" "$path" "$cookie" "$out/wrk-warmup.txt"
         file="$out/wrk-$id-$r.txt"
         before_measured_run
         local ticks
         ticks=$(bench_cpu_ticks "$APP_PID")
         bench_wrk "$seconds" "$path" "$cookie" "$file"
         echo "$(( $(bench_cpu_ticks "$APP_PID") - ticks ))" > "$file.ticks"
         after_measured_run "$file"
         echo "   round $r $id $(bench_rps "$file") requests/s" >&2
      done
   done
   for i in $(seq 0 $((n - 1))); do
      IFS='|' read -r id label path cookie <<< "${scenarios[$i]}"
      # the run with the median requests/s stands for the scenario (its p99 with it)
      local median min max cpu
      median=$(for f in "$out"/wrk-$id-*.txt; do echo "$(bench_rps "$f") $f"; done | sort -n | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}')
      min=$(for f in "$out"/wrk-$id-*.txt; do bench_rps "$f"; done | sort -n | head -1)
      max=$(for f in "$out"/wrk-$id-*.txt; do bench_rps "$f"; done | sort -n | tail -1)
      cpu=$(for f in "$out"/wrk-$id-*.txt; do echo "$(cat "$f.ticks") * 1000000 / $BENCH_TICKS_PER_S / $(bench_requests "$f")" | bc -l; done \
         | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
      echo "$id|$label|$path|$(bench_rps "$median")|$(bench_p99_ms "$median")|$min|$max|$(bench_requests "$median")|$cpu" >> "$rows"
   done
}

# table ROWS BASE_ID [BARE_ID]: markdown table, ratios to BASE_ID's row (and to BARE_ID's)
table() {
   local rows=$1 base bare=""
   base=$(awk -F'|' -v id="$2" '$1==id {print $4}' "$rows")
   [ -n "${3:-}" ] && bare=$(awk -F'|' -v id="$3" '$1==id {print $4}' "$rows")
   printf '| scenario | path | requests/s | min - max of %s runs | p99 latency | ratio to (a) |%s app CPU per request |\n' \
      "$rounds" "${bare:+ ratio to bare |}"
   printf '| --- | --- | ---: | ---: | ---: | ---: |%s ---: |\n' "${bare:+ ---: |}"
   while IFS='|' read -r id label path rps p99 min max requests cpu; do
      printf '| %s | `%s` | %.0f | %.0f - %.0f | %s ms | %.2f |' "$label" "$path" "$rps" "$min" "$max" "$p99" \
         "$(echo "$rps / $base" | bc -l)"
      [ -n "$bare" ] && printf ' %.2f |' "$(echo "$rps / $bare" | bc -l)"
      printf ' %.1f us |\n' "$cpu"
   done < "$rows"
   echo
}

ratio_of() { # rows id base-id
   echo "$(awk -F'|' -v id="$2" '$1==id {print $4}' "$1") / $(awk -F'|' -v id="$3" '$1==id {print $4}' "$1")" | bc -l
}

results="$out/results.md"
{
   echo "# nova-session benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
   echo
   echo "Machine: $(bench_machine)."
   echo "wrk runs on the same $(nproc) cores as the application: one wrk thread, $BENCH_CONNECTIONS connections, keep-alive."
   echo "Each scenario: $rounds rounds of a ${warmup} s warm-up and a ${seconds} s measured run; the table shows the median run."
   echo "Absolute figures are those of a load generator and a server sharing $(nproc) cores; compare the ratios."
   echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)."
   echo
} > "$results"

# --- memory store and the Vert.x Web peer, one application ---
echo "memory store: starting $memory_jar" >&2
bench_start_app "$memory_jar" "$out/app-memory.log"
ours=$(bench_cookie_of /bench/write session_id)
bench_cookie_of /bench/write session_id "$ours" > /dev/null
peer=$(bench_cookie_of /peer/write vertx-web.session)
bench_cookie_of /peer/write vertx-web.session "$peer" > /dev/null
[ "$(curl -s -H "Cookie: $ours" "http://127.0.0.1:$BENCH_PORT/bench/read")" = 1 ] || { echo "session read fails" >&2; exit 1; }
[ "$(curl -s -H "Cookie: $peer" "http://127.0.0.1:$BENCH_PORT/peer/read")" = 1 ] || { echo "peer read fails" >&2; exit 1; }
scenarios=(
   "bare|bare route, before the session filter: no session layer|/bench/bare|$ours"
   "a|(a) baseline: never touches its session|/bench/baseline|$ours"
   "b|(b) session read|/bench/read|$ours"
   "c|(c) session write|/bench/write|$ours"
   "d|(d) new visitor: no cookie, never touches its session|/bench/baseline|"
   "e-read|(e) Vert.x SessionHandler read|/peer/read|$peer"
   "e-write|(e) Vert.x SessionHandler write|/peer/write|$peer"
)
# the peer's new visitors: measured after everything else, since every one adds a session to its store
peer_new="e-new|(e) Vert.x SessionHandler new visitor: no cookie|/peer/read|"
echo "memory store: a first pass over every path, so that the JIT has compiled them all" >&2
for s in "${scenarios[@]}"; do
   IFS='|' read -r id label path cookie <<< "$s"
   bench_wrk 4 "$path" "$cookie" "$out/wrk-warmup.txt"
done
rows="$out/rows-memory.txt"
measure_rounds "$rows" "${scenarios[@]}"
measure_rounds "$rows" "$peer_new"
bench_stop_app "$APP_PID"
{
   echo "## Memory store (default) and Vert.x Web SessionHandler + LocalSessionStore"
   echo
   table "$rows" a bare
   echo "The bare route and the (e) routes run before the session filter (route order -10000; the filter runs at -250), as"
   echo "in an application without this extension. (a) (b) (c) send a session cookie: the filter checks its HMAC and"
   echo "finds the session, which is what every request of a returning visitor costs. (d) and the peer's new visitor send no"
   echo "cookie: a new id and a Set-Cookie on every response; the peer also stores every such session, ours stores"
   echo "nothing until the application writes."
   echo
   echo "## Heap per session"
   echo
   echo '```'
   java -Xmx2g -XX:+UseSerialGC -cp "bench/app/target/quarkus-app/lib/main/*:bench/app/target/quarkus-app/lib/boot/*" \
      bench/HeapPerSession.java
   echo '```'
   echo
} >> "$results"

# --- Infinispan store against a local two-node cluster ---
if [ "$infinispan" = true ]; then
   if integration-tests/infinispan-server/cluster.sh status >/dev/null 2>&1; then
      echo "infinispan: using the cluster that already runs" >&2
   else
      echo "infinispan: starting the local two-node cluster" >&2
      cluster_started=true
      integration-tests/infinispan-server/cluster.sh fetch >/dev/null
      integration-tests/infinispan-server/cluster.sh start >/dev/null
   fi
   bench_start_app "$infinispan_jar" "$out/app-infinispan.log" -Dtest-support.store-inspection.enabled=true
   ours=$(bench_cookie_of /bench/write session_id)
   bench_cookie_of /bench/write session_id "$ours" > /dev/null
   [ "$(curl -s -H "Cookie: $ours" "http://127.0.0.1:$BENCH_PORT/bench/read")" = 1 ] || { echo "session read fails" >&2; exit 1; }
   calls() { curl -s "http://127.0.0.1:$BENCH_PORT/inspect/hotrod-calls" | tr -d '{}"' | tr ',' '\n' | awk -F: '{s+=$2} END {print s+0}'; }
   # Hot Rod calls per request kind, one request at a time (no concurrent request to group writes with)
   per_request() { # path cookie -> calls per request over 50 sequential requests
      local before after i
      before=$(calls)
      for i in $(seq 1 50); do curl -s -o /dev/null ${2:+-H "Cookie: $2"} "http://127.0.0.1:$BENCH_PORT$1"; done
      after=$(calls)
      echo "($after - $before) / 50" | bc -l
   }
   sequential=$(printf '%s|%.2f|%.2f|%.2f|%.2f' x "$(per_request /bench/baseline "$ours")" "$(per_request /bench/read "$ours")" \
      "$(per_request /bench/write "$ours")" "$(per_request /bench/baseline "")")
   ispn_scenarios=(
      "ia|(a) baseline: never touches its session|/bench/baseline|$ours"
      "ib|(b) session read|/bench/read|$ours"
      "ic|(c) session write|/bench/write|$ours"
      "id|(d) new visitor: no cookie, never touches its session|/bench/baseline|"
   )
   for s in "${ispn_scenarios[@]}"; do
      IFS='|' read -r id label path cookie <<< "$s"
      bench_wrk 4 "$path" "$cookie" "$out/wrk-warmup.txt"
   done
   # calls per request under load: the calls during the measured runs, over their requests
   : > "$out/calls-infinispan.txt"
   before_measured_run() { calls_before=$(calls); }
   after_measured_run() { echo "$1 $calls_before $(calls)" >> "$out/calls-infinispan.txt"; }
   rows="$out/rows-infinispan.txt"
   measure_rounds "$rows" "${ispn_scenarios[@]}"
   under_load() { # id -> calls per request over its measured runs
      local f calls=0 requests=0 before after
      while read -r f before after; do
         if [[ "$f" == *"wrk-$1-"* ]]; then
            calls=$((calls + after - before)); requests=$((requests + $(bench_requests "$f")))
         fi
      done < "$out/calls-infinispan.txt"
      printf '%.2f' "$(echo "$calls / $requests" | bc -l)"
   }
   bench_stop_app "$APP_PID"
   IFS='|' read -r _ seq_a seq_b seq_c seq_d <<< "$sequential"
   {
      echo "## Infinispan store, two-node replicated cluster on this machine"
      echo
      table "$rows" ia
      echo "Hot Rod calls per request (counted by the application's Hot Rod client, /inspect/hotrod-calls):"
      echo
      echo "| request kind | one request at a time | under the load above |"
      echo "| --- | ---: | ---: |"
      echo "| (a) never touches its session | $seq_a | $(under_load ia) |"
      echo "| (b) session read | $seq_b | $(under_load ib) |"
      echo "| (c) session write (blind set of one key) | $seq_c | $(under_load ic) |"
      echo "| (d) new visitor | $seq_d | $(under_load id) |"
      echo
      echo "Under load, (c) is $BENCH_CONNECTIONS connections writing the same session: the store groups concurrent writes to"
      echo "one session into one conditional write, so it makes fewer calls per request than one write at a time."
      echo
   } >> "$results"
fi

{
   echo "## Targets"
   echo
   echo "| target | this run |"
   echo "| --- | --- |"
   printf '| (b) read >= 0.95 x (a) | %.2f |\n' "$(ratio_of "$out/rows-memory.txt" b a)"
   printf '| (c) write >= 0.90 x (a) | %.2f |\n' "$(ratio_of "$out/rows-memory.txt" c a)"
   printf '| (d) new visitor >= 0.85 x (a) | %.2f |\n' "$(ratio_of "$out/rows-memory.txt" d a)"
   echo "| heap per session <= 235 bytes | $(sed -n 's/.*MemoryNovaSessionStore : *\([0-9]*\) bytes.*/\1/p' "$results") bytes |"
   echo
   if [ -s "$out/timeouts.txt" ]; then
      echo "Requests slower than wrk's 2 s timeout (counted as timeouts by wrk, not as failures):"
      echo
      sed 's/^/* /' "$out/timeouts.txt"
      echo
   fi
   echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)."
} >> "$results"
cat "$results"
