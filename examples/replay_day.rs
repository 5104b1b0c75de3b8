//! Replays a sales floor's log and prints every decision, day by day, each
//! busy day followed by a table of its agents. The shipped log is a busy
//! Monday (receptions, registrations, returning clients found by their
//! phone number) and the following days' follow-ups and deals.
//!
//! ```text
//! cargo run --example replay_day                       # examples/data/day.jsonl, P2, 中文
//! cargo run --example replay_day -- --policy p3 --lang en
//! cargo run --example replay_day -- --policy-file examples/data/office_policy.json
//! cargo run --example replay_day -- --json my-day.jsonl  # one JSON object per decision
//! ```

use std::io::Write;
use std::process::ExitCode;

use anchang::{jsonl, AgentId, Decision, Event, EventKind, Lang, Policy, State};

#[path = "support/cli.rs"]
mod cli;

const USAGE: &str = "\
usage: replay_day [--policy p1|p2|p3] [--policy-file FILE] [--lang zh|en] [--json] [FILE]

Replays a JSON Lines event log (default: examples/data/day.jsonl) and prints
each decision with its time, agent, rule ids and reason, day by day, with a
table of each agent's receptions after every day that had any.

  --policy p1|p2|p3  the preset to replay under (default p2)
  --policy-file FILE a partial policy (JSON) laid over the preset: only the
                     cells an office changes (examples/data/office_policy.json)
  --lang zh|en       the language of the reasons (default zh)
  --json             one JSON object per decision instead, for other programs
  --help             this text";

struct Args {
    policy: Policy,
    policy_file: Option<String>,
    lang: Lang,
    json: bool,
    path: String,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        policy: Policy::p2(),
        policy_file: None,
        lang: Lang::Zh,
        json: false,
        path: concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl").to_owned(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or(format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--json" => args.json = true,
            "--policy" => args.policy = value()?.parse().map_err(|e| format!("--policy: {e}"))?,
            "--policy-file" => args.policy_file = Some(value()?),
            "--lang" => args.lang = value()?.parse().map_err(|e| format!("--lang: {e}"))?,
            f if f.starts_with('-') && f.len() > 1 => return Err(format!("unknown flag `{f}`")),
            _ => args.path = arg,
        }
    }
    if let Some(path) = &args.policy_file {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        args.policy = args
            .policy
            .overlay_json(&text)
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(Some(args))
}

fn main() -> ExitCode {
    let args = match cli::args_or_exit("replay_day", USAGE, parse_args) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let text = match std::fs::read_to_string(&args.path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("replay_day: {}: {e}", args.path);
            return ExitCode::from(2);
        }
    };
    // Keep going past a rejected line: the week is printed whole and the
    // rejected lines are listed after it, each with its line and field.
    let options = jsonl::Options {
        keep_going: true,
        ..Default::default()
    };
    let day = match jsonl::replay_with(&args.policy, text.as_bytes(), &options) {
        Ok(day) => day,
        Err(e) => {
            // Only reading itself stops a keep-going replay.
            eprintln!("replay_day: {}: {}", args.path, e.error.message(args.lang));
            return ExitCode::FAILURE;
        }
    };
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        print_json(&mut out, &day, args.lang)
    } else {
        // The events of the lines not rejected: replayed again day by day
        // they make the same decisions (a rejected line changed nothing).
        let rejected: Vec<usize> = day.rejected.iter().map(jsonl::ReadError::line).collect();
        let events: Vec<Event> = jsonl::events(text.as_bytes())
            .filter_map(|r| r.ok())
            .filter(|(line, _)| !rejected.contains(line))
            .map(|(_, e)| e)
            .collect();
        print_text(&mut out, &args.policy, &events, args.lang)
            .and_then(|()| print_rejected(&mut out, &day, args.lang))
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("replay_day: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One JSON object per decision, with its sentence under `"text"`, then
/// one `{"rejected": error}` per rejected line and the `{"summary": ...}`.
fn print_json(mut out: impl Write, day: &jsonl::JsonlReplay, lang: Lang) -> std::io::Result<()> {
    for d in &day.decisions {
        let mut v = serde_json::to_value(d)?;
        if let serde_json::Value::Object(o) = &mut v {
            o.insert("text".into(), d.explain(lang).into());
        }
        writeln!(out, "{v}")?;
    }
    for e in &day.rejected {
        writeln!(out, "{}", serde_json::json!({ "rejected": e }))?;
    }
    writeln!(out, "{}", serde_json::json!({ "summary": day.summary }))
}

/// The lines that were not applied, each with its line, field, code and
/// what to do, and how many lines came to what.
fn print_rejected(
    mut out: impl Write,
    day: &jsonl::JsonlReplay,
    lang: Lang,
) -> std::io::Result<()> {
    let s = day.summary;
    if !day.rejected.is_empty() {
        match lang {
            Lang::Zh => writeln!(out, "== 未能读入的行（{} 行）==", day.rejected.len())?,
            _ => writeln!(out, "== lines not applied ({}) ==", day.rejected.len())?,
        }
        for e in &day.rejected {
            writeln!(out, "{}  [{}]", e.message(lang), e.code())?;
        }
        writeln!(out)?;
    }
    match lang {
        Lang::Zh => writeln!(
            out,
            "共 {} 行：已应用 {}，重复提交 {}，拒收 {}，空行或注释 {}",
            s.lines, s.applied, s.duplicates, s.rejected, s.skipped
        ),
        _ => writeln!(
            out,
            "{} lines: {} applied, {} duplicates, {} rejected, {} blank or comments",
            s.lines, s.applied, s.duplicates, s.rejected, s.skipped
        ),
    }
}

/// Each day's decisions, then a table of that day's agents (the presets
/// carry no counts across days, P3-1), for the days with receptions.
fn print_text(
    mut out: impl Write,
    policy: &Policy,
    events: &[Event],
    lang: Lang,
) -> std::io::Result<()> {
    let mut state = State::new(policy.clone());
    let mut rest = events;
    while let Some(first) = rest.first() {
        let date = first.at.date();
        let (today, later) = rest.split_at(rest.iter().take_while(|e| e.at.date() == date).count());
        rest = later;
        let day = state
            .resume(today)
            .map_err(|e| std::io::Error::other(e.error.to_string()))?;
        state = day.state;
        writeln!(out, "== {date} ({}) ==", state.policy().name)?;
        for d in &day.decisions {
            print_decision(&mut out, d, lang)?;
        }
        print_table(&mut out, &state, today, lang)?;
    }
    Ok(())
}

/// The day's receptions per agent signed in that day.
fn print_table(
    mut out: impl Write,
    state: &State,
    today: &[Event],
    lang: Lang,
) -> std::io::Result<()> {
    let signed_in: Vec<AgentId> = today
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SignIn(s) => Some(s.agent),
            _ => None,
        })
        .collect();
    let rows: Vec<_> = state
        .board()
        .agents()
        .into_iter()
        .filter(|a| signed_in.contains(&a.agent))
        .collect();
    if rows
        .iter()
        .all(|a| a.stats.counted + a.stats.uncounted == 0)
    {
        return Ok(());
    }
    let head: [&str; 8] = if lang == Lang::Zh {
        [
            "售楼员",
            "计接待",
            "不计",
            "被跳过",
            "轮空",
            "记补接",
            "用补接",
            "欠补接",
        ]
    } else {
        [
            "agent",
            "counted",
            "uncounted",
            "passed over",
            "forfeited",
            "make-ups",
            "used",
            "owed",
        ]
    };
    writeln!(out)?;
    let mut line = pad(head[0], 8);
    for h in &head[1..] {
        line.push_str(&lpad(h, 12));
    }
    writeln!(out, "{}", line.trim_end())?;
    for a in rows {
        let s = a.stats;
        let cells = [
            s.counted,
            s.uncounted,
            s.passed_over,
            s.forfeited,
            s.makeups_granted,
            s.makeups_used,
            a.makeups_owed,
        ];
        let mut line = pad(a.agent.as_str(), 8);
        for c in cells {
            line.push_str(&lpad(&c.to_string(), 12));
        }
        writeln!(out, "{line}")?;
    }
    writeln!(out)
}

/// `09:20:00  李明      [P1-1] 李明 接待 v01(按轮序,计一轮接待)`
fn print_decision(out: &mut impl Write, d: &Decision, lang: Lang) -> std::io::Result<()> {
    let (h, m, s) = d.at.hms();
    let agent = d.agent().map(|a| a.to_string()).unwrap_or_default();
    writeln!(
        out,
        "{h:02}:{m:02}:{s:02}  {}  {}",
        pad(&agent, 8),
        d.explain(lang)
    )
}

/// Terminal columns of `s`: CJK characters take two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// `s` padded with spaces to `cols` terminal columns.
fn pad(s: &str, cols: usize) -> String {
    let mut p = s.to_owned();
    for _ in width(s)..cols {
        p.push(' ');
    }
    p
}

/// `s` right-aligned in `cols` terminal columns.
fn lpad(s: &str, cols: usize) -> String {
    let mut p = " ".repeat(cols.saturating_sub(width(s)));
    p.push_str(s);
    p
}
