#!/usr/bin/env bash
# The chain behind NATS JetStream, end to end, with a crash:
#
#  1. starts Debian's nats-server (installed when missing) with JetStream
#     on loopback, in a scratch directory;
#  2. starts two workers (durable pull consumers); worker 0 is told to
#     abort right after its third durable checkpoint and before the ack
#     (the crash between fsync and ack), worker 1 is killed with kill -9
#     while the month is being published;
#  3. publishes a generated month for a handful of offices;
#  4. restarts both workers from their checkpoints and lets them drain the
#     stream;
#  5. checks every office's final state equals a plain local replay of its
#     log, that the restarted worker 0 was redelivered its last batch and
#     ignored every event of it (the engine's id check), and that the
#     restarted worker 1 still had events to apply (it died mid-stream).
#
# usage: chain-nats/run.sh [OFFICES] [SEED]     (default 5 offices, seed 7)
# A debug build by default (it builds in about two minutes of CPU from a
# clean clone); CHAIN_NATS_PROFILE=release for throughput figures.
set -euo pipefail
cd "$(dirname "$0")/.."
offices=${1:-5}
seed=${2:-7}
workers=2

if ! command -v nats-server > /dev/null; then
  echo "== installing nats-server"
  apt-get update -qq && apt-get install -y -qq nats-server > /dev/null
fi
nats-server --version

profile=${CHAIN_NATS_PROFILE:-dev}
echo "== building chain-nats ($profile)"
cargo build --quiet --profile "$profile" -p chain-nats
bin=${CARGO_TARGET_DIR:-target}/$([ "$profile" = dev ] && echo debug || echo "$profile")/chain-nats

run=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done
  wait 2> /dev/null || true
  rm -rf "$run"
}
trap cleanup EXIT

port=$((20000 + RANDOM % 20000))
url="nats://127.0.0.1:$port"
nats-server -a 127.0.0.1 -p "$port" -js -sd "$run/js" > "$run/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  (: < "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
  sleep 0.1
done
echo "== nats-server on $url"

work() { # index, log file, extra flags; run with & so $! is the worker itself
  local i=$1 log=$2
  shift 2
  exec "$bin" work --url "$url" --index "$i" --workers "$workers" --dir "$run/worker-$i" \
    --batch 64 "$@" > "$log" 2>&1
}

echo "== first run: worker 0 crashes after its 3rd checkpoint, worker 1 is killed mid-stream"
work 0 "$run/w0-first.log" --crash-after-checkpoints 3 &
w0=$!
work 1 "$run/w1-first.log" &
w1=$!
pids+=("$w0" "$w1")
"$bin" publish --url "$url" --offices "$offices" --seed "$seed" > "$run/publish.log" 2>&1 &
pub=$!
pids+=("$pub")
# Kill worker 1 once it has made something durable: mid-stream.
for _ in $(seq 300); do
  [ -e "$run/worker-1/position.json" ] && break
  sleep 0.02
done
kill -9 "$w1"
echo "worker 1 killed (kill -9)"
wait "$pub"
cat "$run/publish.log"
wait "$w0" && { echo "worker 0 was meant to crash"; exit 1; } || true
grep "crashing" "$run/w0-first.log"
wait "$w1" 2> /dev/null || true

echo "== restart: both workers resume from their checkpoints"
work 0 "$run/w0-second.log" --exit-when-idle &
r0=$!
work 1 "$run/w1-second.log" --exit-when-idle &
r1=$!
pids+=("$r0" "$r1")
ok=true
wait "$r0" || ok=false
wait "$r1" || ok=false
grep -h "^worker-" "$run/w0-second.log" "$run/w1-second.log"
$ok || { cat "$run"/w*-second.log; exit 1; }

echo "== verify"
"$bin" verify --dir "$run" --workers "$workers" --offices "$offices" --seed "$seed"

# Worker 0 crashed between its checkpoint and its ack: it must have been
# redelivered that batch, and the engine must have ignored all of it.
line=$(grep "^worker-0-of-$workers: offices" "$run/w0-second.log")
redelivered=$(sed -E 's/.*redelivered ([0-9]+).*/\1/' <<< "$line")
ignored=$(sed -E 's/.*id check ([0-9]+).*/\1/' <<< "$line")
if [ "$redelivered" -eq 0 ] || [ "$redelivered" -ne "$ignored" ]; then
  echo "worker 0: redelivered $redelivered, ignored $ignored: expected a redelivered batch, all ignored"
  exit 1
fi
# Worker 1 was killed mid-stream: the restarted one had events left to apply.
applied=$(grep "^worker-1-of-$workers: offices" "$run/w1-second.log" | sed -E 's/.*applied ([0-9]+).*/\1/')
if [ "$applied" -eq 0 ]; then
  echo "worker 1 had nothing left after the kill: it was not killed mid-stream"
  exit 1
fi
echo "chain-nats: resume after kill -9 passed ($redelivered redelivered events ignored, $applied applied after the restart)"
