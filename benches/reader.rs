//! The reader against its floors, over the same lines in the same run
//! (issue 9): the crate's JSON Lines reader (`jsonl::Lines`), a bare
//! `serde_json::from_str::<Event>` loop (the same `Deserialize`, without
//! line splitting or limits), a flat borrowed serde struct that only splits
//! a line into borrowed fields (no validation, no event built), and a whole
//! JSON Lines replay (read and apply, state kept, decisions handed on and
//! dropped) beside the in-memory replay of the same events.
//!
//! ```text
//! cargo bench --all-features --bench reader
//! ```

use std::borrow::Cow;
use std::hint::black_box;

use anchang::gen::{GenConfig, Generator};
use anchang::jsonl::{self, Limits, Lines, Options, Replayer};
use anchang::{Decision, Event, Policy, State};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::de::IgnoredAny;

/// A generated week of the table's office (30 agents, every event kind):
/// the events and their lines.
fn log() -> (Vec<Event>, String) {
    let config = GenConfig::new(11)
        .agents(30)
        .days(7)
        .visitors_per_day(1_100)
        .clients(2_000);
    let events: Vec<Event> = Generator::new(config).collect();
    let mut text = String::new();
    for e in &events {
        text.push_str(&jsonl::to_line(e));
        text.push('\n');
    }
    (events, text)
}

/// Every field any kind has, borrowed where it is text: the least a
/// reader must do to split a line, with no checks.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct Flat<'a> {
    v: u32,
    id: u64,
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    agent: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    visitor: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    client: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    reason: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    channel: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    purpose: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    named_agent: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    phone: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    introduced_by: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    gender: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    phones: Vec<Cow<'a, str>>,
    #[serde(borrow, default)]
    needs: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    other: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    duplicate: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    to: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    receiver: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    deal: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    unit: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    signer: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    claim: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    order: Vec<Cow<'a, str>>,
    #[serde(default)]
    price: Option<i64>,
    #[serde(default)]
    corrects: Option<u64>,
    #[serde(default)]
    spouse: bool,
    #[serde(default)]
    distinct: bool,
    #[serde(default)]
    pre_registered: bool,
    #[serde(default)]
    at_expo: bool,
    #[serde(default)]
    basis_points: bool,
    #[serde(default)]
    by_records: bool,
    #[serde(default)]
    returning: Option<IgnoredAny>,
    #[serde(default)]
    shares: Option<IgnoredAny>,
    #[serde(default)]
    entries: Option<IgnoredAny>,
    #[serde(default)]
    policy: Option<IgnoredAny>,
}

fn reader(c: &mut Criterion) {
    let (events, text) = log();
    let lines: Vec<&str> = text.lines().collect();
    let mut g = c.benchmark_group("reader");
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.bench_function("flat_borrowed", |b| {
        b.iter(|| {
            let mut n = 0u64;
            for l in &lines {
                n += black_box(serde_json::from_str::<Flat<'_>>(l).expect("valid")).id & 1;
            }
            n
        })
    });
    g.bench_function("serde_event", |b| {
        b.iter(|| {
            let mut n = 0u64;
            for l in &lines {
                n += black_box(serde_json::from_str::<Event>(l).expect("valid"))
                    .id
                    .0
                    & 1;
            }
            n
        })
    });
    g.bench_function("jsonl_lines", |b| {
        b.iter(|| {
            let mut reader = Lines::new(text.as_bytes(), Limits::DEFAULT);
            let mut n = 0u64;
            while let Some((_, e)) = reader.next_event() {
                n += black_box(e.expect("valid")).map_or(0, |e| e.id.0 & 1);
            }
            n
        })
    });
    let p2 = Policy::p2();
    g.bench_function("replay_in_memory", |b| {
        b.iter(|| {
            let mut state = State::new(p2.clone());
            let mut buf: Vec<Decision> = Vec::with_capacity(256);
            for e in &events {
                buf.clear();
                state.apply_into(black_box(e), &mut buf).expect("valid");
            }
            state
        })
    });
    g.bench_function("replay_jsonl", |b| {
        b.iter(|| {
            let mut r = Replayer::new(State::new(p2.clone()), text.as_bytes(), Options::default());
            while let Some(line) = r.next_line() {
                black_box(line);
            }
            r.into_state()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(4));
    targets = reader
}
criterion_main!(benches);
