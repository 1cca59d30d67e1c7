#!/usr/bin/env bash
# Benchmark: a quarter on a 1,000-pledge site (issue "A quarter in one step"). On fresh copies
# of one generated site (N pledges with data, SNAPSHOTS quarterly snapshots), median of RUNS:
#   import-dry  `import` of the site's own report sheet (.xlsx, N rows), `--dry-run`: read,
#               match, check every cell, preview
#   import-csv  `import` of a sheet (.csv) that changes one value of every pledge: N cards
#               rewritten in place
#   import-next `import` of the .xlsx for the next quarter's date: `quarter` (snapshot, N dates
#               moved) and N cards rewritten
#   quarter     `quarter NEXT`: the current report recorded, N + 1 dates moved
# Each command includes loading and checking the whole site first, and `check` after writing.
#
#   bash bench/quarter.sh                 # N = 1000
#   N=1000 RUNS=5 bash bench/quarter.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
SNAPSHOTS=${SNAPSHOTS:-4}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/pledgesite-bench-quarter}
[ -x /usr/bin/time ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
cargo build --release --quiet
BIN=$PWD/target/release/pledgesite
rm -rf "$WORK"
FLAVOURS=pledgesite SNAPSHOTS=$SNAPSHOTS python3 bench/gen_corpus.py "$N" "$WORK/gen" >/dev/null
SITE=$WORK/gen/pledgesite
"$BIN" build --root "$SITE" --lang en >/dev/null
DATE=$(sed -n 's/^as_of: //p' "$SITE/content/_index.md")
NEXT=2024-09-30
XLSX=$WORK/sheet.xlsx
cp "$SITE/public/reports/$DATE/checklist-$DATE.xlsx" "$XLSX"
# One value changed in every row: progress up by one below 100, else the note.
python3 - "$SITE/public/reports/$DATE/checklist-$DATE.csv" "$WORK/changed.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
for r in rows[2:]:
    p = float(r[6])
    if p < 99 and r[5] not in ("완료", "이행후 계속추진"):
        r[6] = str(int(p) + 1)
    else:
        r[7] = (r[7] + " 확인").strip()
csv.writer(open(sys.argv[2], "w", encoding="utf-8-sig", newline="")).writerows(rows)
PY
rm -rf "$SITE/public"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { # name command...
  local name=$1; shift
  local times=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/copy"; cp -r "$SITE" "$WORK/copy"
    local out; out=$(mktemp)
    /usr/bin/time -o "$out" -f "%e %M" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr"; exit 1; }
    times+=("$(tail -1 "$out")"); rm -f "$out"
  done
  local wall rss
  wall=$(printf '%s\n' "${times[@]}" | awk '{print $1}' | median)
  rss=$(printf '%s\n' "${times[@]}" | awk '{print $2}' | median)
  printf '%-12s N=%-6s %6.2f s  %6d MB peak\n' "$name" "$N" "$wall" "$((rss / 1024))"
}
run import-dry "$BIN" import "$XLSX" --date "$DATE" --dry-run --root "$WORK/copy" --lang en
run import-csv "$BIN" import "$WORK/changed.csv" --date "$DATE" --root "$WORK/copy" --lang en
run import-next "$BIN" import "$XLSX" --date "$NEXT" --root "$WORK/copy" --lang en
run quarter "$BIN" quarter "$NEXT" --root "$WORK/copy" --lang en
# What one run wrote, for the eye.
rm -rf "$WORK/copy"; cp -r "$SITE" "$WORK/copy"
"$BIN" import "$WORK/changed.csv" --date "$DATE" --root "$WORK/copy" --lang en | tail -3
