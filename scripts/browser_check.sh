#!/usr/bin/env bash
# Checks the pictures in a real browser: renders the shipped day as an SVG
# timeline (examples/floor_svg.rs) and loads the live floor board
# (examples/live_board.rs) in headless Chromium, saves screenshots of both
# into docs/screenshots/, and fails if the SVG draws no agent rows or is a
# blank picture, or if the page shows no agents once its script has run.
# Installs Debian's chromium (and a CJK font, so the names are legible)
# when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

started=$SECONDS
shots=docs/screenshots
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium fonts-noto-cjk > /dev/null
fi
chromium() {
  # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$work/profile" "$@" 2> "$work/chromium.log"
}

# Not blank: the PNG's decoded scanlines hold more than a handful of byte
# values (a one-colour picture holds two or three).
not_blank() {
  python3 - "$1" <<'PY'
import sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n = int.from_bytes(data[pos:pos + 4], "big")
    kind = data[pos + 4:pos + 8]
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + n]
    pos += 12 + n
values = len(set(zlib.decompress(idat)))
print(f"{sys.argv[1]}: {values} distinct byte values")
sys.exit(0 if values > 16 else 1)
PY
}

echo "== building the examples"
cargo build --quiet --all-features --example floor_svg --example live_board

echo "== the SVG timeline"
target/debug/examples/floor_svg examples/data/day.jsonl --svg "$work/day.svg"
rows=$(chromium --dump-dom "file://$work/day.svg" | { grep -o 'class="agent-row"' || true; } | wc -l)
echo "the browser's DOM of the SVG holds $rows agent rows"
[ "$rows" -gt 0 ] || { echo "FAIL: the SVG shows no agents"; exit 1; }
height=$(grep -o 'height="[0-9.]*"' "$work/day.svg" | head -n 1 | tr -dc '0-9.')
chromium --screenshot="$shots/timeline.png" --window-size="1100,${height%.*}" "file://$work/day.svg"
not_blank "$shots/timeline.png" || { echo "FAIL: the SVG renders blank"; exit 1; }

echo "== the live board"
target/debug/examples/live_board --port 0 > "$work/live.out" 2> "$work/live.err" &
server=$!
for _ in $(seq 50); do
  grep -q '^listening on ' "$work/live.out" 2> /dev/null && break
  sleep 0.2
done
addr=$(sed -n 's/^listening on //p' "$work/live.out")
[ -n "$addr" ] || { echo "FAIL: live_board did not start"; cat "$work/live.err"; exit 1; }
# The floor at 11:45: agents busy, away at lunch and free, a visitor waiting.
# (One process: `grep | head` would fail under pipefail when head stops reading.)
awk '!/^#/ && n++ < 66' examples/data/day.jsonl > "$work/morning.jsonl"
curl -sf --data-binary @"$work/morning.jsonl" "$addr/events" > /dev/null ||
  { echo "FAIL: live_board refused the morning's events"; cat "$work/live.err"; exit 1; }
chromium --dump-dom --virtual-time-budget=4000 "$addr/" > "$work/live.html"
agents=$({ grep -o 'class="agent-row"' "$work/live.html" || true; } | wc -l)
echo "the live page shows $agents agent rows"
[ "$agents" -gt 0 ] || { echo "FAIL: the live page shows no agents"; exit 1; }
chromium --screenshot="$shots/live_board.png" --window-size=1280,760 --virtual-time-budget=4000 "$addr/"
not_blank "$shots/live_board.png" || { echo "FAIL: the live page renders blank"; exit 1; }

echo "browser check passed in $((SECONDS - started)) s"
