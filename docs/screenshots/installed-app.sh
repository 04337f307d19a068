#!/usr/bin/env bash
# Opens the workbench from the jpackage app image under Xvfb, as an installed user would (no FINEROUTER_SAMPLE, run
# from an empty folder, so the sample must come from the image), prints the seconds until the window is mapped and
# grabs docs/screenshots/installed-app.png. Build the image first: mvn -B -ntp -Ppackage -pl installers -am verify.
# Needs: apt-get install -y xvfb imagemagick x11-utils libgtk-3-0 libgl1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMAGE="${1:-$ROOT/installers/target/dist/finerouter}"
OUT="${SHOT:-$ROOT/docs/screenshots/installed-app.png}"
WORK="$(mktemp -d)"
export IMAGE OUT WORK
cd "$WORK"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
unset FINEROUTER_SAMPLE
start=$(date +%s.%N)
"$IMAGE/bin/finerouter" > "$WORK/app.log" 2>&1 &
PID=$!
for i in $(seq 1 600); do
  xwininfo -root -tree 2>/dev/null | grep -q "\"FineRouter" && break
  kill -0 $PID 2>/dev/null || { echo "the app exited; see $WORK/app.log" >&2; cat "$WORK/app.log" >&2; exit 1; }
  sleep 0.05
done
mapped=$(date +%s.%N)
echo "window mapped after $(echo "$mapped - $start" | bc) s"
sleep "${SETTLE:-6}"   # let the sample load and the charts draw
import -window root "$OUT"
kill $PID
wait $PID 2>/dev/null || true
'
echo "screenshot: $OUT (app log: $WORK/app.log)"
