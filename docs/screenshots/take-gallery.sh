#!/usr/bin/env bash
# Retakes the screenshot gallery (issue 18): every tab at 1280 × 800 and 1600 × 1000, light and dark, on the bundled
# sample and, when ../shared/data holds it, on llmrouter-9model (prompt-text tabs skipped there: its prompts come from
# benchmarks whose authors ask that they not be reposted). Runs GalleryScreenshotTour (app test sources) on an X
# server; the tour grabs its own window with AWT's robot, so only Xvfb and GTK 3 are needed:
# apt-get install -y xvfb libgtk-3-0. Build first: mvn -q -B -pl app -am package -DskipTests (and test-compile).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/docs/screenshots/gallery"
CACHE="${CACHE:-$(mktemp -d)/cache}"
# a copy of the build, so a rebuild while the tours run (they take minutes) cannot swap classes under them
SNAP="$(mktemp -d)"
cp -r "$ROOT/app/target/classes" "$ROOT/app/target/test-classes" "$ROOT/app/target/lib" "$SNAP/"
CP="$SNAP/classes:$SNAP/test-classes:$SNAP/lib/*"
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :98 -screen 0 1600x1000x24 -nolisten tcp & XPID=$!
  trap 'kill $XPID' EXIT
  export DISPLAY=:98
  sleep 1
fi
tour() { java -Xmx3g -Dprism.order=sw -Dai.djl.offline=true -cp "$CP" dev.finerouter.app.GalleryScreenshotTour "$OUT" "$@"; }
tour "$ROOT/sample-data/sample" "$CACHE" sample public
LLM="$ROOT/../shared/data/llmrouter-9model"
if [ -d "$LLM" ]; then
  tour "$LLM" "$CACHE" llmrouter private
fi
# 256-colour palette PNGs: a third of the size, no visible change on UI screenshots (skipped without pngquant)
if command -v pngquant > /dev/null; then
  pngquant --force --skip-if-larger --ext .png --quality 80-100 "$OUT"/*.png || true
fi
