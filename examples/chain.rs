//! A chain of sales offices replayed on every core: one log per office,
//! offices independent, so the work partitions by office and each core
//! folds whole offices (no locks on the engine, no shared state).
//!
//! Generates N offices' month first, then replays them all on one core and
//! on all cores in the same run, and prints each office's counts
//! (receptions, registrations, deals, commission), the totals, the
//! throughput and the speed-up. Both runs must reach identical states.
//!
//! ```text
//! cargo run --release --features gen --example chain                  # 1,000 offices
//! cargo run --release --features gen --example chain -- --offices 20 --rounds 1
//! ```

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anchang::{ClientDecision, Decision, Event, Fen, Policy, State, What};

#[path = "support/cli.rs"]
mod cli;

const USAGE: &str = "\
usage: chain [--offices N] [--seed S] [--threads T] [--rounds R] [--quiet]

Generates N offices' month of events (default 1,000), then replays every
office on one core and on T threads (default: every core), R rounds each
(default 3, best kept), and prints each office's counts, the totals, the
throughput and the speed-up.

  --offices N  how many offices (default 1000)
  --seed S     the chain's seed; office k's log is generated from S and k
  --threads T  threads for the parallel run (default: available cores)
  --rounds R   timed rounds of each run; the fastest is reported (default 3)
  --quiet      totals only, no line per office";

struct Args {
    offices: u32,
    seed: u64,
    threads: usize,
    rounds: u32,
    quiet: bool,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        offices: 1000,
        seed: 2026,
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        rounds: 3,
        quiet: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |what: &str| -> Result<u64, String> {
            let v = it.next().ok_or(format!("{flag} needs {what}"))?;
            v.parse()
                .map_err(|_| format!("{flag}: `{v}` is not {what}"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--offices" => args.offices = value("a count")?.clamp(1, u32::MAX.into()) as u32,
            "--seed" => args.seed = value("a number")?,
            "--threads" => args.threads = value("a count")?.max(1) as usize,
            "--rounds" => args.rounds = value("a count")?.clamp(1, 100) as u32,
            "--quiet" => args.quiet = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(args))
}

/// One office's month in numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    events: u64,
    receptions: u64,
    registrations: u64,
    deals: u64,
    /// Net commission posted (earned less reversals and clawbacks).
    commission: Fen,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.events += other.events;
        self.receptions += other.receptions;
        self.registrations += other.registrations;
        self.deals += other.deals;
        self.commission = self
            .commission
            .checked_add(other.commission)
            .unwrap_or(Fen(i64::MAX));
    }
}

/// Folds one office's log, counting as it goes; one decision buffer is
/// reused, so the fold keeps nothing but the state.
fn replay_office(policy: &Policy, log: &[Event]) -> Result<(State, Tally), String> {
    let mut state = State::new(policy.clone());
    let mut tally = Tally::default();
    let mut decisions: Vec<Decision> = Vec::new();
    for event in log {
        decisions.clear();
        state
            .apply_into(event, &mut decisions)
            .map_err(|e| e.to_string())?;
        tally.events += 1;
        for d in &decisions {
            match &d.what {
                What::Received(_) => tally.receptions += 1,
                What::Client(ClientDecision::Registered { .. }) => tally.registrations += 1,
                _ => {}
            }
        }
    }
    tally.deals = state.deals().deals().count() as u64;
    tally.commission = state
        .deals()
        .deals()
        .flat_map(|d| d.lines())
        .try_fold(Fen::ZERO, |sum, line| sum.checked_add(line.amount))
        .ok_or("commission total overflows")?;
    Ok((state, tally))
}

type Outcome = Result<(State, Tally), String>;

/// `f(0)`, ..., `f(count - 1)` on `threads` threads, in order: each
/// thread takes the next index not yet taken, so a long job does not hold
/// up a whole share.
fn on_threads<T: Send>(count: usize, threads: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= count {
                            break mine;
                        }
                        mine.push((i, f(i)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker thread panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

/// Replays every office on `threads` threads.
fn replay_chain(policy: &Policy, logs: &[Vec<Event>], threads: usize) -> Vec<Outcome> {
    on_threads(logs.len(), threads, |i| replay_office(policy, &logs[i]))
}

/// The fastest of `rounds` timed runs, and the outcome of the last.
fn timed(rounds: u32, mut run: impl FnMut() -> Vec<Outcome>) -> (Duration, Vec<Outcome>) {
    let mut best = Duration::MAX;
    let mut outcome = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        outcome = run();
        best = best.min(start.elapsed());
    }
    (best, outcome)
}

fn main() -> ExitCode {
    let args = match cli::args_or_exit("chain", USAGE, parse_args) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let policy = Policy::p2();

    let start = Instant::now();
    let logs: Vec<Vec<Event>> = on_threads(args.offices as usize, args.threads, |office| {
        offices::month(args.seed, office as u32)
    });
    let events: u64 = logs.iter().map(|l| l.len() as u64).sum();
    println!(
        "generated {} offices, {events} events in {:.2?}",
        args.offices,
        start.elapsed()
    );

    let (one, serial) = timed(args.rounds, || replay_chain(&policy, &logs, 1));
    let (all, parallel) = timed(args.rounds, || replay_chain(&policy, &logs, args.threads));

    let mut total = Tally::default();
    for (office, (a, b)) in serial.iter().zip(&parallel).enumerate() {
        let (state, tally) = match (a, b) {
            (Ok(a), Ok(b)) if a == b => a,
            (Ok(_), Ok(_)) => {
                eprintln!("office {office}: the parallel replay reached another state");
                return ExitCode::FAILURE;
            }
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("office {office}: {e}");
                return ExitCode::FAILURE;
            }
        };
        total.add(tally);
        if !args.quiet {
            println!(
                "office {office:>5}  events {:>6}  receptions {:>5}  registrations {:>4}  deals {:>3}  commission {:>14}  last event {}",
                tally.events,
                tally.receptions,
                tally.registrations,
                tally.deals,
                tally.commission.to_string(),
                state.last_event().map_or(0, |e| e.0),
            );
        }
    }
    println!(
        "total: {} offices, {} events, {} receptions, {} registrations, {} deals, commission {}",
        args.offices,
        total.events,
        total.receptions,
        total.registrations,
        total.deals,
        total.commission
    );
    let rate = |d: Duration| events as f64 / d.as_secs_f64().max(1e-9);
    println!("1 thread:  {:.3?}  {:.0} events/s", one, rate(one));
    println!(
        "{} threads: {:.3?}  {:.0} events/s  ({:.0} events/s per thread)",
        args.threads,
        all,
        rate(all),
        rate(all) / args.threads as f64
    );
    println!(
        "speed-up on {} threads: {:.2}x (best of {} rounds each)",
        args.threads,
        one.as_secs_f64() / all.as_secs_f64().max(1e-9),
        args.rounds
    );
    ExitCode::SUCCESS
}

/// Each office's month of events.
mod offices {
    use anchang::gen::{GenConfig, Generator};
    use anchang::Event;

    /// Office `office`'s month, generated from the chain's `seed`: 12
    /// agents, 30 days of 60 visitors, 200 clients carried over (about
    /// 6,000 events). Offices are independent, so ids may repeat across
    /// them.
    pub fn month(seed: u64, office: u32) -> Vec<Event> {
        Generator::new(GenConfig::office_month(seed, office)).collect()
    }
}
