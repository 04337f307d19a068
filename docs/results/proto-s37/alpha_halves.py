#!/usr/bin/env python3
"""Stop 37: is α better chosen on dev + left-out training prompts (Stage 2 cross-fitted) than on dev alone?

Reads the dumps the tuner writes with FINEROUTER_ALPHA_DUMP (alpha-dump.patch): for every α of the grid, the true
score of the model it routes each search prompt to (dev prompts first, then the left-out training prompts, these
with Stage 2's cross-fitted predictions). Out of half: the search prompts are split at random into halves A and B
(10 seeded halvings); α is chosen on A by the one-standard-error rule twice — on A's dev prompts only (the rule until
stop 36) and on all of A (the new rule) — and both choices are scored on all of B. Prints the paired difference
new − old per dump (mean over halvings, and the halvings' spread), and what each rule picks on the whole set.

usage: alpha_halves.py DUMP.json...
"""
import json
import math
import random
import sys


def qual(out, rows):
    v = [out[i] for i in rows if out[i] is not None]
    return sum(v) / len(v) if v else float('-inf')


def lost(a, b, rows):
    d = [a[i] - b[i] for i in rows if a[i] is not None and b[i] is not None]
    n = len(d)
    if n == 0:
        return False
    mean = sum(d) / n
    var = max(0.0, (sum(x * x for x in d) - n * mean * mean) / (n - 1)) if n > 1 else 0.0
    return mean < 0 and mean + math.sqrt(var / n) < 0


def one_se(outcomes, rows):
    best, best_q = 0, float('-inf')
    for t, o in enumerate(outcomes):
        q = qual(o, rows)
        if q > best_q + 1e-12:
            best, best_q = t, q
    for t in range(best):
        if not lost(outcomes[t], outcomes[best], rows):
            return t
    return best


def main(paths):
    total = []
    for path in paths:
        d = json.load(open(path))
        outs, n_dev, alphas = d['outcomes'], d['nDev'], d['alphas']
        n = len(outs[0])
        every = range(n)
        whole_old = alphas[one_se(outs, range(n_dev))]
        whole_new = alphas[one_se(outs, every)]
        diffs = []
        for h in range(10):
            rnd = random.Random(1000 + h)
            a = set(rnd.sample(range(n), n // 2))
            b = [i for i in every if i not in a]
            old = one_se(outs, [i for i in sorted(a) if i < n_dev])
            new = one_se(outs, sorted(a))
            diffs.append(100 * (qual(outs[new], b) - qual(outs[old], b)))
        mean = sum(diffs) / len(diffs)
        sd = math.sqrt(sum((x - mean) ** 2 for x in diffs) / (len(diffs) - 1))
        total.append(mean)
        quals = ' '.join('%.2f' % (100 * qual(o, every)) for o in outs)
        print('%-28s dev %5d  left out %5d  α old %.2f new %.2f  new − old out of half %+.2f (sd %.2f)  Qual by α: %s'
              % (path.split('/')[-1], n_dev, n - n_dev, whole_old, whole_new, mean, sd, quals))
    print('mean over %d dumps: %+.3f' % (len(total), sum(total) / len(total)))


if __name__ == '__main__':
    main(sys.argv[1:])
