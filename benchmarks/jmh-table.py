#!/usr/bin/env python3
"""Turns a JMH JSON result of VerificationBenchmark into the Markdown table of docs/benchmarks.md.

Usage: python3 benchmarks/jmh-table.py result.json
Ratios are against the raw JCA signature check (rawJca, the JDK's providers) of the same algorithm
in the same run, and allocation against smallrye-jwt's. rawJcaNative and jwtGuardNative use Amazon
Corretto Crypto Provider.
"""
import json
import sys

rows = {}
for r in json.load(open(sys.argv[1])):
    method = r["benchmark"].rsplit(".", 1)[1]
    alg = r["params"]["algorithm"]
    score = r["primaryMetric"]["score"]
    error = r["primaryMetric"]["scoreError"]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
    threads = r["threads"]
    rows[(alg, method)] = (score, error, alloc, threads)

algs = ["RS256", "PS256", "ES256", "EdDSA", "HS256"]
methods = ["rawJca", "rawJcaNative", "jwtGuard", "jwtGuardNative", "jwtGuardCached", "smallrye", "nimbus"]
# rows of a partial run (a benchmark regex) only: a contender absent from every algorithm is left out
methods = [m for m in methods if any(key[1] == m for key in rows)]
print("| algorithm | contender | ops/s | ± | x raw JCA | B/op | alloc vs smallrye |")
print("|---|---|---:|---:|---:|---:|---:|")
for alg in algs:
    raw = rows.get((alg, "rawJca"))
    small = rows.get((alg, "smallrye"))
    for m in methods:
        if (alg, m) not in rows:
            print(f"| {alg} | {m} | n/a | | | | |")
            continue
        score, err, alloc, _ = rows[(alg, m)]
        ratio = f"{score / raw[0]:.2f}" if raw else ""
        alloc_s = f"{alloc:,.0f}" if alloc is not None else ""
        vs = f"{alloc / small[2]:.2f}" if alloc is not None and small and small[2] else ""
        print(f"| {alg} | {m} | {score:,.0f} | {err:,.0f} | {ratio} | {alloc_s} | {vs} |")
