#!/usr/bin/env bash
# A real Infinispan Server cluster as plain Java processes on 127.0.0.1 (no Docker), for tests,
# CI and people. Works from any current directory; all state lives in integration-tests/infinispan-server/target/.
#
#   cluster.sh fetch            download the server jars (Maven Central, via the project's mvnw and
#                               server-pom.xml) into the local Maven repository and copy them to
#                               target/ispn-lib; does nothing if they are already there
#   cluster.sh start [N...]     start nodes N (default: 1 2), fetching first if needed; waits until each
#                               logged ISPN080001 (started) and every running node sees all of them
#                               in its cluster view. Nodes already running are left alone.
#   cluster.sh stop [N...]      stop nodes N (default: every node this script recorded): SIGTERM to
#                               the recorded PID, SIGKILL after 30 s
#   cluster.sh kill N...        SIGKILL nodes N (crash simulation)
#   cluster.sh status [N...]    print the state of nodes N (default: 1, 2 and any recorded node);
#                               exit code 0 if all of them run, 3 otherwise
#
# Node N listens on 127.0.0.1 only:
#   Hot Rod + REST + RESP + Memcached (single port)  11222 + 100*(N-1)   -> 11222, 11322, ...
#   JGroups TCP                                      7800 + (N-1)        -> 7800, 7801, ...
#   JGroups FD_SOCK2                                 57800 + (N-1)
# Credentials (conf/): admin / password (Hot Rod SASL DIGEST/SCRAM, REST HTTP digest).
#
# Files (integration-tests/infinispan-server/target/):
#   ispn-lib/                   the server jars (+ .fetched: checksum of server-pom.xml)
#   ispn/nodeN/                 server root of node N (wiped at each start: fresh state)
#   ispn/nodeN.pid, nodeN.out   PID and console log of node N
#   cds/                        AppCDS archive (written when a node first stops normally)
#
# Environment (all optional):
#   ISPN_CONF            folder with infinispan.xml, log4j2.xml, users/groups.properties;
#                        default conf/ (auth); use integration-tests/infinispan-server/conf-noauth for no security at all
#   ISPN_JAVA_OPTS       JVM options; default -Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
#   ISPN_CDS             1 (default) to use/create an AppCDS archive, 0 to disable
#   ISPN_INITIAL_HOSTS   TCPPING members; default nodes 1..max(2, highest N started)
#   ISPN_START_TIMEOUT   seconds to wait for one node to start; default 180
#   ISPN_MVN_ARGS        extra Maven arguments for fetch (e.g. -o)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
project="$(cd "$here/../.." && pwd)"
target="$here/target"
lib="$target/ispn-lib"
state="$target/ispn"
cds_dir="$target/cds"
cds_archive="$cds_dir/ispn.jsa"
conf="$(readlink -f "${ISPN_CONF:-$here/conf}")"
java_opts="${ISPN_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
start_timeout="${ISPN_START_TIMEOUT:-180}"
stop_timeout=30

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
log() { echo "[cluster.sh] $*"; }
die() { echo "[cluster.sh] ERROR: $*" >&2; exit 1; }

hotrod_port() { echo $(( 11222 + 100 * ($1 - 1) )); }
jgroups_port() { echo $(( 7800 + $1 - 1 )); }
check_node() { [[ "$1" =~ ^[1-9]$ ]] || die "node number must be 1..9, got '$1'"; }

# PID of node N if it runs and is the process this script started (guards against PID reuse), else empty
node_pid() {
   local n=$1 pidfile="$state/node$1.pid" pid
   [ -f "$pidfile" ] || return 0
   pid="$(cat "$pidfile" 2>/dev/null)" || return 0
   [[ "$pid" =~ ^[0-9]+$ ]] || return 0
   if kill -0 "$pid" 2>/dev/null \
      && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-s $state/node$n "; then
      echo "$pid"
   fi
}
recorded_nodes() {
   local f
   for f in "$state"/node[1-9].pid; do
      [ -e "$f" ] || continue
      f="${f##*/node}"; echo "${f%.pid}"
   done
}
running_nodes() { local n; for n in $(recorded_nodes); do [ -n "$(node_pid "$n")" ] && echo "$n"; done; return 0; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# size of the last cluster view node N logged (ISPN000094 new view / ISPN000093 merged view)
view_size() {
   { grep -E 'ISPN00009[34]' "$state/node$1.out" 2>/dev/null || true; } | tail -1 | sed -nE 's/.*\] \(([0-9]+)\) \[.*/\1/p'
}

lock() {
   mkdir -p "$target"
   exec 9>"$target/.cluster.lock"
   flock -w 600 9 || die "could not lock $target/.cluster.lock"
}

# ---------------------------------------------------------------- fetch
pom_stamp() { sha256sum "$here/server-pom.xml" | cut -d' ' -f1; }
fetched() { compgen -G "$lib/infinispan-server-runtime-*.jar" >/dev/null && [ "$(cat "$lib/.fetched" 2>/dev/null)" = "$(pom_stamp)" ]; }

do_fetch() {
   if fetched; then log "server jars already in $lib ($(ls "$lib" | wc -l) jars)"; return 0; fi
   [ -z "$(running_nodes)" ] || die "nodes are running on the old jars; stop them before fetching"
   local mvn=(mvn) tmp="$target/ispn-lib.tmp" t0=$SECONDS
   [ -x "$project/mvnw" ] && mvn=("$project/mvnw")
   rm -rf "$tmp"
   log "fetching the Infinispan server jars (server-pom.xml) ..."
   # shellcheck disable=SC2086
   "${mvn[@]}" -B -ntp -q -Dstyle.color=never ${ISPN_MVN_ARGS:-} -f "$here/server-pom.xml" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" </dev/null \
      || die "fetch failed"
   compgen -G "$tmp/infinispan-server-runtime-*.jar" >/dev/null || die "fetch did not produce infinispan-server-runtime"
   rm -rf "$lib" "$cds_dir"
   mv "$tmp" "$lib"
   pom_stamp >"$lib/.fetched"
   log "$(ls "$lib"/*.jar | wc -l) jars in $lib ($(du -sh "$lib" | cut -f1)) in $(( SECONDS - t0 )) s"
}

# ---------------------------------------------------------------- AppCDS
cds_key() { { java -version 2>&1; cat "$lib/.fetched"; echo "$java_opts"; } | sha256sum | cut -d' ' -f1; }
# prints the JVM options for AppCDS for node N: use the archive if valid, else let this node write it
# at exit (to a per-node temp file, moved in place by stop after a clean exit)
cds_opts() {
   local n=$1 key m
   [ "${ISPN_CDS:-1}" = 1 ] || return 0
   key="$(cds_key)"
   if [ -f "$cds_archive" ] && [ "$(cat "$cds_archive.key" 2>/dev/null)" = "$key" ]; then
      echo "-XX:SharedArchiveFile=$cds_archive -Xlog:cds=off -Xlog:cds+dynamic=off"; return 0
   fi
   for m in "$state"/node[1-9].cds; do   # another running node already writes the archive
      [ -e "$m" ] && [ -n "$(node_pid "$(basename "$m" .cds | tr -dc 0-9)")" ] && return 0
   done
   rm -f "$cds_archive" "$cds_archive.key"
   mkdir -p "$cds_dir"
   echo "$key" >"$state/node$n.cds"
   echo "-XX:ArchiveClassesAtExit=$cds_dir/node$n.jsa.tmp -Xlog:cds=off -Xlog:cds+dynamic=off"
}
cds_after_exit() {   # $1 = node, $2 = 1 if the node exited by itself after SIGTERM
   local n=$1 clean=$2 marker="$state/node$1.cds" tmp="$cds_dir/node$1.jsa.tmp"
   if [ -f "$marker" ] && [ "$clean" = 1 ] && [ -s "$tmp" ]; then
      mv "$tmp" "$cds_archive"; mv "$marker" "$cds_archive.key"
      log "node$n wrote the AppCDS archive $cds_archive ($(du -sh "$cds_archive" | cut -f1))"
   fi
   rm -f "$marker" "$tmp"
}

# ---------------------------------------------------------------- start
launch() {
   local n=$1 root="$state/node$1" out="$state/node$1.out" hosts pid
   rm -rf "$root" "$out" "$state/node$n.pid" "$state/node$n.cds"
   # lib/ must exist in the server root: Bootstrap builds its class loader from it (NPE otherwise)
   mkdir -p "$root/conf" "$root/lib"
   cp "$conf"/* "$root/conf/"
   hosts="${ISPN_INITIAL_HOSTS:-$initial_hosts}"
   # setsid: own session, so the node survives (and ignores) signals meant for the caller's terminal;
   # 9>&-: do not pass the lock to the node
   # shellcheck disable=SC2086,SC2046
   setsid java $java_opts $(cds_opts "$n") \
      -Djava.net.preferIPv4Stack=true \
      -Djgroups.bind.address=127.0.0.1 \
      -Djgroups.bind.port="$(jgroups_port "$n")" \
      -Djgroups.fd.port-offset=50000 \
      -Dispn.initial_hosts="$hosts" \
      -cp "$lib/*" org.infinispan.server.Bootstrap \
      -s "$root" -b 127.0.0.1 -o $(( 100 * (n - 1) )) -n "node$n" \
      >"$out" 2>&1 </dev/null 9>&- &
   pid=$!
   echo "$pid" >"$state/node$n.pid"
   launched_at[$n]=$SECONDS
}

wait_started() {
   local n=$1 out="$state/node$1.out" deadline=$(( SECONDS + start_timeout )) pid
   pid="$(cat "$state/node$n.pid")"
   # ISPN080001 "Infinispan Server <v> started in <n>ms" is logged once the caches are up
   # (kill -0, not node_pid: right after the fork the child may not have exec'ed java yet)
   until grep -q 'ISPN080001' "$out" 2>/dev/null; do
      if ! kill -0 "$pid" 2>/dev/null; then
         tail -40 "$out" >&2 || true
         rm -f "$state/node$n.pid"
         die "node$n died during start-up; see $out"
      fi
      (( SECONDS <= deadline )) || die "node$n not started after ${start_timeout}s; see $out"
      sleep 0.2
   done
   log "node$n up: pid $(node_pid "$n"), 127.0.0.1:$(hotrod_port "$n"), $(grep -o 'started in [0-9]*ms' "$out" | head -1)" \
       "(wall $(( SECONDS - launched_at[n] )) s)"
}

wait_views() {
   local nodes expected n size deadline=$(( SECONDS + 60 )) ok
   while :; do
      nodes=($(running_nodes)); expected=${#nodes[@]}; ok=1
      for n in "${nodes[@]}"; do
         size="$(view_size "$n")"; [ "${size:-1}" = "$expected" ] || ok=0
      done
      if [ "$ok" = 1 ]; then log "cluster view: $expected node(s) [$(echo "${nodes[@]/#/node}")]"; return 0; fi
      (( SECONDS <= deadline )) || die "cluster view not complete after 60 s (expected $expected nodes); see $state/node*.out"
      sleep 0.2
   done
}

do_start() {
   local nodes=("$@") n max=2
   [ ${#nodes[@]} -gt 0 ] || nodes=(1 2)
   for n in "${nodes[@]}"; do check_node "$n"; (( n > max )) && max=$n; done
   initial_hosts="$(for ((i = 1; i <= max; i++)); do printf '127.0.0.1[%d],' "$(jgroups_port "$i")"; done)"
   initial_hosts="${initial_hosts%,}"
   command -v java >/dev/null || die "java not found on PATH"
   fetched || do_fetch
   mkdir -p "$state"
   declare -ga launched_at=()
   # one after the other: the first node forms the cluster, the next ones join it (no merge needed)
   local todo=() p
   for n in "${nodes[@]}"; do
      if [ -n "$(node_pid "$n")" ]; then log "node$n already running (pid $(node_pid "$n"))"; continue; fi
      for p in "$(hotrod_port "$n")" "$(jgroups_port "$n")"; do
         port_in_use "$p" && die "node$n: port 127.0.0.1:$p is already in use by a process this script did not start"
      done
      todo+=("$n")
   done
   for n in "${todo[@]}"; do
      launch "$n"
      wait_started "$n"
   done
   wait_views
}

# ---------------------------------------------------------------- stop / kill
do_stop() {   # $1 = TERM or KILL, then nodes
   local sig=$1 n pid t0=$SECONDS; shift
   local nodes=("$@") pids=() names=()
   if [ ${#nodes[@]} -eq 0 ]; then nodes=($(recorded_nodes)); fi
   [ ${#nodes[@]} -gt 0 ] || log "no node recorded in $state: nothing to stop"
   for n in "${nodes[@]}"; do
      check_node "$n"
      pid="$(node_pid "$n")"
      if [ -z "$pid" ]; then
         [ -f "$state/node$n.pid" ] && log "node$n: not running (removing stale pid file)" || log "node$n: not running"
         rm -f "$state/node$n.pid"; cds_after_exit "$n" 0
         continue
      fi
      kill -"$sig" "$pid" 2>/dev/null || true
      pids[$n]=$pid
   done
   for n in "${!pids[@]}"; do
      pid=${pids[$n]}
      local clean=1 deadline=$(( SECONDS + stop_timeout ))
      while kill -0 "$pid" 2>/dev/null; do
         if (( SECONDS >= deadline )); then
            log "node$n did not stop within ${stop_timeout}s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; clean=0
         fi
         sleep 0.1
      done
      [ "$sig" = KILL ] && clean=0
      rm -f "$state/node$n.pid"
      cds_after_exit "$n" "$clean"
      if [ "$sig" = KILL ]; then log "node$n killed (pid $pid)"; else log "node$n stopped (pid $pid, $(( SECONDS - t0 )) s)"; fi
   done
}

do_status() {
   local nodes=("$@") n pid rc=0
   if [ ${#nodes[@]} -eq 0 ]; then nodes=($( { printf '1\n2\n'; recorded_nodes; } | sort -un)); fi
   for n in "${nodes[@]}"; do
      check_node "$n"
      pid="$(node_pid "$n")"
      if [ -n "$pid" ]; then
         if grep -q ISPN080001 "$state/node$n.out" 2>/dev/null; then
            echo "node$n running  pid $pid  127.0.0.1:$(hotrod_port "$n")  view $(view_size "$n") node(s)"
         else
            echo "node$n starting  pid $pid  127.0.0.1:$(hotrod_port "$n")"
         fi
      else
         echo "node$n stopped$([ -f "$state/node$n.pid" ] && echo ' (stale pid file)')"; rc=3
      fi
   done
   return $rc
}

cmd="${1:-}"; [ $# -gt 0 ] && shift
case "$cmd" in
   fetch)  lock; do_fetch ;;
   start)  lock; do_start "$@" ;;
   stop)   lock; do_stop TERM "$@" ;;
   kill)   [ $# -gt 0 ] || die "usage: cluster.sh kill N..."; lock; do_stop KILL "$@" ;;
   status) do_status "$@" ;;
   *)      usage ;;
esac
