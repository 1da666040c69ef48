#!/usr/bin/env bash
# Redeploy (issue 17, part 3): one Open Liberty server on loopback with two applications that both use
# JWT Guard: the orders example in dropins/ (context /orders), redeployed REDEPLOYS times by touching
# its WAR (Liberty's application monitor polls dropins/), and a second copy of the same WAR as
# apps/other.war under the context root /other, which wrk loads the whole time with valid tokens
# (steady.lua: every answer but 200 is an error, counted per second). Stops by itself; stops the
# server and wrk on exit.
#
# Measured after a full GC (jcmd GC.class_histogram runs one) at the baseline (both applications up,
# under load) and after every redeployment:
#   threads        live threads of the server JVM (/proc/<pid>/status)
#   accp_threads   ACCP's "Native reference cleanup thread"s (jcmd Thread.print)
#   jwtguard_classes  JWT Guard classes loaded in the JVM, all class loaders together (jcmd VM.class_hierarchy)
#   guard_copies   copies of JWT Guard alive: instances of io.jwtguard.core.verify.RejectionReason (every
#                  copy of the enum holds all its constants, as long as its class loader lives) divided
#                  by the number of constants, as tck-tests' RedeployLeakTest counts them
#   mxbeans        JWT Guard statistics MXBeans registered (GuardProbe): one per deployed application
# Asserts: guard_copies (and jwtguard_classes) at the end at most COPY_TOLERANCE copies over the
# baseline of two deployments, whatever REDEPLOYS is: Liberty keeps the last undeployed application or
# two until its finalizer-pending WARDeployedAppInfo is finalized (tck-tests/README.md 1e, item 6; a
# heap dump then shows no strong path to them), while a leak grows with every redeploy; threads at the
# end within THREAD_TOLERANCE of the baseline; the other application saw 0 errors (non-200 answers,
# socket errors, timeouts).
#
# ACCP (the example ships Amazon Corretto Crypto Provider in WEB-INF/lib): ACCP=war (default) runs the
# WARs as shipped; ACCP=shared takes the ACCP jar out of both WARs and puts it into the server's global
# shared library (lib/global), as tck-tests' profile liberty-tck does.
#
# MECHANISM=auto (default, as the example ships: container-login=auto, and since nothing in the example
# observes the container's caller no Jakarta Security mechanism is registered); MECHANISM=always sets
# jwtguard.security-mechanism.container-login=always, so the mechanism is registered; MECHANISM=off sets
# jwtguard.security-mechanism.enabled=false (both on both applications, server.env). Open Liberty's
# Jakarta Security code keeps every undeployed application that had a mechanism (docs/reliability.md,
# Redeploy; tck-tests/README.md 1e), so MECHANISM=always cannot come back clean.
#
# SOFT_REFS=clear (default) starts the server with -XX:SoftRefLRUPolicyMSPerMB=0, so the full GC before
# each measurement also clears softly reachable objects: what stays is strongly held (a leak). With
# SOFT_REFS=keep (the JVM's default policy; the runs before 2026-12-03 19:50 UTC) Liberty's soft caches
# keep each undeployed application until memory runs short, and the counts grow even without a leak.
#
# Results: benchmarks/target/reliability/redeploy-<time>/ (redeploys.tsv, other-per-second.tsv, summary);
# with CHART_DIR=docs/img the chart is written there (redeploy-<accp>.svg).
# Settings (environment): REDEPLOYS=20 PORT=20200 ACCP=war|shared THREAD_TOLERANCE=3 COPY_TOLERANCE=2
#   LOAD_DELAY_MS=2 LOAD_CONNECTIONS=4 MECHANISM=auto|always|off SOFT_REFS=clear|keep SKIP_BUILD=1 MAVEN_REPO_LOCAL=<path> CHART_DIR=<folder>
# Smoke run: REDEPLOYS=2 benchmarks/reliability/run-redeploy.sh
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"

REDEPLOYS=${REDEPLOYS:-20}
PORT=${PORT:-20200}
ACCP=${ACCP:-war}
THREAD_TOLERANCE=${THREAD_TOLERANCE:-3}
COPY_TOLERANCE=${COPY_TOLERANCE:-2}
LOAD_DELAY_MS=${LOAD_DELAY_MS:-2}
LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-4}
[[ "$REDEPLOYS" =~ ^[1-9][0-9]?$ ]] || die "REDEPLOYS must be 1 to 99"
case "$ACCP" in war|shared) ;; *) die "ACCP must be war or shared, not '$ACCP'" ;; esac
MECHANISM=${MECHANISM:-auto}
SOFT_REFS=${SOFT_REFS:-clear}
case "$SOFT_REFS" in clear|keep) ;; *) die "SOFT_REFS must be clear or keep, not '$SOFT_REFS'" ;; esac
case "$MECHANISM" in auto) mechanism_enabled=true; container_login=auto ;;
  always) mechanism_enabled=true; container_login=always ;; off) mechanism_enabled=false; container_login=auto ;;
  *) die "MECHANISM must be auto, always or off, not '$MECHANISM'" ;; esac

RUN="$ROOT/benchmarks/target/reliability/redeploy-$ACCP-mechanism-$MECHANISM-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
SERVER=redeploy
ORDERS="http://127.0.0.1:$PORT/orders"
OTHER="http://127.0.0.1:$PORT/other"

echo "# JWT Guard redeploy"
echo
echo "Started $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average); $(nproc) cores; ACCP=$ACCP; MECHANISM=$MECHANISM; SOFT_REFS=$SOFT_REFS"
ensure_tools
build

export WLP_USER_DIR="$ROOT/benchmarks/target/reliability/wlp-usr"
LOAD_PID=""
cleanup() {
  [ -z "$LOAD_PID" ] || kill "$LOAD_PID" 2>/dev/null || true
  stop_server "$SERVER"
  echo "Server stopped; load average $(load_average)"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM
stop_server "$SERVER"

TOKENS="$ROOT/benchmarks/target/reliability/tokens-redeploy"
java -cp "$BENCH_JAR" io.jwtguard.benchmarks.http.HttpBenchTokens --dir "$TOKENS" --alg ES256 \
  --never-seen 1000 --cycle 2000 --lifetime PT1H --min-valid PT30M

# --- the server: orders in dropins/ (redeployed), other.war in apps/ (loaded) -----------------------
new_server "$SERVER" "$PORT" <<EOF
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$TOKENS/public-key.pem
MP_JWT_VERIFY_PUBLICKEY_ALGORITHM=ES256
JWTGUARD_SECURITY_MECHANISM_ENABLED=$mechanism_enabled
JWTGUARD_SECURITY_MECHANISM_CONTAINER_LOGIN=$container_login
EOF
DIR="$WLP_USER_DIR/servers/$SERVER"
[ "$SOFT_REFS" = keep ] || echo "-XX:SoftRefLRUPolicyMSPerMB=0" >> "$DIR/jvm.options"
cat > "$DIR/configDropins/overrides/redeploy.xml" <<'EOF'
<server description="JWT Guard redeploy run">
    <!-- the loaded application: the orders WAR again, under another context root -->
    <webApplication id="other" location="other.war" contextRoot="/other"/>
    <!-- dropins/ is polled: a touched WAR is redeployed -->
    <applicationMonitor dropinsEnabled="true" updateTrigger="polled" pollingRate="500ms"/>
</server>
EOF
STAGE="$RUN/wars"
mkdir -p "$STAGE"
cp "$WAR" "$STAGE/orders.war"
if [ "$ACCP" = shared ]; then
  accp_jar=$(zip -sf "$WAR" | sed -n 's:^ *\(WEB-INF/lib/AmazonCorrettoCryptoProvider-[^ ]*\.jar\)$:\1:p' | head -n 1)
  [ -n "$accp_jar" ] || die "$WAR has no ACCP jar in WEB-INF/lib"
  mkdir -p "$DIR/lib/global"
  (cd "$STAGE" && unzip -q -o -j orders.war "$accp_jar" -d "$DIR/lib/global")
  zip -q -d "$STAGE/orders.war" 'WEB-INF/lib/AmazonCorrettoCryptoProvider-*'
  echo "ACCP: $(basename "$accp_jar") moved from both WARs into $DIR/lib/global"
fi
cp "$STAGE/orders.war" "$DIR/apps/other.war"
cp "$STAGE/orders.war" "$DIR/dropins/orders.war"

echo "Starting Open Liberty on port $PORT..."
start_server "$SERVER" "$PORT"
wait_for "$ORDERS/api/ping" 200 180 "/orders ($DIR/logs/messages.log)"
wait_for "$OTHER/api/ping" 200 60 "/other ($DIR/logs/messages.log)"
PID=$(server_pid "$SERVER")
MESSAGES="$DIR/logs/messages.log"
one_token=$(head -n 1 "$TOKENS/tokens-one.txt")
for app in "$ORDERS" "$OTHER"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $one_token" "$app/api/ping/secure")" = 200 ] ||
    die "$app did not accept a valid token"
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$app/api/ping/secure")" = 401 ] || die "$app did not refuse a request without a token"
done
crypto=$(grep -h -o 'JWT Guard crypto: signatures use [^(]*' "$MESSAGES" | sort | uniq -c | sed 's/^ *//')
echo "Up (pid $PID): /orders and /other accept a valid token and refuse none; crypto: $crypto"

# --- observation ----------------------------------------------------------------------------------
# RejectionReason constants per copy of JWT Guard: counted once, from the histogram at the baseline
PER_COPY=""
# sets OBS: threads accp_threads jwtguard_classes guard_copies mxbeans heap_mb (tab-separated)
observe() {
  local histogram reasons classes accp mxbeans heap copies
  histogram=$(jcmd "$PID" GC.class_histogram) # runs a full GC first
  reasons=$(awk '$4 == "io.jwtguard.core.verify.RejectionReason" { n += $2 } END { print n + 0 }' <<< "$histogram")
  heap=$(awk '/^Total/ { printf "%.1f", $3 / 1048576 }' <<< "$histogram")
  classes=$(jcmd "$PID" VM.class_hierarchy | grep -c 'io\.jwtguard\.' || true)
  accp=$(jcmd "$PID" Thread.print | grep -c '^"Native reference cleanup thread' || true)
  mxbeans=$(java -cp "$BENCH_JAR" io.jwtguard.benchmarks.reliability.GuardProbe --pid "$PID" | cut -f3)
  if [ -z "$PER_COPY" ]; then
    PER_COPY=$(( reasons / 2 )) # the baseline holds two copies: /orders and /other
    [ "$PER_COPY" -gt 0 ] || die "no io.jwtguard.core.verify.RejectionReason instances in the heap histogram"
  fi
  copies=$(awk -v r="$reasons" -v p="$PER_COPY" 'BEGIN { printf "%.2f", r / p }')
  OBS=$(printf '%s\t%s\t%s\t%s\t%s\t%s' "$(threads_of "$PID")" "$accp" "$classes" "$copies" "$mxbeans" "$heap")
}
# "Application orders started" (CWWKZ0001I) or "The application orders updated" (CWWKZ0003I)
deployed() { grep -cE 'CWWKZ0001I: Application orders started|CWWKZ0003I: The application orders updated' "$MESSAGES" || true; }

# --- load on /other for the whole run, stopped with SIGINT at the end ------------------------------
wrk -t1 -c"$LOAD_CONNECTIONS" -d3000s --timeout 10s "$OTHER/api/ping/secure" -s "$HERE/steady.lua" -- \
  "$TOKENS/tokens-cycle.txt" "$LOAD_DELAY_MS" > "$RUN/load.out" 2>&1 &
LOAD_PID=$!
sleep 20 # the load's warm-up before the baseline

TSV="$RUN/redeploys.tsv"
printf 'redeploy\tseconds_to_serve\tthreads\taccp_threads\tjwtguard_classes\tguard_copies\tmxbeans\theap_mb\n' > "$TSV"
observe
printf '0\t0\t%s\n' "$OBS" >> "$TSV"
echo "Baseline: $(tail -n 1 "$TSV" | cut -f3-) (threads, ACCP threads, JWT Guard classes, copies, MXBeans, heap MB);" \
  "$PER_COPY RejectionReason constants per copy"

for round in $(seq "$REDEPLOYS"); do
  before=$(deployed)
  began=$(date +%s.%N)
  touch "$DIR/dropins/orders.war"
  for _ in $(seq 240); do
    [ "$(deployed)" -gt "$before" ] && break
    sleep 0.5
  done
  [ "$(deployed)" -gt "$before" ] || die "redeploy $round: /orders was not redeployed within 120 s ($MESSAGES)"
  wait_for "$ORDERS/api/ping" 200 60 "/orders after redeploy $round"
  took=$(awk -v b="$began" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - b }')
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $one_token" "$ORDERS/api/ping/secure")" = 200 ] ||
    die "redeploy $round: /orders did not accept a valid token"
  sleep 2 # the old deployment's threads end
  observe
  printf '%s\t%s\t%s\n' "$round" "$took" "$OBS" >> "$TSV"
  tail -n 1 "$TSV" | awk -F'\t' '{ printf "  redeploy %2d: serving after %5.1f s; threads %d, ACCP threads %d, JWT Guard classes %d, copies %.2f, MXBeans %d, heap %.1f MB\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
done

echo "Settling 10 s, then the final measurement"
sleep 10
observe
final=$OBS
printf 'final\t0\t%s\n' "$final" >> "$TSV"
kill -INT "$LOAD_PID"
for _ in $(seq 30); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 1; done
wait "$LOAD_PID" 2>/dev/null || true
LOAD_PID=""
load_line=$(grep '^RESULT ' "$RUN/load.out") || die "the load on /other printed no result: $RUN/load.out"
{
  printf 'second\tok\terrors\n'
  awk 'BEGIN { t0 = 0 } /^SECOND / { if (!t0) t0 = $2; printf "%d\t%d\t%d\n", $2 - t0, $3, $4 }' "$RUN/load.out"
} > "$RUN/other-per-second.tsv"

# --- verdict ---------------------------------------------------------------------------------------
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " ${2#RESULT }"; }
base=$(sed -n 2p "$TSV")
col() { cut -f"$2" <<< "$1"; }
other_errors=$(( $(field non_200 "$load_line") + $(field socket_errors "$load_line") + $(field timeouts "$load_line") ))
thread_delta=$(( $(col "$final" 1) - $(col "$base" 3) ))
accp_delta=$(( $(col "$final" 2) - $(col "$base" 4) ))
copies_ok=$(awk -v f="$(col "$final" 4)" -v b="$(col "$base" 6)" -v t="$COPY_TOLERANCE" \
  'BEGIN { print (f <= b + t + 0.01 ? 1 : 0) }')
# the baseline's classes are two copies' worth; each copy within the tolerance may add its share
classes_ok=$(awk -v f="$(col "$final" 3)" -v b="$(col "$base" 5)" -v t="$COPY_TOLERANCE" \
  'BEGIN { print (f <= b + t * b / 2 ? 1 : 0) }')
threads_ok=$([ "${thread_delta#-}" -le "$THREAD_TOLERANCE" ] && echo 1 || echo 0)
errors_logged=$(grep -c '^\[[^]]*\] [0-9a-f]* .* E ' "$MESSAGES" || true)
seconds_max=$(awk -F'\t' 'NR > 2 && $1 != "final" && $2 > m { m = $2 } END { print m + 0 }' "$TSV")

echo
echo "## Results ($REDEPLOYS redeploys, ACCP=$ACCP, MECHANISM=$MECHANISM, SOFT_REFS=$SOFT_REFS)"
echo
echo "| measure | baseline (both deployed) | after $REDEPLOYS redeploys | verdict |"
echo "|---|---:|---:|---|"
echo "| JWT Guard copies alive (RejectionReason instances / $PER_COPY) | $(col "$base" 6) | $(col "$final" 4) | $([ "$copies_ok" = 1 ] && echo "bounded (at most +$COPY_TOLERANCE, whatever the number of redeploys)" || echo "COPIES LEFT BEHIND") |"
echo "| JWT Guard classes loaded | $(col "$base" 5) | $(col "$final" 3) | $([ "$classes_ok" = 1 ] && echo "bounded" || echo "MORE THAN THE TOLERANCE") |"
echo "| JWT Guard MXBeans registered | $(col "$base" 7) | $(col "$final" 5) | $([ "$(col "$final" 5)" = "$(col "$base" 7)" ] && echo "one per application" || echo "WRONG COUNT") |"
echo "| live threads | $(col "$base" 3) | $(col "$final" 1) | $([ "$threads_ok" = 1 ] && echo "within ±$THREAD_TOLERANCE" || echo "NOT BACK (+$thread_delta)") |"
echo "| ACCP \"Native reference cleanup thread\"s | $(col "$base" 4) | $(col "$final" 2) | $([ "$accp_delta" -le 0 ] && echo "none added" || echo "+$accp_delta (one per undeployed application)") |"
echo "| heap after full GC, MB | $(col "$base" 8) | $(col "$final" 6) | |"
echo
echo "Load on /other: $(field requests "$load_line") requests in $(field seconds "$load_line") s ($(field rps "$load_line") req/s)," \
  "p50 $(awk -v p="$(field p50_us "$load_line")" 'BEGIN { printf "%.2f", p / 1000 }') ms," \
  "p99 $(awk -v p="$(field p99_us "$load_line")" 'BEGIN { printf "%.2f", p / 1000 }') ms," \
  "max $(awk -v p="$(field max_us "$load_line")" 'BEGIN { printf "%.0f", p / 1000 }') ms;" \
  "errors: non-200 $(field non_200 "$load_line"), socket $(field socket_errors "$load_line"), timeouts $(field timeouts "$load_line")"
echo "Slowest redeploy until /orders served again: $seconds_max s; ERROR lines in messages.log: $errors_logged"
if [ "$copies_ok" = 1 ] && [ "$classes_ok" = 1 ] && [ "$threads_ok" = 1 ] && [ "$other_errors" = 0 ]; then
  echo "VERDICT: CLEAN (JWT Guard copies and classes within +$COPY_TOLERANCE copies of the baseline after $REDEPLOYS redeploys, threads back within ±$THREAD_TOLERANCE, 0 errors on /other)"
else
  echo "VERDICT: NOT CLEAN (copies ok: $copies_ok, classes ok: $classes_ok, threads ok: $threads_ok, errors on /other: $other_errors)"
fi
echo
column -t -s $'\t' "$TSV"

CHART_DIR=${CHART_DIR:-$RUN}
mkdir -p "$CHART_DIR"
head -n -1 "$TSV" > "$RUN/redeploys-chart.tsv" # without the final row (its x is not a number)
python3 "$ROOT/benchmarks/charts/svgchart.py" lines --input "$RUN/redeploys-chart.tsv" \
  --output "$CHART_DIR/redeploy-$ACCP-mechanism-$MECHANISM.svg" \
  --title "Redeploy (ACCP=$ACCP, mechanism $MECHANISM): threads and loaded JWT Guard classes after each redeploy" \
  --columns threads,accp_threads --y2-columns jwtguard_classes --y-label "threads" \
  --y2-label "classes" --x-label "redeploy"
echo
echo "Chart: $CHART_DIR/redeploy-$ACCP-mechanism-$MECHANISM.svg; raw results: $RUN"
echo "Finished $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average)"
