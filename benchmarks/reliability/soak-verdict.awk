# The soak's verdict (run-soak.sh): reads minutes.tsv, prints Markdown tables and a VERDICT line.
#   awk -F'\t' -v warm=WARM_FROM -f soak-verdict.awk minutes.tsv
# Flat: a measure's range (max - min) over the warm minutes is within 10% of its maximum (counts:
# or within 2). No upward trend: the least-squares line over the warm minutes rises by at most 10% of
# the mean from the first warm minute to the last.
function flat(name, col, absolute, informational,   lo, hi, ok) {
  lo = min[col]; hi = max[col]
  ok = (hi - lo <= 0.10 * hi) || (absolute && hi - lo <= 2)
  printf "| %s | %s | %s | %s | %.1f%% | %s |\n", name, first[col], last[col], lo " to " hi,
    (hi > 0 ? 100 * (hi - lo) / hi : 0), (ok ? "flat" : informational ? "grows (not judged)" : "NOT flat")
  if (!ok && !informational) failed++
}
function trend(name, col,   mx, my, sxy, sxx, i, slope, rise) {
  mx = 0; my = 0
  for (i = 1; i <= n; i++) { mx += x[i]; my += y[col, i] }
  mx /= n; my /= n; sxy = 0; sxx = 0
  for (i = 1; i <= n; i++) { sxy += (x[i] - mx) * (y[col, i] - my); sxx += (x[i] - mx) ^ 2 }
  slope = sxx > 0 ? sxy / sxx : 0
  rise = my > 0 ? 100 * slope * (x[n] - x[1]) / my : 0
  printf "| %s | %.2f | %.2f to %.2f | %+.1f%% | %s |\n", name, my, lo[col], hi[col], rise,
    (rise <= 10 ? "no upward trend" : "UPWARD TREND")
  if (rise > 10) failed++
}
NR > 1 && $1 >= warm {
  n++; x[n] = $1
  for (c = 4; c <= 6; c++) { y[c, n] = $c; if (n == 1 || $c < lo[c]) lo[c] = $c; if (n == 1 || $c > hi[c]) hi[c] = $c }
  for (c = 9; c <= 14; c++) { if (n == 1) first[c] = $c; last[c] = $c
    if (n == 1 || $c < min[c]) min[c] = $c; if (n == 1 || $c > max[c]) max[c] = $c }
  wrong += $7 + $8; requests += $2; rps += $3
}
END {
  printf "Warm minutes: %d to %d (%d); valid requests in them: %d, %.0f req/s on average; wrong answers: %d\n\n", warm, x[n], n, requests, rps / n, wrong
  print "| measure (warm minutes) | first | last | range | range / max | verdict |"
  print "|---|---:|---:|---:|---:|---|"
  flat("heap after full GC, MB", 9, 0); flat("live threads", 10, 1); flat("verified-token cache entries", 11, 1)
  flat("DPoP replay-cache entries", 12, 1); flat("revocation entries", 13, 1)
flat("refresh-token records (kept until their family expires)", 14, 1, 1)
  printf "\n| latency (warm minutes) | mean ms | range ms | least-squares rise, first to last warm minute | verdict |\n"
  print "|---|---:|---:|---:|---|"
  trend("p50", 4); trend("p99", 5); trend("p99.9", 6)
  printf "\nVERDICT: %s\n", (failed == 0 && wrong == 0) ? "FLAT (every measure within its bound, 0 wrong answers)" : "NOT FLAT (" failed " measures out of bounds, " wrong " wrong answers)"
}