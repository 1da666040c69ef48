#!/usr/bin/env bash
# HTTP end-to-end benchmark (issue 8, part 4; issue 18): the orders example on two Open Liberty servers
# on loopback, the same tokens and public key for both, driven by wrk. Two pairs of servers (PAIR):
#   builtin (default)  jwtguard: JWT Guard (in the WAR) against builtin: Liberty's built-in mpJwt-2.1
#                      (the same WAR without WEB-INF/lib, so without JWT Guard);
#   native             native: JWT Guard with Amazon Corretto Crypto Provider (the WAR as shipped, its
#                      ACCP jar in WEB-INF/lib, jwtguard.crypto.provider=auto) against jdk: the same WAR
#                      with jwtguard.crypto.provider=jdk (the JDK's providers). One WAR and a property
#                      switch: nothing but the signature provider differs. The runner refuses to measure
#                      unless each server's "JWT Guard crypto:" log line names the provider it should use.
# Tokens (ALG): RS256 (default; RSA-2048) or ES256 (P-256, the orders example's own signing algorithm).
#
# Scenarios: A  GET /orders/api/ping without a token (unprotected);
#            B  GET /orders/api/ping/secure with one valid token repeated;
#            C  the same with 2,000 distinct valid tokens cycled;
#            N  the same with never-seen tokens (each sent once per server).
# After a JIT warm-up of both servers (A, B, C once each), each scenario warms both servers up, then
# measures them interleaved (jwtguard, builtin, jwtguard, builtin, ...; native, jdk, ...).
# Prints a Markdown table (median of the rounds) and the targets; raw results go to
# benchmarks/target/http/results-<time>.tsv. Never prints a token.
#
# Settings (environment):
#   PAIR=builtin|native ALG=RS256|ES256      which two servers, which tokens (see above)
#   DURATION=20s ROUNDS=2 WARMUP=10s THREADS=2 CONNECTIONS=16   wrk runs of scenarios A, B, C
#   JIT_WARMUP=30s          first warm-up: A, B and C once on each server, before anything is measured
#   NEVER_SEEN_DURATION=10s NEVER_SEEN_WARMUP=5s                 wrk runs of scenario N (at most DURATION)
#   NEVER_SEEN_RATE=20000   requests/s the faster server is assumed to reach at most in scenario N:
#                           sizes the never-seen token file (signing costs about 1 ms per token and core
#                           with RS256 and the JDK; the generator signs with ACCP when it loads)
#   JWTGUARD_PORT=19180 BUILTIN_PORT=19280   the first server (jwtguard, native) and the second (builtin, jdk)
#   SKIP_BUILD=1 reuses the last build
#   CONTAINER_LOGIN=always      JWT Guard's jwtguard.security-mechanism.container-login (default: auto)
#   ORDERS_WAR=path             the orders WAR to run instead of examples/orders-app/target/orders.war (for
#                               example one built from an earlier commit, to measure before and after a change)
# Charts: with benchmarks/charts/svgchart.py present, req/s and p99 per scenario (median of the rounds, one
# server beside the other) go to benchmarks/target/http/results-<time>-{rps,p99}.svg, from the TSV files
# results-<time>-{rps,p99}.tsv written beside the raw results.
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
WARMUP=${WARMUP:-10s}
JIT_WARMUP=${JIT_WARMUP:-30s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
NEVER_SEEN_RATE=${NEVER_SEEN_RATE:-20000}
JWTGUARD_PORT=${JWTGUARD_PORT:-19180}
BUILTIN_PORT=${BUILTIN_PORT:-19280}
SKIP_BUILD=${SKIP_BUILD:-0}
PAIR=${PAIR:-builtin}
ALG=${ALG:-RS256}

die() { echo "ERROR: $*" >&2; exit 1; }

case "$PAIR" in
  builtin) SERVERS=(jwtguard builtin) ;;
  native) SERVERS=(native jdk) ;;
  *) die "PAIR must be builtin or native, not '$PAIR'" ;;
esac
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
echo "wrk -t$THREADS -c$CONNECTIONS; JIT warm-up ${JIT_WARMUP_S} s each of A, B, C; A, B, C: ${WARMUP_S} s warm-up, $ROUNDS x ${DURATION_S} s;" \
  "never-seen: ${NEVER_SEEN_WARMUP_S} s warm-up, $ROUNDS x ${NEVER_SEEN_DURATION_S} s"

# --- build: core, runtime, the example WAR, the token generator; Open Liberty from the Maven repository
liberty_version=$(sed -n 's:.*<version.openliberty>\(.*\)</version.openliberty>.*:\1:p' "$ROOT/pom.xml")
[ -n "$liberty_version" ] || die "cannot read version.openliberty from pom.xml"
LIBERTY_ROOT=${LIBERTY_ROOT:-$HOME/.cache/jwtguard/liberty/$liberty_version}
WLP="$LIBERTY_ROOT/wlp"
if [ "$SKIP_BUILD" != 1 ]; then
  echo "Building (mvn install -DskipTests: examples/orders-app, benchmarks and what they need)..."
  # sed: Debian's Maven 3.8.7 prints colour resets even in batch mode
  (cd "$ROOT" && mvn -B -q install -DskipTests -pl examples/orders-app,benchmarks -am -Phttp-bench \
     "-Dliberty.install.root=$LIBERTY_ROOT" 2>&1) | sed 's/\x1b\[[0-9;]*m//g'
fi
WAR=${ORDERS_WAR:-$ROOT/examples/orders-app/target/orders.war}
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
for f in "$WAR" "$BENCH_JAR" "$WLP/bin/server"; do [ -e "$f" ] || die "$f is missing (run without SKIP_BUILD=1)"; done
echo "Open Liberty: $liberty_version ($WLP)"

mkdir -p "$OUT"
export WLP_USER_DIR="$OUT/wlp-usr"

# --- tokens (before the servers start: both read the public key at deployment) -------------------
# never-seen tokens needed per server: each wrk run of scenario N continues where the last one stopped
never_seen_tokens=$(( NEVER_SEEN_RATE * (NEVER_SEEN_WARMUP_S + ROUNDS * NEVER_SEEN_DURATION_S) ))
# the set must stay valid for the whole run: startup, every wrk run, and a margin
run_seconds=$(( 300 + 2 * 3 * (JIT_WARMUP_S + WARMUP_S + ROUNDS * DURATION_S) + 2 * (NEVER_SEEN_WARMUP_S + ROUNDS * NEVER_SEEN_DURATION_S) ))
[ "$run_seconds" -lt 3300 ] || die "the run would take about $run_seconds s, longer than the tokens live (1 h)"
# one folder per algorithm (RS256 keeps the folder of earlier runs), so switching ALG regenerates nothing
if [ "$ALG" = RS256 ]; then TOKENS="$OUT/tokens"; else TOKENS="$OUT/tokens-$(tr 'A-Z' 'a-z' <<< "$ALG")"; fi
java -cp "$BENCH_JAR" io.jwtguard.benchmarks.http.HttpBenchTokens --dir "$TOKENS" --alg "$ALG" \
  --never-seen "$never_seen_tokens" --cycle 2000 --lifetime PT1H --min-valid "PT${run_seconds}S"
NEVER_SEEN_FILE="$TOKENS/tokens-never-seen.txt"
never_seen_available=$(sed -n 's/^never-seen=//p' "$TOKENS/tokens.properties")

# --- servers ---------------------------------------------------------------------------------------
port_of() { if [ "$1" = "${SERVERS[0]}" ]; then echo "$JWTGUARD_PORT"; else echo "$BUILTIN_PORT"; fi; }
pid_of() { cat "$WLP_USER_DIR/servers/.pid/$1.pid"; }
base_url() { echo "http://127.0.0.1:$(port_of "$1")/orders/api"; }

stop_servers() {
  for server in jwtguard builtin native jdk; do
    if [ -f "$WLP_USER_DIR/servers/.pid/$server.pid" ]; then
      "$WLP/bin/server" stop "$server" >/dev/null 2>&1 || true
    fi
  done
}
trap 'stop_servers; echo "Servers stopped; load average $(load_average)"' EXIT
stop_servers # left over from an interrupted run

# one secret per run for the key store that Liberty's mpJwt (its SSL support) insists on
keystore_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
for server in "${SERVERS[@]}"; do
  dir="$WLP_USER_DIR/servers/$server"
  rm -rf "$dir"
  mkdir -p "$dir/apps" "$dir/configDropins/overrides"
  cp "$ROOT/examples/orders-app/src/main/liberty/config/server.xml" "$dir/server.xml"
  cp "$HERE/liberty/bench.xml" "$dir/configDropins/overrides/"
  echo "http.port=$(port_of "$server")" > "$dir/bootstrap.properties"
  # the same heap for both, so neither server's GC depends on the machine's memory
  printf -- '-Xms1g\n-Xmx1g\n' > "$dir/jvm.options"
  # MicroProfile Config reads the environment: the same verification settings for both servers.
  # JWT Guard's token service and endpoints are off: both servers only verify (resource servers).
  cat > "$dir/server.env" <<EOF
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$TOKENS/public-key.pem
MP_JWT_VERIFY_PUBLICKEY_ALGORITHM=$ALG
JWTGUARD_TOKEN_SERVICE_ENABLED=false
JWTGUARD_ENDPOINTS_ENABLED=false
keystore_password=$keystore_password
EOF
done
# JWT Guard's container login (jwtguard.security-mechanism.container-login): auto (default), always or protected
if [ -n "${CONTAINER_LOGIN:-}" ]; then
  for server in jwtguard native jdk; do
    [ ! -d "$WLP_USER_DIR/servers/$server" ] ||
      echo "JWTGUARD_SECURITY_MECHANISM_CONTAINER_LOGIN=$CONTAINER_LOGIN" >> "$WLP_USER_DIR/servers/$server/server.env"
  done
  echo "JWT Guard: jwtguard.security-mechanism.container-login=$CONTAINER_LOGIN"
fi
if [ "$PAIR" = builtin ]; then
  cp "$WAR" "$WLP_USER_DIR/servers/jwtguard/apps/orders.war"
  # Liberty's own mpJwt: the same classes without WEB-INF/lib, which holds only jwtguard-runtime and its
  # dependencies (jwtguard-core, the MP JWT API, jose4j, Parsson, ACCP, ...); Liberty provides the APIs
  # itself. Without JWT Guard's ServletContainerInitializer, CDI extension and JAX-RS feature nothing of
  # it runs; classes that name JWT Guard types (LoginServlet, OrdersResource's annotations) still deploy.
  builtin_war="$WLP_USER_DIR/servers/builtin/apps/orders.war"
  cp "$WAR" "$builtin_war"
  zip -q -d "$builtin_war" 'WEB-INF/lib/*'
  cp "$HERE/liberty/builtin-mpjwt.xml" "$WLP_USER_DIR/servers/builtin/configDropins/overrides/"
else
  # the same WAR (with ACCP in WEB-INF/lib) on both; only jwtguard.crypto.provider differs
  zip -sf "$WAR" | grep -q 'WEB-INF/lib/AmazonCorrettoCryptoProvider-' || die "$WAR has no ACCP jar in WEB-INF/lib"
  cp "$WAR" "$WLP_USER_DIR/servers/native/apps/orders.war"
  cp "$WAR" "$WLP_USER_DIR/servers/jdk/apps/orders.war"
  echo "JWTGUARD_CRYPTO_PROVIDER=auto" >> "$WLP_USER_DIR/servers/native/server.env"
  echo "JWTGUARD_CRYPTO_PROVIDER=jdk" >> "$WLP_USER_DIR/servers/jdk/server.env"
fi

echo "Starting both servers..."
for server in "${SERVERS[@]}"; do
  if curl -s -o /dev/null "http://127.0.0.1:$(port_of "$server")/"; then
    die "port $(port_of "$server") is already in use (set JWTGUARD_PORT / BUILTIN_PORT)"
  fi
  "$WLP/bin/server" start "$server" >/dev/null || die "server $server did not start: $WLP_USER_DIR/servers/$server/logs"
done
for server in "${SERVERS[@]}"; do
  for _ in $(seq 180); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$(base_url "$server")/ping")" = 200 ]; then
      continue 2
    fi
    sleep 1
  done
  die "$server did not serve /orders/api/ping within 180 s: $WLP_USER_DIR/servers/$server/logs/messages.log"
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
  [ "$status" = "$3" ] || die "$1: $2 answered $status, expected $3 ($WLP_USER_DIR/servers/$1/logs/messages.log)"
}
for server in "${SERVERS[@]}"; do
  check "$server" "ping without a token" 200 /ping
  check "$server" "secure ping without a token" 401 /ping/secure
  check "$server" "secure ping with a tampered token" 401 /ping/secure "$tampered"
  check "$server" "secure ping with the token of B" 200 /ping/secure "$one_token"
  check "$server" "secure ping with the first token of C" 200 /ping/secure "$cycle_first"
  check "$server" "secure ping with the last token of C" 200 /ping/secure "$cycle_last"
  name=$(curl -s -H "Authorization: Bearer $one_token" "$(base_url "$server")/ping/secure")
  [ "$name" = bench-user ] || die "$server: secure ping named the caller '$name', expected bench-user"
done
echo "Correctness: both servers answer 200 without a token on /ping, 401 without one and with a tampered" \
  "token on /ping/secure, 200 naming the caller with valid tokens"
if [ "$PAIR" = native ]; then
  # JWT Guard logs the provider it chose once per deployment: native must use ACCP, jdk must not
  crypto_line() {
    grep -h -o 'JWT Guard crypto: signatures use [^(]*' "$WLP_USER_DIR/servers/$1/logs/messages.log" | tail -n 1
  }
  native_line=$(crypto_line native) jdk_line=$(crypto_line jdk)
  # "signatures use AmazonCorrettoCryptoProvider 2.5.0 for [...] and the JDK's providers for [...]"
  [[ "${native_line%% and the JDK*}" == *"use AmazonCorrettoCryptoProvider"*"$ALG"* ]] ||
    die "native: JWT Guard does not verify $ALG with ACCP ('${native_line:-no crypto log line}'): $WLP_USER_DIR/servers/native/logs/messages.log"
  [[ "$jdk_line" == *"use the JDK's providers"* ]] ||
    die "jdk: JWT Guard does not use the JDK's providers ('${jdk_line:-no crypto log line}'): $WLP_USER_DIR/servers/jdk/logs/messages.log"
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
  for server in "${SERVERS[@]}"; do measure "$scenario" "$server" warmup "$warmup"; done
  for round in $(seq "$ROUNDS"); do
    for server in "${SERVERS[@]}"; do measure "$scenario" "$server" "round-$round" "$duration"; done
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
  esac
}

echo
echo "## Results, $ALG tokens (median of $ROUNDS measured rounds per server; CPU from /proc/<pid>/stat)"
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
     echo "; p99 <= Liberty's (JWT Guard/Liberty):${p99_verdicts%;}")"
if [ "$PAIR" = builtin ]; then
  # issue 17: a request without a token costs under 3% more than on the server without JWT Guard
  echo "A without a token, JWT Guard against Liberty without it (target: at most 3% worse): req/s" \
    "$(awk -v m="$(value A jwtguard 3)" -v t="$(value A builtin 3)" 'BEGIN { printf "%.3fx %s", m / t, (m >= 0.97 * t ? "met" : "not met") }');" \
    "server CPU per request $(awk -v m="$(value A jwtguard 6)" -v t="$(value A builtin 6)" 'BEGIN { printf "%.3fx %s", m / t, (m <= 1.03 * t ? "met" : "not met") }')"
fi
if [ "$total_errors" != 0 ]; then
  echo "WARNING: the run had $total_errors failed requests or ran out of never-seen tokens (see the errors column): its numbers are not valid."
fi
# the medians per scenario, one column per server: the input of the charts (svgchart.py bars)
for metric in rps p99; do
  {
    printf 'scenario\t%s\t%s\n' "$(server_label "${SERVERS[0]}")" "$(server_label "${SERVERS[1]}")"
    for scenario in A B C N; do
      if [ "$metric" = rps ]; then column=3; else column=5; fi
      printf '%s\t%s\t%s\n' "$(label "$scenario")" \
        "$(awk -v x="$(value "$scenario" "${SERVERS[0]}" "$column")" -v m="$metric" 'BEGIN { printf (m == "rps" ? "%.0f" : "%.2f"), (m == "rps" ? x : x / 1000) }')" \
        "$(awk -v x="$(value "$scenario" "${SERVERS[1]}" "$column")" -v m="$metric" 'BEGIN { printf (m == "rps" ? "%.0f" : "%.2f"), (m == "rps" ? x : x / 1000) }')"
    done
  } > "${RESULTS%.tsv}-$metric.tsv"
done
CHART="$ROOT/benchmarks/charts/svgchart.py"
if [ -f "$CHART" ] && command -v python3 >/dev/null 2>&1; then
  python3 "$CHART" bars --input "${RESULTS%.tsv}-rps.tsv" --output "${RESULTS%.tsv}-rps.svg" \
    --title "Requests per second by scenario ($ALG, median of $ROUNDS rounds)" --y-label "req/s"
  python3 "$CHART" bars --input "${RESULTS%.tsv}-p99.tsv" --output "${RESULTS%.tsv}-p99.svg" \
    --title "p99 latency by scenario ($ALG, median of $ROUNDS rounds)" --y-label "p99 ms"
  echo "Charts: ${RESULTS%.tsv}-rps.svg ${RESULTS%.tsv}-p99.svg"
fi

echo
echo "Raw results (every wrk run, warm-ups included): $RESULTS; medians per scenario: ${RESULTS%.tsv}-{rps,p99}.tsv"
echo "Finished $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average)"
