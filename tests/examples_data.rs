//! The shipped day (examples/data/day.jsonl) replays under every preset,
//! and facts known from its making still hold: a broken data file or a
//! changed engine shows here before it shows in the README's first command.

use std::collections::BTreeSet;
use std::io::BufReader;

use anchang::event::{AwayReason, EventKind};
use anchang::policy::{Placement, Policy};
use anchang::queue::Status;
use anchang::{jsonl, Event, Replay, Via, WaitReason, What};

const DAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl");

fn events() -> Vec<Event> {
    let text = std::fs::read_to_string(DAY).expect("examples/data/day.jsonl");
    jsonl::events(text.as_bytes())
        .map(|r| r.map(|(_, e)| e).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn day(policy: Policy) -> Replay {
    let file = std::fs::File::open(DAY).expect("examples/data/day.jsonl");
    let name = policy.name.clone();
    jsonl::replay_reader(&policy, BufReader::new(file)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn presets() -> [Policy; 3] {
    [Policy::p1(), Policy::p2(), Policy::p3()]
}

fn count(r: &Replay, f: impl Fn(&What) -> bool) -> usize {
    r.decisions.iter().filter(|d| f(&d.what)).count()
}

#[test]
fn the_day_replays_under_every_preset_with_no_replayed_id() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        assert_eq!(
            count(&r, |w| matches!(w, What::Ignored { .. })),
            0,
            "{name}"
        );
    }
}

#[test]
fn the_day_is_as_the_example_promises() {
    let log = events();
    let signed_in: BTreeSet<_> = log
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::SignIn(s) => Some(s.agent),
            _ => None,
        })
        .collect();
    assert!((8..=12).contains(&signed_in.len()), "{}", signed_in.len());
    let arrivals = log
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Arrive(_)))
        .count();
    assert!(arrivals >= 60, "{arrivals}");
    assert!(log.windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn every_arrival_is_received_greeted_left_or_waiting_exactly_once() {
    let arrived: BTreeSet<_> = events()
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Arrive(a) => Some(a.visitor),
            _ => None,
        })
        .collect();
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let mut received = BTreeSet::new();
        let mut greeted = BTreeSet::new();
        let mut left = BTreeSet::new();
        for d in &r.decisions {
            match &d.what {
                What::Received(x) => {
                    received.insert(x.visitor);
                }
                What::Greeted { visitor, .. } => {
                    greeted.insert(*visitor);
                }
                What::LeftUnserved { visitor } => {
                    left.insert(*visitor);
                }
                _ => {}
            }
        }
        let waiting: BTreeSet<_> = r
            .state
            .board()
            .waiting()
            .iter()
            .map(|w| w.visit.visitor)
            .collect();
        let sets = [&received, &greeted, &left, &waiting];
        let total: usize = sets.iter().map(|s| s.len()).sum();
        assert_eq!(
            total,
            arrived.len(),
            "{name}: a visitor counted twice or lost"
        );
        let union: BTreeSet<_> = sets.iter().flat_map(|s| s.iter().copied()).collect();
        assert_eq!(union, arrived, "{name}");
        assert_eq!(
            greeted.len(),
            5,
            "{name}: three way-askers, one staff, one related business"
        );
        assert_eq!(left.len(), 1, "{name}");
    }
}

#[test]
fn visitors_wait_when_everyone_is_busy_and_for_a_named_agent() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let nobody = count(&r, |w| {
            matches!(
                w,
                What::Waits {
                    reason: WaitReason::NobodyFree,
                    ..
                }
            )
        });
        let named = count(&r, |w| {
            matches!(
                w,
                What::Waits {
                    reason: WaitReason::NamedBusy { .. },
                    ..
                }
            )
        });
        assert!(nobody >= 3, "{name}: {nobody} waits for a free agent");
        assert_eq!(named, 1, "{name}");
    }
}

#[test]
fn one_decline_and_one_takeover_under_every_preset() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let declines: Vec<_> = r
            .decisions
            .iter()
            .filter_map(|d| match &d.what {
                What::Declined { agent, .. } => Some(agent.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(declines, ["郑凯"], "{name}");
        let takeovers: Vec<_> = r
            .decisions
            .iter()
            .filter_map(|d| match &d.what {
                What::TakenOver { visitor, to, .. } => Some((visitor.to_string(), to.to_string())),
                _ => None,
            })
            .collect();
        assert_eq!(takeovers, [("v49".to_owned(), "黄磊".to_owned())], "{name}");
        let stats = r
            .state
            .board()
            .agent("郑凯".parse().unwrap())
            .unwrap()
            .stats;
        assert_eq!(stats.forfeited, 1, "{name}: a decline is 轮空");
    }
}

/// 黄磊 is sent on an errand at 10:12 and back at 11:32: P2-3.11 owes him a
/// make-up at the head, and he takes it with the next visitor; P1-1 owes
/// nothing.
#[test]
fn p2_owes_a_make_up_for_the_errand_and_p1_does_not() {
    let huang = "黄磊".parse().unwrap();
    let back = events()
        .iter()
        .find(|e| matches!(&e.kind, EventKind::Return(r) if r.agent == huang))
        .map(|e| e.at)
        .unwrap();
    let errand_makeup = |r: &Replay| {
        r.decisions.iter().any(|d| {
            d.rules.as_slice().iter().any(|x| x.id() == "P2-3.11")
                && match &d.what {
                    What::PassedOver {
                        agent,
                        reason,
                        owed,
                        ..
                    } => {
                        *agent == huang
                            && *reason == anchang::policy::PassReason::Away(AwayReason::Errand)
                            && *owed
                    }
                    What::MakeUpGranted { agent, .. } => *agent == huang,
                    _ => false,
                }
        })
    };
    let first_after_return = |r: &Replay| {
        r.decisions
            .iter()
            .filter(|d| d.at >= back)
            .find_map(|d| match &d.what {
                What::Received(x) if x.agent == huang => Some(x.via),
                _ => None,
            })
    };

    let p2 = day(Policy::p2());
    assert!(errand_makeup(&p2));
    assert_eq!(
        first_after_return(&p2),
        Some(Via::MakeUp {
            placement: Placement::Head
        })
    );
    assert!(p2.state.board().agent(huang).unwrap().stats.makeups_used >= 1);

    let p1 = day(Policy::p1());
    assert!(!errand_makeup(&p1));
    assert_eq!(first_after_return(&p1), Some(Via::Rotation));
    for a in p1.state.board().agents() {
        assert_eq!(
            a.stats.makeups_granted, 0,
            "P1-1: {} is owed nothing",
            a.agent
        );
    }
}

#[test]
fn by_evening_everyone_has_signed_out_and_nobody_waits() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let board = r.state.board();
        assert!(board.waiting().is_empty(), "{name}");
        assert!(
            board.makeups().is_empty(),
            "{name}: unused make-ups lapse at sign-out"
        );
        for a in board.agents() {
            assert_eq!(a.status, Status::SignedOut, "{name}: {}", a.agent);
        }
        let counted: u32 = board.agents().iter().map(|a| a.stats.counted).sum();
        assert!(counted >= 45, "{name}: {counted} counted receptions");
    }
}
