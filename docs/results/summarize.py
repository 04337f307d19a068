#!/usr/bin/env python3
"""Prints the headline rows of every docs/results/*/levels*/evaluation.json as one Markdown table (used for README.md)."""
import glob
import json

KEEP = ("Oracle", "kNN", "MLP", "MF", "Cluster router (Avengers-Pro)", "HierShrink (2-level k-means)",
        "Stage 1 only: nearest center", "Stage 1 only: coarse tasks", "Stage 1 only: fine classifier",
        "Stage 2 only (general adapters, α = 1)", "FineRouter, paper rule (α = 0.50)")
print("| data | run | router | Ave | Qual | cost / prompt | cost vs best single |")
print("|---|---|---|---:|---:|---:|---:|")
for path in sorted(glob.glob("docs/results/*/levels*/evaluation.json")):
    d = json.load(open(path))
    data, run = path.split("/")[2], path.split("/")[3]
    routers = {r["name"]: r for r in d["routers"]}
    best = routers[d["bestSingleModel"]]
    full = [r for r in d["routers"] if r["kind"] == "FULL"]  # the router under its run's preset, whatever its α
    rows = [("best single: " + best["name"], best)] + [(n, routers[n]) for n in KEEP if n in routers] + [(r["name"], r) for r in full]
    for name, r in rows:
        ratio = r["costPerPrompt"] / best["costPerPrompt"] if best["costPerPrompt"] else float("nan")
        print(f"| {data} | {run} | {name} | {100 * r['ave']:.2f} | {100 * r['qual']:.2f} | {r['costPerPrompt']:.3g} | {ratio:.2f}× |")
