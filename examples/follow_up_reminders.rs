//! The follow-up reminder list a manager prints: per agent, the clients
//! whose protection lapses within the next N days (P2-2.13, P3-16, P3-19).
//!
//! Replays a JSON Lines log and prints the list, clients by id and
//! registration number only (P1-20):
//!
//! ```text
//! cargo run --example follow_up_reminders -- [--policy p1|p2|p3] [--days N] [--today YYYY-MM-DD] [FILE]
//! ```
//!
//! Defaults: the P2 preset, 5 days, the date of the log's last event, and
//! the shipped log `examples/data/day.jsonl` (the one `replay_day`
//! replays). `examples/data/clients.jsonl` is a fortnight of registrations
//! only.

use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;

use anchang::jsonl;
use anchang::policy::Lapse;
use anchang::{Date, Policy};

#[path = "support/cli.rs"]
mod cli;

struct Args {
    policy: Policy,
    days: u32,
    today: Option<Date>,
    file: String,
}

const USAGE: &str =
    "usage: follow_up_reminders [--policy p1|p2|p3] [--days N] [--today YYYY-MM-DD] [FILE]";

fn args() -> Result<Option<Args>, String> {
    let mut a = Args {
        policy: Policy::p2(),
        days: 5,
        today: None,
        file: concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl").into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--policy" => {
                let v = value()?;
                let n = v.trim_start_matches(['p', 'P']).parse().ok();
                a.policy = n
                    .and_then(Policy::preset)
                    .ok_or(format!("unknown policy {v}"))?;
            }
            "--days" => a.days = value()?.parse().map_err(|e| format!("--days: {e}"))?,
            "--today" => a.today = Some(value()?.parse().map_err(|e| format!("--today: {e}"))?),
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => a.file = arg,
        }
    }
    Ok(Some(a))
}

fn lapse(l: Lapse) -> String {
    match l {
        Lapse::Never => "no lapse".into(),
        Lapse::Inactivity { days } => format!("more than {days} days without a contact"),
        Lapse::FromRegistration { days } => format!("{days} days from registration"),
        Lapse::CalendarMonths { months } => format!("{months} calendar month(s) from registration"),
        _ => "a lapse rule".into(),
    }
}

fn main() -> ExitCode {
    let a = match cli::args_or_exit("follow_up_reminders", USAGE, args) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let file = match File::open(&a.file) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}: {e}", a.file);
            return ExitCode::FAILURE;
        }
    };
    let day = match jsonl::replay_reader(&a.policy, BufReader::new(file)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}: {e}", a.file);
            return ExitCode::FAILURE;
        }
    };
    let Some(today) = a.today.or(day.state.clock().map(|c| c.date())) else {
        eprintln!("{}: the log is empty", a.file);
        return ExitCode::FAILURE;
    };
    let cell = a.policy.lapse;
    println!(
        "Follow-up reminders on {today}: protection lapsing in the next {} days",
        a.days
    );
    println!(
        "(policy {}: {} [{}])",
        a.policy.name,
        lapse(cell.value),
        cell.rules
    );
    let list = day.state.registry().reminders(today, a.days);
    if list.is_empty() {
        println!("nobody's clients lapse soon");
    }
    for agent in list {
        println!("{}", agent.agent);
        for r in agent.clients {
            println!(
                "  #{:<3} {:<8} protected through {}, lapses {} (in {} day{})",
                r.number,
                r.client.to_string(),
                r.protected_through,
                r.lapses_on,
                r.days_left,
                if r.days_left == 1 { "" } else { "s" }
            );
        }
    }
    ExitCode::SUCCESS
}
