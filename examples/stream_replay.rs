//! Replays a JSON Lines log streamed line by line, holding only the state,
//! and reports what it cost in memory, counted by a counting global
//! allocator: the peak of live heap bytes over the replay, the state's
//! bytes at the end (and per registered client), and the process's peak
//! resident set as the kernel reports it. With `--keep`, every decision
//! is kept too, in a `DecisionLog` (compact, rendered on demand), and the
//! bytes it holds are counted.
//!
//! ```text
//! cargo run --release --all-features --example generate -- --days 334 --visitors 1100 --clients 0 > year.jsonl
//! cargo run --release --all-features --example stream_replay -- year.jsonl
//! cargo run --release --all-features --example stream_replay -- --keep year.jsonl
//! cargo run --all-features --example stream_replay      # a small generated log, in memory
//! ```

use std::io::BufRead;
use std::process::ExitCode;
use std::sync::atomic::Ordering::Relaxed;

use anchang::{jsonl, DecisionLog, Policy, State};

#[path = "support/counting.rs"]
mod counting;
use counting::{BLOCKS, LIVE, PEAK};

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// The process's peak resident set, from /proc (Linux), in bytes.
fn peak_rss() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn replay(reader: impl BufRead, keep: bool) -> Result<(), String> {
    let base = LIVE.load(Relaxed);
    let base_blocks = BLOCKS.load(Relaxed);
    PEAK.store(base, Relaxed);
    let mut state = State::new(Policy::p2());
    let mut decisions = Vec::with_capacity(256);
    let mut kept = DecisionLog::new();
    let (mut events, mut made, mut clients) = (0usize, 0usize, 0usize);
    for item in jsonl::events(reader) {
        let (line, e) = item.map_err(|e| e.to_string())?;
        decisions.clear();
        state
            .apply_into(&e, &mut decisions)
            .map_err(|err| format!("line {line}: {err}"))?;
        events += 1;
        made += decisions.len();
        if keep {
            kept.extend(&decisions);
        }
        if e.kind.tag() == "register" {
            clients += 1;
        }
    }
    drop(decisions);
    if keep {
        // Counted by what dropping it gives back.
        let with = LIVE.load(Relaxed);
        let held = kept.len();
        drop(kept);
        let bytes = with - LIVE.load(Relaxed);
        println!(
            "decisions kept in a DecisionLog: {held}, {:.1} MB, {} B each",
            mb(bytes),
            bytes / held.max(1)
        );
    }
    let state_bytes = LIVE.load(Relaxed) - base;
    let blocks = BLOCKS.load(Relaxed).saturating_sub(base_blocks);
    let peak = PEAK.load(Relaxed) - base;
    println!("{events} events, {made} decisions, {clients} registrations");
    println!(
        "heap: peak {:.1} MB during the replay; state {:.1} MB at the end ({} B per registration); peak - state = {:.1} MB",
        mb(peak),
        mb(state_bytes),
        state_bytes / clients.max(1),
        mb(peak.saturating_sub(state_bytes)),
    );
    // What the resident set holds beyond the bytes counted: the system
    // allocator's header and rounding on each of these.
    println!(
        "allocations live in the state: {blocks} ({:.1} per registration)",
        blocks as f64 / clients.max(1) as f64
    );
    if let Some(rss) = peak_rss() {
        println!("peak resident set: {:.1} MB", mb(rss));
    }
    std::hint::black_box(state);
    Ok(())
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let keep = args.iter().any(|a| a == "--keep");
    args.retain(|a| a != "--keep");
    let result = match args.first() {
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => replay(std::io::BufReader::with_capacity(1 << 16, f), keep),
            Err(e) => Err(format!("{path}: {e}")),
        },
        None => {
            use anchang::gen::{GenConfig, Generator};
            let text: String = Generator::new(GenConfig::new(0).days(2).clients(200))
                .map(|e| jsonl::to_line(&e) + "\n")
                .collect();
            replay(text.as_bytes(), keep)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
