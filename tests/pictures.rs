//! The day as a picture (`examples/support/timeline.rs`): what it draws is
//! what the rules decided, row for row and mark for mark.

#[path = "../examples/support/timeline.rs"]
mod timeline;

use std::collections::BTreeSet;

use anchang::policy::Consequence;
use anchang::{jsonl, replay, Event, EventKind, Policy, What};

const DAY: &str = include_str!("../examples/data/day.jsonl");

fn day() -> Vec<Event> {
    jsonl::events(DAY.as_bytes())
        .map(|r| r.unwrap().1)
        .collect()
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

#[test]
fn the_timeline_draws_one_row_per_agent_of_the_day() {
    let events = day();
    let first = events[0].at.date();
    let agents: BTreeSet<_> = events
        .iter()
        .filter(|e| e.at.date() == first)
        .filter_map(|e| match &e.kind {
            EventKind::SignIn(s) => Some(s.agent),
            _ => None,
        })
        .collect();
    let svg = timeline::render_svg(&events, &Policy::p2());
    assert!(svg.starts_with("<svg"));
    assert_eq!(count(&svg, r#"class="agent-row""#), agents.len());
    for agent in &agents {
        assert!(
            svg.contains(&format!(r#"data-agent="{agent}""#)),
            "no row for {agent}"
        );
    }
}

#[test]
fn the_timeline_marks_every_reception_and_forfeit_of_the_day() {
    let events = day();
    let first = events[0].at.date();
    let policy = Policy::p2();
    let decisions = replay(&policy, &events).unwrap().decisions;
    let of_day = || decisions.iter().filter(|d| d.at.date() == first);
    let received = of_day()
        .filter(|d| {
            matches!(
                d.what,
                What::Received(_) | What::Greeted { agent: Some(_), .. }
            )
        })
        .count();
    let forfeits = of_day()
        .filter(|d| {
            matches!(
                d.what,
                What::PassedOver {
                    consequence: Consequence::Forfeit,
                    ..
                }
            )
        })
        .count();
    assert!(received > 20, "the shipped day receives visitors all day");
    let svg = timeline::render_svg(&events, &policy);
    // A reception is a circle of radius 5 (a make-up adds a ring around it).
    assert_eq!(count(&svg, r#"r="5""#), received);
    // A forfeit is a cross of two red lines.
    assert_eq!(count(&svg, r##"stroke="#c0392b""##), 2 * forfeits);
}

#[test]
fn an_empty_log_draws_an_empty_picture() {
    let svg = timeline::render_svg(&[], &Policy::p2());
    assert!(svg.contains("(no events)"));
    assert_eq!(count(&svg, "agent-row"), 0);
}
