#!/usr/bin/env bash
# Retakes the Drift tab screenshots (workbench-drift*.png): runs DriftScreenshotTour (app test sources) under Xvfb and
# grabs the screen with ImageMagick's `import` at each step, like take.sh. The inputs are those of
# docs/results/drift-replay.md (sample, translation held out): proposals.json from discover --incremental, the bundle it
# was made against, the decision log served with it. The tour accepts four proposals, writes the new bundle into a temp
# folder and replays the log with it.
# Needs: apt-get install -y xvfb imagemagick libgtk-3-0. Build first: mvn -q -B -pl app -am package -DskipTests.
# Arguments: proposals.json bundle decision-log [dataset (default: the sample)] [cache folder]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots"
M="$(mktemp -d)"
PROPOSALS="$1"
BUNDLE="$2"
LOG="$3"
DATA="${4:-$ROOT/sample-data/sample}"
CACHE="${5:-$M/cache}"
CP="$ROOT/app/target/classes:$ROOT/app/target/test-classes:$ROOT/app/target/lib/*"
export M OUT CP PROPOSALS BUNDLE LOG DATA CACHE
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
java -Dprism.order=sw -Dai.djl.offline=true -cp "$CP" dev.finerouter.app.DriftScreenshotTour "$M" "$PROPOSALS" "$BUNDLE" "$LOG" "$DATA" "$CACHE" \
    > "$M/tour.log" 2>&1 &
PID=$!
for name in drift drift-replay; do
  for i in $(seq 1 12000); do [ -f "$M/$name.ready" ] && break; kill -0 $PID 2>/dev/null || break; sleep 0.1; done
  [ -f "$M/$name.ready" ] || { echo "tour stopped before $name; see $M/tour.log" >&2; exit 1; }
  import -window root -crop 1280x800+0+0 "$OUT/workbench-$name.png"
  rm -f "$M/$name.ready"
done
wait $PID
'
ls -la "$OUT"/workbench-drift*.png
