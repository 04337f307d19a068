"""Stop 36 (issue 15), training split only: a switching margin. The robust rule's local estimate (k nearest with
weight 1, shrunk with beta toward a prior: the general mean g, or the prompt's own benchmark label's mean without
itself) routes by argmax; with a margin m the router leaves the reference model R only when the argmax's estimate
beats R's by more than m (R = the general best model, or the prior's own argmax for the prompt). Leave-one-out on a
bundle's remembered prompts; each family's setting chosen on a random half, scored on the other (10 halvings).

Not adopted: mixed across sets (docs/results/README.md, "Stop 36").

    python3 docs/results/proto-s36/margin.py out/run/router.frb [data-folder-with-routing.jsonl]
"""
import numpy as np, sys, os
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "proto-s35"))
from kern import load, topk, label_prior

MARGINS = [float(x) for x in os.environ.get("MARGINS", "0,0.01,0.02,0.05,0.1,0.2").split(",")]

def estimates(path, data=None):
    """The remembered prompts' scores S, general mean g, prior P, and the leave-one-out local estimate E of every
    (k, beta) of the robust rule's grid: yields (k, beta, E)."""
    rule, X, S = load(path); n = len(S); K = min(500, n - 1)
    g = np.nanmean(S, 0)
    P = label_prior(path, data, S, g) if data else np.broadcast_to(g, S.shape)
    idx, _ = topk(X, K)
    known = ~np.isnan(S); Sz = np.where(known, S, 0.0)
    def grid():
        for k in [10, 20, 50, 100, 200, 500]:
            if k > K: continue
            num = Sz[idx[:, :k]].sum(1); den = known[idx[:, :k]].sum(1)
            for b in [1, 5, 20, 100, 500]:
                yield k, b, (num + b * P) / (den + b) + 1e-9 * g
    return S, g, P, grid()

def main(path, data=None, halvings=10):
    S, g, P, grid = estimates(path, data); n, m = S.shape
    G = int(np.argmax(g)); rows = np.arange(n)
    Pref = np.argmax(P + 1e-9 * g, 1)
    settings, Q = [], []
    for k, b, E in grid:
        ch = np.argmax(E, 1); top = E[rows, ch]
        for ref_name, ref in (("g", np.full(n, G)), ("p", Pref)):
            for mg in MARGINS:
                if mg == 0 and ref_name == "p": continue
                c = np.where(top - E[rows, ref] > mg, ch, ref) if mg > 0 else ch
                settings.append((k, b, ref_name if mg > 0 else "-", mg)); Q.append(S[rows, c])
    Q = np.array(Q)
    fam = {"U": lambda s: s[3] == 0, "M_g": lambda s: s[2] in ("-", "g"), "M_p": lambda s: s[2] in ("-", "p")}
    rng = np.random.default_rng(0); res = {f: [] for f in fam}; picks = {f: [] for f in fam}
    for r in range(halvings):
        perm = rng.permutation(n); A, B = perm[: n // 2], perm[n // 2:]
        qa = np.nanmean(Q[:, A], 1); qb = np.nanmean(Q[:, B], 1)
        for f, ok in fam.items():
            sel = [i for i, s in enumerate(settings) if ok(s)]
            i = sel[int(np.argmax(qa[sel]))]; res[f].append(qb[i]); picks[f].append(settings[i][3])
    full = np.nanmean(Q, 1)
    single = np.nanmean(S[:, G])
    print(f"{path} n {n} m {m} prior {'labels' if data else 'g'}; general best in-sample {100*single:.2f}")
    for f, ok in fam.items():
        sel = [i for i, s in enumerate(settings) if ok(s)]; i = sel[int(np.argmax(full[sel]))]
        print(f"  {f:4s} in-sample best {settings[i]} {100*full[i]:.2f}; out-of-half {100*np.mean(res[f]):.2f}; margins picked {picks[f]}")
    for f in ("M_g", "M_p"):
        d = 100 * (np.array(res[f]) - np.array(res["U"]))
        print(f"  {f}−U paired {d.mean():+.2f} ± {d.std(ddof=1)/np.sqrt(len(d)):.2f}")

if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], a[1] if len(a) > 1 else None)
