#!/usr/bin/env bash
# HTTP end-to-end benchmark (issue 8, part 4; issue 18; issue 17, part 4): the orders example on two
# servers on loopback, the same tokens and public key for both, driven by wrk. Three pairs of servers (PAIR):
#   builtin (default)  jwtguard: JWT Guard (in the WAR) against builtin: Liberty's built-in mpJwt-2.1
#                      (the same WAR without WEB-INF/lib, so without JWT Guard);
#   native             native: JWT Guard with Amazon Corretto Crypto Provider (the WAR as shipped, its
#                      ACCP jar in WEB-INF/lib, jwtguard.crypto.provider=auto) against jdk: the same WAR
#                      with jwtguard.crypto.provider=jdk (the JDK's providers). One WAR and a property
#                      switch: nothing but the signature provider differs. The runner refuses to measure
#                      unless each server's "JWT Guard crypto:" log line names the provider it should use.
#   wildfly            wf-jwtguard: JWT Guard (the WAR as shipped, ACCP included) against wf-smallrye:
#                      WildFly's own MicroProfile JWT (SmallRye JWT, its microprofile-jwt-smallrye
#                      subsystem), two WildFly servers with standalone-microprofile.xml as shipped (the
#                      subsystem on, which is also what JWT Guard needs there: docs/servers.md). wf-smallrye
#                      gets the same WAR without WEB-INF/lib (so without JWT Guard; the classes that name
#                      JWT Guard types, LoginServlet, AdminResource and OrdersResource's annotations, still
#                      deploy) and resteasy.role.based.security=true (environment, MicroProfile Config):
#                      without it WildFly does not enforce @RolesAllowed on JAX-RS resources that are not
#                      EJBs (measured: /ping/secure without a token reached the method, 500). With it,
#                      a request without a token gets RESTEasy's 403 (WildFly's MP-JWT sends no challenge);
#                      JWT Guard answers 401. Nothing else differs: same configuration file, heap, tokens.
# Tokens (ALG): RS256 (default; RSA-2048) or ES256 (P-256, the orders example's own signing algorithm).
#
# Scenarios: A  GET /orders/api/ping without a token (unprotected);
#            B  GET /orders/api/ping/secure with one valid token repeated;
#            C  the same with 2,000 distinct valid tokens cycled;
#            N  the same with never-seen tokens (each sent once per server).
# After a JIT warm-up of both servers (A, B, C once each), each scenario warms both servers up, then
# measures them interleaved, in alternating order (jwtguard, builtin; builtin, jwtguard; ...; the same
# for native, jdk), so that a server still speeding up favours neither.
# Prints a Markdown table (median of the rounds) and the targets; raw results go to
# benchmarks/target/http/results-<time>.tsv, req/s and p99 per scenario and server to results-<time>-rps.tsv
# and -p99.tsv, drawn as bar charts (results-<time>-rps.svg, -p99.svg) by benchmarks/charts/svgchart.py
# when it is there. Never prints a token.
#
# Settings (environment):
#   PAIR=builtin|native ALG=RS256|ES256      which two servers, which tokens (see above)
#   DURATION=20s ROUNDS=2 WARMUP=10s THREADS=2 CONNECTIONS=16   wrk runs of scenarios A, B, C
#   A_ROUNDS=<ROUNDS>       measured rounds of scenario A alone (its difference between the servers is
#                           small against the noise of two servers and wrk on two cores: more rounds)
#   JIT_WARMUP=30s          first warm-up: A, B and C once on each server, before anything is measured
#   NEVER_SEEN_DURATION=10s NEVER_SEEN_WARMUP=5s                 wrk runs of scenario N (at most DURATION)
#   NEVER_SEEN_RATE=20000   requests/s the faster server is assumed to reach at most in scenario N:
#                           sizes the never-seen token file (signing costs about 1 ms per token and core
#                           with RS256 and the JDK; the generator signs with ACCP when it loads)
#   JWTGUARD_PORT=19180 BUILTIN_PORT=19280   the first server (jwtguard, native) and the second (builtin, jdk);
#                           PAIR=wildfly: 19310 and 19320, each WildFly also listening on HTTPS (port + 1) and
#                           management (port + 2; port + 3 and AJP port + 4 are assigned, not opened)
#   SKIP_BUILD=1 reuses the last build
#   TOKENS_DIR=<folder>     the key and tokens (default benchmarks/target/http/tokens, tokens-es256 for ES256)
#   CONTAINER_LOGIN=always      JWT Guard's jwtguard.security-mechanism.container-login (default: auto)
#   ORDERS_WAR=path             the orders WAR to run instead of examples/orders-app/target/orders.war (for
#                               example one built from an earlier commit, to measure before and after a change)
# Quick smoke run (numbers not meaningful):
#   DURATION=5s ROUNDS=1 WARMUP=5s JIT_WARMUP=5s NEVER_SEEN_RATE=8000 benchmarks/http/run-http-bench.sh
# JWT Guard with and without ACCP, ES256 tokens (issue 18):
#   PAIR=native ALG=ES256 NEVER_SEEN_RATE=10000 benchmarks/http/run-http-bench.sh
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT="$ROOT/benchmarks/target/http"

DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-2}
A_ROUNDS=${A_ROUNDS:-$ROUNDS}
WARMUP=${WARMUP:-10s}
JIT_WARMUP=${JIT_WARMUP:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
NEVER_SEEN_RATE=${NEVER_SEEN_RATE:-20000}
PAIR=${PAIR:-builtin}
if [ "$PAIR" = wildfly ]; then
  JWTGUARD_PORT=${JWTGUARD_PORT:-19310}
  BUILTIN_PORT=${BUILTIN_PORT:-19320}
else
  JWTGUARD_PORT=${JWTGUARD_PORT:-19180}
  BUILTIN_PORT=${BUILTIN_PORT:-19280}
fi
SKIP_BUILD=${SKIP_BUILD:-0}
ALG=${ALG:-RS256}

die() { echo "ERROR: $*" >&2; exit 1; }

case "$PAIR" in
  builtin) SERVERS=(jwtguard builtin) ;;
  native) SERVERS=(native jdk) ;;
  wildfly) SERVERS=(wf-jwtguard wf-smallrye) ;;
  *) die "PAIR must be builtin, native or wildfly, not '$PAIR'" ;;
esac
# the servers of each kind: Open Liberty (builtin, native) or WildFly (wildfly)
if [ "$PAIR" = wildfly ]; then SERVER_KIND=wildfly; else SERVER_KIND=liberty; fi
case "$ALG" in
  RS256|ES256) ;;
  *) die "ALG must be RS256 or ES256, not '$ALG'" ;;
esac

# wrk durations ("20s", "2m", "20") in seconds
seconds() {
  case "$1" in
    *s) echo "${1%s}" ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *h) echo $(( ${1%h} * 3600 )) ;;
    *) echo "$1" ;;
  esac
}
min() { if [ "$1" -lt "$2" ]; then echo "$1"; else echo "$2"; fi; }

DURATION_S=$(seconds "$DURATION")
WARMUP_S=$(seconds "$WARMUP")
JIT_WARMUP_S=$(seconds "$JIT_WARMUP")
NEVER_SEEN_DURATION_S=$(min "$(seconds "${NEVER_SEEN_DURATION:-10s}")" "$DURATION_S")
NEVER_SEEN_WARMUP_S=$(min "$(seconds "${NEVER_SEEN_WARMUP:-5s}")" "$WARMUP_S")
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive whole number"
[[ "$A_ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "A_ROUNDS must be a positive whole number"

load_average() { cut -d' ' -f1-3 /proc/loadavg; }

echo "# JWT Guard HTTP benchmark"
echo
jdk=$(java -version 2>&1)
echo "Started $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average); $(nproc) cores"
echo "JDK: ${jdk%%$'\n'*}"

# --- tools ----------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v zip >/dev/null 2>&1 || missing+=(zip)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing with apt-get: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
wrk_version=$(wrk -v 2>&1 || true)
echo "wrk: ${wrk_version%%$'\n'*}"
echo "Servers: ${SERVERS[0]} against ${SERVERS[1]} (PAIR=$PAIR); $ALG tokens"
echo "wrk -t$THREADS -c$CONNECTIONS; JIT warm-up ${JIT_WARMUP_S} s each of A, B, C; A: ${WARMUP_S} s warm-up, $A_ROUNDS x ${DURATION_S} s; B, C: ${WARMUP_S} s warm-up, $ROUNDS x ${DURATION_S} s;" \
  "never-seen: ${NEVER_SEEN_WARMUP_S} s warm-up, $ROUNDS x ${NEVER_SEEN_DURATION_S} s"

# --- build: core, runtime, the example WAR, the token generator; Open Liberty and WildFly from the Maven
# repository (mvn takes MAVEN_OPTS, e.g. MAVEN_OPTS=-Dmaven.repo.local=...)
pom_version() { sed -n "s:.*<$1>\\(.*\\)</$1>.*:\\1:p" "$ROOT/pom.xml"; }
liberty_version=$(pom_version version.openliberty)
[ -n "$liberty_version" ] || die "cannot read version.openliberty from pom.xml"
LIBERTY_ROOT=${LIBERTY_ROOT:-$HOME/.cache/jwtguard/liberty/$liberty_version}
WLP="$LIBERTY_ROOT/wlp"
wildfly_version=$(pom_version version.wildfly)
[ -n "$wildfly_version" ] || die "cannot read version.wildfly from pom.xml"
WILDFLY_ROOT=${WILDFLY_ROOT:-$HOME/.cache/jwtguard/wildfly/$wildfly_version}
WILDFLY_HOME="$WILDFLY_ROOT/wildfly-$wildfly_version"
if [ "$SKIP_BUILD" != 1 ]; then
  echo "Building (mvn install -DskipTests: examples/orders-app, benchmarks and what they need)..."
  # sed: Debian's Maven 3.8.7 prints colour resets even in batch mode
  (cd "$ROOT" && mvn -B -q install -DskipTests -pl examples/orders-app,benchmarks -am -Phttp-bench \
     "-Dliberty.install.root=$LIBERTY_ROOT" "-Dwildfly.install.root=$WILDFLY_ROOT" 2>&1) | sed 's/\x1b\[[0-9;]*m//g'
fi
WAR=${ORDERS_WAR:-$ROOT/examples/orders-app/target/orders.war}
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
if [ "$SERVER_KIND" = wildfly ]; then server_script="$WILDFLY_HOME/bin/standalone.sh"; else server_script="$WLP/bin/server"; fi
for f in "$WAR" "$BENCH_JAR" "$server_script"; do [ -e "$f" ] || die "$f is missing (run without SKIP_BUILD=1)"; done
if [ "$SERVER_KIND" = wildfly ]; then
  echo "WildFly: $wildfly_version ($WILDFLY_HOME, standalone-microprofile.xml)"
else
  echo "Open Liberty: $liberty_version ($WLP)"
fi

mkdir -p "$OUT"
export WLP_USER_DIR="$OUT/wlp-usr"
WILDFLY_SERVERS="$OUT/wildfly"

# --- tokens (before the servers start: both read the public key at deployment) -------------------
# never-seen tokens needed per server: each wrk run of scenario N continues where the last one stopped
never_seen_tokens=$(( NEVER_SEEN_RATE * (NEVER_SEEN_WARMUP_S + ROUNDS * NEVER_SEEN_DURATION_S) ))
# the set must stay valid for the whole run: startup, every wrk run, and a margin
run_seconds=$(( 300 + 2 * 3 * (JIT_WARMUP_S + WARMUP_S + ROUNDS * DURATION_S) + 2 * (A_ROUNDS - ROUNDS) * DURATION_S + 2 * (NEVER_SEEN_WARMUP_S + ROUNDS * NEVER_SEEN_DURATION_S) ))
[ "$run_seconds" -lt 3300 ] || die "the run would take about $run_seconds s, longer than the tokens live (1 h)"
# one folder per algorithm (RS256 keeps the folder of earlier runs), so switching ALG regenerates nothing;
# TOKENS_DIR: another folder (a set signed ahead of a run that waits for the machine, see docs/benchmarks.md)
if [ -n "${TOKENS_DIR:-}" ]; then TOKENS=$TOKENS_DIR
elif [ "$ALG" = RS256 ]; then TOKENS="$OUT/tokens"; else TOKENS="$OUT/tokens-$(tr 'A-Z' 'a-z' <<< "$ALG")"; fi
java -cp "$BENCH_JAR" io.jwtguard.benchmarks.http.HttpBenchTokens --dir "$TOKENS" --alg "$ALG" \
  --never-seen "$never_seen_tokens" --cycle 2000 --lifetime PT1H --min-valid "PT${run_seconds}S"
NEVER_SEEN_FILE="$TOKENS/tokens-never-seen.txt"
never_seen_available=$(sed -n 's/^never-seen=//p' "$TOKENS/tokens.properties")

# --- servers ---------------------------------------------------------------------------------------
# One set of functions per server kind (liberty_*, wildfly_*); the rest of the script calls the generic
# ones below (prepare_server, start_server, stop_servers, pid_of, log_of), which pick by SERVER_KIND.
port_of() { if [ "$1" = "${SERVERS[0]}" ]; then echo "$JWTGUARD_PORT"; else echo "$BUILTIN_PORT"; fi; }
base_url() { echo "http://127.0.0.1:$(port_of "$1")/orders/api"; }

# Open Liberty: one user directory (WLP_USER_DIR) with a server folder per server
liberty_dir() { echo "$WLP_USER_DIR/servers/$1"; }
liberty_pid() { cat "$WLP_USER_DIR/servers/.pid/$1.pid"; }
liberty_log() { echo "$(liberty_dir "$1")/logs/messages.log"; }
liberty_stop() {
  if [ -f "$WLP_USER_DIR/servers/.pid/$1.pid" ]; then
    "$WLP/bin/server" stop "$1" >/dev/null 2>&1 || true
  fi
}
# server, verification environment file
liberty_prepare() {
  local dir
  dir=$(liberty_dir "$1")
  rm -rf "$dir"
  mkdir -p "$dir/apps" "$dir/configDropins/overrides"
  cp "$ROOT/examples/orders-app/src/main/liberty/config/server.xml" "$dir/server.xml"
  cp "$HERE/liberty/bench.xml" "$dir/configDropins/overrides/"
  echo "http.port=$(port_of "$1")" > "$dir/bootstrap.properties"
  # the same heap for both, so neither server's GC depends on the machine's memory
  printf -- '-Xms1g\n-Xmx1g\n' > "$dir/jvm.options"
  # MicroProfile Config reads the environment (server.env): the same verification settings for both
  cp "$2" "$dir/server.env"
  # one secret per run for the key store that Liberty's mpJwt (its SSL support) insists on
  echo "keystore_password=$keystore_password" >> "$dir/server.env"
  case "$1" in
    jwtguard)
      cp "$WAR" "$dir/apps/orders.war" ;;
    builtin)
      # Liberty's own mpJwt: the same classes without WEB-INF/lib, which holds only jwtguard-runtime and its
      # dependencies (jwtguard-core, the MP JWT API, jose4j, Parsson, ACCP, ...); Liberty provides the APIs
      # itself. Without JWT Guard's ServletContainerInitializer, CDI extension and JAX-RS feature nothing of
      # it runs; classes that name JWT Guard types (LoginServlet, OrdersResource's annotations) still deploy.
      cp "$WAR" "$dir/apps/orders.war"
      zip -q -d "$dir/apps/orders.war" 'WEB-INF/lib/*'
      cp "$HERE/liberty/builtin-mpjwt.xml" "$dir/configDropins/overrides/" ;;
    native|jdk)
      # the same WAR (with ACCP in WEB-INF/lib) on both; only jwtguard.crypto.provider differs
      zip -sf "$WAR" | grep -q 'WEB-INF/lib/AmazonCorrettoCryptoProvider-' || die "$WAR has no ACCP jar in WEB-INF/lib"
      cp "$WAR" "$dir/apps/orders.war"
      if [ "$1" = native ]; then echo "JWTGUARD_CRYPTO_PROVIDER=auto"; else echo "JWTGUARD_CRYPTO_PROVIDER=jdk"; fi \
        >> "$dir/server.env" ;;
  esac
}
liberty_start() {
  "$WLP/bin/server" start "$1" >/dev/null || die "server $1 did not start: $(liberty_dir "$1")/logs"
}

# WildFly: a base directory per server (jboss.server.base.dir: configuration and deployments copied from
# the shared install's standalone/, which stays untouched), standalone-microprofile.xml as shipped.
# Ports: HTTP = the server's port, HTTPS + 1, management + 2, management HTTPS + 3, AJP + 4 (the last two
# are not opened by standalone-microprofile.xml; neither are the transaction manager's 4712/4713).
wildfly_dir() { echo "$WILDFLY_SERVERS/$1"; }
wildfly_pid() { cat "$(wildfly_dir "$1")/server.pid"; }
wildfly_log() { echo "$(wildfly_dir "$1")/log/server.log"; }
wildfly_stop() {
  local pidfile pid
  pidfile="$(wildfly_dir "$1")/server.pid"
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  # only the JVM this script started (its pid file), and only while it is still a Java process
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ]; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 60); do [ -d "/proc/$pid" ] || break; sleep 1; done
    if [ -d "/proc/$pid" ]; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidfile"
}
wildfly_prepare() {
  local dir
  dir=$(wildfly_dir "$1")
  wildfly_stop "$1" # left over from an interrupted run
  rm -rf "$dir"
  mkdir -p "$dir"
  cp -r "$WILDFLY_HOME/standalone/configuration" "$WILDFLY_HOME/standalone/deployments" "$dir/"
  cp "$2" "$dir/server.env"
  cp "$WAR" "$dir/deployments/orders.war"
  if [ "$1" = wf-smallrye ]; then
    # WildFly's own MP-JWT (the subsystem activates it: OrdersApplication has @LoginConfig(MP-JWT)); the
    # WAR without WEB-INF/lib, WildFly provides the MP JWT API module itself
    zip -q -d "$dir/deployments/orders.war" 'WEB-INF/lib/*'
    # RESTEasy enforces @RolesAllowed on plain JAX-RS resources only with this (MicroProfile Config)
    echo "RESTEASY_ROLE_BASED_SECURITY=true" >> "$dir/server.env"
  fi
}
wildfly_start() {
  local dir port
  dir=$(wildfly_dir "$1") port=$(port_of "$1")
  # the environment: the verification settings (MicroProfile Config), the heap, the pid file of the JVM
  ( set -a; . "$dir/server.env"; set +a
    export JBOSS_HOME="$WILDFLY_HOME" JBOSS_JAVA_SIZING="-Xms1g -Xmx1g" LAUNCH_JBOSS_IN_BACKGROUND=1 \
      JBOSS_PIDFILE="$dir/server.pid"
    nohup "$WILDFLY_HOME/bin/standalone.sh" -c standalone-microprofile.xml "-Djboss.server.base.dir=$dir" \
      -b 127.0.0.1 -bmanagement 127.0.0.1 "-Djboss.http.port=$port" "-Djboss.https.port=$(( port + 1 ))" \
      "-Djboss.management.http.port=$(( port + 2 ))" "-Djboss.management.https.port=$(( port + 3 ))" \
      "-Djboss.ajp.port=$(( port + 4 ))" > "$dir/console.log" 2>&1 < /dev/null & )
  for _ in $(seq 30); do [ -s "$dir/server.pid" ] && return 0; sleep 1; done
  die "WildFly $1 wrote no pid file within 30 s: $dir/console.log"
}

prepare_server() { "${SERVER_KIND}_prepare" "$@"; }
start_server() { "${SERVER_KIND}_start" "$1"; }
pid_of() { "${SERVER_KIND}_pid" "$1"; }
log_of() { "${SERVER_KIND}_log" "$1"; }
stop_servers() {
  local server
  for server in "${SERVERS[@]}"; do "${SERVER_KIND}_stop" "$server"; done
}
trap 'stop_servers; echo "Servers stopped; load average $(load_average)"' EXIT
stop_servers # left over from an interrupted run

keystore_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
# MicroProfile Config reads the environment: the same verification settings for both servers.
# JWT Guard's token service and endpoints are off: both servers only verify (resource servers).
verification_env="$OUT/verification.env"
cat > "$verification_env" <<ENV
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$TOKENS/public-key.pem
MP_JWT_VERIFY_PUBLICKEY_ALGORITHM=$ALG
JWTGUARD_TOKEN_SERVICE_ENABLED=false
JWTGUARD_ENDPOINTS_ENABLED=false
ENV
# JWT Guard's container login (jwtguard.security-mechanism.container-login): auto (default), always or protected
if [ -n "${CONTAINER_LOGIN:-}" ]; then
  echo "JWTGUARD_SECURITY_MECHANISM_CONTAINER_LOGIN=$CONTAINER_LOGIN" >> "$verification_env"
  echo "JWT Guard: jwtguard.security-mechanism.container-login=$CONTAINER_LOGIN"
fi
for server in "${SERVERS[@]}"; do prepare_server "$server" "$verification_env"; done

echo "Starting both servers..."
for server in "${SERVERS[@]}"; do
  if curl -s -o /dev/null "http://127.0.0.1:$(port_of "$server")/"; then
    die "port $(port_of "$server") is already in use (set JWTGUARD_PORT / BUILTIN_PORT)"
  fi
  start_server "$server"
done
for server in "${SERVERS[@]}"; do
  for _ in $(seq 180); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$(base_url "$server")/ping")" = 200 ]; then
      continue 2
    fi
    sleep 1
  done
  die "$server did not serve /orders/api/ping within 180 s: $(log_of "$server")"
done
for server in "${SERVERS[@]}"; do
  [ "$(cat "/proc/$(pid_of "$server")/comm")" = java ] || die "no Java process for $server"
done
echo "Both servers are up: ${SERVERS[0]} $(base_url "${SERVERS[0]}") (pid $(pid_of "${SERVERS[0]}")), ${SERVERS[1]}" \
  "$(base_url "${SERVERS[1]}") (pid $(pid_of "${SERVERS[1]}"))"

# --- correctness: both servers must agree before anything is measured ------------------------------
one_token=$(head -n 1 "$TOKENS/tokens-one.txt")
cycle_first=$(head -n 1 "$TOKENS/tokens-cycle.txt")
cycle_last=$(tail -n 1 "$TOKENS/tokens-cycle.txt")
# a bad signature: one character in the middle of the signature changed
tampered="${one_token:0:${#one_token}-20}$([ "${one_token: -20:1}" = A ] && echo B || echo A)${one_token: -19}"
check() { # server, what, expected status, path, [token]
  local auth=() status
  [ $# -lt 5 ] || auth=(-H "Authorization: Bearer $5")
  status=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$(base_url "$1")$4")
  [ "$status" = "$3" ] || die "$1: $2 answered $status, expected $3 ($(log_of "$1"))"
}
# a protected resource without a token: 401, except WildFly's own MP-JWT, which sends no challenge:
# RESTEasy's @RolesAllowed check refuses the anonymous caller with 403 (see the header)
refused_without_token() { if [ "$1" = wf-smallrye ]; then echo 403; else echo 401; fi; }
for server in "${SERVERS[@]}"; do
  check "$server" "ping without a token" 200 /ping
  check "$server" "secure ping without a token" "$(refused_without_token "$server")" /ping/secure
  check "$server" "secure ping with a tampered token" 401 /ping/secure "$tampered"
  check "$server" "secure ping with the token of B" 200 /ping/secure "$one_token"
  check "$server" "secure ping with the first token of C" 200 /ping/secure "$cycle_first"
  check "$server" "secure ping with the last token of C" 200 /ping/secure "$cycle_last"
  name=$(curl -s -H "Authorization: Bearer $one_token" "$(base_url "$server")/ping/secure")
  [ "$name" = bench-user ] || die "$server: secure ping named the caller '$name', expected bench-user"
done
echo "Correctness: both servers answer 200 without a token on /ping, $(refused_without_token "${SERVERS[0]}")/$(refused_without_token "${SERVERS[1]}")" \
  "without one and 401 with a tampered token on /ping/secure, 200 naming the caller with valid tokens"
# JWT Guard logs the provider it chose once per deployment
crypto_line() { grep -h -o 'JWT Guard crypto: signatures use [^(]*' "$(log_of "$1")" | tail -n 1; }
if [ "$PAIR" = wildfly ]; then
  echo "Crypto: wf-jwtguard: $(crypto_line wf-jwtguard); wf-smallrye: SmallRye JWT (jose4j, the JDK's providers)"
fi
if [ "$PAIR" = native ]; then
  # native must use ACCP, jdk must not
  native_line=$(crypto_line native) jdk_line=$(crypto_line jdk)
  # "signatures use AmazonCorrettoCryptoProvider 2.5.0 for [...] and the JDK's providers for [...]"
  [[ "${native_line%% and the JDK*}" == *"use AmazonCorrettoCryptoProvider"*"$ALG"* ]] ||
    die "native: JWT Guard does not verify $ALG with ACCP ('${native_line:-no crypto log line}'): $(log_of native)"
  [[ "$jdk_line" == *"use the JDK's providers"* ]] ||
    die "jdk: JWT Guard does not use the JDK's providers ('${jdk_line:-no crypto log line}'): $(log_of jdk)"
  echo "Crypto: native: ${native_line% }; jdk: ${jdk_line% }"
fi

# --- measurement -----------------------------------------------------------------------------------
RESULTS="$OUT/results-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'scenario\tserver\tphase\trequests\tseconds\trps\tp50_us\tp99_us\tmax_us\tstatus_errors\tsocket_errors\ttimeouts\texhausted_threads\tcpu_us_per_request\n' > "$RESULTS"
CLK_TCK=$(getconf CLK_TCK)
declare -A never_seen_next=(["${SERVERS[0]}"]=0 ["${SERVERS[1]}"]=0)

cpu_ticks() { # utime + stime of a process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat)
  local stat
  stat=$(cat "/proc/$1/stat")
  set -- ${stat##*) }
  echo $(( ${12} + ${13} ))
}

# one wrk run: scenario, server, phase (jit-warmup, warmup or round-N), duration in seconds
measure() {
  local scenario=$1 server=$2 phase=$3 duration=$4 path=/ping/secure args pid before after line cpu
  local requests seconds rps p50 p99 max status socket timeouts exhausted reserved
  case "$scenario" in
    A) path=/ping; args=(none) ;;
    B) args=(cycle "$TOKENS/tokens-one.txt") ;;
    C) args=(cycle "$TOKENS/tokens-cycle.txt") ;;
    N) args=(once "$NEVER_SEEN_FILE" "${never_seen_next[$server]}" "$never_seen_available") ;;
  esac
  pid=$(pid_of "$server")
  before=$(cpu_ticks "$pid")
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" "$(base_url "$server")$path" \
           -s "$HERE/tokens.lua" -- "${args[@]}" | grep '^RESULT ') || die "wrk failed ($scenario, $server)"
  after=$(cpu_ticks "$pid")
  # the values of tokens.lua's RESULT line, in its order
  read -r requests seconds rps p50 p99 max status socket timeouts exhausted reserved \
    <<< "$(sed 's/^RESULT //; s/[a-z0-9_]*=//g' <<< "$line")"
  [ "$requests" -gt 0 ] || die "$scenario $server $phase: no request completed"
  cpu=$(awk -v t=$(( after - before )) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
  if [ "$scenario" = N ]; then
    never_seen_next[$server]=$(( never_seen_next[$server] + reserved ))
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$server" "$phase" "$requests" \
    "$seconds" "$rps" "$p50" "$p99" "$max" "$status" "$socket" "$timeouts" "$exhausted" "$cpu" >> "$RESULTS"
  awk -v s="$scenario" -v v="$server" -v ph="$phase" -v r="$rps" -v p50="$p50" -v p99="$p99" -v cpu="$cpu" \
      -v e=$(( status + socket + timeouts )) -v x="$exhausted" 'BEGIN {
    printf "  %-2s %-8s %-10s %9.1f req/s  p50 %6.2f ms  p99 %7.2f ms  %7.1f us CPU/request  errors %d%s\n",
      s, v, ph, r, p50 / 1000, p99 / 1000, cpu, e, (x > 0 ? "  OUT OF NEVER-SEEN TOKENS" : "") }'
}

echo
echo "Measuring (warm-up runs are recorded in the raw results but not counted):"
# Liberty's JIT needs a minute or more of load on 2 shared cores: first run A, B and C on both servers
# once, so that scenario A is not measured on a half-compiled server
for scenario in A B C; do
  for server in "${SERVERS[@]}"; do measure "$scenario" "$server" jit-warmup "$JIT_WARMUP_S"; done
done
for scenario in A B C N; do
  if [ "$scenario" = N ]; then warmup=$NEVER_SEEN_WARMUP_S; duration=$NEVER_SEEN_DURATION_S
  else warmup=$WARMUP_S; duration=$DURATION_S; fi
  rounds=$ROUNDS; [ "$scenario" = A ] && rounds=$A_ROUNDS
  for server in "${SERVERS[@]}"; do measure "$scenario" "$server" warmup "$warmup"; done
  for round in $(seq "$rounds"); do
    # the order alternates (first, second; second, first; ...): a server still speeding up, or slowing
    # down, favours neither of the two
    order=("${SERVERS[@]}"); (( round % 2 == 0 )) && order=("${SERVERS[1]}" "${SERVERS[0]}")
    for server in "${order[@]}"; do measure "$scenario" "$server" "round-$round" "$duration"; done
  done
done
echo "Never-seen tokens used: ${SERVERS[0]} ${never_seen_next[${SERVERS[0]}]}, ${SERVERS[1]} ${never_seen_next[${SERVERS[1]}]} of $never_seen_available"

# --- summary ---------------------------------------------------------------------------------------
# medians over the measured rounds of each scenario and server, in the order A B C N
SUMMARY=$(awk -F'\t' -v pair="${SERVERS[*]}" '
  function median(list,   n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j-1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j-1]; v[j-1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  NR > 1 && $3 ~ /^round-/ {
    key = $1 "\t" $2
    rps[key] = rps[key] " " $6; p50[key] = p50[key] " " $7; p99[key] = p99[key] " " $8; cpu[key] = cpu[key] " " $14
    errors[key] += $10 + $11 + $12; exhausted[key] += $13
  }
  END {
    split("A B C N", scenarios, " "); split(pair, servers, " ")
    for (s = 1; s <= 4; s++) for (v = 1; v <= 2; v++) {
      key = scenarios[s] "\t" servers[v]
      printf "%s\t%.1f\t%.0f\t%.0f\t%.1f\t%d\t%d\n", key, median(rps[key]), median(p50[key]), median(p99[key]),
        median(cpu[key]), errors[key], exhausted[key]
    }
  }' "$RESULTS")

value() { # scenario server column(3 rps, 4 p50, 5 p99, 6 cpu, 7 errors, 8 exhausted)
  awk -F'\t' -v s="$1" -v v="$2" -v c="$3" '$1 == s && $2 == v { print $c }' <<< "$SUMMARY"
}
label() { case "$1" in A) echo "A unprotected" ;; B) echo "B one token" ;; C) echo "C 2,000 cycled" ;; N) echo "never-seen" ;; esac; }
server_label() {
  case "$1" in
    jwtguard) echo "JWT Guard" ;;
    builtin) echo "Liberty mpJwt-2.1" ;;
    native) echo "JWT Guard, ACCP" ;;
    jdk) echo "JWT Guard, JDK crypto" ;;
    wf-jwtguard) echo "JWT Guard on WildFly" ;;
    wf-smallrye) echo "WildFly SmallRye JWT" ;;
  esac
}

echo
echo "## Results, $ALG tokens (median of $ROUNDS measured rounds per server, $A_ROUNDS in A; CPU from /proc/<pid>/stat)"
echo
echo "| scenario | server | req/s | x own A | p50 ms | p99 ms | server CPU us/request | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for scenario in A B C N; do
  for server in "${SERVERS[@]}"; do
    errors=$(value "$scenario" "$server" 7)
    [ "$(value "$scenario" "$server" 8)" = 0 ] || errors="$errors, OUT OF TOKENS"
    awk -v l="$(label "$scenario")" -v sv="$(server_label "$server")" -v r="$(value "$scenario" "$server" 3)" \
        -v a="$(value A "$server" 3)" -v p50="$(value "$scenario" "$server" 4)" -v p99="$(value "$scenario" "$server" 5)" \
        -v cpu="$(value "$scenario" "$server" 6)" -v e="$errors" \
        'function thousands(n,   s) { s = sprintf("%d", n + 0.5); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); return s }
         BEGIN { printf "| %s | %s | %s | %.2f | %.2f | %.2f | %.0f | %s |\n", l, sv, thousands(r), r / a, p50 / 1000, p99 / 1000, cpu, e }'
  done
done

# --- charts: req/s and p99 per scenario, one server beside the other (benchmarks/charts/svgchart.py bars)
# chart data: one row per scenario, one column per server; column of SUMMARY (3 rps, 5 p99), divisor
chart_data() {
  local scenario
  printf 'scenario\t%s\t%s\n' "$(server_label "${SERVERS[0]}")" "$(server_label "${SERVERS[1]}")"
  for scenario in A B C N; do
    awk -v l="$(label "$scenario")" -v a="$(value "$scenario" "${SERVERS[0]}" "$1")" \
        -v b="$(value "$scenario" "${SERVERS[1]}" "$1")" -v d="$2" 'BEGIN { printf "%s\t%.2f\t%.2f\n", l, a / d, b / d }'
  done
}
chart_data 3 1 > "${RESULTS%.tsv}-rps.tsv"
chart_data 5 1000 > "${RESULTS%.tsv}-p99.tsv"
CHARTS="$ROOT/benchmarks/charts/svgchart.py"
if [ -f "$CHARTS" ] && command -v python3 >/dev/null 2>&1; then
  pair_title="$(server_label "${SERVERS[0]}") vs $(server_label "${SERVERS[1]}"), $ALG"
  python3 "$CHARTS" bars --input "${RESULTS%.tsv}-rps.tsv" --output "${RESULTS%.tsv}-rps.svg" \
    --title "Throughput per scenario: $pair_title" --y-label "req/s"
  python3 "$CHARTS" bars --input "${RESULTS%.tsv}-p99.tsv" --output "${RESULTS%.tsv}-p99.svg" \
    --title "p99 latency per scenario: $pair_title" --y-label "p99 ms"
  CHART_NOTE="; charts: ${RESULTS%.tsv}-rps.svg, ${RESULTS%.tsv}-p99.svg"
else
  CHART_NOTE=" (no charts: $CHARTS or python3 is missing)"
fi

ratio() { awk -v r="$(value "$1" "${SERVERS[0]}" 3)" -v a="$(value A "${SERVERS[0]}" 3)" 'BEGIN { printf "%.2f", r / a }'; }
verdict() { awk -v x="$1" -v t="$2" 'BEGIN { print (x >= t ? "met" : "not met") }'; }
p99_verdicts=""
for scenario in A B C N; do
  mine=$(value "$scenario" "${SERVERS[0]}" 5); theirs=$(value "$scenario" "${SERVERS[1]}" 5)
  p99_verdicts="$p99_verdicts $scenario $(awk -v m="$mine" -v t="$theirs" 'BEGIN { printf "%.2f/%.2f ms %s", m / 1000, t / 1000, (m <= t ? "met" : "not met") }');"
done
total_errors=$(awk -F'\t' '{ e += $7 + $8 } END { print e }' <<< "$SUMMARY")
# the first server against the second, scenario by scenario: throughput and server CPU per request
versus() { # column (3 rps, 5 p99, 6 cpu)
  local line="" scenario
  for scenario in A B C N; do
    line="$line $scenario $(awk -v m="$(value "$scenario" "${SERVERS[0]}" "$1")" -v t="$(value "$scenario" "${SERVERS[1]}" "$1")" \
      'BEGIN { printf "%.2f", m / t }');"
  done
  echo "${line%;}"
}
echo
if [ "$PAIR" = native ]; then
  echo "ACCP against the JDK's crypto (native/jdk): req/s$(versus 3); server CPU per request$(versus 6);" \
    "p99$(versus 5)"
fi
echo "Targets for JWT Guard ($(server_label "${SERVERS[0]}")): B/A >= 0.85: $(ratio B) $(verdict "$(ratio B)" 0.85);" \
  "C/A >= 0.80: $(ratio C) $(verdict "$(ratio C)" 0.80);" \
  "never-seen/A >= 0.60: $(ratio N) $(verdict "$(ratio N)" 0.60)$([ "$PAIR" = native ] ||
     echo "; p99 <= $(server_label "${SERVERS[1]}")'s (JWT Guard/$(server_label "${SERVERS[1]}")):${p99_verdicts%;}")"
if [ "$PAIR" = builtin ]; then
  # issue 17: a request without a token costs under 3% more than on the server without JWT Guard
  echo "A without a token, JWT Guard against Liberty without it (target: at most 3% worse): req/s" \
    "$(awk -v m="$(value A jwtguard 3)" -v t="$(value A builtin 3)" 'BEGIN { printf "%.3fx %s", m / t, (m >= 0.97 * t ? "met" : "not met") }');" \
    "server CPU per request $(awk -v m="$(value A jwtguard 6)" -v t="$(value A builtin 6)" 'BEGIN { printf "%.3fx %s", m / t, (m <= 1.03 * t ? "met" : "not met") }')"
fi
if [ "$total_errors" != 0 ]; then
  echo "WARNING: the run had $total_errors failed requests or ran out of never-seen tokens (see the errors column): its numbers are not valid."
fi

echo
echo "Raw results (every wrk run, warm-ups included): $RESULTS; per scenario: ${RESULTS%.tsv}-rps.tsv," \
  "${RESULTS%.tsv}-p99.tsv$CHART_NOTE"
echo "Finished $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average)"
