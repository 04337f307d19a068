#!/usr/bin/env python3
"""Leave-one-model-out measurement of `finerouter onboard` (issue 21): for each model M of a dataset,
train a router without M (B−M), onboard M into it from its true scores on the plan's ≤ 10 prompts per task (B+M),
and compare test Qual/cost of B−M, B+M and the router trained on the full pool (B_full). Protocol: README.md here.

Run from the repository root (it calls ./finerouter):
    python3 docs/results/onboarding/lomo.py [--data ../shared/data] [--work /tmp/lomo] [--datasets NAME ...]
                                            [--models NAME ...] [--seed 42] [--out docs/results/onboarding/results.json]
Every step is skipped when its output exists in --work (a rerun resumes; delete --work to start over). Trainings run
one after another. Progress goes to stdout; each CLI call's console goes to a log file beside its output.
Prompt texts are only written under --work (never into the repository); results.json holds numbers and ids' counts.
"""
import argparse, json, math, os, shutil, subprocess, sys, time

# How the evaluation splits each dataset (docs/results/reproduce.sh): llmrouter-9model is re-split, routerdc-7model
# keeps its own train/test and carves dev from train; seed 42 for both.
SPLIT_FLAGS = {"llmrouter-9model": ["--resplit"], "routerdc-7model": []}
SEED = 42
PER_TASK = 10
RANDOM_PLAN = False


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def cli(args, logfile):
    """Runs ./finerouter with args, console to logfile; raises with the log's tail when it fails."""
    with open(logfile, "w") as f:
        f.write("$ ./finerouter " + " ".join(args) + "\n")
        f.flush()
        rc = subprocess.call(["./finerouter"] + args, stdout=f, stderr=subprocess.STDOUT)
    if rc != 0:
        tail = open(logfile).read()[-3000:]
        raise SystemExit(f"./finerouter {' '.join(args)} failed ({rc}); {logfile}:\n{tail}")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def slug(name):
    return name.replace("/", "__")


def utf16_len(text):
    """Java's String.length(): UTF-16 code units (what CostModel counts)."""
    return len(text.encode("utf-16-le")) // 2


class Prices:
    """CostModel.estimate with ModelsJsonReader's price fields (engine/.../model/CostModel.java, io/ModelsJsonReader.java)."""

    def __init__(self, models_json, chars_per_token=4.0, output_tokens=256):
        self.spec = {}
        for e in models_json:
            def g(k):
                return e.get(k)
            blended = g("costPer1kTokens")
            inp = g("inputCostPer1kTokens")
            if inp is None:
                inp = g("inputPricePer1MTokensUSD") / 1000.0 if g("inputPricePer1MTokensUSD") is not None else blended
            out = g("outputCostPer1kTokens")
            if out is None:
                out = g("outputPricePer1MTokensUSD") / 1000.0 if g("outputPricePer1MTokensUSD") is not None else blended
            self.spec[e["name"]] = (g("costPerQuery"), inp, out)
        self.priced = any(any(v is not None for v in s) for s in self.spec.values())
        self.cpt, self.out_tokens = chars_per_token, output_tokens

    def cost(self, model, text, observed=None):
        if observed is not None and observed.get(model) is not None:
            return observed[model]
        if not self.priced:
            return 1.0
        per_query, inp, out = self.spec[model]
        c = per_query or 0.0
        if inp is not None:
            c += math.ceil(utf16_len(text) / self.cpt) / 1000.0 * inp
        if out is not None:
            c += self.out_tokens / 1000.0 * out
        return c


def price_args(prices, m):
    """M's real price from models.json as `onboard accept` options (none for an unpriced pool)."""
    cq, inp, out = prices.spec[m]
    args = []
    if prices.priced:
        if cq is not None:
            args += ["--cost-per-query", repr(cq)]
        if inp is not None:
            args += ["--input-cost-per-1k", repr(inp)]
        if out is not None:
            args += ["--output-cost-per-1k", repr(out)]
    return args


def split_of(folder):
    return {r["id"]: r["split"] for r in read_jsonl(os.path.join(folder, "routing.jsonl"))}


def evaluate(route_out, test_rows, prices):
    """Qual = mean true score of the routed model (prompts whose routed model has no score are skipped, as the
    evaluation does), cost = mean cost per prompt as the evaluation computes it; plus the route output's own cost."""
    routed = {r["id"]: r for r in read_jsonl(route_out)}
    scores, costs, own, counts, skipped, outcomes = [], [], [], {}, 0, []
    for row in test_rows:
        d = routed[row["id"]]
        m = d["model"]
        counts[m] = counts.get(m, 0) + 1
        s = row["scores"].get(m)
        outcomes.append(s)
        costs.append(prices.cost(m, row["prompt"], row.get("costs")))
        own.append(d.get("cost", float("nan")))
        if s is None:
            skipped += 1
        else:
            scores.append(s)
    assert len(routed) == len(test_rows), (route_out, len(routed), len(test_rows))
    OUTCOMES[route_out] = outcomes
    return {"qual": 100.0 * sum(scores) / len(scores), "costPerPrompt": sum(costs) / len(costs),
            "routeCostPerPrompt": sum(own) / len(own), "skipped": skipped, "routedTo": dict(sorted(counts.items()))}


# Per route file, the true score of the routed model per test prompt (None = unknown), for the paired statistics;
# kept in memory only, never written to the results file.
OUTCOMES = {}


def paired(a, b):
    """Mean and standard error (×100) of a_p − b_p over the prompts where both are known (stop 36)."""
    d = [x - y for x, y in zip(a, b) if x is not None and y is not None]
    n = len(d)
    if n < 2:
        return None
    m = sum(d) / n
    return {"mean": 100 * m, "se": 100 * math.sqrt(sum((x - m) ** 2 for x in d) / (n - 1) / n), "n": n}


def recovered_paired(full, minus, plus):
    """Onboarding's share of retraining's gain averaged over the held-out models, paired per test prompt: with
    a_p = mean over M of (B+M − B−M)(p) and b_p = mean over M of (B_full − B−M)(p) over the prompts known for every
    route, R = Σa / Σb and its standard error by the delta method, √(Σ(a_p − R·b_p)² / (n(n − 1))) / mean(b)."""
    keep = [p for p in range(len(full)) if full[p] is not None and all(x[p] is not None for x in minus + plus)]
    k = len(minus)
    a = [sum(plus[i][p] - minus[i][p] for i in range(k)) / k for p in keep]
    b = [sum(full[p] - minus[i][p] for i in range(k)) / k for p in keep]
    n = len(keep)
    if n < 2 or sum(b) <= 0:
        return None
    r = sum(a) / sum(b)
    se = math.sqrt(sum((x - r * y) ** 2 for x, y in zip(a, b)) / (n * (n - 1))) / (sum(b) / n)
    return {"recovered": r, "se": se, "prompts": n, "models": k}


def manifest(bundle):
    """The bundle's manifest.json (an .frb is a zip archive)."""
    import zipfile
    with zipfile.ZipFile(bundle) as z:
        return json.loads(z.read("manifest.json"))


def without(explain_out, test_rows, pool, m, prices):
    """B_full restricted to the pool without M: each test prompt goes to the model of highest Q_final other than M
    (ties: cheaper, then earlier in the pool, as QualityRouter does at tolerance 0), read from `route --explain`.
    Q_final is printed to 4 decimals, so the same rule over all models is checked against the router's own choice."""
    routed = {r["id"]: r for r in read_jsonl(explain_out)}
    order = {name: i for i, name in enumerate(pool)}

    def pick(cands):
        return min(cands, key=lambda c: (-c["final"], c["cost"], order[c["model"]]))["model"]

    same, scores, costs, counts = 0, [], [], {}
    for row in test_rows:
        compared = routed[row["id"]]["explanation"]["compared"]
        same += pick(compared) == routed[row["id"]]["model"]
        choice = pick([c for c in compared if c["model"] != m])
        counts[choice] = counts.get(choice, 0) + 1
        if row["scores"].get(choice) is not None:
            scores.append(row["scores"][choice])
        costs.append(prices.cost(choice, row["prompt"], row.get("costs")))
    return {"qual": 100.0 * sum(scores) / len(scores), "costPerPrompt": sum(costs) / len(costs),
            "reproducedChoices": same / len(test_rows), "routedTo": dict(sorted(counts.items()))}


def train(data, flags, outdir, bundle, cache, what):
    if os.path.exists(bundle):
        return
    log(f"train {what}")
    os.makedirs(outdir, exist_ok=True)
    cli(["train", "--data", data] + flags + ["--seed", str(SEED), "--levels", "1", "--cache-dir", cache,
                                            "--out", outdir, "--bundle", bundle], os.path.join(outdir, "train.log"))


def route(bundle, test_input, out, what, cache):
    if not os.path.exists(out):
        log(f"route {what}")
        # the test prompts are the same for every bundle (one encoder): embedded once, then read from the cache
        cli(["route", "--bundle", bundle, "--input", test_input, "--output", out, "--cache-dir", cache], out + ".log")


def run_dataset(name, data_root, work, only_models, results, diagnostic, tag, part="test"):
    src = os.path.join(data_root, name)
    flags = SPLIT_FLAGS[name]
    w = os.path.join(work, name)
    cache = os.path.join(work, "cache")
    os.makedirs(w, exist_ok=True)
    sfx = "-" + tag if tag else ""  # B+M's files carry the tag: onboarding under another engine version, same B−M
    pt = "" if PER_TASK == 10 else f"-pt{PER_TASK}"  # plans of another size beside the protocol's ≤ 10 per task
    sfx += pt
    psfx = "" if part == "test" else "-" + part  # routes of the dev prompts beside the test ones
    rows = read_jsonl(os.path.join(src, "routing.jsonl"))
    models_json = json.load(open(os.path.join(src, "models.json")))
    prices = Prices(models_json)
    pool = [e["name"] for e in models_json]

    # The evaluation's split of the full dataset, and its test prompts (texts stay under --work).
    full_split_dir = os.path.join(w, "split-full")
    if not os.path.exists(os.path.join(full_split_dir, "routing.jsonl")):
        cli(["data", "split", "--data", src] + flags + ["--seed", str(SEED), "--out", full_split_dir], full_split_dir + ".log")
    full_split = split_of(full_split_dir)
    test_rows = [r for r in rows if full_split[r["id"]] == part]
    test_input = os.path.join(w, f"{part}-prompts.jsonl")
    if not os.path.exists(test_input):
        write_jsonl(test_input, [{"id": r["id"], "prompt": r["prompt"]} for r in test_rows])

    # B_full: trained on the whole pool.
    full_bundle = os.path.join(w, "full", "router.frb")
    train(src, flags, os.path.join(w, "full", "train"), full_bundle, cache, f"{name} full pool")
    route(full_bundle, test_input, os.path.join(w, "full", f"route{psfx}.jsonl"), f"{name} B_full", cache)
    full = evaluate(os.path.join(w, "full", f"route{psfx}.jsonl"), test_rows, prices)
    full["alpha"] = manifest(full_bundle)["defaultPolicy"]["alpha"]
    explain = os.path.join(w, "full", f"route-explain{psfx}.jsonl")
    if not os.path.exists(explain):
        log(f"route {name} B_full --explain")
        cli(["route", "--bundle", full_bundle, "--input", test_input, "--output", explain, "--explain"], explain + ".log")
    ds = results.setdefault(name, {})
    ds.update({"pool": pool, "testPrompts": len(test_rows), "part": part, "splitFlags": flags + ["--seed", str(SEED), "--levels", "1"],
               "priced": prices.priced, "full": full})
    # every record is recomputed from the files under --work; with --models, the other models' records are kept
    ds["heldOut"] = {k: v for k, v in ds.get("heldOut", {}).items() if only_models and k not in only_models}
    log(f"{name} B_full: Qual {full['qual']:.2f}, cost/prompt {full['costPerPrompt']:.6g} (route's own {full['routeCostPerPrompt']:.6g})")

    for m in pool:
        if only_models and m not in only_models:
            continue
        mw = os.path.join(w, "minus-" + slug(m))
        data = os.path.join(mw, "data")
        # The dataset without M: M dropped from every row's scores and from models.json.
        if not os.path.exists(os.path.join(data, "models.json")):
            os.makedirs(data, exist_ok=True)
            write_jsonl(os.path.join(data, "routing.jsonl"),
                        [{**r, "scores": {k: v for k, v in r["scores"].items() if k != m}} for r in rows])
            tmp = os.path.join(data, "models.json.tmp")
            json.dump([e for e in models_json if e["name"] != m], open(tmp, "w"), indent=2)
            os.replace(tmp, os.path.join(data, "models.json"))
        # Its split must be the full dataset's (the split depends on prompts only): compared id by id, all three parts.
        split_dir = os.path.join(mw, "split")
        if not os.path.exists(os.path.join(split_dir, "routing.jsonl")):
            cli(["data", "split", "--data", data] + flags + ["--seed", str(SEED), "--out", split_dir], split_dir + ".log")
        minus_split = split_of(split_dir)
        differing = sum(1 for i, s in full_split.items() if minus_split.get(i) != s)

        minus_bundle = os.path.join(mw, "router.frb")
        train(data, flags, os.path.join(mw, "train"), minus_bundle, cache, f"{name} without {m}")

        # The plan on B−M, its rows scored with M's true scores (what the user's evaluator would give), accepted.
        plan = os.path.join(mw, f"plan{'-random' if RANDOM_PLAN else ''}{pt}.jsonl")
        if not os.path.exists(plan) and RANDOM_PLAN:
            # Every remembered prompt of every task (the planner's own task assignment), then PER_TASK of each task
            # drawn uniformly at random (seeded): a stratified random sample instead of medoid + D² spread.
            listing = os.path.join(mw, "plan-every.jsonl")
            if not os.path.exists(listing):
                cli(["onboard", "plan", "--bundle", minus_bundle, "--data", data, "--per-task", "1000000", "--seed", str(SEED),
                     "--out", listing], listing + ".log")
            import random
            by_task = {}
            for r in read_jsonl(listing):
                by_task.setdefault(r["onboard"]["task"], []).append(r)
            picked = []
            for t in sorted(by_task, key=str):
                members = sorted(by_task[t], key=lambda r: r["id"])
                picked += random.Random(f"{SEED}:{t}").sample(members, min(PER_TASK, len(members)))
            write_jsonl(plan, picked)
        if not os.path.exists(plan):
            cli(["onboard", "plan", "--bundle", minus_bundle, "--data", data, "--per-task", str(PER_TASK), "--seed", str(SEED),
                 "--out", plan], plan + ".log")
        truth = {r["id"]: r["scores"].get(m) for r in rows}
        scored = os.path.join(mw, f"scored{'-random' if RANDOM_PLAN else ''}{pt}.jsonl")
        plan_rows = read_jsonl(plan)
        if not os.path.exists(scored):
            write_jsonl(scored, [{**r, "scores": {m: truth[r["id"]]}} for r in plan_rows])
        plus_bundle = os.path.join(mw, f"onboarded{sfx}.frb")
        if not os.path.exists(plus_bundle):
            log(f"onboard {m}")
            cli(["onboard", "accept", "--bundle", minus_bundle, "--scores", scored, "--model", m, "--out", plus_bundle]
                + price_args(prices, m), plus_bundle + ".log")
        route(minus_bundle, test_input, os.path.join(mw, f"route-minus{psfx}.jsonl"), f"{name} B−{m}", cache)
        route(plus_bundle, test_input, os.path.join(mw, f"route-plus{sfx}{psfx}.jsonl"), f"{name} B+{m}", cache)
        # Diagnostic (not the protocol): M onboarded from its true scores on EVERY remembered training prompt, which
        # separates what the ≤ 10 prompts per task cost from what onboarding without retraining costs at all.
        if diagnostic:
            all_bundle = os.path.join(mw, f"onboarded-all{sfx}.frb")
            if not os.path.exists(all_bundle):
                import zipfile
                with zipfile.ZipFile(minus_bundle) as z:
                    ids = json.loads(z.read("rule/memory-ids.json"))
                ids = ids["ids"] if isinstance(ids, dict) else ids
                by_id = {r["id"]: r for r in rows}
                scored_all = os.path.join(mw, "scored-all.jsonl")
                write_jsonl(scored_all, [{"id": i, "prompt": by_id[i]["prompt"], "task": by_id[i].get("task"),
                                          "scores": {m: by_id[i]["scores"].get(m)}} for i in ids])
                log(f"onboard {m} from every remembered prompt (diagnostic)")
                cli(["onboard", "accept", "--bundle", minus_bundle, "--scores", scored_all, "--model", m, "--out", all_bundle]
                    + price_args(prices, m), all_bundle + ".log")
            route(all_bundle, test_input, os.path.join(mw, f"route-plus-all{sfx}{psfx}.jsonl"), f"{name} B+{m} (all remembered prompts)", cache)
        minus = evaluate(os.path.join(mw, f"route-minus{psfx}.jsonl"), test_rows, prices)
        minus["alpha"] = manifest(minus_bundle)["defaultPolicy"]["alpha"]
        plus = evaluate(os.path.join(mw, f"route-plus{sfx}{psfx}.jsonl"), test_rows, prices)
        pm = manifest(plus_bundle)
        plus["alpha"] = pm["defaultPolicy"]["alpha"]
        prov = pm["hyperparameters"]["onboarding"][m]
        train_ids = {i for i, s in full_split.items() if s == "train"}
        true_train = [r["scores"][m] for r in rows if r["id"] in train_ids and r["scores"].get(m) is not None]
        full_without = without(explain, test_rows, pool, m, prices)
        tasks = {r["onboard"]["task"] for r in plan_rows}
        gain_full = full["qual"] - minus["qual"]
        gain_plus = plus["qual"] - minus["qual"]
        rec = {
            "scoredPrompts": sum(1 for r in plan_rows if truth[r["id"]] is not None),
            "planTasks": len(tasks),
            "maxPerTask": max(sum(1 for r in plan_rows if r["onboard"]["task"] == t) for t in tasks),
            "splitRowsDiffering": differing,
            "minus": minus, "plus": plus,
            "gainOnboarded": gain_plus, "gainRetrained": gain_full,
            "gainOnboardedPaired": paired(OUTCOMES[os.path.join(mw, f"route-plus{sfx}{psfx}.jsonl")], OUTCOMES[os.path.join(mw, f"route-minus{psfx}.jsonl")]),
            "gainRetrainedPaired": paired(OUTCOMES[os.path.join(w, "full", f"route{psfx}.jsonl")], OUTCOMES[os.path.join(mw, f"route-minus{psfx}.jsonl")]),
            "recovered": gain_plus / gain_full if gain_full > 0 else None,
            "testRoutedToM": {"onboarded": plus["routedTo"].get(m, 0), "retrained": full["routedTo"].get(m, 0)},
            "fullWithoutM": full_without,
            "onboardedFromAllRemembered": evaluate(os.path.join(mw, f"route-plus-all{sfx}{psfx}.jsonl"), test_rows, prices)
            if os.path.exists(os.path.join(mw, f"route-plus-all{sfx}{psfx}.jsonl")) else None,
            "onboarding": {"donor": prov["donor"], "generalMean": prov["generalMean"], "trueTrainMean": sum(true_train) / len(true_train),
                           "candidateOfTasks": len(prov["candidateOf"]), "tasks": len(prov["taskMean"]),
                           "scoredPrompts": prov["scoredPrompts"]},
        }
        ds["heldOut"][m] = rec
        ds.setdefault("_routes", {})[m] = (os.path.join(mw, f"route-minus{psfx}.jsonl"), os.path.join(mw, f"route-plus{sfx}{psfx}.jsonl"))
        ds["_fullRoute"] = os.path.join(w, "full", f"route{psfx}.jsonl")
        log(f"{name} −{m}: Qual B−M {minus['qual']:.2f}, B+M {plus['qual']:.2f}, B_full {full['qual']:.2f}; "
            f"routed to M: {rec['testRoutedToM']}; split rows differing: {differing}")
        summarize(ds)
        yield


def summarize(ds):
    h = ds["heldOut"].values()
    if not h:
        return
    n = len(h)
    mean = lambda xs: sum(xs) / len(xs)
    gp = mean([r["gainOnboarded"] for r in h])
    gf = mean([r["gainRetrained"] for r in h])
    ds["average"] = {
        "models": n,
        "qualMinus": mean([r["minus"]["qual"] for r in h]),
        "qualOnboarded": mean([r["plus"]["qual"] for r in h]),
        "qualFull": ds["full"]["qual"],
        "costMinus": mean([r["minus"]["costPerPrompt"] for r in h]),
        "costOnboarded": mean([r["plus"]["costPerPrompt"] for r in h]),
        "costFull": ds["full"]["costPerPrompt"],
        "gainOnboarded": gp, "gainRetrained": gf,
        "recoveredOfAverages": gp / gf if gf > 0 else None,
        "meanOfRecovered": (mean([r["recovered"] for r in h if r["recovered"] is not None])
                            if any(r["recovered"] is not None for r in h) else None),
        "modelsWithPositiveRetrainedGain": sum(1 for r in h if r["recovered"] is not None),
        "qualFullWithoutM": mean([r["fullWithoutM"]["qual"] for r in h]),
        "testRoutedToMOnboarded": mean([r["testRoutedToM"]["onboarded"] for r in h]),
        "testRoutedToMRetrained": mean([r["testRoutedToM"]["retrained"] for r in h]),
        "scoredPrompts": mean([r["scoredPrompts"] for r in h]),
    }
    routes = ds.get("_routes", {})
    held = [m for m in ds["heldOut"] if m in routes and routes[m][0] in OUTCOMES and routes[m][1] in OUTCOMES]
    if held and len(held) == n and ds.get("_fullRoute") in OUTCOMES:
        ds["average"]["recoveredPaired"] = recovered_paired(OUTCOMES[ds["_fullRoute"]], [OUTCOMES[routes[m][0]] for m in held],
                                                            [OUTCOMES[routes[m][1]] for m in held])


def table(results):
    """The README's tables (markdown) from results.json."""
    out = []
    for name, ds in results.get("datasets", {}).items():
        priced = ds["priced"]
        diag = any(r.get("onboardedFromAllRemembered") for r in ds["heldOut"].values())
        out.append(f"### {name} ({ds['testPrompts']} test prompts; B_full: Qual {ds['full']['qual']:.2f}"
                   + (f", cost/prompt {1e6 * ds['full']['costPerPrompt']:.1f} µUSD" if priced else "") + f", α {ds['full']['alpha']:.2f})\n")
        head = ["held-out model M", "scored prompts (tasks)", "Qual B−M", "Qual B+M", "Qual B_full", "gain B+M", "gain B_full",
                "recovered"]
        if priced:
            head += ["cost B−M", "cost B+M", "cost B_full"]
        head += ["test prompts → M (B+M / B_full)", "Qual B_full without M", "α B−M / B+M"]
        if diag:
            head += ["Qual B+M, all remembered scored"]
        out.append("| " + " | ".join(head) + " |")
        out.append("|---|" + "---:|" * (len(head) - 1))
        for m, r in ds["heldOut"].items():
            rec = "–" if r["recovered"] is None else f"{100 * r['recovered']:.0f}%"
            if r["recovered"] is not None and r["gainRetrained"] < 0.5:
                rec += " (tiny denominator)"
            cells = [m, f"{r['scoredPrompts']} ({r['planTasks']})", f"{r['minus']['qual']:.2f}", f"{r['plus']['qual']:.2f}",
                     f"{ds['full']['qual']:.2f}", f"{r['gainOnboarded']:+.2f}", f"{r['gainRetrained']:+.2f}", rec]
            if priced:
                cells += [f"{1e6 * x:.1f}" for x in (r["minus"]["costPerPrompt"], r["plus"]["costPerPrompt"], ds["full"]["costPerPrompt"])]
            cells += [f"{r['testRoutedToM']['onboarded']} / {r['testRoutedToM']['retrained']}", f"{r['fullWithoutM']['qual']:.2f}",
                      f"{r['minus']['alpha']:.2f} / {r['plus']['alpha']:.2f}"]
            if diag:
                a = r.get("onboardedFromAllRemembered")
                cells += [f"{a['qual']:.2f}" if a else "–"]
            out.append("| " + " | ".join(cells) + " |")
        a = ds.get("average")
        if a:
            rec = "–" if a["recoveredOfAverages"] is None else f"{100 * a['recoveredOfAverages']:.0f}%"
            cells = [f"**average of {a['models']}**", f"{a['scoredPrompts']:.0f}", f"{a['qualMinus']:.2f}", f"{a['qualOnboarded']:.2f}",
                     f"{a['qualFull']:.2f}", f"{a['gainOnboarded']:+.2f}", f"{a['gainRetrained']:+.2f}", f"**{rec}**"]
            if priced:
                cells += [f"{1e6 * x:.1f}" for x in (a["costMinus"], a["costOnboarded"], a["costFull"])]
            cells += [f"{a['testRoutedToMOnboarded']:.0f} / {a['testRoutedToMRetrained']:.0f}", f"{a['qualFullWithoutM']:.2f}", ""]
            if diag:
                xs = [r["onboardedFromAllRemembered"]["qual"] for r in ds["heldOut"].values() if r.get("onboardedFromAllRemembered")]
                cells += [f"{sum(xs) / len(xs):.2f}" if len(xs) == a["models"] else "–"]
            out.append("| " + " | ".join(cells) + " |")
            rp = a.get("recoveredPaired")
            if rp:
                out.append(f"\nPaired over the {rp['prompts']} test prompts known for every route (stop 36): onboarding recovers "
                           f"{100 * rp['recovered']:.0f} % ± {100 * rp['se']:.0f} % (one standard error) of retraining's gain, "
                           f"averaged over the {rp['models']} held-out models.")
        out.append("")
    return "\n".join(out)


def _strip(o):
    """The results without the keys starting with "_" (the in-memory route map), as written to the file."""
    if isinstance(o, dict):
        return {k: _strip(v) for k, v in o.items() if not str(k).startswith("_")}
    if isinstance(o, list):
        return [_strip(v) for v in o]
    return o


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data", help="folder holding the datasets (default ../shared/data)")
    ap.add_argument("--work", default="/tmp/lomo", help="scratch folder for copies, bundles and routes (default /tmp/lomo)")
    ap.add_argument("--datasets", nargs="+", default=["llmrouter-9model", "routerdc-7model"])
    ap.add_argument("--models", nargs="+", help="only these held-out models (default: every model of the pool)")
    ap.add_argument("--tag", default="", help="onboard again with the current engine into B+M files named with this tag "
                    "(B−M and B_full are reused); results go to results-TAG.json unless --out is given")
    ap.add_argument("--per-task", type=int, default=10, help="prompts per task in the plan (default 10, the issue's protocol; "
                    "other sizes name their plan, scores and B+M files with -ptN and the results file too)")
    ap.add_argument("--out")
    ap.add_argument("--diagnostic", nargs="*", default=["llmrouter-9model"],
                    help="datasets on which M is also onboarded from every remembered prompt (default: llmrouter-9model)")
    ap.add_argument("--part", choices=["test", "dev"], default="test",
                    help="route and score the full dataset's test prompts (the protocol) or its dev prompts (to compare "
                         "onboarding estimators without looking at test); dev routes and results carry -dev")
    ap.add_argument("--seed", type=int, default=42, help="the split's and every training's seed (default 42, the protocol's; "
                    "use a --work folder per seed)")
    ap.add_argument("--random-plan", action="store_true", help="stop 35 experiment: plan PER_TASK prompts of each task drawn "
                    "uniformly at random (seeded) from every remembered prompt of the task instead of `onboard plan`'s "
                    "medoid + spread; needs --tag (its plan, scores and B+M files carry -random / the tag)")
    ap.add_argument("--table", action="store_true", help="only print the README's tables from --out")
    a = ap.parse_args()
    global PER_TASK, SEED, RANDOM_PLAN
    RANDOM_PLAN = a.random_plan
    if RANDOM_PLAN and not a.tag:
        raise SystemExit("--random-plan needs --tag (it must not overwrite the protocol's B+M files)")
    PER_TASK = a.per_task
    SEED = a.seed
    a.out = a.out or (f"docs/results/onboarding/results{'-' + a.tag if a.tag else ''}{'' if PER_TASK == 10 else f'-pt{PER_TASK}'}"
                      f"{'' if a.part == 'test' else '-' + a.part}"
                      f"{'' if SEED == 42 else f'-seed{SEED}'}.json")
    if a.table:
        print(table(json.load(open(a.out))))
        return
    if not os.path.exists("./finerouter"):
        raise SystemExit("run from the repository root")
    results = json.load(open(a.out)) if os.path.exists(a.out) else {}
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "engine/src/main"], capture_output=True, text=True).stdout.strip()
    results["engineCommit"] = head + (" + uncommitted engine changes" if dirty else "")
    results["protocol"] = {"seed": SEED, "perTask": PER_TASK, "levels": 1, "policy": "bundle default (λ = 0)",
                           "qual": "mean true score ×100 of the routed model on the full dataset's test split",
                           "cost": "mean USD per test prompt: observed costs if any, else per-token prices, "
                                   "ceil(chars/4) input and 256 output tokens; 1 per call when unpriced"}
    for name in a.datasets:
        results.setdefault("datasets", {})
        for _ in run_dataset(name, a.data, a.work, a.models, results["datasets"], name in a.diagnostic, a.tag, a.part):
            tmp = a.out + ".tmp"
            with open(tmp, "w") as f:
                json.dump(_strip(results), f, indent=1, sort_keys=False)
                f.write("\n")
            os.replace(tmp, a.out)
    print(table(results))
    log("done")


if __name__ == "__main__":
    main()
