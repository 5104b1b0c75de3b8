//! Writes a generated log (feature `gen`) as JSON Lines to standard output:
//! a simulated office, for trying the engine on months of activity.
//!
//! ```text
//! cargo run --release --all-features --example generate -- --days 334 --visitors 1100 > year.jsonl
//! cargo run --release --all-features --example generate -- --seed 7 --agents 12 --clients 5000 --distinct
//! ```

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anchang::gen::{GenConfig, Generator, NamePool};
use anchang::jsonl;

const USAGE: &str = "\
usage: generate [--seed N] [--agents N] [--days N] [--visitors N] [--clients N] [--distinct]

Writes a seeded, realistic log that presets P1, P2 and P3 all accept, one
JSON object per line (default: seed 0, 30 agents, 2 days, 120 visitors a
day, 1,000 clients carried over, common names).";

fn main() -> ExitCode {
    let mut config = GenConfig::new(0).days(2);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--distinct" {
            config.names = NamePool::Distinct;
            continue;
        }
        if flag == "--help" {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        let Some(n) = args.next().and_then(|v| v.parse::<u64>().ok()) else {
            eprintln!("{flag} needs a number\n{USAGE}");
            return ExitCode::FAILURE;
        };
        let small = |n: u64| u16::try_from(n).unwrap_or(u16::MAX);
        match flag.as_str() {
            "--seed" => config.seed = n,
            "--agents" => config.agents = small(n),
            "--days" => config.days = small(n),
            "--visitors" => config.visitors_per_day = small(n),
            "--clients" => config.clients = u32::try_from(n).unwrap_or(u32::MAX),
            _ => {
                eprintln!("unknown argument {flag}\n{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    let out = std::io::stdout().lock();
    let mut out = BufWriter::new(out);
    for e in Generator::new(config) {
        if writeln!(out, "{}", jsonl::to_line(&e)).is_err() {
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
