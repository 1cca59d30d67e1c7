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

declare -A RESULTS WALLS CPUS RSSS
# Tmpfs output: creating files on this ext4 right after tens of thousands were deleted is
# several times slower than on a fresh disk (the kernel's recently_deleted inode scan), which
# would measure the disk more than the tools; the clean build is also timed into /dev/shm.
TMP_OUT=${TMP_OUT:-/dev/shm/pledgesite-bench-out}
one_run() { # name size kind dir outflag command...
  local name=$1 size=$2 kind=$3 dir=$4 outflag=$5; shift 5
  local extra=()
  case $kind in
    clean) rm -rf "$dir/public" ;;
    tmpfs) rm -rf "$TMP_OUT"; mkdir -p "$TMP_OUT"; extra=("$outflag" "$TMP_OUT/$name") ;;
  esac
  read -r wall cpu rss < <(cd "$dir" && measure "$@" "${extra[@]}")
  local key="$name|$size|$kind"
  WALLS[$key]+="$wall "; CPUS[$key]+="$cpu "; RSSS[$key]+="$rss "
}
summarise() { # key
  local key=$1
  RESULTS[$key]="$(tr ' ' '\n' <<<"${WALLS[$key]}" | grep . | median) $(tr ' ' '\n' <<<"${CPUS[$key]}" | grep . | median) $(tr ' ' '\n' <<<"${RSSS[$key]}" | grep . | sort -n | tail -1)"
}

for N in $SIZES; do
  corpus="$WORK/corpus-$N"
  [ -d "$corpus/hugo" ] || python3 bench/gen_corpus.py "$N" "$corpus" >/dev/null
  # The corpus keeps its own copy of the theme: refresh it so it matches this pledgesite.
  for flavour in pledgesite pledgesite-md; do rm -rf "$corpus/$flavour/themes"; cp -r themes "$corpus/$flavour/themes"; done
  tools=("pledgesite-md|$corpus/pledgesite-md|--output-dir|$PLEDGESITE build" "pledgesite-charts|$corpus/pledgesite|--output-dir|$PLEDGESITE build" "hugo|$corpus/hugo|-d|hugo --quiet")
  if [ -n "${ZOLA:-}" ]; then tools+=("zola|$corpus/zola|-o|$ZOLA build"); fi
  # warm-up: page cache and first outputs; a failing build would make its timings meaningless
  for t in "${tools[@]}"; do
    IFS='|' read -r name dir outflag cmd <<<"$t"
    (cd "$dir" && $cmd >/dev/null 2>&1) || { echo "warm-up build of $name failed in $dir" >&2; exit 1; }
  done
  for kind in clean tmpfs noop; do
    if [ "$kind" = noop ]; then # every output current before timing rebuilds
      for t in "${tools[@]}"; do IFS='|' read -r name dir outflag cmd <<<"$t"; (cd "$dir" && $cmd >/dev/null 2>&1); done
    fi
    # interleaved: one run of each tool per round, so drift in the machine hits all alike
    for _ in $(seq "$RUNS"); do
      for t in "${tools[@]}"; do IFS='|' read -r name dir outflag cmd <<<"$t"; one_run "$name" "$N" "$kind" "$dir" "$outflag" $cmd; done
    done
    for t in "${tools[@]}"; do IFS='|' read -r name _ <<<"$t"; summarise "$name|$N|$kind"; done
  done
  rm -rf "$TMP_OUT"
  # floors: reading every input file, and writing the same files again
  read -r wall cpu rss < <(measure sh -c "find '$corpus/pledgesite-md/content' -type f -exec cat {} + >/dev/null")
  RESULTS["read-floor|$N|clean"]="$wall $cpu $rss"
  rm -rf "$WORK/copy"; read -r wall cpu rss < <(measure cp -r "$corpus/pledgesite-md/public" "$WORK/copy")
  RESULTS["write-floor|$N|clean"]="$wall $cpu $rss"
done

printf '\n%s, %s cores, %s\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$(hugo version | cut -d' ' -f1-2)"
printf '%-18s %6s %-6s %8s %8s %10s %12s\n' tool N build wall_s cpu_s rss_MB "hugo/this"
for N in $SIZES; do
  for kind in clean tmpfs noop; do
    hugo_wall=$(cut -d' ' -f1 <<<"${RESULTS["hugo|$N|$kind"]}")
    for name in pledgesite-md pledgesite-charts hugo zola read-floor write-floor; do
      r=${RESULTS["$name|$N|$kind"]:-}; [ -n "$r" ] || continue
      read -r wall cpu rss <<<"$r"
      awk -v n="$name" -v N="$N" -v k="$kind" -v w="$wall" -v c="$cpu" -v r="$rss" -v h="$hugo_wall" \
        'BEGIN { printf "%-18s %6s %-6s %8.3f %8.3f %10.1f %11.2fx\n", n, N, k, w, c, r / 1024, (w > 0 ? h / w : 0) }'
    done
  done
done
