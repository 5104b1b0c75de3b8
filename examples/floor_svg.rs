//! The day as an SVG timeline, on its own (the audit's `--svg` draws the
//! same picture).
//!
//! ```text
//! cargo run --example floor_svg -- examples/data/day.jsonl --svg out.svg
//! ```
//!
//! With no log it draws the shipped day; with no `--svg` it writes the
//! picture to standard output. It draws the log's first day, or the day
//! `--date YYYY-MM-DD` names (the whole log is replayed either way). `--policy p1|p2|p3` reads the day under
//! another preset (P2 by default). Lines the reader refuses are reported
//! and left out; lines the rules reject are left out of the picture and
//! counted in its footer.

#[path = "support/timeline.rs"]
mod timeline;

use std::process::ExitCode;

use anchang::{jsonl, Date, Lang, Policy};

const USAGE: &str =
    "usage: floor_svg [LOG.jsonl] [--svg FILE] [--policy p1|p2|p3] [--date YYYY-MM-DD]";

fn main() -> ExitCode {
    let (mut log, mut out, mut policy) = ("examples/data/day.jsonl".to_owned(), None, Policy::p2());
    let mut date: Option<Date> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--svg" => out = args.next(),
            "--policy" => match args.next().map(|p| p.parse::<Policy>()) {
                Some(Ok(p)) => policy = p,
                _ => {
                    eprintln!("--policy is p1, p2 or p3\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--date" => match args.next().map(|d| d.parse::<Date>()) {
                Some(Ok(d)) => date = Some(d),
                _ => {
                    eprintln!("--date takes YYYY-MM-DD\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if !arg.starts_with('-') => log = arg,
            _ => {
                eprintln!("unknown argument `{arg}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let text = match std::fs::read(&log) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {log}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut events = Vec::new();
    for read in jsonl::events(text.as_slice()) {
        match read {
            Ok((_, e)) => events.push(e),
            Err(e) => eprintln!("{log}: {}", e.message(Lang::En)),
        }
    }
    let svg = match date {
        Some(date) => timeline::render_day(&events, &policy, date),
        None => timeline::render_svg(&events, &policy),
    };
    match out {
        Some(path) => match std::fs::write(&path, svg) {
            Ok(()) => {
                eprintln!("wrote {path} ({} events)", events.len());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cannot write {path}: {e}");
                ExitCode::FAILURE
            }
        },
        None => {
            println!("{svg}");
            ExitCode::SUCCESS
        }
    }
}
