#!/usr/bin/env python3
"""Mean ± sd over seeds of the headline routers: every DATA/levels1 (seed 42) with its levels1-seed* siblings.

Run from the repository root after reproduce.sh; prints a markdown table (Qual at λ = 0, cost vs the best single
model, AIQ, APGR, share of the best-single → oracle gap closed). With an argument TAG it reads DATA/levels1-TAG and its
levels1-TAG-seed* siblings instead (e.g. `seeds.py s28`: the stop-28 re-runs); with --base NAME it reads DATA/NAME and
NAME-seed* (e.g. `seeds.py --base auto-s29`: the stop-29 runs with ℓ chosen on dev); with --fallback OLD as well, a seed
without a NAME folder is read from OLD's (a re-run whose routers came out identical is not committed twice)."""
import glob, json, os, statistics, sys

ROUTERS = ["FineRouter", "FineRouter, paper rule", "kNN", "MF", "MLP", "HierShrink", "Cluster router", "Stage 2 only"]


def key(name):
    if name.startswith("FineRouter, paper rule"):
        return "FineRouter, paper rule"
    if name.startswith("FineRouter ("):
        return "FineRouter"
    for r in ROUTERS:
        if name.startswith(r):
            return r
    return None


def fmt(values, scale=1.0, digits=2):
    values = [v * scale for v in values if v is not None]
    if not values:
        return "–"
    if len(values) == 1:
        return f"{values[0]:.{digits}f}"
    return f"{statistics.mean(values):.{digits}f} ± {statistics.stdev(values):.{digits}f}"


def main():
    root = os.path.dirname(os.path.abspath(__file__))
    fallback = None
    if len(sys.argv) > 4 and sys.argv[3] == "--fallback":
        fallback = sys.argv[4]
    if len(sys.argv) > 2 and sys.argv[1] == "--base":
        base = sys.argv[2]
    else:
        base = "levels1" + ("-" + sys.argv[1] if len(sys.argv) > 1 else "")
    print("| data | seeds | router | Qual (λ = 0) | cost vs best single | AIQ | APGR | gap closed |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for data in sorted(os.listdir(root)):
        runs = sorted(glob.glob(os.path.join(root, data, base)) + glob.glob(os.path.join(root, data, base + "-seed*")))
        runs = [r for r in runs if os.path.exists(os.path.join(r, "evaluation.json"))]
        if not runs:
            continue
        if fallback:
            names = {os.path.basename(r).replace(base, "", 1) for r in runs}
            older = sorted(glob.glob(os.path.join(root, data, fallback)) + glob.glob(os.path.join(root, data, fallback + "-seed*")))
            runs = sorted(runs + [r for r in older if os.path.basename(r).replace(fallback, "", 1) not in names
                                  and os.path.exists(os.path.join(r, "evaluation.json"))])
        rows = {}
        seeds = []
        for run in runs:
            d = json.load(open(os.path.join(run, "evaluation.json")))
            seeds.append(str(d["seed"]))
            routers = {r["name"]: r for r in d["routers"]}
            best = routers[d["bestSingleModel"]]
            oracle = routers["Oracle"]
            gap = oracle["qual"] - best["qual"]
            for name, r in routers.items():
                k = key(name)
                if k is None:
                    continue
                sm = r.get("standardMetrics") or {}
                rows.setdefault(k, []).append((r["qual"], r["costPerPrompt"] / best["costPerPrompt"] if best["costPerPrompt"] else None,
                                               sm.get("aiq"), sm.get("apgr"), (r["qual"] - best["qual"]) / gap if gap > 0 else None))
            rows.setdefault("best single", []).append((best["qual"], 1.0, None, None, 0.0))
        for k in ["best single"] + ROUTERS:
            if k not in rows:
                continue
            v = list(zip(*rows[k]))
            name = f"**{k}**" if k == "FineRouter" else k
            print(f"| {data} | {','.join(seeds)} | {name} | {fmt(v[0], 100)} | {fmt(v[1])}× | {fmt(v[2], 1, 3)} | {fmt(v[3], 1, 3)} | {fmt(v[4], 100, 1)}% |")


if __name__ == "__main__":
    main()
