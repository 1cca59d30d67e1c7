#!/usr/bin/env bash
# Benchmark: what the site font (`font:`, issue "Citizens read it on phones") costs a build. On
# one generated site of N pledges (6 charts each), built into an empty folder in /dev/shm,
# median of RUNS:
#   system fonts   no `font:` (the default)
#   font, cold     `font:` with Pretendard GOV Regular and Bold (the release's .otf files, 3.7 MB
#                  each); no kept subset: every page's characters collected, both weights cut
#                  and compressed
#   font, kept     the same, the subsets taken from the cache folder (a build whose pages use
#                  the same characters as the last one)
# It also prints the subsets' sizes. The font comes from npm (`pretendard-gov`, OFL), fetched
# once into WORK.
#
#   bash bench/font.sh                 # N = 1000
#   N=1000 RUNS=5 bash bench/font.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/pledgesite-bench-font}
BIN=$PWD/target/release/pledgesite
cargo build --release --quiet
mkdir -p "$WORK"
if [ ! -f "$WORK/font/package/dist/public/static/PretendardGOV-Regular.otf" ]; then
  mkdir -p "$WORK/font"
  (cd "$WORK/font" && npm pack --silent pretendard-gov@1.3.9 >/dev/null &&
    tar xzf pretendard-gov-1.3.9.tgz package/dist/public/static package/dist/LICENSE.txt)
fi
if [ ! -d "$WORK/corpus-$N/pledgesite" ]; then
  FLAVOURS=pledgesite python3 bench/gen_corpus.py "$N" "$WORK/corpus-$N" >/dev/null
fi
plain=$WORK/corpus-$N/pledgesite
fonted=$WORK/corpus-$N/pledgesite-font
if [ ! -d "$fonted" ]; then
  cp -r "$plain" "$fonted"
  mkdir -p "$fonted/fonts"
  cp "$WORK"/font/package/dist/public/static/PretendardGOV-{Regular,Bold}.otf "$WORK/font/package/dist/LICENSE.txt" "$fonted/fonts/"
  printf '\nfont:\n  regular: fonts/PretendardGOV-Regular.otf\n  bold: fonts/PretendardGOV-Bold.otf\n' >>"$fonted/site.yaml"
fi

# Seconds of one clean build of $1 into /dev/shm with the cache folder $2.
build() {
  local out=/dev/shm/pledgesite-bench-font-out
  rm -rf "$out"
  local start end
  start=$(date +%s.%N)
  PLEDGESITE_CACHE_DIR=$2 "$BIN" build --root "$1" --output-dir "$out" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Warm-up: charts and parsed YAML kept, as on a user's machine after the first build.
warm=$WORK/cache-warm
build "$plain" "$warm" >/dev/null
build "$fonted" "$warm" >/dev/null
declare -A times
for ((run = 0; run < RUNS; run++)); do
  times[system]+="$(build "$plain" "$warm") "
  # Cold subsets: the chart cache stays, the kept subsets go.
  rm -f "$warm"/font-*.bin
  times[cold]+="$(build "$fonted" "$warm") "
  times[kept]+="$(build "$fonted" "$warm") "
done
echo "N=$N pledges, median of $RUNS clean builds into /dev/shm (seconds):"
for kind in system cold kept; do
  printf '  %-8s %s\n' "$kind" "$(tr ' ' '\n' <<<"${times[$kind]}" | grep . | median)"
done
out=/dev/shm/pledgesite-bench-font-out
build "$fonted" "$warm" >/dev/null
echo "subsets: $(stat -c '%n %s' "$out"/fonts/*.woff2 | sed "s|$out/||" | tr '\n' ' ')"
echo "source:  $(stat -c '%s' "$fonted"/fonts/PretendardGOV-Regular.otf) bytes a weight"
rm -rf "$out"
