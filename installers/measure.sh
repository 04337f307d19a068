#!/usr/bin/env bash
# Measures the app image (mvn -B -ntp -Ppackage -pl installers -am verify first): sizes, `--version` and `doctor`
# cold (a fresh copy of the image, an empty HOME and DJL cache) and warm (median of 5 repeats).
# The page cache is not dropped (shared machine), so "cold" means first start of a fresh install, not cold disk.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/installers/target/dist"
T="$(mktemp -d)"
cp -a "$DIST/finerouter" "$T/finerouter"
mkdir -p "$T/home"
export HOME="$T/home" DJL_CACHE_DIR="$T/home/.djl.ai"
unset FINEROUTER_SAMPLE
cd "$T"
secs() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "$DIST/finerouter" "$DIST/finerouter/lib/runtime" "$DIST/finerouter/lib/app" "$DIST"/*.deb; do
  [ -e "$f" ] && du -sh "$f"
done
echo "baseline, system 'java -version' warm: $(for i in 1 2 3 4 5; do secs java -version; done | median) s"
echo "--version cold: $(secs "$T/finerouter/bin/finerouter" --version) s"
echo "--version warm: $(for i in 1 2 3 4 5; do secs "$T/finerouter/bin/finerouter" --version; done | median) s (median of 5)"
echo "doctor cold (unpacks PyTorch natives): $(secs "$T/finerouter/bin/finerouter" doctor) s"
echo "doctor warm: $(for i in 1 2 3; do secs "$T/finerouter/bin/finerouter" doctor; done | median) s (median of 3)"
du -sh "$DJL_CACHE_DIR"
rm -rf "$T"
