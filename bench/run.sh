#!/usr/bin/env bash
# The benchmark of issues 5, 13 and 15. Builds the benchmark application (bench/app), starts it on 127.0.0.1 and drives it
# with wrk: every scenario, ours and the Vert.x Web SessionHandler + LocalSessionStore peer, in the same application and
# the same run; ROUNDS rounds, each running every scenario once after a warm-up, and each scenario's requests/s divided
# by those of the bare route (no session layer) of the same round: the table shows each round's ratio and their median.
# Then heap per session end to end (sessions created through HTTP, ours and the peer's in one JVM) and at store level;
# then, with --infinispan, the Infinispan store against a local two-node cluster, with its Hot Rod calls per request
# kind, and with --redis the Redis store against a local standalone server, with its Redis calls (round trips) per
# request kind, each with one shared session and with many; with both, a table of the two side by side. Writes bench/target/results.md (and
# bench/target/ratios.svg with gnuplot) and prints it. bench/profile.sh profiles one scenario with JFR.
#
#   bench/run.sh [--infinispan] [--redis] [--no-memory] [--rounds N] [--seconds N] [--warmup N] [--connections N]
#                [--threads N] [--sessions N] [--no-build]
#
#   --infinispan      also measure the Infinispan store (starts integration-tests/infinispan-server/cluster.sh unless a
#                     cluster already runs, and stops it afterwards only if it started it)
#   --redis           also measure the Redis store (starts a standalone server on port 6391 with
#                     integration-tests/redis-server/redis.sh unless one already runs there, and stops it afterwards
#                     only if it started it)
#   --no-memory       leave out the memory store, its Vert.x Web peer and heap per session: only the stores above
#   --rounds N        rounds (default 3, or ROUNDS=N); every scenario runs once per round
#   --seconds N       length of a measured run (default 10)
#   --warmup N        length of the warm-up run before each measured run (default 3)
#   --connections N   wrk connections (default 32)
#   --threads N       wrk threads (default 2)
#   --sessions N      sessions created for heap per session (default 100000)
#   --no-build        use the packaged applications as they are
#   --help            this text
#   BENCH_PORT (default 8097), BENCH_HEAP (application heap, default 1g), MANY_SESSIONS (sessions of the shared
#   stores' many-sessions scenarios, default 1000: each request one of them, instead of all sharing one)
set -euo pipefail
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
cd "$(dirname "$0")/.."
. bench/lib.sh
out=bench/target
rounds=${ROUNDS:-3}
seconds=10
warmup=3
sessions=100000
# the shared stores' many-sessions scenarios: sessions made beforehand, every request one of them
MANY_SESSIONS=${MANY_SESSIONS:-1000}
infinispan=false
redis=false
memory=true
build=true
while [ $# -gt 0 ]; do
   case "$1" in
      --infinispan) infinispan=true ;;
      --redis) redis=true ;;
      --no-memory) memory=false ;;
      --rounds) rounds=$2; shift ;;
      --seconds) seconds=$2; shift ;;
      --warmup) warmup=$2; shift ;;
      --connections) BENCH_CONNECTIONS=$2; shift ;;
      --threads) BENCH_THREADS=$2; shift ;;
      --sessions) sessions=$2; shift ;;
      --no-build) build=false ;;
      -h | --help) usage; exit 0 ;;
      *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
   esac
   shift
done
if ! command -v wrk >/dev/null; then
   echo "wrk is missing: installing it from the distribution's packages" >&2
   if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; else sudo apt-get update -qq && sudo apt-get install -y -qq wrk; fi
fi
if [ "$redis" = true ] && ! command -v redis-server >/dev/null; then
   echo "redis-server is missing: installing it from the distribution's packages" >&2
   if [ "$(id -u)" = 0 ]; then sudo_=(); else sudo_=(sudo); fi
   "${sudo_[@]}" apt-get update -qq && "${sudo_[@]}" apt-get install -y -qq redis-server redis-tools
fi
for tool in java curl awk bc; do command -v $tool >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done

memory_jar=bench/app/target/quarkus-app/quarkus-run.jar
infinispan_jar=bench/app/target/infinispan/quarkus-app/quarkus-run.jar
redis_jar=bench/app/target/redis/quarkus-app/quarkus-run.jar
if [ "$build" = true ]; then
   # bench/app, the store chosen at build time: memory (target/quarkus-app), then with --infinispan the Infinispan
   # flavour (-Dbench.store=infinispan, target/infinispan/quarkus-app), with --redis the Redis flavour
   # (-Dbench.store=redis, target/redis/quarkus-app). package only: nothing goes to ~/.m2
   if [ "$memory" = true ]; then
      echo "building bench/app and what it needs (mvnw package -Pbench -DskipTests)..." >&2
      ./mvnw -B -ntp -q package -Pbench -pl bench/app -am -DskipTests
   fi
   for store in infinispan redis; do
      if [ "${!store}" = true ]; then
         echo "building bench/app on the $store store (-Dbench.store=$store)..." >&2
         ./mvnw -B -ntp -q package -Pbench -pl bench/app -am -DskipTests -Dbench.store=$store
      fi
   done
fi
mkdir -p "$out"
rm -f "$out"/wrk-* "$out"/rows-*.txt "$out"/calls-*.txt "$out"/timeouts.txt "$out"/loads.txt
export BENCH_TIMEOUTS="$out/timeouts.txt"

cluster_started=false
redis_started=false
redis_sh=integration-tests/redis-server/redis.sh
cleanup() {
   bench_stop_all
   if [ "$cluster_started" = true ]; then integration-tests/infinispan-server/cluster.sh stop >/dev/null 2>&1 || true; fi
   if [ "$redis_started" = true ]; then "$redis_sh" stop standalone >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# the store calls of the measured runs, when a store section counts them (see store_section)
calls_path=""
before_measured_run() { if [ -n "$calls_path" ]; then calls_before=$(calls); fi; }
after_measured_run() { if [ -n "$calls_path" ]; then echo "$1 $calls_before $(calls)" >> "$calls_file"; fi; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# run_rounds GROUP SCENARIOS...: each scenario is "id|label|path|cookie"; every round runs each scenario once (warm-up,
# then the measured run), starting one scenario further each round. Reports in $out/wrk-ID-ROUND.txt, the
# application's CPU ticks of the run in .ticks next to it, the load average after each round in $out/loads.txt.
run_rounds() {
   local group=$1; shift
   local scenarios=("$@") n=$# r i id label path cookie file ticks
   for r in $(seq 1 "$rounds"); do
      for i in $(seq 0 $((n - 1))); do
         IFS='|' read -r id label path cookie <<< "${scenarios[$(((i + r - 1) % n))]}"
         bench_wrk "$warmup" "$path" "$cookie" "$out/wrk-warmup.txt"
         file="$out/wrk-$id-$r.txt"
         before_measured_run
         ticks=$(bench_cpu_ticks "$APP_PID")
         bench_wrk "$seconds" "$path" "$cookie" "$file"
         echo "$(( $(bench_cpu_ticks "$APP_PID") - ticks ))" > "$file.ticks"
         after_measured_run "$file"
         echo "   $group round $r $id $(bench_rps "$file") requests/s" >&2
      done
      echo "$group round $r: $(load)" >> "$out/loads.txt"
   done
}

rps_of() { bench_rps "$out/wrk-$1-$2.txt"; } # id round
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# ratios ID REF: the per-round ratios of ID to REF (same round), space-separated
ratios() {
   local r out_=""
   for r in $(seq 1 "$rounds"); do out_+="$(printf '%.3f' "$(echo "$(rps_of "$1" "$r") / $(rps_of "$2" "$r")" | bc -l)") "; done
   echo "${out_% }"
}
median_ratio() { ratios "$1" "$2" | tr ' ' '\n' | median; }
min_ratio() { ratios "$1" "$2" | tr ' ' '\n' | sort -g | head -1; }
# the round whose requests/s are the median stands for the scenario (its p99 with it)
median_round() { for r in $(seq 1 "$rounds"); do echo "$(rps_of "$1" "$r") $r"; done | sort -g | awk '{a[NR]=$2} END {print a[int((NR+1)/2)]}'; }
cpu_us() { # id: the application's CPU per request, median over the rounds
   local r f
   for r in $(seq 1 "$rounds"); do
      f="$out/wrk-$1-$r.txt"
      echo "$(cat "$f.ticks") * 1000000 / $BENCH_TICKS_PER_S / $(bench_requests "$f")" | bc -l
   done | median
}

# table REF SCENARIOS...: a markdown row per scenario, ratios to REF's run of the same round
table() {
   local ref=$1; shift
   local s id label path cookie m
   printf '| scenario | path | requests/s (median) | p99 (median run) | ratio to %s, per round | median ratio | app CPU per request |\n' "$ref"
   printf '| --- | --- | ---: | ---: | ---: | ---: | ---: |\n'
   for s in "$@"; do
      IFS='|' read -r id label path cookie <<< "$s"
      m=$(median_round "$id")
      printf '| %s | `%s` | %.0f | %s ms | %s | **%.2f** | %.1f us |\n' "$label" "$path" "$(rps_of "$id" "$m")" \
         "$(bench_p99_ms "$out/wrk-$id-$m.txt")" "$(ratios "$id" "$ref" | sed 's/ /, /g')" "$(median_ratio "$id" "$ref")" \
         "$(cpu_us "$id")"
   done
   echo
}

results="$out/results.md"
{
   echo "# nova-session benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
   echo
   echo "Machine: $(bench_machine)."
   echo "wrk runs on the same $(nproc) cores as the application: $BENCH_THREADS threads, $BENCH_CONNECTIONS connections, keep-alive."
   echo "$rounds rounds; in each, every scenario runs a ${warmup} s warm-up and a ${seconds} s measured run, one after the other."
   echo "Absolute figures are those of a load generator and a server sharing $(nproc) cores; compare the ratios, within one run."
   echo "Load average before the run: $(load)."
   echo
} > "$results"

pair_row() { # label ours-id peer-id ref target
   local ok=yes
   awk -v m="$(min_ratio "$2" "$4")" -v t="$5" 'BEGIN {exit !(m >= t)}' || ok=no
   awk -v m="$(min_ratio "$2" "$4")" -v p="$(median_ratio "$3" "$4")" 'BEGIN {exit !(m > p)}' || ok="$ok, not ahead of the peer in every round"
   printf '| %s | %s (median **%.2f**) | %s (median %.2f) | >= %s | %s |\n' "$1" "$(ratios "$2" "$4" | sed 's/ /, /g')" \
      "$(median_ratio "$2" "$4")" "$(ratios "$3" "$4" | sed 's/ /, /g')" "$(median_ratio "$3" "$4")" "$5" "$ok"
}

# --- memory store and the Vert.x Web peer, one application ---
memory_section() {
   echo "memory store: starting $memory_jar" >&2
   bench_start_app "$memory_jar" "$out/app-memory.log"
   ours=$(bench_cookie_of /bench/write session_id)
   bench_cookie_of /bench/write session_id "$ours" > /dev/null
   counter=$(bench_cookie_of /bench/counter session_id)
   rest=$(bench_cookie_of /rest/counter session_id)
   peer=$(bench_cookie_of /peer/write vertx-web.session)
   bench_cookie_of /peer/write vertx-web.session "$peer" > /dev/null
   peer_counter=$(bench_cookie_of /peer/counter vertx-web.session)
   rest_peer=$(bench_cookie_of /rest/peer/counter vertx-web.session "$rest")
   [ "$(curl -s -H "Cookie: $ours" "http://127.0.0.1:$BENCH_PORT/bench/read")" = 1 ] || { echo "session read fails" >&2; exit 1; }
   [ "$(curl -s -H "Cookie: $peer" "http://127.0.0.1:$BENCH_PORT/peer/read")" = 1 ] || { echo "peer read fails" >&2; exit 1; }
   [ "$(curl -s -H "Cookie: $counter" "http://127.0.0.1:$BENCH_PORT/bench/counter")" = 2 ] || { echo "counter fails" >&2; exit 1; }
   [ "$(curl -s -H "Cookie: $rest" "http://127.0.0.1:$BENCH_PORT/rest/counter")" = 2 ] || { echo "REST counter fails" >&2; exit 1; }
   [ "$(curl -s -H "Cookie: $peer_counter" "http://127.0.0.1:$BENCH_PORT/peer/counter")" = 2 ] || { echo "peer counter fails" >&2; exit 1; }
   [ "$(curl -s -H "Cookie: $rest; $rest_peer" "http://127.0.0.1:$BENCH_PORT/rest/peer/counter")" = 2 ] \
      || { echo "REST peer counter fails" >&2; exit 1; }
   scenarios=(
      "bare|bare route, before the session filter: no session layer|/bench/bare|$ours"
      "a|(a) baseline: never touches its session|/bench/baseline|$ours"
      "b|(b) read one value of a shared session|/bench/read|$ours"
      "e-b|(b) Vert.x SessionHandler: read|/peer/read|$peer"
      "c|(c) blind write of one value|/bench/write|$ours"
      "e-c|(c) Vert.x SessionHandler: write|/peer/write|$peer"
      "f|(f) read a counter, write it back (Uni chain)|/bench/counter|$counter"
      "e-f|(f) Vert.x SessionHandler: read, write back|/peer/counter|$peer_counter"
      "d|(d) new visitor, no cookie, reads|/bench/read|"
      "g0|(g) Quarkus REST baseline: never touches its session|/rest/baseline|$rest"
      "g|(g) Quarkus REST, blocking NovaSession: read, write back|/rest/counter|$rest"
      "e-g|(g) Quarkus REST, Vert.x SessionHandler: read, write back|/rest/peer/counter|$rest; $rest_peer"
   )
   # the peer's new visitors: in rounds of their own after everything else, since every one adds a session to its store
   # (a bare run in each of those rounds is their reference)
   peer_new=(
      "bare2|bare route (reference of the peer's new visitors)|/bench/bare|$ours"
      "e-d|(d) Vert.x SessionHandler: new visitor, no cookie, reads|/peer/read|"
   )
   echo "memory store: a first pass over every path, so that the JIT has compiled them all" >&2
   for s in "${scenarios[@]}"; do
      IFS='|' read -r id label path cookie <<< "$s"
      bench_wrk 4 "$path" "$cookie" "$out/wrk-warmup.txt"
   done
   run_rounds memory "${scenarios[@]}"
   run_rounds peer-new "${peer_new[@]}"
   bench_stop_app "$APP_PID"

   {
      echo "## Memory store (default) and Vert.x Web SessionHandler + LocalSessionStore"
      echo
      table bare "${scenarios[@]}"
      table bare2 "${peer_new[@]}"
      echo "Ratios are to the bare route's run of the same round. The bare route and the /peer routes run before the"
      echo "session filter (route order -10000; the filter runs at -250), as in an application without this extension."
      echo "(a) (b) (c) (f) send a session cookie: the filter checks its HMAC, which is what every request of a returning"
      echo "visitor costs; all connections share one session. (d) sends no cookie: a new id and a Set-Cookie on every"
      echo "response; the peer also stores every such session, ours stores nothing until the application writes. The (g)"
      echo "REST scenarios all send this extension's cookie (the peer's too, since its endpoint is behind the same filters):"
      echo "compare them with the REST baseline."
      echo
      echo "| scenario, ratio to the bare route | ours, per round | Vert.x SessionHandler, per round | target | met in every round |"
      echo "| --- | --- | --- | ---: | --- |"
      pair_row "read one value of a shared session" b e-b bare 0.95
      pair_row "read a counter, write it back" f e-f bare 0.90
      pair_row "blind write of one value" c e-c bare 0.90
      printf '| new visitor, no cookie, reads | %s (median **%.2f**) | %s (median %.2f, rounds of its own) | >= 0.90 | %s |\n' \
         "$(ratios d bare | sed 's/ /, /g')" "$(median_ratio d bare)" "$(ratios e-d bare2 | sed 's/ /, /g')" \
         "$(median_ratio e-d bare2)" "$(awk -v m="$(min_ratio d bare)" -v p="$(median_ratio e-d bare2)" 'BEGIN {print (m >= 0.90 && m > p) ? "yes" : "no"}')"
      pair_row "Quarkus REST: read a counter, write it back (ratio to the REST baseline)" g e-g g0 0.90
      echo
      echo "Load average after each round: $(tr '\n' ';' < "$out/loads.txt" | sed 's/;$//; s/;/; /g')."
      echo
   } >> "$results"
}

# --- heap per session, end to end: sessions made through HTTP, in a JVM of their own ---
heap_section() {
   echo "heap per session: $sessions sessions each, through HTTP" >&2
   bench_start_app "$memory_jar" "$out/app-heap.log" -XX:+UseSerialGC \
      -Dquarkus.nova-session.memory.max-sessions=$((sessions * 2))
   heap() { curl -sf "http://127.0.0.1:$BENCH_PORT/bench/heap"; }
   # everything both measurements need is loaded and compiled before the first one
   bench_wrk 2 "/bench/create?name=alice" "" "$out/wrk-warmup.txt"
   bench_wrk 2 "/peer/create?name=alice" "" "$out/wrk-warmup.txt"
   read -r h0 o0 _ <<< "$(heap)"
   bench_requests_of "$sessions" "/bench/create?name=alice"
   read -r h1 o1 p1 <<< "$(heap)"
   bench_requests_of "$sessions" "/peer/create?name=alice"
   read -r h2 _ p2 <<< "$(heap)"
   bench_stop_app "$APP_PID"
   ours_heap=$(echo "($h1 - $h0) / ($o1 - $o0)" | bc -l)
   peer_heap=$(echo "($h2 - $h1) / ($p2 - $p1)" | bc -l)
   {
      echo "## Heap per session"
      echo
      echo "End to end: sessions created by HTTP requests of new visitors, each writing \`n = 42\` and \`name = \"alice\"\` (a"
      echo "string read from the request), ours through \`ReactiveNovaSession\` into the memory store, the peer's through"
      echo "\`SessionHandler\` into \`LocalSessionStore\`, one after the other in one JVM (serial GC); used heap after full"
      echo "GCs before and after, divided by the sessions the store holds:"
      echo
      echo "| store | sessions | heap per session |"
      echo "| --- | ---: | ---: |"
      printf '| nova-session, memory store | %d | **%.0f bytes** |\n' "$((o1 - o0))" "$ours_heap"
      printf '| Vert.x Web LocalSessionStore | %d | %.0f bytes |\n' "$((p2 - p1))" "$peer_heap"
      printf '| ratio ours / Vert.x | | %.2f |\n' "$(echo "$ours_heap / $peer_heap" | bc -l)"
      echo
      echo "At store level (bench/HeapPerSession.java: the stores filled directly, as the session layer would):"
      echo
      echo '```'
      java -Xmx2g -XX:+UseSerialGC -cp "bench/app/target/quarkus-app/lib/main/*:bench/app/target/quarkus-app/lib/boot/*" \
         bench/HeapPerSession.java
      echo '```'
      echo
   } >> "$results"
}

# --- the shared stores: Infinispan against a local two-node cluster, Redis against a local standalone server ---
# calls: the store calls the application made so far, the sum of the counts of the JSON map at $calls_path
calls() { curl -s "http://127.0.0.1:$BENCH_PORT$calls_path" | tr -d '{}"' | tr ',' '\n' | awk -F: '{s+=$2} END {print s+0}'; }
# store calls per request kind, one request at a time (no concurrent request to group writes with)
per_request() { # path cookie -> calls per request over 50 sequential requests
   local before after i
   before=$(calls)
   for i in $(seq 1 50); do curl -s -o /dev/null ${2:+-H "Cookie: $2"} "http://127.0.0.1:$BENCH_PORT$1"; done
   after=$(calls)
   printf '%.2f' "$(echo "($after - $before) / 50" | bc -l)"
}
# a first write of a session that exists in the browser only: each request a fresh id from a plain GET first
first_write() {
   local before after i cookie total=0
   for i in $(seq 1 50); do
      cookie=$(bench_cookie_of /bench/baseline session_id)
      before=$(calls)
      curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$BENCH_PORT/bench/write"
      after=$(calls)
      total=$((total + after - before))
   done
   printf '%.2f' "$(echo "$total / 50" | bc -l)"
}
# calls per request under load: the calls during the measured runs (recorded by after_measured_run), over their
# requests
under_load() { # store id -> calls per request over the measured runs of id
   local f calls=0 requests=0 before after
   while read -r f before after; do
      if [[ "$f" == *"wrk-$2-"* ]]; then
         calls=$((calls + after - before)); requests=$((requests + $(bench_requests "$f")))
      fi
   done < "$out/calls-$1.txt"
   printf '%.2f' "$(echo "$calls / $requests" | bc -l)"
}
# the scenarios of a shared store, their ids prefixed with P (the first letter of the store's name)
store_scenarios() { # P ours counter many-file
   echo "$1bare|bare route, before the session filter: no session layer|/bench/bare|$2"
   echo "$1a|(a) baseline: never touches its session|/bench/baseline|$2"
   echo "$1b|(b) read one value of a shared session|/bench/read|$2"
   echo "$1mb|(b) read, each request one of $MANY_SESSIONS sessions|/bench/read|@$4"
   echo "$1c|(c) blind write of one value|/bench/write|$2"
   echo "$1f|(f) read a counter, write it back|/bench/counter|$3"
   echo "$1mf|(f) read a counter, write it back, each request one of $MANY_SESSIONS sessions|/bench/counter|@$4"
   echo "$1d|(d) new visitor, no cookie, reads|/bench/read|"
   echo "$1h|(h) new visitor, no cookie, first write|/bench/write|"
}

# store_section STORE JAR CALLS_PATH LABEL HEADING NOTE: the application on STORE (its server already running): the
# store calls (counted by the application's LABEL client, JSON at CALLS_PATH) per request kind, one request at a time,
# then every scenario's rounds with their calls under load; a section of the results headed HEADING, NOTE (lines of
# text) after the table of calls.
store_section() {
   local store=$1 jar=$2 label=$4 heading=$5 note=$6 p=${1:0:1}
   local ours counter s path cookie seq_a seq_b seq_c seq_f seq_d seq_h seq_i
   bench_start_app "$jar" "$out/app-$store.log" -Dtest-support.store-inspection.enabled=true
   calls_path=$3
   calls_file="$out/calls-$store.txt"
   ours=$(bench_cookie_of /bench/write session_id)
   bench_cookie_of /bench/write session_id "$ours" > /dev/null
   counter=$(bench_cookie_of /bench/counter session_id)
   [ "$(curl -s -H "Cookie: $ours" "http://127.0.0.1:$BENCH_PORT/bench/read")" = 1 ] || { echo "$store: session read fails" >&2; exit 1; }
   curl -sf -o /dev/null "http://127.0.0.1:$BENCH_PORT$calls_path" || { echo "$store: no $calls_path" >&2; exit 1; }
   seq_a=$(per_request /bench/baseline "$ours")
   seq_b=$(per_request /bench/read "$ours")
   seq_c=$(per_request /bench/write "$ours")
   seq_f=$(per_request /bench/counter "$counter")
   seq_d=$(per_request /bench/read "")
   seq_h=$(per_request /bench/write "")
   seq_i=$(first_write)
   # many sessions: each written (the value (b) reads) and counted once, and every request of a run one of them
   local many="$out/many-$store.txt" c
   bench_cookies_of "$MANY_SESSIONS" /bench/write session_id "$many"
   while read -r c; do curl -s -o /dev/null -H "Cookie: $c" "http://127.0.0.1:$BENCH_PORT/bench/counter"; done < "$many"
   local store_scenarios_=()
   mapfile -t store_scenarios_ < <(store_scenarios "$p" "$ours" "$counter" "$many")
   for s in "${store_scenarios_[@]}"; do
      IFS='|' read -r _ _ path cookie <<< "$s"
      bench_wrk 4 "$path" "$cookie" "$out/wrk-warmup.txt"
   done
   : > "$calls_file"
   run_rounds "$store" "${store_scenarios_[@]}"
   calls_path=""
   bench_stop_app "$APP_PID"
   {
      echo "## $heading"
      echo
      table "${p}bare" "${store_scenarios_[@]}"
      echo "$label calls per request (counted by the application's $label client, $3):"
      echo
      echo "| request kind | budget | one request at a time | under the load above |"
      echo "| --- | ---: | ---: | ---: |"
      echo "| (a) never touches its session | 0 | $seq_a | $(under_load "$store" "${p}a") |"
      echo "| (b) read | 1 | $seq_b | $(under_load "$store" "${p}b") |"
      echo "| (b) read, many sessions | 1 | | $(under_load "$store" "${p}mb") |"
      echo "| (c) blind write of one value | | $seq_c | $(under_load "$store" "${p}c") |"
      echo "| (f) read, then write back | 2 | $seq_f | $(under_load "$store" "${p}f") |"
      echo "| (f) read, then write back, many sessions | 2 | | $(under_load "$store" "${p}mf") |"
      echo "| (d) new visitor, reads | 0 | $seq_d | $(under_load "$store" "${p}d") |"
      echo "| (h) new visitor, first write | 1 | $seq_h | $(under_load "$store" "${p}h") |"
      echo "| first write of an id the browser got from an earlier request | 2 (its check, then the write) | $seq_i | |"
      echo
      echo "$note"
      echo
      echo "Load average after each round: $(grep "^$store " "$out/loads.txt" | tr '\n' ';' | sed 's/;$//; s/;/; /g')."
      echo
   } >> "$results"
}

if [ "$memory" = true ]; then
   memory_section
   heap_section
fi

if [ "$infinispan" = true ]; then
   if integration-tests/infinispan-server/cluster.sh status >/dev/null 2>&1; then
      echo "infinispan: using the cluster that already runs" >&2
   else
      echo "infinispan: starting the local two-node cluster" >&2
      cluster_started=true
      integration-tests/infinispan-server/cluster.sh fetch >/dev/null
      integration-tests/infinispan-server/cluster.sh start >/dev/null
   fi
   store_section infinispan "$infinispan_jar" /inspect/hotrod-calls "Hot Rod" \
      "Infinispan store, two-node replicated cluster on this machine" \
      "Under load, (c) and (f) are $BENCH_CONNECTIONS connections writing the same session: the store groups
concurrent writes to one session into one conditional write, and retries the ones that lost a race."
fi

if [ "$redis" = true ]; then
   if "$redis_sh" status 6391 || redis-cli -h 127.0.0.1 -p 6391 ping 2>/dev/null | grep -q PONG; then
      echo "redis: using the server that already runs on port 6391" >&2
   else
      echo "redis: starting a standalone server on port 6391" >&2
      redis_started=true
      "$redis_sh" start standalone >/dev/null
   fi
   store_section redis "$redis_jar" /inspect/redis-calls Redis "Redis store, standalone server on this machine" \
      "A call is one round trip: a command, or a script (EVALSHA, and EVAL after it when the server did not know the
script yet). Under load, (c) and (f) are $BENCH_CONNECTIONS connections writing the same session: each write is a
script of its own, which Redis runs in one step."
fi

# both shared stores in the same run: their scenarios side by side
if [ "$infinispan" = true ] && [ "$redis" = true ]; then
   {
      echo "## Infinispan and Redis side by side"
      echo
      echo "Median ratios to the bare route of the same application, and store calls per request under that load (Hot Rod"
      echo "calls, Redis round trips), from the two sections above:"
      echo
      echo "| scenario | Infinispan, median ratio | Hot Rod calls per request | Redis, median ratio | Redis calls per request |"
      echo "| --- | ---: | ---: | ---: | ---: |"
      for s in "a|(a) baseline: never touches its session" "b|(b) read one value of a shared session" \
         "mb|(b) read, many sessions" "c|(c) blind write of one value" "f|(f) read a counter, write it back" \
         "mf|(f) read, write back, many sessions" "d|(d) new visitor, no cookie, reads" \
         "h|(h) new visitor, no cookie, first write"; do
         IFS='|' read -r id label <<< "$s"
         printf '| %s | **%.2f** | %s | **%.2f** | %s |\n' "$label" "$(median_ratio "i$id" ibare)" \
            "$(under_load infinispan "i$id")" "$(median_ratio "r$id" rbare)" "$(under_load redis "r$id")"
      done
      echo
   } >> "$results"
fi

# a bar chart of the median ratios, ours against the peer (gnuplot, if installed)
if [ "$memory" = true ] && command -v gnuplot >/dev/null; then
   {
      echo "\"read\" $(median_ratio b bare) $(median_ratio e-b bare)"
      echo "\"read, write back\" $(median_ratio f bare) $(median_ratio e-f bare)"
      echo "\"blind write\" $(median_ratio c bare) $(median_ratio e-c bare)"
      echo "\"new visitor\" $(median_ratio d bare) $(median_ratio e-d bare2)"
      echo "\"REST read, write back\" $(median_ratio g g0) $(median_ratio e-g g0)"
   } > "$out/ratios.dat"
   gnuplot <<GNUPLOT
set terminal svg size 760,360 font "sans,12" background rgb "white"
set output "$out/ratios.svg"
set title "Requests/s relative to no session layer (median of $rounds rounds, higher is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set yrange [0:1.1]
set ytics 0.1
set grid ytics
set key top right
plot "$out/ratios.dat" using 2:xtic(1) title "nova-session" lc rgb "#2b6cb0", \
     "" using 3 title "Vert.x SessionHandler + LocalSessionStore" lc rgb "#bbbbbb"
GNUPLOT
   echo "Chart: bench/target/ratios.svg." >> "$results"
   echo >> "$results"
fi

{
   if [ -s "$out/timeouts.txt" ]; then
      echo "Requests slower than wrk's 2 s timeout (counted as timeouts by wrk, not as failures):"
      echo
      sed 's/^/* /' "$out/timeouts.txt"
      echo
   fi
   echo "Load average after the run: $(load)."
} >> "$results"
cat "$results"
