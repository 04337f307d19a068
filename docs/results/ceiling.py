#!/usr/bin/env python3
"""How much of the best-single → oracle gap a router could close on llmrouter-9model if it knew each test prompt's
benchmark — information no text router has, so an estimate of the ceiling for routers that learn per-group statistics.

Needs only the seeded splits that `finerouter eval --resplit --seed S` uses, written by
    ./finerouter data split --data ../shared/data/llmrouter-9model --resplit --seed S --out /tmp/ceiling/llmS
for S in 42 43 44 (reproduce.sh does this). Prints a markdown table, one row per seed and the mean:
  - benchmark-label router: each test prompt goes to the model with the best mean training score on its benchmark;
  - hindsight: the same, with the per-benchmark best model chosen on the TEST prompts themselves (not a router: an
    upper bound for any router that gives every prompt of a benchmark the same model).
Best single = the model with the best mean training score, as in the evaluation."""
import json, math, statistics, sys

root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ceiling"
seeds = [int(s) for s in (sys.argv[2:] or ["42", "43", "44"])]


def mean(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs)


def best_model(rows, models):
    means = {m: mean([r["scores"].get(m) for r in rows]) if any(r["scores"].get(m) is not None for r in rows) else -1
             for m in models}
    return max(models, key=lambda m: means[m])


def quality(rows, choose):
    return mean([r["scores"].get(choose(r)) for r in rows])


out = []
for s in seeds:
    rows = [json.loads(line) for line in open(f"{root}/llm{s}/routing.jsonl")]
    models = sorted({m for r in rows for m in r["scores"]})
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    single = best_model(train, models)
    best = quality(test, lambda r: single)
    oracle = mean([max(v for v in r["scores"].values() if v is not None) for r in test])
    by_train = {b: best_model([r for r in train if r["task"] == b], models) for b in {r["task"] for r in test}}
    by_test = {b: best_model([r for r in test if r["task"] == b], models) for b in {r["task"] for r in test}}
    label = quality(test, lambda r: by_train[r["task"]])
    hind = quality(test, lambda r: by_test[r["task"]])
    gap = lambda q: 100 * (q - best) / (oracle - best)
    out.append((s, best, oracle, label, gap(label), hind, gap(hind)))

print("| seed | best single | oracle | benchmark-label router | gap closed | hindsight per benchmark | gap closed |")
print("|---|---:|---:|---:|---:|---:|---:|")
for s, best, oracle, label, gl, hind, gh in out:
    print(f"| {s} | {100 * best:.2f} | {100 * oracle:.2f} | {100 * label:.2f} | {gl:.1f}% | {100 * hind:.2f} | {gh:.1f}% |")
col = lambda i: [o[i] for o in out]
sd = lambda xs: statistics.stdev(xs) if len(xs) > 1 else 0.0
print(f"| mean | {100 * mean(col(1)):.2f} | {100 * mean(col(2)):.2f} | {100 * mean(col(3)):.2f} | "
      f"{mean(col(4)):.1f} ± {sd(col(4)):.1f}% | {100 * mean(col(5)):.2f} | {mean(col(6)):.1f} ± {sd(col(6)):.1f}% |")
