#!/usr/bin/env bash
# Soak (issue 17, part 2): the orders example on one Open Liberty server on loopback, loaded for
# SOAK_DURATION at about TARGET_FRACTION of its measured saturation with valid, invalid and refresh
# traffic, observed once a minute. Stops by itself; stops the server on exit.
#
# Traffic (three wrk processes at once):
#   valid    mix.lua: GET /orders/api/ping/secure with valid ES256 tokens of an outside key
#            (HttpBenchTokens: MP_JWT_VERIFY_PUBLICKEY_LOCATION): ONE_SHARE one token repeated,
#            NEVER_SEEN_SHARE never-seen tokens, the rest 2,000 tokens cycled; paced by a per-request
#            delay calibrated to the target rate. Run in 1-minute slices: its requests, p50, p99, p99.9
#            and wrong answers (any status but 200) are recorded per minute.
#   invalid  invalid.lua: the same path with bad tokens (altered signature, alg none, unknown random
#            kid, truncated, garbage, oversized): every answer but 401 is wrong. INVALID_SHARE of the target.
#   refresh  refresh.lua: one login, then refresh-token rotation through the example's own
#            /orders/oauth/token (cookie transport) every REFRESH_DELAY_MS.
# Saturation: after a JIT warm-up, the valid mix without pacing for SATURATION_DURATION (req/s).
#
# Once a minute, between two slices (no valid traffic then): a full GC and the heap used after it,
# the JVM's live threads (/proc/<pid>/status), and JWT Guard's counts from its MXBean
# io.jwtguard:type=Guard,application="/orders" (GuardProbe over the Attach API): verified-token cache
# size, DPoP replay-cache entries, revocation entries, refresh-token records.
#
# Verdict: minutes from WARM_FROM on count as warm. Heap, threads and the three counts are flat when
# their warm range (max - min) is within 10% of their warm maximum (counts: or within 2); p50, p99 and
# p99.9 have no upward trend when their least-squares line over the warm minutes rises by at most
# 10% of their warm mean from the first warm minute to the last. Wrong answers must be 0.
#
# Results: benchmarks/target/reliability/soak-<time>/ (minutes.tsv, streams.txt, summary.md and the
# charts' TSVs); with CHART_DIR=docs/img the charts are written there (soak-*.svg).
# Settings (environment): SOAK_DURATION=30m PORT=20100 THREADS=2 CONNECTIONS=16 TARGET_FRACTION=0.70
#   JIT_WARMUP=45s SATURATION_DURATION=20s ONE_SHARE=0.30 NEVER_SEEN_SHARE=0.05 INVALID_SHARE=0.05
#   REFRESH_DELAY_MS=200 WARM_FROM=5 NEVER_SEEN_RATE=300 (never-seen tokens generated per second of
#   soak) SKIP_BUILD=1 MAVEN_REPO_LOCAL=<path> CHART_DIR=<folder>
# Smoke run (numbers not meaningful): SOAK_DURATION=2m JIT_WARMUP=10s SATURATION_DURATION=5s WARM_FROM=1 \
#   benchmarks/reliability/run-soak.sh
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"

SOAK_S=$(seconds "${SOAK_DURATION:-30m}")
PORT=${PORT:-20100}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
TARGET_FRACTION=${TARGET_FRACTION:-0.70}
JIT_WARMUP_S=$(seconds "${JIT_WARMUP:-45s}")
SATURATION_S=$(seconds "${SATURATION_DURATION:-20s}")
ONE_SHARE=${ONE_SHARE:-0.30}
NEVER_SEEN_SHARE=${NEVER_SEEN_SHARE:-0.05}
INVALID_SHARE=${INVALID_SHARE:-0.05}
REFRESH_DELAY_MS=${REFRESH_DELAY_MS:-200}
WARM_FROM=${WARM_FROM:-5}
NEVER_SEEN_RATE=${NEVER_SEEN_RATE:-300}
CALIBRATION_S=10
MINUTES=$(( (SOAK_S + 59) / 60 ))
[ "$MINUTES" -ge 1 ] && [ "$MINUTES" -le 120 ] || die "SOAK_DURATION must be 1 to 120 minutes"
[ "$WARM_FROM" -le "$MINUTES" ] || die "WARM_FROM ($WARM_FROM) is after the last minute ($MINUTES)"

RUN="$ROOT/benchmarks/target/reliability/soak-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN"
SERVER=soak
BASE="http://127.0.0.1:$PORT/orders"
SECURE="$BASE/api/ping/secure"

echo "# JWT Guard soak"
echo
echo "Started $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average); $(nproc) cores"
jdk=$(java -version 2>&1)
echo "JDK: ${jdk%%$'\n'*}"
ensure_tools
wrk_version=$(wrk -v 2>&1 || true)
echo "wrk: ${wrk_version%%$'\n'*}"
build

export WLP_USER_DIR="$ROOT/benchmarks/target/reliability/wlp-usr"
BACKGROUND=()
cleanup() {
  local pid
  for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_server "$SERVER"
  echo "Server stopped; load average $(load_average)"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM
stop_server "$SERVER" # left over from an interrupted run

# --- tokens: an outside ES256 key; valid for the whole run ---------------------------------------
TOKENS="$ROOT/benchmarks/target/reliability/tokens-es256"
run_seconds=$(( 600 + JIT_WARMUP_S + SATURATION_S + 3 * CALIBRATION_S + MINUTES * 62 ))
[ "$run_seconds" -lt 3300 ] || die "the run would take about $run_seconds s, longer than the tokens live (1 h)"
never_seen_tokens=$(( NEVER_SEEN_RATE * (MINUTES * 60 + JIT_WARMUP_S + SATURATION_S + 3 * CALIBRATION_S) ))
java -cp "$BENCH_JAR" io.jwtguard.benchmarks.http.HttpBenchTokens --dir "$TOKENS" --alg ES256 \
  --never-seen "$never_seen_tokens" --cycle 2000 --lifetime PT1H --min-valid "PT${run_seconds}S"
never_seen_available=$(sed -n 's/^never-seen=//p' "$TOKENS/tokens.properties")
never_seen_next=0

# --- the server -------------------------------------------------------------------------------------
# the example as shipped (token service, endpoints, in-memory store, DPoP allowed), plus an outside
# issuer's public key for the load's tokens: the same iss and aud as the example's own tokens
new_server "$SERVER" "$PORT" <<EOF
MP_JWT_VERIFY_PUBLICKEY_LOCATION=$TOKENS/public-key.pem
MP_JWT_VERIFY_PUBLICKEY_ALGORITHM=ES256
EOF
cp "$WAR" "$WLP_USER_DIR/servers/$SERVER/apps/orders.war"
cp "$ROOT/benchmarks/http/liberty/bench.xml" "$WLP_USER_DIR/servers/$SERVER/configDropins/overrides/"
echo "Starting Open Liberty on port $PORT..."
start_server "$SERVER" "$PORT"
wait_for "$BASE/api/ping" 200 180 "the orders example ($WLP_USER_DIR/servers/$SERVER/logs/messages.log)"
PID=$(server_pid "$SERVER")
MESSAGES="$WLP_USER_DIR/servers/$SERVER/logs/messages.log"
echo "Up: $BASE (pid $PID)"

# --- correctness before load ---------------------------------------------------------------------
one_token=$(head -n 1 "$TOKENS/tokens-one.txt")
tampered="${one_token:0:${#one_token}-20}$([ "${one_token: -20:1}" = A ] && echo B || echo A)${one_token: -19}"
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[ "$(status -H "Authorization: Bearer $one_token" "$SECURE")" = 200 ] || die "a valid token was not accepted ($MESSAGES)"
[ "$(status -H "Authorization: Bearer $tampered" "$SECURE")" = 401 ] || die "a tampered token was not refused"
[ "$(status "$SECURE")" = 401 ] || die "a request without a token was not refused"
echo "Correctness: valid token 200, tampered token 401, no token 401"
probe() { java -cp "$BENCH_JAR" io.jwtguard.benchmarks.reliability.GuardProbe --pid "$PID" "$@"; }
probe --header >/dev/null || die "cannot read JWT Guard's MXBean of pid $PID"

# --- load ------------------------------------------------------------------------------------------
# one run of the valid mix: seconds, delay (ms); sets MIX (its RESULT line); never-seen positions continue
run_mix() {
  local line values
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1s" --timeout 10s "$SECURE" -s "$HERE/mix.lua" -- \
    "$TOKENS/tokens-one.txt" "$TOKENS/tokens-cycle.txt" "$TOKENS/tokens-never-seen.txt" "$never_seen_next" \
    "$never_seen_available" "$ONE_SHARE" "$NEVER_SEEN_SHARE" "$2" | grep '^RESULT ') || die "wrk (valid mix) failed"
  values=($(result_values "$line"))
  never_seen_next=$(( never_seen_next + values[12] ))
  MIX=$line
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " ${2#RESULT }"; }

echo
echo "JIT warm-up: the valid mix without pacing, ${JIT_WARMUP_S} s"
run_mix "$JIT_WARMUP_S" 0
echo "  $(field rps "$MIX") req/s"
run_mix "$SATURATION_S" 0
sat=$MIX
SATURATION=$(field rps "$sat")
echo "Saturation (valid mix, -t$THREADS -c$CONNECTIONS, no pacing, ${SATURATION_S} s): $SATURATION req/s," \
  "p99 $(awk -v p="$(field p99_us "$sat")" 'BEGIN { printf "%.2f", p / 1000 }') ms"
TARGET=$(awk -v s="$SATURATION" -v f="$TARGET_FRACTION" 'BEGIN { printf "%.0f", s * f }')
refresh_rate=$(awk -v d="$REFRESH_DELAY_MS" 'BEGIN { printf "%.1f", 1000 / d }')
INVALID_TARGET=$(awk -v t="$TARGET" -v s="$INVALID_SHARE" 'BEGIN { printf "%.0f", t * s }')
MIX_TARGET=$(awk -v t="$TARGET" -v i="$INVALID_TARGET" -v r="$refresh_rate" 'BEGIN { printf "%.0f", t - i - r }')
echo "Target: $TARGET req/s ($TARGET_FRACTION of saturation): valid mix $MIX_TARGET, invalid $INVALID_TARGET," \
  "refresh about $refresh_rate"

# the background streams last the whole soak: calibration plus every minute
background_s=$(( 2 * CALIBRATION_S + 5 + MINUTES * 60 ))
invalid_delay=$(awk -v t="$INVALID_TARGET" 'BEGIN { d = 2000 / (t > 0 ? t : 1); printf "%.0f", d < 1 ? 1 : d }')
wrk -t1 -c2 -d"${background_s}s" --timeout 10s "$SECURE" -s "$HERE/invalid.lua" -- \
  "$TOKENS/tokens-one.txt" "$invalid_delay" > "$RUN/invalid.out" 2>&1 &
BACKGROUND+=($!)
wrk -t1 -c1 -d"${background_s}s" --timeout 20s "$BASE" -s "$HERE/refresh.lua" -- \
  /orders "http://127.0.0.1:$PORT" "${SOAK_USER:-bob}" "${SOAK_PASSWORD:-builder}" "$REFRESH_DELAY_MS" > "$RUN/refresh.out" 2>&1 &
BACKGROUND+=($!)

# pacing: each connection waits DELAY ms before a request; rate = connections / (DELAY + latency)
delay=$(awk -v c="$CONNECTIONS" -v t="$MIX_TARGET" 'BEGIN { printf "%.2f", c * 1000 / t }')
for step in 1 2; do
  run_mix "$CALIBRATION_S" "$delay"
  got=$(field rps "$MIX")
  delay=$(awk -v c="$CONNECTIONS" -v t="$MIX_TARGET" -v r="$got" -v d="$delay" \
    'BEGIN { l = c * 1000 / r - d; n = c * 1000 / t - l; printf "%.2f", n < 0 ? 0 : n }')
  echo "Calibration $step: $got req/s; delay now $delay ms per connection and request"
done

# --- the soak: a probe between 1-minute slices of the valid mix ----------------------------------
MINUTES_TSV="$RUN/minutes.tsv"
printf 'minute\trequests\trps\tp50_ms\tp99_ms\tp999_ms\twrong\tsocket_errors\theap_mb\tthreads\tcache_size\treplay_entries\trevocation_entries\trefresh_entries\tload1\n' > "$MINUTES_TSV"
observe() { # -> heap_mb threads cache replay revocation refresh (tab-separated)
  local values
  values=($(probe --gc))
  printf '%s\t%s\t%s\t%s\t%s\t%s' "$(awk -v k="${values[0]}" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(threads_of "$PID")" "${values[3]}" "${values[4]}" "${values[5]}" "${values[6]}"
}
echo
echo "Soak: $MINUTES minutes from $(date -u +%H:%M:%SZ)"
printf '0\t0\t0\t0\t0\t0\t0\t0\t%s\t%s\n' "$(observe)" "$(cut -d' ' -f1 /proc/loadavg)" >> "$MINUTES_TSV"
start=$(date +%s)
for minute in $(seq "$MINUTES"); do
  # each minute's slice ends at start + 60 * minute - 2 s, leaving the probe 2 s without valid load
  slice=$(( start + 60 * minute - 2 - $(date +%s) ))
  [ "$slice" -ge 10 ] || slice=10
  run_mix "$slice" "$delay"
  line=$MIX
  seen=$(observe)
  awk -v m="$minute" -v n="$(field requests "$line")" -v r="$(field rps "$line")" -v p50="$(field p50_us "$line")" \
      -v p99="$(field p99_us "$line")" -v p999="$(field p999_us "$line")" \
      -v w="$(( $(field status_errors "$line") + $(field timeouts "$line") ))" -v s="$(field socket_errors "$line")" \
      -v seen="$seen" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
      'BEGIN { printf "%d\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%d\t%d\t%s\t%s\n", m, n, r, p50 / 1000, p99 / 1000, p999 / 1000, w, s, seen, l }' \
      >> "$MINUTES_TSV"
  tail -n 1 "$MINUTES_TSV" | awk -F'\t' '{ printf "  minute %2d: %7.1f req/s  p50 %5.2f  p99 %6.2f  p99.9 %6.2f ms  wrong %d  heap %6.1f MB  threads %d  cache %d  replay %d  revocations %d  refresh records %d\n", $1, $3, $4, $5, $6, $7 + $8, $9, $10, $11, $12, $13, $14 }'
done

# --- the background streams end by themselves shortly after the last minute ------------------------
for pid in "${BACKGROUND[@]}"; do
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
done
wait "${BACKGROUND[@]}" 2>/dev/null || true
BACKGROUND=()
invalid_line=$(grep '^RESULT ' "$RUN/invalid.out" || true)
refresh_line=$(grep '^RESULT ' "$RUN/refresh.out" || true)
[ -n "$invalid_line" ] || die "the invalid stream printed no result: $RUN/invalid.out"
[ -n "$refresh_line" ] || die "the refresh stream printed no result: $RUN/refresh.out"
printf 'invalid %s\nrefresh %s\n' "${invalid_line#RESULT }" "${refresh_line#RESULT }" > "$RUN/streams.txt"
errors_logged=$(grep -c '^\[[^]]*\] [0-9a-f]* .* E ' "$MESSAGES" || true)

# --- verdict ---------------------------------------------------------------------------------------
SUMMARY="$RUN/summary.md"
awk -F'\t' -v warm="$WARM_FROM" -f "$HERE/soak-verdict.awk" "$MINUTES_TSV" > "$SUMMARY"

echo
echo "## Results"
echo
mix_avg=$(awk -F'\t' -v w="$WARM_FROM" 'NR > 1 && $1 >= w { s += $3; n++ } END { printf "%.1f", s / n }' "$MINUTES_TSV")
invalid_rps=$(awk -v n="$(field requests "$invalid_line")" -v s="$(field seconds "$invalid_line")" 'BEGIN { printf "%.1f", n / s }')
refresh_rps=$(awk -v n="$(field requests "$refresh_line")" -v s="$(field seconds "$refresh_line")" 'BEGIN { printf "%.1f", n / s }')
echo "Saturation $SATURATION req/s; achieved: valid $mix_avg + invalid $invalid_rps + refresh $refresh_rps req/s =" \
  "$(awk -v a="$mix_avg" -v b="$invalid_rps" -v c="$refresh_rps" -v s="$SATURATION" 'BEGIN { printf "%.2f", (a + b + c) / s }') of saturation"
echo "Invalid stream: $(field requests "$invalid_line") requests, 401: $(field refused_401 "$invalid_line"), wrong: 2xx" \
  "$(field accepted_2xx "$invalid_line"), 5xx $(field server_5xx "$invalid_line"), other $(field other "$invalid_line")," \
  "socket errors $(field socket_errors "$invalid_line")"
echo "Refresh stream: $(field requests "$refresh_line") requests: logins $(field logins "$refresh_line")," \
  "refreshed $(field refreshed "$refresh_line"), family lost $(field lost "$refresh_line"), 503 $(field unavailable "$refresh_line")," \
  "other $(field other "$refresh_line"), socket errors $(field socket_errors "$refresh_line")"
echo "ERROR lines in messages.log: $errors_logged"
echo
cat "$SUMMARY"
echo
echo "Per minute (minute 0: before the soak, after calibration):"
column -t -s $'\t' "$MINUTES_TSV"

# --- charts ----------------------------------------------------------------------------------------
CHART_DIR=${CHART_DIR:-$RUN}
mkdir -p "$CHART_DIR"
CHART="$ROOT/benchmarks/charts/svgchart.py"
warm_mark="$WARM_FROM:warm"
python3 "$CHART" lines --input "$MINUTES_TSV" --output "$CHART_DIR/soak-heap-threads.svg" \
  --title "Soak: heap after full GC and live threads per minute" --columns heap_mb,threads \
  --y-label "MB / threads" --x-label "minute" --mark "$warm_mark"
# latency from minute 1 on (minute 0 is the observation before the first slice, without requests)
sed 2d "$MINUTES_TSV" > "$RUN/minutes-loaded.tsv"
python3 "$CHART" lines --input "$RUN/minutes-loaded.tsv" --output "$CHART_DIR/soak-latency.svg" \
  --title "Soak: valid requests per second and latency per minute" --columns rps \
  --y2-columns p50_ms,p99_ms,p999_ms --y-label "req/s" --y2-label "ms" --x-label "minute" --mark "$warm_mark"
python3 "$CHART" lines --input "$MINUTES_TSV" --output "$CHART_DIR/soak-counts.svg" \
  --title "Soak: JWT Guard's entries per minute (MXBean)" \
  --columns cache_size,replay_entries,revocation_entries,refresh_entries --y-label "entries" --x-label "minute" \
  --mark "$warm_mark"
echo
echo "Charts: $CHART_DIR/soak-heap-threads.svg, soak-latency.svg, soak-counts.svg"
echo "Raw results: $RUN"
echo "Finished $(date -u +%Y-%m-%dT%H:%M:%SZ); load average $(load_average)"
