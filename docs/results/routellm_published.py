"""RouteLLM's published headline beside ours (issue 15): the share of calls to the strong model (GPT-4) each router
needs to reach 95 % of the strong model's test Qual, read off its cost-quality curve in the strong-call axis (frontier
linear between measured points, as CPT is), with APGR and CPT(50%) from evaluation.json.

RouteLLM (lm-sys; project page sky.cs.berkeley.edu/project/routellm, blog lmsys.org/blog/2024-07-01-routellm) reports
cost reductions of over 85 % on MT Bench, 45 % on MMLU and 35 % on GSM8K against GPT-4 alone while keeping 95 % of
GPT-4's performance, for routers trained on Chatbot Arena preference data (plus augmentation) and evaluated on the
whole of each benchmark; ours are trained on 80 % of this set and measured on a 10 % test split that mixes the three
benchmarks as the set does (≈ 90 % MMLU). Not comparable one to one; printed side by side only.

    python3 docs/results/routellm_published.py docs/results/routellm-2model/auto-s38*/evaluation.json
"""
import json, sys

def calls_at(points, target):
    """Smallest strong-call share at which the frontier (by strong-call share) reaches target Qual; None if never."""
    pts = sorted((p["share"], p["qual"]) for p in points)
    front = []
    for x, q in pts:
        if not front or q > front[-1][1]:
            front.append((x, q))
    if front[0][1] >= target:
        return front[0][0]
    for (xa, qa), (xb, qb) in zip(front, front[1:]):
        if qb >= target:
            return xa + (target - qa) / (qb - qa) * (xb - xa)
    return None


rows = {}
for path in sys.argv[1:]:
    d = json.load(open(path))
    strong = d["bestSingleModel"]
    sq = next(r["qual"] for r in d["routers"] if r["name"] == strong)
    for r in d["routers"]:
        if not r.get("hasCostKnob"):
            continue
        pts = [{"share": p["share"][strong], "qual": p["qual"]} for p in r["curve"] if "share" in p]
        c = calls_at(pts, 0.95 * sq)
        sm = r["standardMetrics"]
        name = "FineRouter (default; α chosen per seed)" if r["kind"] == "FULL" else r["name"]
        rows.setdefault(name, []).append((c, sm.get("apgr"), sm.get("cpt50")))


def summary(values, scale, f):
    v = [scale * x for x in values if x is not None]
    if not v:
        return "–"
    mean = sum(v) / len(v)
    return (f % mean) + (" (%s–%s)" % (f % min(v), f % max(v)) if len(v) > 1 else "") + ("" if len(v) == len(values) else " [%d of %d]" % (len(v), len(values)))

print("| router | seeds | GPT-4 calls to reach 95 % of GPT-4's Qual: mean (min–max) | APGR | CPT(50%) |")
print("|---|---:|---:|---:|---:|")
for name, rs in rows.items():
    c, a, p = zip(*rs)
    print("| %s | %d | %s | %s | %s |" % (name, len(rs), summary(c, 100, "%.1f %%"), summary(a, 1, "%.3f"), summary(p, 1, "%.1f")))
