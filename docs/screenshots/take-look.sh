#!/usr/bin/env bash
# Retakes the issue-18 screenshots (theme, dark mode, open bundle, playground warnings) at 1280 × 800: runs
# LookScreenshotTour (app test sources) on an X server; the tour grabs the screen itself with AWT's robot, so only
# Xvfb and GTK 3 are needed: apt-get install -y xvfb libgtk-3-0.
# Build first: mvn -q -B -pl app -am package -DskipTests. Pass "quick" to skip Stage 1 on the sample (stats,
# pipeline, graph and inspector shots).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots"
CACHE="${CACHE:-$(mktemp -d)/cache}"
CP="$ROOT/app/target/classes:$ROOT/app/target/test-classes:$ROOT/app/target/lib/*"
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :99 -screen 0 1280x800x24 -nolisten tcp & XPID=$!
  trap 'kill $XPID' EXIT
  export DISPLAY=:99
  sleep 1
fi
java -Dprism.order=sw -Dai.djl.offline=true -cp "$CP" dev.finerouter.app.LookScreenshotTour "$OUT" "$ROOT/sample-data/sample" "$CACHE" "${1:-}"
