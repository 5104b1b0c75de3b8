//! Behaviour pinned while the engine is made faster: a hash of every
//! decision (its event, time, rules and every field of what it decided, as
//! `Debug` writes them) of the shipped day (examples/data/day.jsonl) and of
//! a generated log, under each preset. The sentences are not hashed: their
//! wording is the business of tests/wording.rs, and a better sentence must
//! not look like a changed decision.
//! The pins were computed on the engine before the performance work
//! (issue 9); a representation change must leave them as they are. A
//! change of the rules themselves re-pins them in a commit of its own that
//! says which rule changed.

use anchang::{jsonl, replay, Event, Policy};

const DAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl");

/// FNV-1a, 64 bits: tiny, stable across platforms and releases.
fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h ^= u64::from(*b);
        *h = h.wrapping_mul(0x0000_0100_0000_01B3);
    }
}

fn digest(policy: &Policy, log: &[Event]) -> String {
    let day = replay(policy, log).expect("the log replays");
    let mut h = 0xCBF2_9CE4_8422_2325;
    for d in &day.decisions {
        fnv(&mut h, format!("{d:?}").as_bytes());
        fnv(&mut h, b"\n");
    }
    format!("{}:{h:016x}", day.decisions.len())
}

fn presets() -> [Policy; 3] {
    [Policy::p1(), Policy::p2(), Policy::p3()]
}

#[test]
fn the_shipped_day_decides_as_pinned() {
    let file = std::fs::File::open(DAY).expect("examples/data/day.jsonl");
    let log: Vec<Event> = jsonl::events(std::io::BufReader::new(file))
        .map(|r| r.expect("a valid line").1)
        .collect();
    let got: Vec<String> = presets().iter().map(|p| digest(p, &log)).collect();
    assert_eq!(got, pins()[..3], "decisions of day.jsonl changed");
}

#[cfg(feature = "gen")]
#[test]
fn a_generated_log_decides_as_pinned() {
    use anchang::gen::{generate, GenConfig, NamePool};
    let config = GenConfig::new(2026)
        .agents(12)
        .days(8)
        .visitors_per_day(90)
        .clients(400);
    let got: Vec<String> = [NamePool::Common, NamePool::Distinct]
        .into_iter()
        .flat_map(|names| {
            let log = generate(&config.clone().names(names));
            presets().map(|p| digest(&p, &log))
        })
        .collect();
    assert_eq!(got, pins()[3..9], "decisions of the generated log changed");
}

/// The pins, one per line: day.jsonl under P1, P2, P3, then the generated
/// log under P1, P2, P3 with common names and again with distinct names.
/// Read when the test runs, so that re-pinning touches a data file only.
fn pins() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/digest.pins");
    std::fs::read_to_string(path)
        .expect("tests/digest.pins")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}
