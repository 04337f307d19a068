"""Stop 36 (issue 15), training split only: the one-standard-error rule for the robust rule's (k, beta) search.
Today the search takes the (k, beta) with the highest out-of-sample Qual (ties: larger beta, then larger k). The
variant takes, among the settings whose routings do not lose to that best one by more than one standard error of the
paired difference, the most shrunk: the largest beta, then the largest k (the alpha rule's principle since stop 31).
Leave-one-out on a bundle's remembered prompts (prior: g, or the prompt's own benchmark label's mean without itself);
each rule chooses on a random half and is scored on the other (10 halvings), paired against the argmax.

    python3 docs/results/proto-s36/onese.py out/run/router.frb [data-folder-with-routing.jsonl]
"""
import numpy as np, sys, os
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "proto-s35"))
from kern import load, topk, label_prior

def main(path, data=None, halvings=10):
    rule, X, S = load(path); n, m = S.shape; K = min(500, n - 1)
    g = np.nanmean(S, 0)
    P = label_prior(path, data, S, g) if data else np.broadcast_to(g, S.shape)
    idx, _ = topk(X, K)
    known = ~np.isnan(S); Sz = np.where(known, S, 0.0); rows = np.arange(n)
    settings, Q = [], []
    for k in [10, 20, 50, 100, 200, 500]:
        if k > K: continue
        num = Sz[idx[:, :k]].sum(1); den = known[idx[:, :k]].sum(1)
        for b in [1, 5, 20, 100, 500]:
            E = (num + b * P) / (den + b) + 1e-9 * g
            settings.append((k, b)); Q.append(S[rows, np.argmax(E, 1)])
    Q = np.array(Q)
    # the simplest first: larger beta, then larger k
    order = sorted(range(len(settings)), key=lambda i: (-settings[i][1], -settings[i][0]))
    rng = np.random.default_rng(0); arg, one, picks = [], [], []
    for r in range(halvings):
        perm = rng.permutation(n); A, B = perm[: n // 2], perm[n // 2:]
        qa = np.nanmean(Q[:, A], 1)
        best = max(order, key=lambda i: (qa[i], -order.index(i)))  # highest; ties to the simpler
        chosen = best
        for i in order:
            d = Q[i, A] - Q[best, A]; d = d[~np.isnan(d)]
            se = d.std(ddof=1) / np.sqrt(len(d)) if len(d) > 1 else 0
            if not (d.mean() < 0 and d.mean() + se < 0):
                chosen = i; break
        arg.append(np.nanmean(Q[best, B])); one.append(np.nanmean(Q[chosen, B])); picks.append((settings[best], settings[chosen]))
    d = 100 * (np.array(one) - np.array(arg))
    print(f"{path} n {n} prior {'labels' if data else 'g'}: argmax {100*np.mean(arg):.2f}, one-SE {100*np.mean(one):.2f}, "
          f"paired {d.mean():+.2f} ± {d.std(ddof=1)/np.sqrt(len(d)):.2f}; picks {picks[:3]}")

if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], a[1] if len(a) > 1 else None)
