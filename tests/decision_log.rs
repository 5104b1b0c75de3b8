//! The compact decision log (`DecisionLog`, issue 9) gives back every
//! decision exactly as it was pushed: the floor's decisions kept as a
//! shape and their ids, the registry's and the deals' kept whole, events
//! and times in any order.

use anchang::{jsonl, replay, Decision, DecisionLog, Event, Policy, State};
use proptest::prelude::*;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/");

fn read(name: &str) -> Vec<Event> {
    let file = std::fs::File::open(format!("{DATA}{name}")).expect("a shipped log");
    jsonl::events(std::io::BufReader::new(file))
        .map(|r| r.expect("a valid line").1)
        .collect()
}

/// Every decision of each shipped log that replays, under each preset.
fn shipped() -> Vec<Vec<Decision>> {
    let logs = [
        "day.jsonl",
        "clients.jsonl",
        "deals.jsonl",
        "audit_day.jsonl",
    ]
    .map(read);
    let mut out = Vec::new();
    for log in &logs {
        for policy in [Policy::p1(), Policy::p2(), Policy::p3()] {
            if let Ok(day) = replay(&policy, log) {
                out.push(day.decisions);
            }
        }
    }
    out
}

#[track_caller]
fn assert_gives_back(decisions: &[Decision]) {
    let log: DecisionLog = decisions.iter().collect();
    assert_eq!(log.len(), decisions.len());
    assert_eq!(log.iter().len(), decisions.len());
    for (i, (got, pushed)) in log.iter().zip(decisions).enumerate() {
        assert_eq!(&got, pushed, "decision {i} came back changed");
    }
}

#[test]
fn a_decision_log_gives_back_every_decision_of_the_shipped_logs() {
    let all = shipped();
    assert!(all.len() >= 8, "the shipped logs replay under the presets");
    for decisions in &all {
        assert_gives_back(decisions);
    }
}

#[cfg(feature = "gen")]
#[test]
fn a_decision_log_gives_back_every_decision_of_a_generated_log() {
    use anchang::gen::{generate, GenConfig, NamePool};
    for names in [NamePool::Common, NamePool::Distinct] {
        let log = generate(
            &GenConfig::new(7)
                .agents(12)
                .days(5)
                .visitors_per_day(90)
                .clients(200)
                .names(names),
        );
        for policy in [Policy::p1(), Policy::p2(), Policy::p3()] {
            let day = replay(&policy, &log).expect("a generated log replays");
            assert_gives_back(&day.decisions);
        }
    }
}

#[test]
fn a_decision_log_filled_by_a_streamed_replay_equals_the_replays_decisions() {
    let log = read("day.jsonl");
    let mut kept = DecisionLog::new();
    let mut state = State::new(Policy::p2());
    let applied = state.resume_with(&log, |d| kept.push(d)).unwrap();
    let whole = replay(&Policy::p2(), &log).unwrap();
    assert_eq!(applied, log.len());
    assert_eq!(kept, whole.decisions.iter().collect::<DecisionLog>());
    assert!(kept.iter().eq(whole.decisions));
}

#[cfg(feature = "serde")]
#[test]
fn a_decision_log_writes_and_reads_as_the_list_of_its_decisions() {
    let decisions = replay(&Policy::p1(), read("day.jsonl")).unwrap().decisions;
    let log: DecisionLog = decisions.iter().collect();
    let text = serde_json::to_string(&log).unwrap();
    assert_eq!(text, serde_json::to_string(&decisions).unwrap());
    let back: DecisionLog = serde_json::from_str(&text).unwrap();
    assert_eq!(back, log);
    assert_eq!(format!("{back:?}"), format!("{decisions:?}"));
}

proptest! {
    /// Any selection of decisions in any order, events and times going
    /// back as well as forth, comes back as pushed.
    #[test]
    fn decision_log_gives_back_decisions_in_any_order(
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..200),
    ) {
        static ALL: std::sync::OnceLock<Vec<Decision>> = std::sync::OnceLock::new();
        let all = ALL.get_or_init(|| shipped().concat());
        let chosen: Vec<Decision> = picks.iter().map(|i| i.get(all).clone()).collect();
        let log: DecisionLog = chosen.iter().collect();
        prop_assert_eq!(log.iter().collect::<Vec<_>>(), chosen);
    }
}
