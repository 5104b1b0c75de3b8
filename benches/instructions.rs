//! Replays counted by instructions, the steady measure on a shared
//! machine, where wall times of one row vary by a third from run to run
//! (issue 9):
//!
//! - the scale bench's 100,000-event prefix of the generated year (30
//!   agents, ~1,100 visitors a day, P2, the registry in use), in
//!   `counted`;
//! - with the argument `p1`, the fold bench's P1 day (10,000 events, 30
//!   agents) four ways: `counted_replay` (decisions kept whole),
//!   `counted_compact` (kept in a `DecisionLog`), `counted_apply` (one
//!   reused buffer, none kept) and `counted_plain`, the plain fold of P1-1
//!   that is the row's floor;
//! - with the argument `reader`, the reader bench's week of lines read by
//!   `counted_lines` (the crate's `jsonl::Lines`) and by `counted_serde`
//!   (a bare `serde_json::from_str::<Event>` loop, the row's floor).
//!
//! `scripts/perf.sh` runs each under callgrind when valgrind is installed
//! and prints instructions per event; by hand:
//!
//! ```sh
//! cargo bench --all-features --bench instructions --no-run
//! valgrind --tool=callgrind --toggle-collect=instructions::counted target/release/deps/instructions-*
//! valgrind --tool=callgrind --toggle-collect=instructions::counted_plain target/release/deps/instructions-* p1
//! ```
//!
//! Each log is generated before the counted part, so only the replay is
//! counted.

use std::hint::black_box;

use anchang::gen::{GenConfig, Generator};
use anchang::{jsonl, replay, DecisionLog, Event, Policy, State};

#[path = "support/p1_day.rs"]
mod p1_day;

/// The events counted.
const EVENTS: usize = 100_000;

// Callgrind collects inside one of these only (`--toggle-collect=...`),
// each kept out of line so its name survives optimisation.

/// The 100,000-event P2 replay.
#[inline(never)]
fn counted(log: &[Event]) -> anchang::Replay {
    replay(&Policy::p2(), log).expect("a generated log replays")
}

/// The P1 day replayed, every decision kept.
#[inline(never)]
fn counted_replay(log: &[Event]) -> anchang::Replay {
    replay(&Policy::p1(), log).expect("the P1 day replays")
}

/// The P1 day applied event by event into one reused buffer.
#[inline(never)]
fn counted_apply(log: &[Event]) -> State {
    let mut state = State::new(Policy::p1());
    let mut buffer = Vec::with_capacity(64);
    for e in log {
        buffer.clear();
        state
            .apply_into(e, &mut buffer)
            .expect("the P1 day applies");
    }
    state
}

/// The P1 day replayed, every decision kept compact in a `DecisionLog`.
#[inline(never)]
fn counted_compact(log: &[Event]) -> (State, DecisionLog) {
    let mut state = State::new(Policy::p1());
    let mut kept = DecisionLog::new();
    state
        .resume_with(log, |d| kept.push(d))
        .expect("the P1 day applies");
    (state, kept)
}

/// The week's lines read by the crate's reader.
#[inline(never)]
fn counted_lines(text: &str) -> u64 {
    let mut reader = jsonl::Lines::new(text.as_bytes(), jsonl::Limits::DEFAULT);
    let mut n = 0;
    while let Some((_, e)) = reader.next_event() {
        n += black_box(e.expect("valid")).map_or(0, |e| e.id.0 & 1);
    }
    n
}

/// The week's lines read by a bare serde loop.
#[inline(never)]
fn counted_serde(text: &str) -> u64 {
    let mut n = 0;
    for line in text.lines() {
        n += black_box(serde_json::from_str::<Event>(line).expect("valid"))
            .id
            .0
            & 1;
    }
    n
}

/// The P1 day through the plain fold of P1-1.
#[inline(never)]
fn counted_plain(log: &[Event]) -> u64 {
    p1_day::plain_p1(log)
}

fn main() {
    // `cargo bench` passes `--bench`; anything else is criterion's to parse.
    if std::env::args().any(|a| a == "reader") {
        // The reader bench's week (benches/reader.rs).
        let config = GenConfig::new(11)
            .agents(30)
            .days(7)
            .visitors_per_day(1_100)
            .clients(2_000);
        let text: String = Generator::new(config)
            .map(|e| jsonl::to_line(&e) + "\n")
            .collect();
        let (a, b) = (counted_lines(&text), counted_serde(&text));
        assert_eq!(a, b, "the same events either way");
        println!("reader: {} lines", text.lines().count());
        return;
    }
    if std::env::args().any(|a| a == "p1") {
        let log = p1_day::day(&[Policy::p1(), Policy::p2(), Policy::p3()]);
        let day = counted_replay(black_box(&log));
        let state = counted_apply(black_box(&log));
        let (compact, kept) = counted_compact(black_box(&log));
        assert_eq!(compact, state, "kept compact or not, the same fold");
        assert!(kept.iter().eq(day.decisions.iter().cloned()));
        let sum = counted_plain(black_box(&log));
        assert_eq!(day.state, state, "kept or not, the same fold");
        println!(
            "P1 day: {} events, {} decisions (plain fold {sum:x})",
            log.len(),
            day.decisions.len()
        );
        return;
    }
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
