#!/usr/bin/env bash
# Real Redis servers for the tests, as plain processes bound to 127.0.0.1 (Debian's redis-server, no Docker):
#   redis.sh start standalone      one server on port 6391
#   redis.sh start cluster         a Redis Cluster of 3 masters and 3 replicas on ports 7301-7306
#   redis.sh stop [standalone|cluster|PORT...]   SIGTERM by recorded PID (SIGKILL after 10 s); no argument: all
#   redis.sh kill PORT...          SIGKILL (crash simulation)
#   redis.sh restart PORT...       starts a stopped or killed server again with its own data directory
#   redis.sh status PORT           exit 0 if the server recorded for PORT runs
# Data, logs and PID files: integration-tests/redis-server/target/<port>/. No persistence: a restarted standalone
# server is empty, a restarted cluster node gets its data back from the cluster (it rejoins as a replica).
# Keyspace notifications of expired keys are on (notify-keyspace-events Ex).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/target"
STANDALONE_PORT=6391
CLUSTER_PORTS=(7301 7302 7303 7304 7305 7306)

dir_of() { echo "$TARGET/$1"; }
pid_of() { cat "$(dir_of "$1")/redis.pid" 2>/dev/null || true; }

running() {
   local pid
   pid="$(pid_of "$1")"
   [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "redis-server.*:$1"
}

start_server() {
   local port=$1 cluster=$2 dir
   dir="$(dir_of "$port")"
   if running "$port"; then
      echo "redis $port already running (pid $(pid_of "$port"))"
      return 0
   fi
   mkdir -p "$dir"
   local args=(--bind 127.0.0.1 --port "$port" --dir "$dir" --save '' --appendonly no --protected-mode yes
      --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --notify-keyspace-events Ex)
   if [ "$cluster" = yes ]; then
      # a short node timeout: a killed master is failed over within seconds
      args+=(--cluster-enabled yes --cluster-config-file "$dir/nodes.conf" --cluster-node-timeout 2000)
   fi
   rm -f "$dir/redis.pid"
   redis-server "${args[@]}"
   for _ in $(seq 1 100); do
      if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
         echo "redis $port started (pid $(pid_of "$port"))"
         return 0
      fi
      sleep 0.1
   done
   echo "redis $port did not start: see $dir/redis.log" >&2
   return 1
}

cluster_ok() {
   local port
   for port in "${CLUSTER_PORTS[@]}"; do
      redis-cli -h 127.0.0.1 -p "$port" cluster info 2>/dev/null | grep -q 'cluster_state:ok' || return 1
   done
}

start_cluster() {
   local port fresh=no
   for port in "${CLUSTER_PORTS[@]}"; do
      if ! running "$port"; then
         # a node whose cluster is gone starts from scratch
         rm -rf "$(dir_of "$port")"
         fresh=yes
      fi
   done
   if [ "$fresh" = no ] && cluster_ok; then
      echo "redis cluster already running"
      return 0
   fi
   stop_ports "${CLUSTER_PORTS[@]}"
   for port in "${CLUSTER_PORTS[@]}"; do
      rm -rf "$(dir_of "$port")"
      start_server "$port" yes
   done
   local nodes=()
   for port in "${CLUSTER_PORTS[@]}"; do nodes+=("127.0.0.1:$port"); done
   redis-cli --cluster create "${nodes[@]}" --cluster-replicas 1 --cluster-yes > "$TARGET/cluster-create.log" 2>&1 || {
      cat "$TARGET/cluster-create.log" >&2
      return 1
   }
   for _ in $(seq 1 200); do
      if cluster_ok; then
         echo "redis cluster ready on ports ${CLUSTER_PORTS[*]}"
         return 0
      fi
      sleep 0.1
   done
   echo "redis cluster not ready: see $TARGET/cluster-create.log" >&2
   return 1
}

stop_ports() {
   local port pid
   for port in "$@"; do
      pid="$(pid_of "$port")"
      if [ -n "$pid" ] && running "$port"; then
         kill "$pid" 2>/dev/null || true
         for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
         done
         kill -9 "$pid" 2>/dev/null || true
         echo "redis $port stopped"
      fi
      rm -f "$(dir_of "$port")/redis.pid"
   done
}

kill_ports() {
   local port pid
   for port in "$@"; do
      pid="$(pid_of "$port")"
      if [ -n "$pid" ] && running "$port"; then
         kill -9 "$pid"
         while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
         echo "redis $port killed (pid $pid)"
      fi
   done
}

restart_ports() {
   local port
   for port in "$@"; do
      if [ "$port" = "$STANDALONE_PORT" ]; then
         start_server "$port" no
      else
         start_server "$port" yes
      fi
   done
}

command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install redis-server redis-tools" >&2; exit 1; }
mkdir -p "$TARGET"

case "${1:-}" in
   start)
      case "${2:-}" in
         standalone) start_server "$STANDALONE_PORT" no ;;
         cluster) start_cluster ;;
         *) echo "usage: $0 start standalone|cluster" >&2; exit 2 ;;
      esac
      ;;
   stop)
      shift
      case "${1:-all}" in
         all) stop_ports "$STANDALONE_PORT" "${CLUSTER_PORTS[@]}" ;;
         standalone) stop_ports "$STANDALONE_PORT" ;;
         cluster) stop_ports "${CLUSTER_PORTS[@]}" ;;
         *) stop_ports "$@" ;;
      esac
      ;;
   kill) shift; kill_ports "$@" ;;
   restart) shift; restart_ports "$@" ;;
   status) running "$2" ;;
   *) echo "usage: $0 start|stop|kill|restart|status ..." >&2; exit 2 ;;
esac
