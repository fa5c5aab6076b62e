# Shared helpers for the scripts in infra/local (sourced, not run). Bash only; the callers set -euo pipefail.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL="$ROOT/infra/local"
RUN_DIR="$LOCAL/.run"                                # pid files; git-ignored
LOG_DIR="$RUN_DIR/logs"
CACHE="${RIGHTS_CACHE:-$HOME/.cache/rights-platform}" # downloads and Keycloak's install live outside the clone
mkdir -p "$LOG_DIR" "$CACHE"

say() { printf '[%s] %s\n' "$(basename "$0")" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Export the development secrets so that child processes (Keycloak's realm import, the services) see them.
# Values already in the environment win, so CI or a developer can override one without editing the file.
load_dev_secrets() {
  local line key
  while IFS= read -r line || [[ -n "$line" ]]; do
    [[ "$line" =~ ^[[:space:]]*(#|$) ]] && continue
    key="${line%%=*}"
    # shellcheck disable=SC2163 # exports KEY=value as written in the file
    [[ -n "${!key:-}" ]] || export "$line"
  done < "$LOCAL/dev-secrets.env"
}

# Maven through the project's wrapper, non-recursive: only the root pom is read, so a module that does not
# compile yet cannot break downloading a tool.
mvn_copy() { # groupId:artifactId:version[:type] outputDirectory
  (cd "$ROOT" && ./mvnw -B -q -N dependency:copy -Dartifact="$1" -DoutputDirectory="$2")
}

pid_alive() { # pidfile -> true when the process it names runs
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when a Redis server answers PING at host:port (a server that wants a password answers NOAUTH: also up).
# Bash alone, so redis-cli need not be installed.
redis_answers() { # host port
  (
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    printf 'PING\r\n' >&3
    IFS= read -r -t 3 reply <&3 || exit 1
    [[ "$reply" == +PONG* || "$reply" == -NOAUTH* ]]
  ) 2>/dev/null
}

# Start a command in its own session (so Ctrl-C in the caller's terminal does not reach it and stop can end
# its whole process group), logging to LOG_DIR/name.log, with its pid in RUN_DIR/name.pid.
start_bg() { # name command...
  local name="$1"; shift
  setsid "$@" >"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
}

# Stop what start_bg started: TERM first (graceful shutdown), KILL the process group after a grace period.
stop_bg() { # name [grace seconds]
  local name="$1" grace="${2:-30}" pidfile="$RUN_DIR/$1.pid" pid i
  if ! pid_alive "$pidfile"; then rm -f "$pidfile"; return 0; fi
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 2; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  say "stopped $name (pid $pid)"
}

# Wait until a URL answers 2xx (and, if given, its body contains a string). Fails early when the process
# behind it has died, and names the log to read.
wait_http() { # name url timeout [pidfile] [body substring]
  local name="$1" url="$2" timeout="$3" pidfile="${4:-}" want="${5:-}" start=$SECONDS body
  while ((SECONDS - start < timeout)); do
    if body="$(curl -fsS --max-time 3 "$url" 2>/dev/null)" && [[ -z "$want" || "$body" == *"$want"* ]]; then
      return 0
    fi
    if [[ -n "$pidfile" ]] && ! pid_alive "$pidfile"; then
      tail -n 30 "$LOG_DIR/$name.log" >&2 || true
      die "$name exited before $url answered; see $LOG_DIR/$name.log"
    fi
    sleep 1
  done
  tail -n 30 "$LOG_DIR/$name.log" >&2 2>/dev/null || true
  die "$name did not answer $url within ${timeout}s; see $LOG_DIR/$name.log"
}
