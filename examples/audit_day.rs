//! Audits a recorded day against the policy: who received whom out of
//! turn, another agent's client taken without consent, receptions never
//! registered, off-shift and double receptions, make-ups never given,
//! lapsed clients taken as one's own, overdue follow-ups, and the visit
//! funnel's own rules (P4-2, P4-3, P4-4, P4-6); then the fairness report
//! and the funnel. The shipped log holds a violation of each kind.
//!
//! ```text
//! cargo run --all-features --example audit_day                 # examples/data/audit_day.jsonl, P2, 中文
//! cargo run --all-features --example audit_day -- --lang en
//! cargo run --all-features --example audit_day -- --json       # one JSON object: findings, fairness, funnel
//! cargo run --all-features --example audit_day -- --compare p1 # and the same day under P1, side by side
//! cargo run --all-features --example audit_day -- --svg day.svg # and the day as an SVG timeline
//! ```

use std::process::ExitCode;

use anchang::{audit, Event, Lang, Policy};

#[path = "support/cli.rs"]
mod cli;

#[path = "support/timeline.rs"]
mod timeline;

const USAGE: &str = "\
usage: audit_day [--policy p1|p2|p3|FILE] [--compare p1|p2|p3|FILE] [--lang zh|en] [--json] [--svg FILE] [LOG]

Audits a JSON Lines log (default: examples/data/audit_day.jsonl) against the
policy and prints every finding with its time, event, rule ids and reason,
then the fairness report per agent and the visit funnel.

  --policy P     the policy audited against: a preset, or a partial policy
                 file (JSON) laid over P2 (default p2)
  --compare P    also replay the day under P and show where assignments,
                 counts and commission differ
  --lang zh|en   the language of the findings (default zh)
  --json         one JSON object instead, for other programs
  --svg FILE     also write the log's first day as an SVG timeline: a row
                 per agent, coloured by status, a mark per reception, skip,
                 forfeit (轮空) and make-up (补接), and the waiting visitors
  --help         this text";

fn policy(arg: &str) -> Result<Policy, String> {
    match arg {
        "p1" => Ok(Policy::p1()),
        "p2" => Ok(Policy::p2()),
        "p3" => Ok(Policy::p3()),
        path => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            Policy::p2()
                .overlay_json(&text)
                .map_err(|e| format!("{path}: {e}"))
        }
    }
}

struct Args {
    policy: Policy,
    compare: Option<Policy>,
    lang: Lang,
    json: bool,
    svg: Option<String>,
    path: String,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = Args {
        policy: Policy::p2(),
        compare: None,
        lang: Lang::Zh,
        json: false,
        svg: None,
        path: concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/audit_day.jsonl").to_owned(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--policy" => args.policy = policy(&value()?)?,
            "--compare" => args.compare = Some(policy(&value()?)?),
            "--lang" => {
                args.lang = match value()?.as_str() {
                    "zh" => Lang::Zh,
                    "en" => Lang::En,
                    other => return Err(format!("unknown language {other}")),
                }
            }
            "--json" => args.json = true,
            "--svg" => args.svg = Some(value()?),
            "--help" | "-h" => return Ok(None),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => args.path = path.to_owned(),
        }
    }
    Ok(Some(args))
}

fn fen(f: anchang::Fen) -> String {
    format!("{}.{:02}", f.0 / 100, (f.0 % 100).abs())
}

fn print_comparison(c: &audit::Comparison, lang: Lang) {
    let zh = lang == Lang::Zh;
    let (a, b) = &c.policies;
    if zh {
        println!("\n同一天按 {a} 与 {b} 分配的对比");
    } else {
        println!("\nThe same day under {a} and {b}");
    }
    if c.differences.is_empty() {
        println!(
            "  {}",
            if zh {
                "分配完全相同"
            } else {
                "every assignment is the same"
            }
        );
    }
    let who = |x: &Option<anchang::AgentId>| x.map_or("-".to_owned(), |a| a.to_string());
    for d in &c.differences {
        println!(
            "  {:<6} {a}: {:<8} {b}: {}",
            d.visitor.to_string(),
            who(&d.first),
            who(&d.second)
        );
    }
    for (agent, ch) in &c.agents {
        println!(
            "  {:<10} {} {} -> {}   {} {} -> {}",
            agent.as_str(),
            if zh { "计接待" } else { "counted" },
            ch.counted.0,
            ch.counted.1,
            if zh {
                "佣金(元)"
            } else {
                "commission (yuan)"
            },
            fen(ch.commission.0),
            fen(ch.commission.1),
        );
    }
}

fn main() -> ExitCode {
    let args = match cli::args_or_exit("audit_day", USAGE, parse_args) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let open = || std::fs::File::open(&args.path).map(std::io::BufReader::new);
    let file = match open() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{}: {e}", args.path);
            return ExitCode::FAILURE;
        }
    };
    let (report, summary) = match audit::audit_jsonl(&args.policy, file) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", e.message(args.lang));
            return ExitCode::FAILURE;
        }
    };
    // The comparison replays the events the log holds (lines that are no
    // event are findings of the audit already).
    let events = || -> Vec<Event> {
        open()
            .map(|f| {
                anchang::jsonl::events(f)
                    .filter_map(Result::ok)
                    .map(|(_, e)| e)
                    .collect()
            })
            .unwrap_or_default()
    };
    let comparison = args
        .compare
        .as_ref()
        .map(|other| audit::compare(&args.policy, other, events()));
    if let Some(path) = &args.svg {
        // The recorded day as it went (what did happen), drawn under the
        // policy audited against.
        let svg = timeline::render_svg(&events(), &args.policy);
        if let Err(e) = std::fs::write(path, svg) {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    if args.json {
        let value = serde_json::json!({
            "policy": args.policy.name,
            "summary": summary,
            "audit": report,
            "comparison": comparison,
        });
        println!("{value}");
        return ExitCode::SUCCESS;
    }
    print!("{}", report.render(args.lang));
    if let Some(c) = &comparison {
        print_comparison(c, args.lang);
    }
    ExitCode::SUCCESS
}
