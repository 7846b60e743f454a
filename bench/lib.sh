# Shared by bench/run.sh and bench/profile.sh: start and stop the packaged benchmark application (bench/app), read
# cookies, drive it with wrk.
# Only 127.0.0.1; every process started here is stopped by its PID (bench_stop_all, on exit).

BENCH_PORT=${BENCH_PORT:-8097}
BENCH_HEAP=${BENCH_HEAP:-1g}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
BENCH_PIDS=()

# bench_start_app JAR LOG [java options...]: starts the application on 127.0.0.1:$BENCH_PORT, waits until it answers;
# sets APP_PID
bench_start_app() {
   local jar=$1 log=$2; shift 2
   if curl -s -o /dev/null "http://127.0.0.1:$BENCH_PORT/"; then
      echo "port $BENCH_PORT is taken: set BENCH_PORT to a free one" >&2; return 1
   fi
   java -Xms$BENCH_HEAP -Xmx$BENCH_HEAP "$@" -Dquarkus.http.port=$BENCH_PORT -Dquarkus.http.host=127.0.0.1 \
      -Dquarkus.log.level=WARN -jar "$jar" > "$log" 2>&1 &
   APP_PID=$!
   BENCH_PIDS+=("$APP_PID")
   local _
   for _ in $(seq 1 240); do
      if curl -sf -o /dev/null "http://127.0.0.1:$BENCH_PORT/bench/bare"; then return 0; fi
      if ! kill -0 "$APP_PID" 2>/dev/null; then break; fi
      sleep 0.5
   done
   echo "the application did not start: see $log" >&2
   return 1
}

# bench_stop_app PID: SIGTERM, and waits for the process to end
bench_stop_app() {
   kill "$1" 2>/dev/null || true
   wait "$1" 2>/dev/null || true
}

bench_stop_all() {
   local pid
   for pid in "${BENCH_PIDS[@]}"; do bench_stop_app "$pid"; done
   BENCH_PIDS=()
}

# bench_cookie_of PATH NAME [COOKIE]: "NAME=value" from the Set-Cookie of one GET
bench_cookie_of() {
   local args=(-s -D - -o /dev/null)
   [ -n "${3:-}" ] && args+=(-H "Cookie: $3")
   curl "${args[@]}" "http://127.0.0.1:$BENCH_PORT$1" | tr -d '\r' \
      | sed -n "s/^[Ss]et-[Cc]ookie: \($2=[^;]*\).*/\1/p" | head -1
}

# bench_wrk SECONDS PATH COOKIE OUT: one wrk run (COOKIE may be empty: no Cookie header; @FILE: every request one of
# the cookies of FILE, one per line, see many.lua); the report goes to OUT
bench_wrk() {
   local args=(-t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$1s" --latency) script=()
   if [[ "$3" == @* ]]; then
      args+=(-s "$(dirname "${BASH_SOURCE[0]}")/many.lua")
      script=(-- "${3#@}")
   elif [ -n "$3" ]; then
      args+=(-H "Cookie: $3")
   fi
   wrk "${args[@]}" "http://127.0.0.1:$BENCH_PORT$2" "${script[@]}" > "$4"
   # failed requests end the benchmark; requests slower than wrk's 2 s timeout are a result, noted with the run
   if grep -q -E 'Non-2xx|Socket errors: connect [1-9]|read [1-9]|write [1-9]' "$4"; then
      echo "errors during the run of $2:" >&2; cat "$4" >&2; return 1
   fi
   local timeouts
   timeouts=$(sed -n 's/.*Socket errors:.*timeout \([0-9]*\).*/\1/p' "$4")
   if [ -n "$timeouts" ]; then
      echo "$2: $timeouts requests over wrk's 2 s timeout in a $1 s run" >> "${BENCH_TIMEOUTS:-/dev/stderr}"
   fi
}

# bench_cookies_of N PATH NAME FILE: N new sessions, each the cookie of one GET of PATH, into FILE ("NAME=value" lines)
bench_cookies_of() {
   local i
   : > "$4"
   for i in $(seq 1 "$1"); do bench_cookie_of "$2" "$3" >> "$4"; done
}

# bench_requests_of N PATH [COOKIE]: N new sessions through PATH, for heap per session. wrk stops each thread after its
# share of responses (bench/limit.lua), but waits out its duration all the same: the sessions the application holds
# (GET /bench/sessions, "<ours> <peer>") say when it is done, and the run is stopped then, by its PID.
bench_requests_of() {
   local args=(-t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d300s -s "$(dirname "${BASH_SOURCE[0]}")/limit.lua")
   [ -n "${3:-}" ] && args+=(-H "Cookie: $3")
   local start target pid now
   start=$(curl -sf "http://127.0.0.1:$BENCH_PORT/bench/sessions" | awk '{print $1 + $2}')
   target=$((start + $1))
   wrk "${args[@]}" "http://127.0.0.1:$BENCH_PORT$2" -- $(($1 / BENCH_THREADS)) > /dev/null &
   pid=$!
   while kill -0 "$pid" 2>/dev/null; do
      sleep 0.5
      now=$(curl -sf "http://127.0.0.1:$BENCH_PORT/bench/sessions" | awk '{print $1 + $2}')
      if [ "$now" -ge "$target" ]; then
         sleep 1
         kill "$pid" 2>/dev/null || true
      fi
   done
   wait "$pid" 2>/dev/null || true
}

# bench_cpu_ticks PID: CPU time the process used so far (user + system), in clock ticks
bench_cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
BENCH_TICKS_PER_S=$(getconf CLK_TCK)

# fields of a wrk report: requests/s, p99 (in ms), requests
bench_rps() { awk '/^Requests\/sec/ {print $2}' "$1"; }
bench_requests() { awk '/requests in/ {print $1}' "$1"; }
bench_p99_ms() {
   awk '$1=="99%" { v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
      if (u=="us") v/=1000; else if (u=="s") v*=1000; else if (u=="m") v*=60000; printf "%.2f\n", v }' "$1"
}

bench_machine() {
   echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem:/ {print $2}') GiB," \
      "$(java -version 2>&1 | head -1 | sed 's/"//g'), $(uname -sr)"
}
