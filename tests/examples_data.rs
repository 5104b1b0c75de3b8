//! The shipped log (examples/data/day.jsonl: a busy Monday, then the
//! following days' follow-ups and deals) replays under every preset, and
//! facts known from its making still hold: a broken data file or a changed
//! engine shows here before it shows in the README's first command.

use std::collections::BTreeSet;
use std::io::BufReader;

use anchang::attribution::{Payee, Rejection, ShareReason, Stage};
use anchang::event::{AwayReason, EventKind};
use anchang::policy::{Placement, Policy};
use anchang::queue::Status;
use anchang::registry::{Fact, IdentifiedBy};
use anchang::{
    jsonl, ClientDecision, Date, DealDecision, Decision, Event, Fen, Replay, Timestamp, Via,
    WaitReason, What,
};

const DAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/day.jsonl");

/// The busy Monday that opens the log; later days are quieter.
fn monday() -> Date {
    "2026-03-02".parse().unwrap()
}

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

/// The first day alone: the presets carry no counts across days (P3-1), so
/// the board's tallies are read before the next date closes the day.
fn first_day(policy: Policy) -> Replay {
    let name = policy.name.clone();
    let log: Vec<Event> = events()
        .into_iter()
        .filter(|e| e.at.date() == monday())
        .collect();
    anchang::replay(&policy, &log).unwrap_or_else(|e| panic!("{name}: {}", e.error))
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
    assert!(log.windows(2).all(|w| w[0].id < w[1].id));
    // The first event of a new date closes the day before: every later day
    // opens with its sign-ins.
    let mut days = 1;
    for w in log.windows(2) {
        if w[0].at.date() != w[1].at.date() {
            days += 1;
            assert!(
                matches!(w[1].kind, EventKind::SignIn(_)),
                "{} opens with event #{}",
                w[1].at.date(),
                w[1].id
            );
        }
    }
    assert!(days >= 5, "{days} days");
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
        let stats = first_day(r.state.policy().clone())
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

    let p2 = first_day(Policy::p2());
    assert!(errand_makeup(&p2));
    assert_eq!(
        first_after_return(&p2),
        Some(Via::MakeUp {
            placement: Placement::Head
        })
    );
    assert!(p2.state.board().agent(huang).unwrap().stats.makeups_used >= 1);

    let p1 = first_day(Policy::p1());
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
        let r = first_day(p);
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

fn has_rule(d: &Decision, id: &str) -> bool {
    d.rules.as_slice().iter().any(|r| r.id() == id)
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Returning clients whose arrival gives only a phone number, written
/// differently from their registration: the registry finds them, and P2
/// routes each to its owner.
#[test]
fn under_p2_a_client_identified_by_phone_goes_to_its_owner() {
    let log = events();
    let r = day(Policy::p2());
    let cases = [
        ("v37", "C001", "李明"),
        ("v68", "C006", "黄磊"),
        ("v71", "C002", "王芳"),
    ];
    for (visitor, client, owner) in cases {
        let (visitor, client, owner) = (
            visitor.parse().unwrap(),
            client.parse().unwrap(),
            owner.parse().unwrap(),
        );
        let arrive = log
            .iter()
            .find_map(|e| match &e.kind {
                EventKind::Arrive(a) if a.visitor == visitor => Some(a),
                _ => None,
            })
            .expect("the arrival");
        assert!(
            arrive.phone.is_some() && arrive.returning.is_none() && arrive.client.is_none(),
            "{visitor}: the log gives a phone number, not the owner"
        );
        assert!(
            r.decisions.iter().any(|d| d.what
                == What::Client(ClientDecision::Identified {
                    visitor,
                    client,
                    owner,
                    by: IdentifiedBy::Phone,
                })),
            "{visitor} is not identified as {client} by phone"
        );
        let received = r
            .decisions
            .iter()
            .find(|d| matches!(&d.what, What::Received(x) if x.visitor == visitor))
            .expect("received");
        let What::Received(x) = &received.what else {
            unreachable!()
        };
        assert_eq!((x.agent, x.via), (owner, Via::Owner), "{visitor}");
        assert!(
            has_rule(received, "P2-3.2") || has_rule(received, "P2-3.8"),
            "{visitor}: {}",
            received.rules
        );
    }
}

/// C004 is registered without needs, C008 with a ten-digit mobile number:
/// both are kept, reported with what they lack, and own nothing (P2-2.1).
#[test]
fn invalid_registrations_are_reported_with_the_missing_fact() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let missing = |client: &str| -> Vec<(Fact, bool)> {
            let client = client.parse().unwrap();
            r.decisions
                .iter()
                .find_map(|d| match &d.what {
                    What::Client(ClientDecision::Invalid { client: c, missing })
                        if *c == client =>
                    {
                        assert!(has_rule(d, "P2-2.1"), "{name}: {}", d.rules);
                        Some(
                            missing
                                .iter()
                                .map(|m| (m.fact, m.problem.is_some()))
                                .collect(),
                        )
                    }
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{name}: {client} is not reported invalid"))
        };
        assert_eq!(missing("C004"), vec![(Fact::Needs, false)], "{name}");
        assert_eq!(missing("C008"), vec![(Fact::Phone, true)], "{name}");
        let owned = count(&r, |w| {
            matches!(w, What::Client(ClientDecision::Owned { client, .. })
                if ["C004", "C008"].contains(&client.as_str()))
        });
        assert_eq!(owned, 0, "{name}");
    }
}

/// 赵敏's objection to D1 and 黄磊's to D3 come inside the 72 hours and are
/// accepted; 李明's to D2 comes after them and is rejected (P2-1.5).
#[test]
fn the_objection_inside_the_window_is_accepted_and_the_late_one_rejected() {
    let r = day(Policy::p2());
    let mut accepted: Vec<(String, String)> = Vec::new();
    let mut rejected = Vec::new();
    for d in &r.decisions {
        match &d.what {
            What::Deal(DealDecision::ObjectionAccepted { deal, agent, .. }) => {
                accepted.push((deal.to_string(), agent.to_string()));
            }
            What::Deal(DealDecision::ObjectionRejected { deal, agent, why }) => {
                assert!(has_rule(d, "P2-1.5"), "{}", d.rules);
                assert!(matches!(why, Rejection::WindowClosed { .. }), "{why:?}");
                rejected.push((deal.to_string(), agent.to_string(), d.at));
            }
            _ => {}
        }
    }
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(accepted, [s("D1", "赵敏"), s("D3", "黄磊")]);
    assert_eq!(rejected.len(), 1);
    let (deal, agent, when) = &rejected[0];
    assert_eq!((deal.as_str(), agent.as_str()), ("D2", "李明"));
    let d2 = r.state.deals().deal("D2".parse().unwrap()).unwrap();
    assert!(*when > d2.window_closes());
}

/// The stand-in 黄磊 closed 李明's client C001 (D2): P3 shares the deal
/// between them (P3-4); P2 credits the closer and flags the owner.
#[test]
fn the_stand_in_deal_is_shared_under_p3() {
    let d2 = "D2".parse().unwrap();
    let p3 = day(Policy::p3());
    let shares: Vec<(Option<String>, ShareReason)> = p3
        .state
        .deals()
        .deal(d2)
        .unwrap()
        .shares()
        .iter()
        .map(|s| (s.payee.agent().map(|a| a.to_string()), s.reason))
        .collect();
    assert_eq!(shares.len(), 2, "{shares:?}");
    assert!(
        shares.contains(&(Some("李明".into()), ShareReason::Owner)),
        "{shares:?}"
    );
    assert!(
        shares.iter().any(|(a, r)| a.as_deref() == Some("黄磊")
            && matches!(r, ShareReason::StandIn | ShareReason::Closer)),
        "{shares:?}"
    );

    let p2 = day(Policy::p2());
    assert!(p2.decisions.iter().any(|d| matches!(&d.what,
        What::Deal(DealDecision::ClaimFlagged { deal, agent, .. })
            if *deal == d2 && agent.as_str() == "李明")));
}

/// D3 stays disputed after the manager's ruling: its whole commission goes
/// to the site activity fund (P2-1.6), and the agents keep none of it.
#[test]
fn the_confiscated_deal_pays_the_site_fund() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let d3 = r.state.deals().deal("D3".parse().unwrap()).unwrap();
        assert!(
            r.decisions.iter().any(|d| d.what
                == What::Deal(DealDecision::Confiscated {
                    deal: d3.id(),
                    amount: d3.commission(),
                })
                && has_rule(d, "P2-1.6")),
            "{name}"
        );
        assert_eq!(
            d3.shares().iter().map(|s| s.payee).collect::<Vec<_>>(),
            [Payee::SiteFund],
            "{name}"
        );
        if d3.is_earned() {
            let fund = r
                .state
                .deals()
                .statement(
                    Payee::SiteFund,
                    at("2026-03-01T00:00:00"),
                    at("2026-04-01T00:00:00"),
                )
                .unwrap();
            assert_eq!(fund.total, d3.commission(), "{name}");
        }
    }
}

/// D4 is signed and then cancelled: what it paid is clawed back, and its
/// unit is free again for D5.
#[test]
fn the_cancellation_claws_back_and_frees_the_unit() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let book = r.state.deals();
        let d4 = book.deal("D4".parse().unwrap()).unwrap();
        assert_eq!(d4.stage(), Stage::Cancelled, "{name}");
        assert!(r.decisions.iter().any(|d| d.what
            == What::Deal(DealDecision::Cancelled {
                deal: d4.id(),
                unit: d4.unit(),
            })));
        let clawed: Fen = r
            .decisions
            .iter()
            .filter_map(|d| match &d.what {
                What::Deal(DealDecision::ClawedBack { deal, amount, .. }) if *deal == d4.id() => {
                    Some(*amount)
                }
                _ => None,
            })
            .fold(Fen::ZERO, |a, b| a.checked_add(b).unwrap());
        // Signed, so earned under every preset: all of it comes back.
        assert_eq!(
            clawed,
            Fen::ZERO.checked_sub(d4.commission()).unwrap(),
            "{name}"
        );
        assert_eq!(
            book.unit_holder(d4.unit()),
            Some("D5".parse().unwrap()),
            "{name}"
        );
    }
}

/// The period's statements add up to the commission of the live, earned
/// deals: a ruling moves money between payees, a cancellation takes it
/// back, and nothing is lost or paid twice.
#[test]
fn statement_totals_equal_the_commissions_of_live_deals() {
    for p in presets() {
        let name = p.name.clone();
        let r = day(p);
        let book = r.state.deals();
        let statements = book
            .statements(at("2026-03-01T00:00:00"), at("2026-04-01T00:00:00"))
            .unwrap();
        let paid = statements
            .iter()
            .fold(Fen::ZERO, |a, s| a.checked_add(s.total).unwrap());
        let live: Vec<_> = book
            .deals()
            .filter(|d| d.stage() != Stage::Cancelled && d.is_earned())
            .collect();
        let owed = live
            .iter()
            .fold(Fen::ZERO, |a, d| a.checked_add(d.commission()).unwrap());
        assert_eq!(paid, owed, "{name}");
        assert!(paid > Fen::ZERO, "{name}");
        if name == "P2" {
            // P2 earns at the deposit: all four live deals are paid.
            assert_eq!(live.len(), 4, "{name}");
            assert!(statements.iter().any(|s| s.payee == Payee::SiteFund));
        }
    }
}
