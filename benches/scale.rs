//! How the engine scales, on generated logs (feature `gen`): ns per event
//! of an in-memory replay with the registry in use, as the client base
//! grows (common names, then all distinct) and as the log grows; and what
//! the state and the decisions cost in memory, counted by a counting
//! global allocator, not estimated.
//!
//! `cargo bench --all-features --bench scale` runs the small sizes (a few
//! minutes); `ANCHANG_BENCH_BIG=1` adds the big ones of the README's table
//! (1,000,000 clients, a 1,000,000-line log: many minutes, several GB).

use std::hint::black_box;
use std::sync::atomic::Ordering::Relaxed;
use std::time::{Duration, Instant};

use anchang::gen::{GenConfig, Generator, NamePool};
use anchang::{replay, Decision, DecisionLog, Event, Policy, State};
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};

#[path = "../examples/support/counting.rs"]
mod counting;
use counting::LIVE;

// Its day only: the plain fold is the fold bench's.
#[path = "support/p1_day.rs"]
#[allow(dead_code)]
mod p1_day;

fn big() -> bool {
    std::env::var_os("ANCHANG_BENCH_BIG").is_some()
}

/// The office of the table: 30 agents, ~1,100 visitors a day,
/// ~3,000 lines a day (334 days make 1,000,000 lines).
fn office(days: u16) -> GenConfig {
    GenConfig::new(9)
        .agents(30)
        .days(days)
        .visitors_per_day(1_100)
        .clients(0)
}

/// A base of `clients` carried-over clients, then `days` floor days: the
/// state after the base, and the floor's events.
fn based(clients: u32, names: NamePool, days: u16) -> (State, Vec<Event>) {
    let config = GenConfig::new(5)
        .agents(30)
        .days(days)
        .visitors_per_day(600)
        .clients(clients)
        .names(names);
    let mut g = Generator::new(config);
    // The roster's sign-ins, then the base.
    let base: Vec<Event> = g.by_ref().take(30 + clients as usize).collect();
    let state = replay(&Policy::p2(), &base).expect("valid base").state;
    drop(base);
    (state, g.collect())
}

/// ns per floor event after a base of N clients: the state is cloned
/// outside the timing, only the floor's events are timed.
fn clients(c: &mut Criterion) {
    let mut sizes = vec![1_000, 10_000, 100_000];
    if big() {
        sizes.push(1_000_000);
    }
    for names in [NamePool::Common, NamePool::Distinct] {
        let label = match names {
            NamePool::Common => "clients/common",
            _ => "clients/distinct",
        };
        let mut g = c.benchmark_group(label);
        g.sampling_mode(SamplingMode::Flat).sample_size(10);
        for &n in &sizes {
            let (state, floor) = based(n, names, 6);
            footprint(&format!("{label}/{n}:"), state.registry());
            g.throughput(Throughput::Elements(floor.len() as u64));
            g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    let mut buf: Vec<Decision> = Vec::with_capacity(256);
                    for _ in 0..iters {
                        let mut s = state.clone();
                        let t = Instant::now();
                        for e in &floor {
                            buf.clear();
                            s.apply_into(black_box(e), &mut buf).unwrap();
                        }
                        total += t.elapsed();
                        drop(black_box(s));
                    }
                    total
                })
            });
        }
        g.finish();
    }
}

/// ns per event of a whole replay, as the log grows; the biggest is the
/// table's first row (the registry in use: ~500 registrations a day).
fn log_length(c: &mut Criterion) {
    let days = if big() { 334 } else { 34 };
    let log: Vec<Event> = Generator::new(office(days)).collect();
    let mut sizes = vec![1_000, 10_000, 100_000];
    if big() {
        sizes.push(1_000_000);
    }
    let mut g = c.benchmark_group("log_length");
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    let p2 = Policy::p2();
    for &n in sizes.iter().filter(|n| **n <= log.len()) {
        let prefix = &log[..n];
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), prefix, |b, prefix| {
            b.iter(|| replay(&p2, black_box(prefix)).unwrap())
        });
    }
    g.finish();
    memory(&log);
}

/// Heap counted: bytes per registered client of the state a replay
/// leaves, and bytes per decision of the replay.
fn memory(log: &[Event]) {
    let before = LIVE.load(Relaxed);
    let day = replay(&Policy::p2(), log).unwrap();
    let with_decisions = LIVE.load(Relaxed) - before;
    let decisions = day.decisions.len();
    let clients = log.iter().filter(|e| e.kind.tag() == "register").count();
    drop(day.decisions);
    let state = LIVE.load(Relaxed) - before;
    eprintln!(
        "memory: {} events, {clients} clients: state {} B ({} B per client), \
         {decisions} decisions ({:.2} per event) {} B each (size {} B + heap)",
        log.len(),
        state,
        state / clients.max(1),
        decisions as f64 / log.len() as f64,
        (with_decisions - state) / decisions.max(1),
        std::mem::size_of::<Decision>(),
    );
    footprint("the log's", day.state.registry());
    black_box(day.state);
    decision_cost("the log", &replay(&Policy::p2(), log).unwrap().decisions);
    let p1_day = p1_day::day(&[Policy::p1(), Policy::p2(), Policy::p3()]);
    decision_cost(
        "the P1 day",
        &replay(&Policy::p1(), &p1_day).unwrap().decisions,
    );
}

/// Heap bytes per decision, counted, kept compact in a [`DecisionLog`]
/// (issue 9), beside the 184-byte `Decision` a `Vec` holds.
fn decision_cost(label: &str, decisions: &[Decision]) {
    let before = LIVE.load(Relaxed);
    let kept: DecisionLog = decisions.iter().collect();
    let compact = LIVE.load(Relaxed) - before;
    eprintln!(
        "decisions of {label}: {}, kept compact {} B each ({} B a Decision in a Vec)",
        kept.len(),
        compact / kept.len().max(1),
        std::mem::size_of::<Decision>(),
    );
    black_box(kept);
}

/// The registry's parts per client, counted: the hot record routing and
/// lapse read, the file kept apart (beside the text it holds), the
/// indexes.
fn footprint(label: &str, registry: &anchang::Registry) {
    let f = registry.footprint(|| LIVE.load(Relaxed));
    let per = |b: usize| b / f.clients.max(1);
    eprintln!(
        "footprint of {label} {} clients, per client: hot record {} B, file {} B \
         (its text {} B), phone and name lookup {} B, owner index {} B",
        f.clients,
        per(f.hot),
        per(f.files),
        per(f.text),
        per(f.lookup),
        per(f.owners),
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = clients, log_length
}
criterion_main!(benches);
