"""Stop 35 (issue 15), training split only: one shrinkage strength beta searched (the robust rule) against a beta per
model from the method of moments (the between-prompt variance of the k neighbours' mean around the prior, less the
binomial noise), alone or scaled by a searched factor; leave-one-out on a bundle's remembered prompts, chosen on one
half and scored on the other (10 halvings), as kern.py. Not adopted: docs/results/README.md, "Stop 35".

    python3 docs/results/proto-s35/ebeta.py out/run/router.frb [data-folder-with-routing.jsonl]
"""
import numpy as np, sys, os
from kern import load, topk, label_prior, route_scores
def main(path, data=None, K=500):
    rule, X, S = load(path); n, M = S.shape; K = min(K, n - 1)
    g0 = np.nanmean(S, 0); g = label_prior(path, data, S, g0) if data else np.broadcast_to(g0, S.shape)
    idx, sim = topk(X, K)
    known = ~np.isnan(S); Sz = np.where(known, S, 0.0)
    rng = np.random.default_rng(0); res = {"search": [], "mom": [], "mom+search": []}
    Qs = {}
    for k in [10, 20, 50, 100, 200, 500]:
        if k > K: continue
        num = Sz[idx[:, :k]].sum(1); den = known[idx[:, :k]].sum(1)
        p = num / np.maximum(den, 1)
        # method of moments per model: var of (p - prior) minus binomial noise
        resid = p - g; noise = (g * (1 - g) / np.maximum(den, 1))
        tau2 = np.maximum(np.nanmean(resid ** 2, 0) - np.nanmean(noise, 0), 1e-6)
        bm = np.nanmean(g * (1 - g), 0) / tau2  # pseudo-neighbours per model
        for b in [1, 5, 20, 100, 500]:
            Qs[("search", k, b)] = route_scores((num + b * g) / (den + b), S, g0)
        Qs[("mom", k, 0)] = route_scores((num + bm * g) / (den + bm), S, g0)
        for c in [0.25, 1, 4]:
            Qs[("mom+search", k, c)] = route_scores((num + c * bm * g) / (den + c * bm), S, g0)
        print("  k", k, "beta per model", np.round(bm, 1))
    names = list(Qs); Q = np.array([Qs[x] for x in names])
    for r in range(10):
        perm = rng.permutation(n); A, B = perm[: n // 2], perm[n // 2:]
        qa = np.nanmean(Q[:, A], 1); qb = np.nanmean(Q[:, B], 1)
        for fam in res:
            sel = [i for i, nm in enumerate(names) if nm[0] == fam]
            i = sel[int(np.argmax(qa[sel]))]; res[fam].append(qb[i])
    print(os.path.dirname(path), "best single", round(100 * np.nanmax(g0), 2))
    for fam, v in res.items(): print(f"  {fam}: out-of-half {100*np.mean(v):.2f}")
    for fam in ["mom", "mom+search"]:
        d = np.array(res[fam]) - np.array(res["search"]); print(f"  {fam}−search {100*d.mean():+.2f} ± {100*d.std()/np.sqrt(len(d)):.2f}")
if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
