//! Replays a property front desk's day (P5) and prints each decision with
//! its time and rule ids, then the end-of-day report.
//!
//! `cargo run --example front_desk [-- --lang zh|en] [path/to/desk_log.jsonl]`

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use anchang::desk::jsonl::replay_reader;
use anchang::desk::DeskPolicy;
use anchang::Lang;

const DAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/desk_day.jsonl");

fn main() -> ExitCode {
    let mut lang = Lang::Zh;
    let mut path = DAY.to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--lang" => match args.next().as_deref() {
                Some("en") => lang = Lang::En,
                Some("zh") => lang = Lang::Zh,
                _ => {
                    eprintln!("--lang takes zh or en");
                    return ExitCode::FAILURE;
                }
            },
            other => path = other.to_owned(),
        }
    }
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let day = match replay_reader(&DeskPolicy::standard(), BufReader::new(file)) {
        Ok(day) => day,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    for d in &day.decisions {
        println!("{}  {}", d.at, d.explain(lang));
    }
    println!();
    let end = day
        .decisions
        .last()
        .map(|d| d.at.date().start().plus_seconds(86_399));
    if let Some(end) = end {
        print!("{}", day.state.report(end).render(lang));
    }
    ExitCode::SUCCESS
}
