#!/usr/bin/env bash
# Benchmark: what a whole term's history costs. The same generated site (pledges with data and
# charts) built without snapshots and with SNAPSHOTS quarterly snapshots, clean builds into
# tmpfs, interleaved, median of RUNS. Issue 11's bar: with 12 snapshots < 1.5× without.
#
#   bash bench/history.sh                 # N = 1000, 12 snapshots
#   N=10000 SNAPSHOTS=12 RUNS=5 bash bench/history.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
SNAPSHOTS=${SNAPSHOTS:-12}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/pledgesite-bench-history}
OUT=${OUT:-/dev/shm/pledgesite-bench-history-out}
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
BIN=$PWD/target/release/pledgesite
rm -rf "$WORK"
FLAVOURS=pledgesite python3 bench/gen_corpus.py "$N" "$WORK/plain" >/dev/null
FLAVOURS=pledgesite SNAPSHOTS=$SNAPSHOTS python3 bench/gen_corpus.py "$N" "$WORK/history" >/dev/null

run() { # site dir → "wall rss_kb"
  rm -rf "$OUT"; mkdir -p "$OUT"
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" build --root "$1" --output-dir "$OUT/site" >/dev/null 2>"$WORK/err" \
    || { cat "$WORK/err" >&2; exit 1; }
  tail -1 "$WORK/time"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run "$WORK/plain/pledgesite" >/dev/null; run "$WORK/history/pledgesite" >/dev/null # warm-up
plain=(); history=(); plain_rss=0; history_rss=0
for _ in $(seq "$RUNS"); do
  read -r w r < <(run "$WORK/plain/pledgesite"); plain+=("$w"); plain_rss=$(( r > plain_rss ? r : plain_rss ))
  read -r w r < <(run "$WORK/history/pledgesite"); history+=("$w"); history_rss=$(( r > history_rss ? r : history_rss ))
done
p=$(printf '%s\n' "${plain[@]}" | median); h=$(printf '%s\n' "${history[@]}" | median)
printf '\n%s, %s cores, %s pledges with charts, clean builds into tmpfs, median of %s\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$N" "$RUNS"
printf '%-26s %8s %10s\n' site wall_s rss_MB
printf '%-26s %8.3f %10.1f\n' "no snapshots" "$p" "$(awk -v r="$plain_rss" 'BEGIN{print r/1024}')"
printf '%-26s %8.3f %10.1f\n' "$SNAPSHOTS snapshots" "$h" "$(awk -v r="$history_rss" 'BEGIN{print r/1024}')"
awk -v p="$p" -v h="$h" 'BEGIN { printf "history / plain: %.2fx (bar: < 1.5x)\n", h / p }'
rm -rf "$OUT"
