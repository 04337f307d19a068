"""Stop 39 (issue 15): the variants of llmrouter-9model data that `finerouter eval` was run on, each shaped like data a
user may bring (docs/results/README.md, "Stop 39"). Writes routing.jsonl (+ models.json) folders under OUT:

    python3 docs/results/proto-s39/variants.py ../shared/data/llmrouter-9model /tmp/s39/fuzz
    for d in sparse nolabels manylabels binary-unpriced dominant2 tiny deadmodel dupes graded-high costs partial-labels \
             many-models kept-leak free-model imbalanced ties; do ./finerouter eval --data /tmp/s39/fuzz/$d --out /tmp/s39/fuzz/out-$d; done
    ./finerouter eval --data /tmp/s39/fuzz/csvdata/routing.csv --out /tmp/s39/fuzz/out-csvdata

The variants hold the benchmarks' prompt text: never commit them.
"""
import json, random, os, copy, csv, sys
src, OUT = sys.argv[1], sys.argv[2]
rows_all = [json.loads(l) for l in open(src + "/routing.jsonl")]
models = json.load(open(src + "/models.json"))


def write(name, rs, ms=models):
    d = os.path.join(OUT, name); os.makedirs(d, exist_ok=True)
    with open(d + "/routing.jsonl", "w") as f:
        for r in rs: f.write(json.dumps(r) + "\n")
    if ms is not None: json.dump(ms, open(d + "/models.json", "w"), indent=1)


def sample(seed):
    """1,500 prompts drawn with Random(seed), their split labels dropped; and the generator, for the variants' draws."""
    rnd = random.Random(seed)
    rows = list(rows_all)
    rnd.shuffle(rows)
    base = rows[:1500]
    for r in base: r.pop("split", None)
    return rnd, base


def first_set():
    rnd, base = sample(7)
    # 1 sparse: 40% of scores missing (some null, some absent), at least one kept
    rs = copy.deepcopy(base)
    for r in rs:
        ks = list(r["scores"]); keep = rnd.choice(ks)
        for k in ks:
            if k != keep and rnd.random() < 0.4:
                if rnd.random() < 0.5: r["scores"][k] = None
                else: del r["scores"][k]
    write("sparse", rs)
    # 2 no labels
    rs = copy.deepcopy(base)
    for r in rs: r.pop("task", None)
    write("nolabels", rs)
    # 3 many labels (> 256)
    rs = copy.deepcopy(base)
    for i, r in enumerate(rs): r["task"] = "t%03d" % (i % 400)
    write("manylabels", rs)
    # 4 unpriced, 0/1 thresholded scores
    rs = copy.deepcopy(base)
    for r in rs: r["scores"] = {k: (1.0 if v >= 0.5 else 0.0) for k, v in r["scores"].items()}
    write("binary-unpriced", rs, ms=None)
    # 5 two models, one dominant
    rs = copy.deepcopy(base)
    for r in rs:
        s = r["scores"]; a = s["llama-3.1-nemotron-51b-instruct"]; b = s["qwen2.5-7b-instruct"]
        r["scores"] = {"big": max(a, b), "small": b}
    write("dominant2", rs, ms=[m for m in []] + [{"name": "big", "costPerQuery": 0.01}, {"name": "small", "costPerQuery": 0.0005}])
    # 6 tiny
    write("tiny", copy.deepcopy(base[:150]))
    # 7 a model that never has a score + a model with few scores
    rs = copy.deepcopy(base)
    for i, r in enumerate(rs):
        r["scores"].pop("codegemma-7b", None)
        if i % 100 != 0: r["scores"].pop("gemma-2-9b-it", None)
    write("deadmodel", rs)
    # 8 duplicated texts across ids
    rs = copy.deepcopy(base[:1200])
    for i in range(300):
        d = copy.deepcopy(rs[i]); d["id"] = d["id"] + "-dup"; rs.append(d)
    write("dupes", rs)


def second_set():
    rnd, base = sample(11)
    rs = copy.deepcopy(base)
    for r in rs: r["scores"] = {k: min(1.0, max(0.0, 0.7 + 0.3 * v + rnd.gauss(0, 0.02))) for k, v in r["scores"].items()}
    write("graded-high", rs)
    rs = copy.deepcopy(base)
    for r in rs: r["costs"] = {k: round(rnd.uniform(0.5, 1.5) * (0.01 if "nemotron" in k or "70b" in k else 0.001), 6) for k in r["scores"]}
    write("costs", rs)
    rs = copy.deepcopy(base)
    for i, r in enumerate(rs):
        if i % 10 >= 3: r.pop("task", None)
    write("partial-labels", rs)
    rs = copy.deepcopy(base)
    names = [m["name"] for m in models]
    for r in rs:
        for m in names[:6]:
            v = r["scores"][m]
            r["scores"][m + "-v2"] = v if rnd.random() < 0.8 else 1.0 - v
    ms2 = models + [dict(m, name=m["name"] + "-v2") for m in models[:6]]
    write("many-models", rs, ms2)
    rs = copy.deepcopy(base)
    for i, r in enumerate(rs): r["split"] = "test" if i % 10 == 0 else "train"
    for i in range(1, 100, 10): rs[i]["prompt"] = rs[i - 1]["prompt"]  # train rows whose text is also a test row's
    write("kept-leak", rs)
    d = os.path.join(OUT, "csvdata"); os.makedirs(d, exist_ok=True)
    with open(d + "/routing.csv", "w", newline="") as f:
        w = csv.writer(f); w.writerow(["id", "prompt", "task"] + names)
        for r in base: w.writerow([r["id"], r["prompt"], r["task"]] + [r["scores"].get(m, "") for m in names])


def third_set():
    rnd, base = sample(13)
    # a free model: qwen2.5-7b-instruct costs nothing
    ms = copy.deepcopy(models)
    for m in ms:
        if m["name"] == "qwen2.5-7b-instruct":
            for k in list(m):
                if "rice" in k or "ost" in k: m[k] = 0.0 if m[k] is not None else None
    write("free-model", copy.deepcopy(base), ms)
    # imbalanced labels: 95 % of the prompts under one label
    rs = copy.deepcopy(base)
    for i, r in enumerate(rs): r["task"] = "big" if i % 20 else r["task"]
    write("imbalanced", rs)
    # ties: on 80 % of the prompts every model gets the same score
    rs = copy.deepcopy(base)
    for r in rs:
        if rnd.random() < 0.8:
            v = 1.0 if rnd.random() < 0.7 else 0.0
            r["scores"] = {k: v for k in r["scores"]}
    write("ties", rs)


first_set()
second_set()
third_set()
print("wrote the variants under", OUT)
