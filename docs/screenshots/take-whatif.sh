#!/usr/bin/env bash
# Retakes the what-if screenshots (workbench-whatif*.png): runs WhatIfScreenshotTour (app test sources) under Xvfb on
# a router trained with ℓ = 1 and grabs the screen with ImageMagick's `import` at each step, like take.sh.
# Needs: apt-get install -y xvfb imagemagick libgtk-3-0. Build first: mvn -q -B -pl app -am package -DskipTests.
# Arguments: [dataset folder (default: the sample; training its router takes minutes)] [cache folder]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots"
M="$(mktemp -d)"
DATA="${1:-$ROOT/sample-data/sample}"
CACHE="${2:-$M/cache}"
CP="$ROOT/app/target/classes:$ROOT/app/target/test-classes:$ROOT/app/target/lib/*"
export M OUT CP ROOT DATA CACHE
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
java -Dprism.order=sw -Dai.djl.offline=true -cp "$CP" dev.finerouter.app.WhatIfScreenshotTour "$M" "$DATA" "$CACHE" > "$M/tour.log" 2>&1 &
PID=$!
for name in whatif whatif-sweep whatif-variants whatif-retrain whatif-calibrate; do
  for i in $(seq 1 12000); do [ -f "$M/$name.ready" ] && break; kill -0 $PID 2>/dev/null || break; sleep 0.1; done
  [ -f "$M/$name.ready" ] || { echo "tour stopped before $name; see $M/tour.log" >&2; exit 1; }
  import -window root -crop 1280x800+0+0 "$OUT/workbench-$name.png"
  rm -f "$M/$name.ready"
done
wait $PID
'
ls -la "$OUT"/workbench-whatif*.png
