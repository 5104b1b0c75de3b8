//! One replay of the scale bench's 100,000-event prefix of the generated
//! year (30 agents, ~1,100 visitors a day, P2, the registry in use), for
//! counting instructions: the steady measure on a shared machine, where
//! wall times of one row vary by a third from run to run (issue 9).
//!
//! `scripts/perf.sh` runs it under callgrind when valgrind is installed and
//! prints instructions per event; by hand:
//!
//! ```sh
//! cargo bench --all-features --bench instructions --no-run
//! valgrind --tool=callgrind --toggle-collect=instructions::counted target/release/deps/instructions-*
//! ```
//!
//! The log is generated before the counted part, so only the replay is
//! counted.

use std::hint::black_box;

use anchang::gen::{GenConfig, Generator};
use anchang::{replay, Event, Policy};

/// The events counted.
const EVENTS: usize = 100_000;

/// The replay counted: callgrind collects inside this function only
/// (`--toggle-collect=instructions::counted`), kept out of line so the
/// name survives optimisation whatever `replay` is inlined into.
#[inline(never)]
fn counted(log: &[Event]) -> anchang::Replay {
    replay(&Policy::p2(), log).expect("a generated log replays")
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is criterion's to parse.
    let config = GenConfig::new(9)
        .agents(30)
        .days(34)
        .visitors_per_day(1_100)
        .clients(0);
    let log: Vec<Event> = Generator::new(config).take(EVENTS).collect();
    let day = counted(black_box(&log));
    println!(
        "replayed {} events: {} decisions, {} clients",
        log.len(),
        day.decisions.len(),
        log.iter().filter(|e| e.kind.tag() == "register").count()
    );
}
