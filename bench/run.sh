#!/usr/bin/env bash
# Benchmark: pledgesite against Hugo (and Zola when ZOLA=/path/to/zola is given) on the same
# generated corpus. Clean builds and no-op rebuilds, interleaved, median of RUNS after a
# warm-up, wall and CPU time and peak RSS from /usr/bin/time, plus the I/O floors.
#
#   bash bench/run.sh                 # N = 1000 and 10000
#   SIZES="1000" RUNS=3 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1000 10000"}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/pledgesite-bench}
mkdir -p "$WORK"

command -v hugo >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo time >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
PLEDGESITE=$PWD/target/release/pledgesite

# prints "wall cpu rss_kb" for one run of the command
measure() {
  local out
  out=$(mktemp)
  /usr/bin/time -o "$out" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
  tail -1 "$out" | awk '{printf "%.3f %.3f %d\n", $1, $2 + $3, $4}'
  rm -f "$out"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -A RESULTS
run_tool() { # name size kind dir command...
  local name=$1 size=$2 kind=$3 dir=$4; shift 4
  local walls=() cpus=() rsss=()
  for _ in $(seq "$RUNS"); do
    if [ "$kind" = clean ]; then rm -rf "$dir/public"; fi
    read -r wall cpu rss < <(cd "$dir" && measure "$@")
    walls+=("$wall"); cpus+=("$cpu"); rsss+=("$rss")
  done
  RESULTS["$name|$size|$kind"]="$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $(printf '%s\n' "${rsss[@]}" | sort -n | tail -1)"
}

for N in $SIZES; do
  corpus="$WORK/corpus-$N"
  [ -d "$corpus/hugo" ] || python3 bench/gen_corpus.py "$N" "$corpus" >/dev/null
  # The corpus keeps its own copy of the theme: refresh it so it matches this pledgesite.
  for flavour in pledgesite pledgesite-md; do rm -rf "$corpus/$flavour/themes"; cp -r themes "$corpus/$flavour/themes"; done
  tools=("pledgesite-md|$corpus/pledgesite-md|$PLEDGESITE build" "pledgesite-charts|$corpus/pledgesite|$PLEDGESITE build" "hugo|$corpus/hugo|hugo --quiet")
  if [ -n "${ZOLA:-}" ]; then tools+=("zola|$corpus/zola|$ZOLA build"); fi
  # warm-up: page cache and first outputs; a failing build would make its timings meaningless
  for t in "${tools[@]}"; do
    IFS='|' read -r name dir cmd <<<"$t"
    (cd "$dir" && $cmd >/dev/null 2>&1) || { echo "warm-up build of $name failed in $dir" >&2; exit 1; }
  done
  for kind in clean noop; do
    # interleaved: one run of each tool per round
    for t in "${tools[@]}"; do IFS='|' read -r name dir cmd <<<"$t"; run_tool "$name" "$N" "$kind" "$dir" $cmd; done
  done
  # floors: reading every input file, and writing the same files again
  read -r wall cpu rss < <(measure sh -c "find '$corpus/pledgesite-md/content' -type f -exec cat {} + >/dev/null")
  RESULTS["read-floor|$N|clean"]="$wall $cpu $rss"
  rm -rf "$WORK/copy"; read -r wall cpu rss < <(measure cp -r "$corpus/pledgesite-md/public" "$WORK/copy")
  RESULTS["write-floor|$N|clean"]="$wall $cpu $rss"
done

printf '\n%s, %s cores, %s\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$(hugo version | cut -d' ' -f1-2)"
printf '%-18s %6s %-6s %8s %8s %10s %12s\n' tool N build wall_s cpu_s rss_MB "hugo/this"
for N in $SIZES; do
  for kind in clean noop; do
    hugo_wall=$(cut -d' ' -f1 <<<"${RESULTS["hugo|$N|$kind"]}")
    for name in pledgesite-md pledgesite-charts hugo zola read-floor write-floor; do
      r=${RESULTS["$name|$N|$kind"]:-}; [ -n "$r" ] || continue
      read -r wall cpu rss <<<"$r"
      awk -v n="$name" -v N="$N" -v k="$kind" -v w="$wall" -v c="$cpu" -v r="$rss" -v h="$hugo_wall" \
        'BEGIN { printf "%-18s %6s %-6s %8.3f %8.3f %10.1f %11.2fx\n", n, N, k, w, c, r / 1024, (w > 0 ? h / w : 0) }'
    done
  done
done
