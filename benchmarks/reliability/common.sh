# Shared by the reliability scripts (run-soak.sh, run-redeploy.sh); sourced, not run. Expects HERE
# (this folder) and ROOT (the repository) to be set, and `set -euo pipefail` in the caller.
# The Liberty server layout and the build follow benchmarks/http/run-http-bench.sh.

die() { echo "ERROR: $*" >&2; exit 1; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# wrk-style durations ("20s", "2m", "1h", "20") in seconds
seconds() {
  case "$1" in
    *s) echo "${1%s}" ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *) echo "$1" ;;
  esac
}

ensure_tools() { # wrk, zip, curl from Debian when missing
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v zip >/dev/null 2>&1 || missing+=(zip)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v jcmd >/dev/null 2>&1 || die "jcmd (a JDK 17) is required"
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing with apt-get: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Builds the example WAR and benchmarks.jar (unless SKIP_BUILD=1) and sets WLP, WAR, BENCH_JAR.
# MAVEN_REPO_LOCAL: a Maven local repository to use instead of ~/.m2/repository.
build() {
  local liberty_version root
  liberty_version=$(sed -n 's:.*<version.openliberty>\(.*\)</version.openliberty>.*:\1:p' "$ROOT/pom.xml")
  [ -n "$liberty_version" ] || die "cannot read version.openliberty from pom.xml"
  root=${LIBERTY_ROOT:-$HOME/.cache/jwtguard/liberty/$liberty_version}
  WLP="$root/wlp"
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "Building (mvn install -DskipTests: examples/orders-app, benchmarks and what they need)..."
    local repo=()
    [ -z "${MAVEN_REPO_LOCAL:-}" ] || repo=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
    # sed: Debian's Maven 3.8.7 prints colour resets even in batch mode
    (cd "$ROOT" && mvn -B -q "${repo[@]}" install -DskipTests -pl examples/orders-app,benchmarks -am -Phttp-bench \
       "-Dliberty.install.root=$root" 2>&1) | sed 's/\x1b\[[0-9;]*m//g'
  fi
  WAR="$ROOT/examples/orders-app/target/orders.war"
  BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
  for f in "$WAR" "$BENCH_JAR" "$WLP/bin/server"; do [ -e "$f" ] || die "$f is missing (run without SKIP_BUILD=1)"; done
  echo "Open Liberty: $liberty_version ($WLP)"
}

# A fresh server folder under $WLP_USER_DIR: the example's server.xml, http.port, a 1 GB heap, and
# server.env (MicroProfile Config reads the environment) from stdin.
new_server() { # name port
  local dir="$WLP_USER_DIR/servers/$1"
  rm -rf "$dir"
  mkdir -p "$dir/apps" "$dir/dropins" "$dir/configDropins/overrides"
  cp "$ROOT/examples/orders-app/src/main/liberty/config/server.xml" "$dir/server.xml"
  echo "http.port=$2" > "$dir/bootstrap.properties"
  printf -- '-Xms1g\n-Xmx1g\n' > "$dir/jvm.options"
  cat > "$dir/server.env"
}

server_pid() { cat "$WLP_USER_DIR/servers/.pid/$1.pid"; }

stop_server() { # name; quiet when it does not run
  if [ -f "$WLP_USER_DIR/servers/.pid/$1.pid" ]; then
    "$WLP/bin/server" stop "$1" >/dev/null 2>&1 || true
  fi
}

start_server() { # name port
  if curl -s -o /dev/null "http://127.0.0.1:$2/"; then
    die "port $2 is already in use"
  fi
  "$WLP/bin/server" start "$1" >/dev/null || die "server $1 did not start: $WLP_USER_DIR/servers/$1/logs"
  [ "$(cat "/proc/$(server_pid "$1")/comm")" = java ] || die "no Java process for $1"
}

wait_for() { # url expected-status seconds what
  local _
  for _ in $(seq "$3"); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "$2" ] && return 0
    sleep 1
  done
  die "$4 did not answer $2 within $3 s"
}

threads_of() { sed -n 's/^Threads:[[:space:]]*//p' "/proc/$1/status"; }

# the values of a RESULT line (name=value ...) in their order
result_values() { sed 's/^RESULT //; s/[a-z0-9_]*=//g' <<< "$1"; }
