"""Simulation behind the prediction-powered label means of `onboard accept` (stop 33, docs/results/onboarding/README.md).

Training split only (never dev or test), 5 folds: for every model M and fold, the label prior (a softmax classifier of
the data's task label on the MiniLM embedding; label means shrunk toward g with kappa 5) is fitted on the other folds
with every model (B_full) or with M's label means estimated from ten scored prompts per k-means cluster (30 clusters,
the plan's stand-in) and a ridge regression of M's score on the other models' scores plus cluster offsets; the held-out
fold is routed by the prior alone (argmax over models of sum_l P(l|x) mu_l) and scored with its true scores. Printed:
each estimator's gain over the router without M, beside B_full's. E1 = the filled-in column averaged (stop 32),
E5 = prediction-powered (predictions everywhere + shrunk leave-one-out residuals of the scored prompts; what stop 33 ships).

    ./finerouter data split --data ../shared/data/routerdc-7model --seed 42 --out /tmp/split/routerdc-7model
    python3 docs/results/onboarding/ppi_sim.py /tmp/split/routerdc-7model .finerouter-cache/embeddings/<encoder folder>

(the embedding cache is filled by any `finerouter train`/`eval` run on the same data; needs numpy and scipy)
"""
import argparse
import json, hashlib, struct, numpy as np, os
CACHE = None
_idx = None
def index():
    global _idx
    if _idx is None:
        b = open(CACHE + "/index.bin", "rb").read()
        idlen = struct.unpack(">i", b[16:20])[0]
        dim = struct.unpack(">i", b[12:16])[0]
        off = 20 + idlen + 4
        n = (len(b) - off) // 40
        rows = {}
        for r in range(n):
            rows[b[off + r*40: off + r*40 + 32]] = r
        vec = np.memmap(CACHE + "/vectors.f32", dtype="<f4", mode="r").reshape(-1, dim)
        _idx = (rows, vec)
    return _idx
def load(d):
    models = [m["name"] for m in json.load(open(d + "/models.json"))]
    rows, vec = index()
    X, S, split, task, C = [], [], [], [], []
    prices = {m["name"]: m for m in json.load(open(d + "/models.json"))}
    for line in open(d + "/routing.jsonl"):
        o = json.loads(line)
        h = hashlib.sha256(o["prompt"].encode("utf-8")).digest()
        X.append(np.array(vec[rows[h]]))
        S.append([o["scores"].get(m, np.nan) if o["scores"].get(m) is not None else np.nan for m in models])
        split.append(o["split"]); task.append(o.get("task"))
    X = np.array(X, dtype=np.float32); S = np.array(S, dtype=np.float64)
    return models, X, S, np.array(split), np.array(task)

K = 500
def prep(d, part="train"):
    models, X, S, sp, task = load(d)
    X = X / np.linalg.norm(X, axis=1, keepdims=True)
    rows = np.where(sp == part)[0]
    return models, X[rows].astype(np.float32), S[rows], task[rows]
def folds(n, f=5, seed=0):
    r = np.random.default_rng(seed).permutation(n); out = np.zeros(n, int)
    out[r] = np.arange(n) % f; return out
def knn_idx(Xq, Xm, k):
    I = np.zeros((len(Xq), k), int); Ssim = np.zeros((len(Xq), k), np.float32)
    for a in range(0, len(Xq), 2000):
        sims = Xq[a:a+2000] @ Xm.T
        idx = np.argpartition(-sims, k, axis=1)[:, :k]
        ss = np.take_along_axis(sims, idx, 1); o = np.argsort(-ss, axis=1, kind="stable")
        I[a:a+2000] = np.take_along_axis(idx, o, 1); Ssim[a:a+2000] = np.take_along_axis(ss, o, 1)
    return I, Ssim
def local(Sm, I, k, beta, prior):
    s = Sm[I[:, :k]]
    num = np.nansum(np.nan_to_num(s), 1) + beta * prior
    den = (~np.isnan(s)).sum(1) + beta
    return num / den
def ridge(Xm, Sm, Xq, lam):
    d = Xm.shape[1]; out = np.zeros((len(Xq), Sm.shape[1]))
    for j in range(Sm.shape[1]):
        ok = ~np.isnan(Sm[:, j]); A = Xm[ok].astype(np.float64); y = Sm[ok, j]
        mu = y.mean(); xm = A.mean(0); Ac = A - xm
        w = np.linalg.solve(Ac.T @ Ac + lam * np.eye(d), Ac.T @ (y - mu))
        out[:, j] = mu + (Xq - xm) @ w
    return out
def qual(S, est, g):
    e = np.where(np.isnan(S), -np.inf, est + 1e-9 * g)
    c = np.argmax(e, axis=1); return S[np.arange(len(c)), c]
def softmax_fit(Xm, y, C, lam=1e-3, iters=300):
    from scipy.optimize import minimize
    n, d = Xm.shape; Xa = np.hstack([Xm, np.ones((n, 1))]).astype(np.float64); Y = np.eye(C)[y]
    def fg(w):
        W = w.reshape(d + 1, C); Z = Xa @ W; Z -= Z.max(1, keepdims=True); P = np.exp(Z); P /= P.sum(1, keepdims=True)
        loss = -np.sum(Y * np.log(P + 1e-12)) / n + lam * np.sum(W[:-1] ** 2)
        G = Xa.T @ (P - Y) / n; G[:-1] += 2 * lam * W[:-1]
        return loss, G.ravel()
    w = minimize(fg, np.zeros((d + 1) * C), jac=True, method="L-BFGS-B", options={"maxiter": iters}).x
    return w.reshape(d + 1, C)
def softmax_predict(W, Xq):
    Z = np.hstack([Xq, np.ones((len(Xq), 1))]) @ W; Z -= Z.max(1, keepdims=True); P = np.exp(Z); return P / P.sum(1, keepdims=True)
def kmeans(Xm, K, seed=0, iters=30):
    rng = np.random.default_rng(seed); C = Xm[rng.choice(len(Xm), K, replace=False)].copy()
    for _ in range(iters):
        a = np.argmax(Xm @ C.T, 1)
        for c in range(K):
            if (a == c).any(): v = Xm[a == c].mean(0); C[c] = v / np.linalg.norm(v)
    return C

args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
args.add_argument("split_dir"); args.add_argument("cache")
args.add_argument("--pessimistic", action="store_true",
                  help="stop 35: also E7, E5 at kappa 10 minus one standard error of its residual correction "
                       "(sqrt(sum w_i^2 r_i^2) / (sum w_i + kappa), w_i = P(l|x_i) of the scored prompts), "
                       "the lower bound every other onboarding estimate takes")
args.add_argument("--gated", action="store_true",
                  help="stop 36: also E8, E5 at kappa 10 except on a label where it would lead the best existing model: "
                       "there it leads only when E7 (its lower bound) does, else it is capped just below that model")
args.add_argument("--label-features", action="store_true",
                  help="stop 34: also E6, the regression given the label probabilities P(l|x) as features (scaled 0.3, 1, 3), "
                       "and E5 at kappa 10 (the rule's)")
a = args.parse_args(); CACHE = a.cache; name = os.path.basename(a.split_dir.rstrip("/"))
models, X, S, task = prep(a.split_dir)
labs = sorted(set(task)); L = np.array([labs.index(t) for t in task]); nl = len(labs)
n = len(X); F = folds(n); m_all = S.shape[1]
def wmean(col, P, kappa, g):
    ok = ~np.isnan(col); c = np.nan_to_num(col)
    return (P[ok].T @ c[ok] + kappa * g) / (P[ok].sum(0) + kappa)
res = {}
for M in range(m_all):
    others = [j for j in range(m_all) if j != M]
    for f in range(5):
        q = F == f; tr = ~q
        Str, Xtr = S[tr], X[tr]
        W = softmax_fit(Xtr, L[tr], nl, 1e-5, 300); Ptr = softmax_predict(W, Xtr); Pq = softmax_predict(W, X[q])
        g = np.nanmean(Str, 0)
        mu = np.stack([wmean(Str[:, j], Ptr, 5, g[j]) for j in range(m_all)], 1)  # nl x m (B_full)
        rng = np.random.default_rng(f * 100 + M)
        C30 = kmeans(Xtr, 30, seed=f); cl = np.argmax(Xtr @ C30.T, 1)
        sc = np.concatenate([rng.choice(np.where(cl == c)[0], min(10, (cl == c).sum()), replace=False) for c in range(30)])
        NS = len(sc)
        col = np.full(len(Xtr), np.nan); col[sc] = Str[sc, M]
        gnew = (np.nansum(col) + 5 * g[others].mean()) / (NS + 5)
        # regression imputation: ridge on other models' scores + label one-hot offsets
        Z = np.hstack([np.ones((len(Xtr), 1)), np.nan_to_num(Str[:, others], nan=0.5), np.eye(30)[cl]])
        A = Z[sc]; y = Str[sc, M]; lam = 3.0
        pen = np.eye(Z.shape[1]) * lam; pen[0, 0] = 0
        th = np.linalg.solve(A.T @ A + pen, A.T @ y)
        imp = np.clip(Z @ th, 0, 1); filled = imp.copy(); filled[sc] = y
        H = A @ np.linalg.solve(A.T @ A + pen, A.T); h = np.diag(H); loo = y - (y - A @ th) / (1 - h) * 1.0
        loo_res = (y - A @ th) / (1 - h)
        def route(mucol):
            mm = mu.copy(); mm[:, M] = mucol
            e = Pq @ mm; return qual(S[q], e, g)
        def route_without():
            e = Pq @ mu[:, others]; c = np.argmax(e + 1e-9 * g[others], 1)
            return S[q][np.arange(q.sum()), np.array(others)[c]]
        Psc = Ptr[sc]
        est = {
            "B-M": None, "B_full": mu[:, M],
            "E1 filled": wmean(filled, Ptr, 5, gnew),
            "E2 scored only k5": wmean(col, Ptr, 5, gnew),
            "E2 scored only k20": wmean(col, Ptr, 20, gnew),
        }
        inc = np.argmax(mu[:, others], 1)
        for kap in (5, 20):
            d = np.zeros(nl)
            for l in range(nl):
                j = others[inc[l]]; ok = ~np.isnan(Str[sc, j])
                d[l] = (Psc[ok, l] @ (y[ok] - Str[sc, j][ok])) / (Psc[ok, l].sum() + kap)
            est[f"E3 paired k{kap}"] = mu[np.arange(nl), np.array(others)[inc]] + d
        # E4: imputed-based mean plus the scored residuals shrunk with kappa (information = scored count)
        if a.label_features:
            for lf in (0.3, 1.0, 3.0):
                Z2 = np.hstack([Z, lf * Ptr]); A2 = Z2[sc]
                pen2 = np.eye(Z2.shape[1]) * lam; pen2[0, 0] = 0
                th2 = np.linalg.solve(A2.T @ A2 + pen2, A2.T @ y)
                imp2 = np.clip(Z2 @ th2, 0, 1)
                h2 = np.diag(A2 @ np.linalg.solve(A2.T @ A2 + pen2, A2.T))
                est[f"E6 lab{lf} k10"] = wmean(imp2, Ptr, 0, gnew) + (Psc.T @ ((y - A2 @ th2) / (1 - h2))) / (Psc.sum(0) + 10)
            base = wmean(imp, Ptr, 0, gnew)
            est["E5 looresid k10"] = base + (Psc.T @ loo_res) / (Psc.sum(0) + 10)
        if a.pessimistic or a.gated:
            base = wmean(imp, Ptr, 0, gnew); den = Psc.sum(0) + 10
            est["E5 looresid k10"] = base + (Psc.T @ loo_res) / den
            est["E7 lower k10"] = est["E5 looresid k10"] - np.sqrt((Psc ** 2).T @ (loo_res ** 2)) / den
            if a.gated:
                lead = mu[:, others].max(1)
                e5, e7 = est["E5 looresid k10"], est["E7 lower k10"]
                est["E8 gated k10"] = np.where((e5 > lead) & (e7 <= lead), lead - 1e-6, e5)
        for kap in (5, 20):
            base = wmean(imp, Ptr, 0, gnew); r = y - imp[sc]
            est[f"E4 resid k{kap}"] = base + (Psc.T @ r) / (Psc.sum(0) + kap)
            est[f"E5 looresid k{kap}"] = base + (Psc.T @ loo_res) / (Psc.sum(0) + kap)
        for k_, v in est.items():
            out = route_without() if v is None else route(v)
            res.setdefault((M, k_), np.zeros(n))[q] = out
names = ["B-M", "B_full", "E1 filled", "E2 scored only k5", "E3 paired k5", "E4 resid k5", "E4 resid k20", "E5 looresid k5", "E5 looresid k20"]
if a.label_features:
    names = ["B-M", "B_full", "E5 looresid k5", "E5 looresid k10", "E5 looresid k20", "E6 lab0.3 k10", "E6 lab1.0 k10", "E6 lab3.0 k10"]
if a.pessimistic:
    names = ["B-M", "B_full", "E5 looresid k10", "E7 lower k10"]
if a.gated:
    names = ["B-M", "B_full", "E5 looresid k10", "E7 lower k10", "E8 gated k10"]
print(name, "prompts", n, "scored", NS)
tot = {k: [] for k in names}
for M in range(m_all):
    b = res[(M, "B-M")].mean(); full = res[(M, "B_full")].mean() - b
    row = [f"{models[M][:18]:18s} full {100*full:+.2f}"]
    for k_ in names[2:]:
        gain = res[(M, k_)].mean() - b; row.append(f"{k_.replace(' ', '') if a.label_features or a.pessimistic or a.gated else k_.split()[0] + k_.split()[-1]} {100*gain:+.2f}"); tot[k_].append(gain)
    tot["B_full"].append(full)
    print("  ".join(row))
print("avg full %+.3f" % (100*np.mean(tot["B_full"])), "  ".join(f"{k}: {100*np.mean(tot[k]):+.3f}" for k in names[2:]))
