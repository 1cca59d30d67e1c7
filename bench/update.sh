#!/usr/bin/env bash
# Benchmark: saving a quarter of 1,000 pledges on the update screen (issue "The quarterly update
# screen"). On a generated site (N pledges, SNAPSHOTS quarterly snapshots) served by
# `pledgesite serve --watch`, the screen is loaded, one value of every pledge is changed, the
# form is posted as the browser posts it, and the time is taken until the change is visible:
# the post answered (cards checked and written) and the rebuilt site serving the last pledge's
# new value. Median of RUNS, each on a fresh copy.
#
#   bash bench/update.sh            # N = 1000
#   N=1000 RUNS=5 bash bench/update.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
SNAPSHOTS=${SNAPSHOTS:-4}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/pledgesite-bench-update}
export PLEDGESITE_CACHE_DIR=$WORK/cache
cargo build --release --quiet
BIN=$PWD/target/release/pledgesite
rm -rf "$WORK"
FLAVOURS=pledgesite SNAPSHOTS=$SNAPSHOTS python3 bench/gen_corpus.py "$N" "$WORK/gen" >/dev/null
SITE=$WORK/gen/pledgesite
"$BIN" build --root "$SITE" --lang en >/dev/null
rm -rf "$SITE/public"
mkdir -p "$WORK/copies"
for i in $(seq "$RUNS"); do cp -a "$SITE" "$WORK/copies/$i"; done
sleep 2
PORT=${PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}
for i in $(seq "$RUNS"); do
  copy=$WORK/copies/$i
  "$BIN" serve --watch --port "$PORT" --root "$copy" --lang en >/dev/null 2>&1 &
  server=$!
  python3 - "$PORT" <<'PY'
import re, sys, time, urllib.parse, urllib.request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
for _ in range(600):
    try:
        page = urllib.request.urlopen(base + "/_update/").read().decode()
        break
    except Exception:
        time.sleep(0.1)
token = re.search(r'name="token" value="([0-9a-f]+)"', page).group(1)
fields = [("token", token)]
for m in re.finditer(r'name="(version|progress|reason)\[([^\]]+)\]"[^>]*?value="([^"]*)"', page):
    fields.append((f"{m.group(1)}[{m.group(2)}]", m.group(3)))
for m in re.finditer(r'<select name="status\[([^\]]+)\]"[^>]*>(.*?)</select>', page, re.S):
    chosen = re.search(r'<option value="([^"]*)" selected', m.group(2))
    fields.append((f"status[{m.group(1)}]", chosen.group(1) if chosen else ""))
values = dict(fields)
numbers = sorted({k[9:-1] for k in values if k.startswith("progress[")})
changed = []
raised = {}
for k, v in fields:
    if k.startswith("progress["):
        number = k[9:-1]
        status = values.get(f"status[{number}]", "")
        if float(v) < 99 and status not in ("완료", "이행후 계속추진", "Completed", "Continuing"):
            v = str(int(float(v)) + 1)
            raised[number] = float(v)
    elif k.startswith("reason["):
        number = k[7:-1]
        v = (v + " 확인").strip()
    changed.append((k, v))
started = time.time()
req = urllib.request.Request(base + "/_update/", data=urllib.parse.urlencode(changed).encode(),
                             headers={"Origin": base})
answer = urllib.request.urlopen(req).read().decode()
saved = time.time() - started
assert "written" in answer, answer[:2000]
# Visible: the rebuilt site's open data shows every raised progress.
import json
while time.time() - started < 60:
    try:
        shown = json.loads(urllib.request.urlopen(base + "/data/pledges.json").read())
        now = {str(p["number"]): p["progress"] for p in shown}
        if all(now.get(n) == v for n, v in raised.items()):
            break
    except Exception:
        pass
    time.sleep(0.02)
print(f"{len(numbers)} {saved:.2f} {time.time() - started:.2f}")
PY
  kill "$server"; wait "$server" 2>/dev/null || true
done > "$WORK/times"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf 'update-save N=%-6s saved %5.2f s  visible %5.2f s  (median of %s runs)\n' \
  "$(head -1 "$WORK/times" | cut -d' ' -f1)" \
  "$(cut -d' ' -f2 "$WORK/times" | median)" "$(cut -d' ' -f3 "$WORK/times" | median)" "$RUNS"
