#!/usr/bin/env bash
# Retakes workbench-onboard.png: runs OnboardScreenshotTour (app test sources) under Xvfb and grabs the screen with
# ImageMagick's `import`, like take.sh. The inputs are those of docs/results/onboarding (lomo.py's work folder): the
# llmrouter-9model router trained without llama-3.3-nemotron-super-49b-v1 and that model's scored plan.
# Needs: apt-get install -y xvfb imagemagick libgtk-3-0. Build first: mvn -q -B -pl app -am package -DskipTests.
# Arguments: bundle scored-plan model input-cost-per-1k output-cost-per-1k [cache folder]; SHOT=name.png names the
# picture (default workbench-onboard.png). workbench-onboard-guarded.png: the router trained without
# llama-3.1-nemotron-51b-instruct (two guarded tasks) and that model's scored plan.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots"
M="$(mktemp -d)"
BUNDLE="$1"
SCORED="$2"
MODEL="$3"
IN="$4"
OUTC="$5"
CACHE="${6:-$M/cache}"
SHOT="${SHOT:-workbench-onboard.png}"
CP="$ROOT/app/target/classes:$ROOT/app/target/test-classes:$ROOT/app/target/lib/*"
export M OUT CP BUNDLE SCORED MODEL IN OUTC CACHE SHOT
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
java -Dprism.order=sw -Dai.djl.offline=true -cp "$CP" dev.finerouter.app.OnboardScreenshotTour "$M" "$BUNDLE" "$SCORED" "$MODEL" "$IN" "$OUTC" "$CACHE" \
    > "$M/tour.log" 2>&1 &
PID=$!
for i in $(seq 1 6000); do [ -f "$M/onboard.ready" ] && break; kill -0 $PID 2>/dev/null || break; sleep 0.1; done
[ -f "$M/onboard.ready" ] || { echo "tour stopped before the shot; see $M/tour.log" >&2; exit 1; }
import -window root -crop 1280x800+0+0 "$OUT/$SHOT"
rm -f "$M/onboard.ready"
wait $PID
'
ls -la "$OUT/$SHOT"
