#!/usr/bin/env bash
# Scale: one very large site with every chart (default 100,000 pledges), built once by
# pledgesite alone: Hugo and Zola need ~340 KB of RAM per page, so 24 GiB cannot hold them.
# Prints wall time, CPU and peak RSS of `check` (in memory) and of a clean `build`.
#
#   bash bench/scale.sh            # N = 100000
#   N=20000 bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
WORK=${WORK:-/tmp/pledgesite-scale}
site="$WORK/corpus-$N/pledgesite"

[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
PLEDGESITE=$PWD/target/release/pledgesite
[ -d "$site/content" ] || FLAVOURS=pledgesite python3 bench/gen_corpus.py "$N" "$WORK/corpus-$N" >/dev/null
rm -rf "$site/themes" && cp -r themes "$site/themes"
rm -rf "$site/public"

report() { # label command...
  local label=$1 out; shift
  out=$(mktemp)
  (cd "$site" && /usr/bin/time -o "$out" -f "%e %U %S %M" "$@" >/dev/null)
  awk -v l="$label" -v n="$N" '{ printf "%-6s %7d pledges  wall %7.1f s  cpu %7.1f s  peak RSS %6.0f MB (%.1f KB per pledge)\n", l, n, $1, $2 + $3, $4 / 1024, $4 / n }' "$out"
  rm -f "$out"
}

printf '%s, %s cores, %s GiB RAM\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$(free -g | awk '/Mem:/ {print $2}')"
report check "$PLEDGESITE" check
report build "$PLEDGESITE" build
printf 'output: %s files, %s\n' "$(find "$site/public" -type f | wc -l)" "$(du -sh "$site/public" | cut -f1)"
