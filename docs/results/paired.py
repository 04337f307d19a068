#!/usr/bin/env python3
"""Stop 36: the paired test differences of evaluation.json files (written since stop 36: `versusBestSingle` and
`versusFull` per router, docs/metrics.md) as tables, each difference ×100 as mean ± one standard error over the test
prompts:
  1. per run: FineRouter minus the best single model, and the strongest baseline by test Qual minus FineRouter (that
     baseline is picked on test, so its difference leans in its favour);
  2. over the runs: every baseline and ablation minus FineRouter, averaged over the runs (each router fixed, so no
     pick on test), its standard error from the runs' (taken as independent: seeds of one set share prompts, so z is
     somewhat optimistic).
--json OUT also writes the extracted numbers (run → router → qual, versusBestSingle, versusFull).

    python3 docs/results/paired.py [--json OUT] RUN_DIR [RUN_DIR ...]
"""
import json, sys, os, math, collections

REFERENCE = ("Oracle", "Random", "Cheapest")

def main(args):
    out = None
    if args[:1] == ["--json"]:
        out, args = args[1], args[2:]
    runs = {}
    for d in args:
        e = json.load(open(os.path.join(d, "evaluation.json")))
        if "versusBestSingle" not in e["routers"][0]:
            sys.exit(f"{d}: evaluation.json written before stop 36 (no paired differences)")
        runs[os.path.basename(d.rstrip("/"))] = e
    print("| run | test prompts | FineRouter − best single | strongest baseline (by test Qual) | it − FineRouter |")
    print("|---|---:|---:|---|---:|")
    pooled = collections.defaultdict(list)
    extract = {}
    for name, e in runs.items():
        full = next(r for r in e["routers"] if r["kind"] == "FULL")
        vb = full["versusBestSingle"]
        base = [r for r in e["routers"] if r["kind"] == "BASELINE" and r["name"] not in REFERENCE and r["qual"] is not None]
        s = max(base, key=lambda r: (r["qual"], -r["costPerPrompt"]))
        vf = s["versusFull"]
        print(f"| {name} | {vb['n']} | {fmt(vb)} | {s['name']} | {fmt(vf)} |")
        extract[name] = {r["name"]: {k: r[k] for k in ("kind", "qual", "versusBestSingle", "versusFull")} for r in e["routers"]}
        for r in e["routers"]:
            if r["kind"] in ("BASELINE", "ABLATION") and r["name"] not in REFERENCE:
                pooled[r["name"]].append(r["versusFull"])
    if runs:
        print(f"\n| router − FineRouter, mean over {len(runs)} runs | Qual (×100) | z |\n|---|---:|---:|")
        for k, v in pooled.items():
            m = sum(x["mean"] for x in v) / len(v)
            se = math.sqrt(sum(x["se"] ** 2 for x in v)) / len(v)
            print(f"| {k} | {100*m:+.2f} ± {100*se:.2f} | {m/se if se else float('nan'):+.1f} |")
    if out:
        with open(out, "w") as f:
            json.dump(extract, f, indent=1)
            f.write("\n")

def fmt(d):
    return "–" if d["n"] == 0 else f"{100*d['mean']:+.2f} ± {100*d['se']:.2f}"

if __name__ == "__main__":
    main(sys.argv[1:])
