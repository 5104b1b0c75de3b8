//! Behaviour pinned while the engine is made faster: a hash of every
//! decision's explanation, in Chinese and English, of the shipped day
//! (examples/data/day.jsonl) and of a generated log, under each preset.
//! The pins were computed on the engine before the performance work
//! (issue 9); a representation change must leave them as they are. A
//! change of the rules themselves re-pins them in a commit of its own that
//! says which rule changed.

use anchang::{jsonl, replay, Event, Lang, Policy};

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
        fnv(&mut h, d.explain(Lang::Zh).as_bytes());
        fnv(&mut h, b"\n");
        fnv(&mut h, d.explain(Lang::En).as_bytes());
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
    assert_eq!(got, PINNED_DAY, "decisions of day.jsonl changed");
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
    assert_eq!(
        got, PINNED_GENERATED,
        "decisions of the generated log changed"
    );
}

/// Decisions and hash of day.jsonl under P1, P2, P3.
const PINNED_DAY: [&str; 3] = [
    "380:5229392b34923227",
    "371:73656946bc52e164",
    "395:a389d28f62209bd0",
];

/// Under P1, P2, P3: common names, then distinct names.
#[cfg(feature = "gen")]
const PINNED_GENERATED: [&str; 6] = [
    "5040:3c68aefa70eec4e1",
    "4947:ec0a1b1a940e49f6",
    "5215:eb96d876abfabc80",
    "4816:d9b4b1fa205490ce",
    "4831:470c7cd23265c0d5",
    "5061:e6fa07cdfdb84ec7",
];
