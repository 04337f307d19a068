#!/usr/bin/env bash
# Retakes the workbench screenshots in this folder: runs ScreenshotTour (app test sources) under Xvfb and grabs the
# screen with ImageMagick's `import` at each step. Needs: apt-get install -y xvfb imagemagick libgtk-3-0.
# The last shot (the dashboard) trains the sample's router first: about 10 minutes on 2 cores.
# Build first: mvn -q -B -pl app -am package -DskipTests (package compiles the test sources too).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots"
M="$(mktemp -d)"
CP="$ROOT/app/target/classes:$ROOT/app/target/test-classes:$ROOT/app/target/lib/*"
export M OUT CP ROOT
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
java -Dprism.order=sw -Dai.djl.offline=true -cp "$CP" dev.finerouter.app.ScreenshotTour "$M" "$ROOT/sample-data/sample" "$M/cache" > "$M/tour.log" 2>&1 &
PID=$!
for name in stats pipeline graph inspector whatif playground dashboard; do
  for i in $(seq 1 18000); do [ -f "$M/$name.ready" ] && break; kill -0 $PID 2>/dev/null || break; sleep 0.1; done
  [ -f "$M/$name.ready" ] || { echo "tour stopped before $name; see $M/tour.log" >&2; exit 1; }
  # the what-if shots come from take-whatif.sh (a router trained on the sample); here the what-if tab shows tiny data
  [ "$name" = whatif ] || import -window root "$OUT/workbench-$name.png"
  rm -f "$M/$name.ready"
done
wait $PID
'
ls -la "$OUT"/*.png
