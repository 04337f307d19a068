"""Stop 38 (issue 15), training split only: bagging the robust rule's (k, beta) choice.
Today the search takes the (k, beta) with the highest out-of-sample Qual on its prompts (the argmax over 30 settings),
and routes on that one setting's estimate. Bagged: the same argmax on B bootstrap resamples of the search prompts;
each setting weighted by the share of resamples that picked it; the route is the argmax of the weighted mean of the
settings' estimates (Breiman's bagging of a selection: the choice's own noise averaged out, by construction).
Leave-one-out on a bundle's remembered prompts (prior: g, or the prompt's own benchmark label's mean without itself);
each rule chooses on a random half and is scored on the other (10 halvings), paired against the argmax.

    python3 docs/results/proto-s38/bag.py out/run/router.frb [data-folder-with-routing.jsonl]
"""
import numpy as np, sys, os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "proto-s36"))
from margin import estimates

B = int(os.environ.get("BAGS", "50"))

def main(path, data=None, halvings=10):
    S, g, P, grid = estimates(path, data); n, m = S.shape; rows = np.arange(n)
    settings, Es, Q = [], [], []
    for k, b, E in grid:
        settings.append((k, b)); Es.append(E.astype(np.float32)); Q.append(S[rows, np.argmax(E, 1)])
    Es = np.array(Es); Q = np.array(Q)
    known = ~np.isnan(Q); Qz = np.where(known, Q, 0.0)
    order = sorted(range(len(settings)), key=lambda i: (-settings[i][1], -settings[i][0]))  # ties: larger beta, k
    rank = np.empty(len(settings)); rank[order] = np.arange(len(settings))
    def pick(idx):
        s = Qz[:, idx].sum(1) / np.maximum(known[:, idx].sum(1), 1)
        return int(np.lexsort((rank, -s))[0])
    rng = np.random.default_rng(0); arg, bag, ws = [], [], []
    for r in range(halvings):
        perm = rng.permutation(n); A, Bh = perm[: n // 2], perm[n // 2:]
        best = pick(A)
        w = np.zeros(len(settings))
        for _ in range(B):
            w[pick(A[rng.integers(0, len(A), len(A))])] += 1.0 / B
        Ebag = np.tensordot(w, Es[:, Bh, :], axes=1) + 1e-9 * g
        qb = S[Bh, np.argmax(Ebag, 1)]
        arg.append(Q[best, Bh]); bag.append(qb); ws.append(w)
    d = np.array([np.nanmean(b - a) for a, b in zip(arg, bag)]) * 100
    top = np.mean(ws, 0); tops = sorted(range(len(settings)), key=lambda i: -top[i])[:3]
    print(f"{os.path.basename(os.path.dirname(path)) or path} n {n} prior {'labels' if data else 'g'}: argmax {100*np.mean([np.nanmean(a) for a in arg]):.2f}, "
          f"bagged {100*np.mean([np.nanmean(b) for b in bag]):.2f}, paired {d.mean():+.2f} ± {d.std(ddof=1)/np.sqrt(len(d)):.2f} over halvings; "
          f"weights {[(settings[i], round(top[i], 2)) for i in tops]}", flush=True)

if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], a[1] if len(a) > 1 else None)
