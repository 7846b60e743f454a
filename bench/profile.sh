#!/usr/bin/env bash
# Where the time goes: the packaged benchmark application (bench/app, memory store) under wrk load, one JFR recording
# per scenario (execution samples every millisecond, allocation samples), read by bench/JfrProfile.java. Needs it
# packaged (bench/run.sh builds it; --no-build there to reuse it).
# Writes bench/target/profile-SCENARIO.jfr and bench/target/profile-SCENARIO.txt, prints the reports.
#
#   bench/profile.sh [--seconds N] [--connections N] [SCENARIO...]
#
#   SCENARIO   bare | baseline | read | write | counter | rest-counter | new | new-read | peer-read | peer-write |
#              peer-counter | peer-new (default: baseline read counter new-read)
#   --seconds  length of each recording under load (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
out=bench/target
seconds=20
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
chosen=()
while [ $# -gt 0 ]; do
   case "$1" in
      --seconds) seconds=$2; shift ;;
      --connections) BENCH_CONNECTIONS=$2; shift ;;
      -*) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
      *) chosen+=("$1") ;;
   esac
   shift
done
[ ${#chosen[@]} -gt 0 ] || chosen=(baseline read counter new-read)
mkdir -p "$out"
trap bench_stop_all EXIT

jfc="$out/profile-1ms.jfc"
jfr configure --input profile --output "$jfc" jdk.ExecutionSample#period=1ms jdk.ObjectAllocationSample#throttle=2000/s \
   > /dev/null
bench_start_app bench/app/target/quarkus-app/quarkus-run.jar "$out/app-profile.log"
ours=$(bench_cookie_of /bench/write session_id)
bench_cookie_of /bench/write session_id "$ours" > /dev/null
counter=$(bench_cookie_of /bench/counter session_id)
rest=$(bench_cookie_of /rest/counter session_id)
peer=$(bench_cookie_of /peer/write vertx-web.session)
bench_cookie_of /peer/write vertx-web.session "$peer" > /dev/null

scenario() { # name -> "path|cookie"
   case "$1" in
      bare) echo "/bench/bare|$ours" ;;
      baseline) echo "/bench/baseline|$ours" ;;
      read) echo "/bench/read|$ours" ;;
      write) echo "/bench/write|$ours" ;;
      counter) echo "/bench/counter|$counter" ;;
      rest-counter) echo "/rest/counter|$rest" ;;
      new) echo "/bench/baseline|" ;;
      new-read) echo "/bench/read|" ;;
      peer-read) echo "/peer/read|$peer" ;;
      peer-write) echo "/peer/write|$peer" ;;
      peer-counter) echo "/peer/counter|$peer" ;;
      peer-new) echo "/peer/read|" ;;
      *) echo "unknown scenario $1" >&2; exit 2 ;;
   esac
}
for name in "${chosen[@]}"; do
   IFS='|' read -r path cookie <<< "$(scenario "$name")"
   bench_wrk 8 "$path" "$cookie" "$out/wrk-warmup.txt"
done
for name in "${chosen[@]}"; do
   IFS='|' read -r path cookie <<< "$(scenario "$name")"
   bench_wrk 3 "$path" "$cookie" "$out/wrk-warmup.txt"
   jcmd "$APP_PID" JFR.start name="$name" settings="$(pwd)/$jfc" > /dev/null
   bench_wrk "$seconds" "$path" "$cookie" "$out/wrk-profile-$name.txt"
   jcmd "$APP_PID" JFR.stop name="$name" filename="$(pwd)/$out/profile-$name.jfr" > /dev/null
   {
      echo "== $name: GET $path ${cookie:+with a cookie}, $(bench_rps "$out/wrk-profile-$name.txt") requests/s while recording" \
         "(load $(cut -d' ' -f1-3 /proc/loadavg))"
      java bench/JfrProfile.java "$out/profile-$name.jfr" 15
      echo
   } > "$out/profile-$name.txt"
   cat "$out/profile-$name.txt"
done
