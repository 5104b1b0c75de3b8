#!/usr/bin/env bash
# Every row of the README's performance table, in one command (issue 9):
#
#   bash scripts/perf.sh                        # sizes up to 100,000
#   ANCHANG_BENCH_BIG=1 bash scripts/perf.sh    # and the 1,000,000 ones
#
# The benches (criterion) measure each row beside its floor in the same
# run: benches/fold.rs (a P1 day vs a plain fold of P1-1), benches/scale.rs
# (ns per event as the client base and the log grow; heap per client and
# per decision, counted by a counting allocator), benches/reader.rs (the
# reader vs a bare serde loop and a flat borrowed parse; a JSON Lines
# replay vs the in-memory one). Then a generated log is streamed through
# examples/stream_replay.rs for the peak heap and resident set.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench --all-features --bench fold --bench scale --bench reader

# Instructions, counted by callgrind: the steady figures on a shared
# machine. The 100,000-event replay of the generated year, the P1 day four
# ways beside its plain fold, the reader beside a bare serde loop
# (benches/instructions.rs).
if command -v valgrind > /dev/null; then
  bin=$(cargo bench --all-features --bench instructions --no-run \
          --message-format=json 2>/dev/null |
        sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
  count() { # function, events, argument
    ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
           --toggle-collect="instructions::$1" "$bin" ${3:-} 2>&1 |
         sed -n 's/.*Collected : *//p')
    echo "instructions, $1: $ir for $2 events: $((ir / $2)) an event"
  }
  count counted 100000
  count counted_replay 10000 p1
  count counted_compact 10000 p1
  count counted_apply 10000 p1
  count counted_plain 10000 p1
  lines=$("$bin" reader | sed -n 's/^reader: \([0-9]*\) lines$/\1/p')
  count counted_lines $lines reader
  count counted_serde $lines reader
else
  echo "instructions: valgrind is not installed (apt-get install valgrind)"
fi

# The year of the table's office: 334 days, 30 agents, ~1,000,000 lines.
log=target/perf-log.jsonl
cargo run --quiet --release --all-features --example generate -- \
  --days 334 --visitors 1100 --clients 0 > "$log"
echo "streamed log: $(wc -l < "$log") lines, $(du -m "$log" | cut -f1) MB"
cargo run --quiet --release --all-features --example stream_replay -- "$log"
# And keeping every decision of the year, compact (DecisionLog).
cargo run --quiet --release --all-features --example stream_replay -- --keep "$log"
