//! How fast the fold runs: a generated day of 10,000 events on a floor of
//! 30 agents, replayed in memory, applied event by event, and read from
//! JSON Lines.
//!
//! Beside the engine, its floor: a plain fold of the P1 rotation rule
//! (P1-1: attendance order, skip the busy and the absent, a named agent
//! receives its visitor) written in `support/p1_day.rs` over the same
//! events, so the table can say what the engine costs over the bare rule.
//!
//! `cargo bench --bench fold` (about a minute).

use std::hint::black_box;
use std::time::Duration;

use anchang::{jsonl, replay, DecisionLog, Policy, State, Via, What};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

#[path = "support/p1_day.rs"]
mod p1_day;
use p1_day::{day, plain_p1};

fn fold(c: &mut Criterion) {
    let presets = [Policy::p1(), Policy::p2(), Policy::p3()];
    let log = day(&presets);
    let text: String = log.iter().map(|e| jsonl::to_line(e) + "\n").collect();
    let mut g = c.benchmark_group("fold");
    g.throughput(Throughput::Elements(log.len() as u64));
    // Each iteration takes milliseconds: equal-sized samples fit the time.
    g.sampling_mode(SamplingMode::Flat);

    for p in &presets {
        let day = replay(p, &log).expect("valid day");
        let n = |f: fn(&What) -> bool| day.decisions.iter().filter(|d| f(&d.what)).count();
        eprintln!(
            "{}: {} events, {} decisions: {} received, {} waits, {} passed over, {} make-ups used",
            p.name,
            log.len(),
            day.decisions.len(),
            n(|w| matches!(w, What::Received(_))),
            n(|w| matches!(w, What::Waits { .. })),
            n(|w| matches!(w, What::PassedOver { .. })),
            n(|w| matches!(w, What::Received(r) if matches!(r.via, Via::MakeUp { .. }))),
        );
        g.bench_with_input(BenchmarkId::new("replay", &p.name), p, |b, p| {
            b.iter(|| replay(p, black_box(&log)).unwrap())
        });
    }

    // The P1 day kept compact: each decision handed to a `DecisionLog`
    // (issue 9) rather than kept whole.
    let p1 = Policy::p1();
    g.bench_function("replay_compact/P1", |b| {
        b.iter(|| {
            let mut state = State::new(p1.clone());
            let mut kept = DecisionLog::new();
            state
                .resume_with(black_box(&log), |d| kept.push(d))
                .unwrap();
            (state, kept)
        })
    });

    // The floor for the P1 row: the same day through the bare rule.
    g.bench_function("plain_fold/P1", |b| b.iter(|| plain_p1(black_box(&log))));

    let p2 = Policy::p2();
    g.bench_function("apply_into/P2", |b| {
        let mut buf = Vec::with_capacity(64);
        b.iter(|| {
            let mut state = State::new(p2.clone());
            for e in black_box(&log) {
                buf.clear();
                state.apply_into(e, &mut buf).unwrap();
            }
            state
        })
    });

    g.bench_function("jsonl/P2", |b| {
        b.iter(|| jsonl::replay_reader(&p2, black_box(text.as_bytes())).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20);
    targets = fold
}
criterion_main!(benches);
