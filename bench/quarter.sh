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
# Each command loads the site and checks it before writing (refusing a site with errors), and
# runs `check` after writing. Two starting points: `after check`, the copy checked (or built)
# before, as staff do after their last edit, so the first check is answered from its record;
# `cold`, no record, the whole site rendered in memory twice.
#
# Every run works on a copy of its own, made before the timed command; the copies are removed
# only at the end: ext4 scans past inodes deleted in the last minutes when it makes a file, so
# deleting thousands of files just before would time the file system, not the program (rerun
# after a few minutes for the same reason).
#
#   bash bench/quarter.sh                 # N = 1000
#   N=1000 RUNS=5 bash bench/quarter.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
SNAPSHOTS=${SNAPSHOTS:-4}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/pledgesite-bench-quarter}
# The program's caches (charts, parsed YAML, the check's record) for this benchmark alone.
export PLEDGESITE_CACHE_DIR=$WORK/cache
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
  for i in $(seq "$RUNS"); do
    local copy=$WORK/copies/$name-$START-$i
    cp -a "$SITE" "$copy"
    # `cp -a` keeps the files' times: a check's record is kept only for files older than 2 s.
    if [ "$START" = "after-check" ]; then "$BIN" check --root "$copy" --lang en >/dev/null; fi
    local args=("${@//COPY/$copy}")
    local out; out=$(mktemp)
    /usr/bin/time -o "$out" -f "%e %M" "${args[@]}" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr"; exit 1; }
    times+=("$(tail -1 "$out")"); rm -f "$out"
  done
  local wall rss
  wall=$(printf '%s\n' "${times[@]}" | awk '{print $1}' | median)
  rss=$(printf '%s\n' "${times[@]}" | awk '{print $2}' | median)
  printf '%-12s %-12s N=%-6s %6.2f s  %6d MB peak\n' "$name" "$START" "$N" "$wall" "$((rss / 1024))"
}
mkdir -p "$WORK/copies"
sleep 2 # the generated site's files older than 2 s, so a check may keep its record
for START in after-check cold; do
  run import-dry "$BIN" import "$XLSX" --date "$DATE" --dry-run --root COPY --lang en
  run import-csv "$BIN" import "$WORK/changed.csv" --date "$DATE" --root COPY --lang en
  run import-next "$BIN" import "$XLSX" --date "$NEXT" --root COPY --lang en
  run quarter "$BIN" quarter "$NEXT" --root COPY --lang en
done
# What one run wrote, for the eye.
cp -a "$SITE" "$WORK/copies/shown"
"$BIN" import "$WORK/changed.csv" --date "$DATE" --root "$WORK/copies/shown" --lang en | tail -3
