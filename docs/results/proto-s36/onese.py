"""Stop 36 (issue 15), training split only: the one-standard-error rule for the robust rule's (k, beta) search.
Today the search takes the (k, beta) with the highest out-of-sample Qual (ties: larger beta, then larger k). The
variant takes, among the settings whose routings do not lose to that best one by more than one standard error of the
paired difference, the most shrunk: the largest beta, then the largest k (the alpha rule's principle since stop 31).
Leave-one-out on a bundle's remembered prompts (prior: g, or the prompt's own benchmark label's mean without itself);
each rule chooses on a random half and is scored on the other (10 halvings), paired against the argmax.

    python3 docs/results/proto-s36/onese.py out/run/router.frb [data-folder-with-routing.jsonl]
"""
import numpy as np, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from margin import estimates

def main(path, data=None, halvings=10):
    S, g, P, grid = estimates(path, data); n = len(S); rows = np.arange(n)
    settings, Q = [], []
    for k, b, E in grid:
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
