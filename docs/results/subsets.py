#!/usr/bin/env python3
"""Cuts a small routing set from a shared one (stop 31: the subsets that compared the alpha procedures on dev).

Usage: subsets.py SRC DST KEEP_TASKS DROP_MODELS CAP  (comma lists, may be empty; CAP 0 = all). Seeded shuffle, the
source's own split dropped (evaluate with --resplit). Prompt texts stay under DST, outside the repository."""
import json, os, random, sys
src, dst, keep, drop, cap = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
keep = set(keep.split(",")) if keep else None
drop = set(drop.split(",")) if drop else set()
os.makedirs(dst, exist_ok=True)
rows = [json.loads(l) for l in open(src + "/routing.jsonl")]
rows = [r for r in rows if keep is None or r.get("task") in keep]
random.Random(7).shuffle(rows)
if cap: rows = rows[:cap]
with open(dst + "/routing.jsonl", "w") as f:
    for r in rows:
        r["scores"] = {m: v for m, v in r["scores"].items() if m not in drop}
        r.pop("split", None)
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
models = json.load(open(src + "/models.json"))
json.dump([m for m in models if m["name"] not in drop], open(dst + "/models.json", "w"), indent=1)
print(dst, len(rows))
