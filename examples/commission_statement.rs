//! Prints the period's commission statement for each payee (each agent and
//! the site activity fund) from a JSON Lines log.
//!
//! ```text
//! cargo run --example commission_statement -- [LOG] [--policy p1|p2|p3]
//!     [--from 2026-03-01T00:00:00] [--to 2026-04-01T00:00:00] [--lang zh|en]
//! ```
//!
//! Defaults: the shipped log `examples/data/day.jsonl` (the one
//! `replay_day` replays), the P2 preset, March 2026, Chinese. The April
//! log of its own: `-- examples/data/deals.jsonl --policy p3 --from
//! 2026-04-01T00:00:00 --to 2026-05-01T00:00:00`.

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use anchang::jsonl::replay_reader;
use anchang::{Decision, Lang, Policy, Timestamp, What};

struct Args {
    log: String,
    policy: Policy,
    from: Timestamp,
    to: Timestamp,
    lang: Lang,
}

const USAGE: &str = "usage: commission_statement [LOG] [--policy p1|p2|p3] [--from TIME] [--to TIME] [--lang zh|en]";

fn parse() -> Result<Args, String> {
    let mut args = Args {
        log: concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl").into(),
        policy: Policy::p2(),
        from: "2026-03-01T00:00:00".parse().map_err(|e| format!("{e}"))?,
        to: "2026-04-01T00:00:00".parse().map_err(|e| format!("{e}"))?,
        lang: Lang::Zh,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "-h" | "--help" => return Err(USAGE.into()),
            "--policy" => {
                let v = value()?;
                let n = v.trim_start_matches(['p', 'P']).parse().unwrap_or(0);
                args.policy = Policy::preset(n).ok_or(format!("no preset {v}"))?;
            }
            "--from" => args.from = value()?.parse().map_err(|e| format!("--from: {e}"))?,
            "--to" => args.to = value()?.parse().map_err(|e| format!("--to: {e}"))?,
            "--lang" => {
                args.lang = match value()?.as_str() {
                    "en" => Lang::En,
                    _ => Lang::Zh,
                }
            }
            _ => args.log = a,
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let file = match File::open(&args.log) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}: {e}", args.log);
            return ExitCode::FAILURE;
        }
    };
    let day = match replay_reader(&args.policy, BufReader::new(file)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: {}", args.log, e.error);
            return ExitCode::FAILURE;
        }
    };
    let deal_decisions: Vec<&Decision> = day
        .decisions
        .iter()
        .filter(|d| matches!(d.what, What::Deal(_)))
        .collect();
    for d in deal_decisions {
        println!("{} {}", d.at, d.explain(args.lang));
    }
    println!();
    let statements = match day.state.deals().statements(args.from, args.to) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    for s in &statements {
        println!("{}", s.render(args.lang));
    }
    ExitCode::SUCCESS
}
