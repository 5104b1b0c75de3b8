//! Properties of the client registry (issue 3), each named after the
//! invariant it guards, and a chrono cross-check of the civil date
//! arithmetic lapse relies on. Case counts come from
//! `ANCHANG_PROPTEST_CASES` (default 64).

use anchang::event::*;
use anchang::policy::{Lapse, Policy};
use anchang::registry::{ClaimReason, Holder};
use anchang::{ClientDecision, Date, Phone, Via};
use proptest::prelude::*;

use crate::support::*;

fn cases() -> u32 {
    std::env::var("ANCHANG_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

const CLIENTS: [&str; 5] = ["c0", "c1", "c2", "c3", "c4"];
const PHONES: [&str; 4] = ["13900000000", "13900000001", "13900000002", "13900000003"];

/// One registry-relevant event, by indexes into the fixtures.
#[derive(Debug, Clone)]
enum Op {
    Register {
        c: usize,
        a: usize,
        phone: usize,
        valid: bool,
    },
    FollowUp {
        c: usize,
        a: usize,
    },
    Switch {
        c: usize,
        a: usize,
        poor: bool,
    },
    Depart {
        a: usize,
    },
    Reassign {
        c: usize,
        a: usize,
    },
    Designate {
        c: usize,
    },
    Link {
        c: usize,
        d: usize,
        spouse: bool,
    },
    Days(u8),
}

fn op() -> impl Strategy<Value = Op> {
    let c = 0..CLIENTS.len();
    let a = 0..FOUR.len();
    prop_oneof![
        3 => (c.clone(), a.clone(), 0..PHONES.len(), prop::bool::weighted(0.8))
            .prop_map(|(c, a, phone, valid)| Op::Register { c, a, phone, valid }),
        2 => (c.clone(), a.clone()).prop_map(|(c, a)| Op::FollowUp { c, a }),
        1 => (c.clone(), a.clone(), any::<bool>()).prop_map(|(c, a, poor)| Op::Switch { c, a, poor }),
        1 => a.clone().prop_map(|a| Op::Depart { a }),
        1 => (c.clone(), a.clone()).prop_map(|(c, a)| Op::Reassign { c, a }),
        1 => c.clone().prop_map(|c| Op::Designate { c }),
        1 => (c.clone(), c, any::<bool>()).prop_map(|(c, d, spouse)| Op::Link { c, d, spouse }),
        2 => (0u8..15).prop_map(Op::Days),
    ]
}

fn kind(op: &Op) -> Option<anchang::EventKind> {
    Some(match *op {
        Op::Register { c, a, phone, valid } => {
            let mut r = registration(CLIENTS[c], FOUR[a], PHONES[phone]);
            if !valid {
                r.needs = None;
            }
            r.into()
        }
        Op::FollowUp { c, a } => FollowUp {
            client: client(CLIENTS[c]),
            agent: agent(FOUR[a]),
        }
        .into(),
        Op::Switch { c, a, poor } => SwitchAgent {
            client: client(CLIENTS[c]),
            to: agent(FOUR[a]),
            reason: if poor {
                SwitchReason::PoorService
            } else {
                SwitchReason::Other
            },
        }
        .into(),
        Op::Depart { a } => Depart {
            agent: agent(FOUR[a]),
        }
        .into(),
        Op::Reassign { c, a } => Reassign {
            client: client(CLIENTS[c]),
            to: agent(FOUR[a]),
        }
        .into(),
        Op::Designate { c } => Designate {
            client: client(CLIENTS[c]),
        }
        .into(),
        Op::Link { c, d, spouse } => LinkFamily {
            client: client(CLIENTS[c]),
            other: client(CLIENTS[d]),
            spouse,
        }
        .into(),
        Op::Days(_) => return None,
    })
}

fn policy(i: usize) -> Policy {
    [Policy::p1(), Policy::p2(), Policy::p3()][i].clone()
}

/// Applies `ops`, moving the clock on `Days`; rejected events are skipped.
/// Calls `check` after every step.
fn run(p: Policy, ops: &[Op], mut check: impl FnMut(&Floor)) -> Floor {
    let mut f = Floor::given_on(p, "2026-03-02T09:00:00", &FOUR);
    for op in ops {
        match kind(op) {
            Some(k) => {
                let before = f.state.clone();
                if f.try_when(k).is_err() {
                    assert_eq!(f.state, before, "a rejected event changed the state");
                }
            }
            None => {
                if let Op::Days(d) = op {
                    f.clock = f.clock.plus_seconds(i64::from(*d) * 86_400);
                }
            }
        }
        check(&f);
    }
    f
}

fn invariant_holds(f: &Floor) {
    let Some(now) = f.state.clock() else { return };
    let reg = f.state.registry();
    for c in CLIENTS.map(client) {
        if !reg.knows(c) {
            continue;
        }
        let valid = reg.missing(c).unwrap().is_empty() && reg.flagged_duplicate_of(c).is_none();
        let lapsed = reg.protected_through(c).is_some_and(|d| now.date() > d);
        let owner = reg.owner_of(c, now);
        let claims = reg.claims(c, now);
        let owner_claims = claims
            .iter()
            .filter(|k| k.reason == ClaimReason::Owner)
            .count();
        if !valid {
            assert_eq!(owner, None, "{c} is invalid yet owned");
            assert_eq!(reg.holder(c), None, "{c} is invalid yet held");
            assert_eq!(owner_claims, 0);
        } else if !lapsed {
            let holder = reg
                .holder(c)
                .unwrap_or_else(|| panic!("{c} valid, unlapsed, unheld"));
            match holder {
                Holder::Agent { agent } => assert_eq!(owner, Some(agent)),
                Holder::Pool { .. } => assert_eq!(owner, None),
                _ => unreachable!(),
            }
            assert!(owner_claims <= 1);
            assert_eq!(owner_claims == 1, owner.is_some());
        } else {
            assert_eq!(owner, None, "{c} lapsed yet owned");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Every valid, unlapsed client has exactly one owner or is in the
    /// manager's pool, at every point; an invalid registration never owns;
    /// a rejected event leaves the state exactly as it was.
    #[test]
    fn every_valid_unlapsed_client_has_one_owner_or_is_pooled(
        p in 0usize..3,
        ops in prop::collection::vec(op(), 1..40),
    ) {
        run(policy(p), &ops, invariant_holds);
    }

    /// Ownership is a function of the log: replaying it gives the same
    /// state and the same decisions.
    #[test]
    fn ownership_is_a_function_of_the_log(
        p in 0usize..3,
        ops in prop::collection::vec(op(), 1..40),
    ) {
        let f = run(policy(p), &ops, |_| {});
        let again = anchang::replay(&policy(p), &f.log).unwrap();
        let once = anchang::replay(&policy(p), &f.log).unwrap();
        prop_assert_eq!(&again.state, &f.state);
        prop_assert_eq!(again.decisions, once.decisions);
    }

    /// The order of events about unrelated clients does not matter: two
    /// clients' histories interleaved in any two ways give each the same
    /// trail, owner and claims (round-robin proposals, which depend on order
    /// by design, are left out).
    #[test]
    fn order_of_unrelated_clients_events_does_not_matter(
        p in 0usize..3,
        a in prop::collection::vec((0usize..4, 0u8..4), 1..10),
        b in prop::collection::vec((0usize..4, 0u8..4), 1..10),
        mix1 in prop::collection::vec(any::<bool>(), 20),
        mix2 in prop::collection::vec(any::<bool>(), 20),
    ) {
        // (agent, what: register / follow-up / switch / poor-service switch)
        let script = |who: &str, phone: &str, steps: &[(usize, u8)]| {
            let mut out = vec![anchang::EventKind::from(registration(who, FOUR[steps[0].0], phone))];
            for &(ag, what) in &steps[1..] {
                let (c, a) = (client(who), agent(FOUR[ag]));
                out.push(match what {
                    0 => registration(who, FOUR[ag], phone).into(),
                    1 => FollowUp { client: c, agent: a }.into(),
                    2 => SwitchAgent { client: c, to: a, reason: SwitchReason::Other }.into(),
                    _ => SwitchAgent { client: c, to: a, reason: SwitchReason::PoorService }.into(),
                });
            }
            out
        };
        let sa = script("A", "13900000001", &a);
        let sb = script("B", "13900000002", &b);
        let play = |mix: &[bool]| {
            let (mut ia, mut ib) = (sa.iter(), sb.iter());
            let mut f = Floor::given(policy(p), &FOUR);
            let mut flips = mix.iter().cycle();
            loop {
                let take_a = *flips.next().unwrap();
                let next = if take_a { ia.next().or_else(|| ib.next()) } else { ib.next().or_else(|| ia.next()) };
                let Some(k) = next else { break };
                let _ = f.try_when(k.clone());
            }
            let end = f.state.clock().unwrap();
            let reg = f.state.registry();
            ["A", "B"].map(|c| {
                let trail: Vec<_> = reg.history(client(c)).iter().map(|h| (h.holder, h.reason, h.rules)).collect();
                let claims: Vec<_> = reg.claims(client(c), end).iter().map(|k| (k.agent, k.reason)).collect();
                (trail, reg.owner_of(client(c), end), claims)
            })
        };
        prop_assert_eq!(play(&mix1), play(&mix2));
    }

    /// Under a policy where contacts restart the clock, a client contacted
    /// at least every N days never lapses.
    #[test]
    fn contacted_every_n_days_never_lapses(
        n in 1u32..40,
        gaps in prop::collection::vec((0u32..=1000, 0u32..86_399), 1..25),
    ) {
        let mut p = Policy::p2();
        p.lapse.value = Lapse::Inactivity { days: n };
        let mut f = Floor::given_on(p, "2026-03-02T09:00:00", &["Li"]);
        f.register("c", "Li", "13900000001");
        let mut last = f.state.clock().unwrap().date();
        for (g, secs) in gaps {
            // At most n calendar days after the last contact, at any time of day.
            let day = last.add_days((g % (n + 1)) as i32);
            f.clock = day.start().plus_seconds(i64::from(secs)).max(f.clock);
            if f.clock.date() != day {
                continue;
            }
            last = day;
            let now = f.clock;
            prop_assert_eq!(f.state.registry().owner_of(client("c"), now), Some(agent("Li")));
            f.when(FollowUp { client: client("c"), agent: agent("Li") });
        }
    }

    /// A lapsed client that does not name its agent is routed as new; one
    /// that names it is its agent's (P2-2.13).
    #[test]
    fn lapsed_client_not_naming_its_agent_is_routed_as_new(
        owner in 0usize..4,
        extra in 0i32..200,
        names in any::<bool>(),
    ) {
        let mut f = Floor::given_on(Policy::p2(), "2026-03-02T09:00:00", &FOUR);
        f.register("c", FOUR[owner], "13900000001");
        let day = f.clock.date().add_days(21 + extra);
        f.day(&format!("{day}T10:00:00"), &FOUR);
        let d = f.arrive("v", |a| {
            a.phone = Some(Phone::new("139-0000-0001"));
            if names {
                a.named_agent = Some(agent(FOUR[owner]));
            }
        });
        let r = reception(&d, "v");
        if names {
            prop_assert_eq!(r.via, Via::Owner);
            prop_assert_eq!(r.agent, agent(FOUR[owner]));
        } else {
            prop_assert_eq!(r.via, Via::Rotation);
            let treated_as_new = client_decisions(&d)
                .iter()
                .any(|c| matches!(c, ClientDecision::TreatedAsNew { .. }));
            prop_assert!(treated_as_new);
        }
    }

    /// The same number written two ways is one client: a second
    /// registration crosses the first, and a visitor giving a third
    /// spelling is the first.
    #[test]
    fn same_number_written_two_ways_is_one_client(
        rest in "[3-9][0-9]{9}",
        ways in (0usize..8, 0usize..8, 0usize..8),
    ) {
        let digits = format!("1{rest}");
        let mut f = Floor::given(Policy::p3(), &FOUR);
        f.register("first", "Li", &spell(&digits, ways.0));
        let d = f.register("second", "Zhao", &spell(&digits, ways.1));
        let flagged = ClientDecision::DuplicateFlagged {
            client: client("second"),
            of: client("first"),
        };
        prop_assert!(client_decisions(&d).contains(&flagged));
        let d = f.arrive_with_phone("v", &spell(&digits, ways.2));
        prop_assert_eq!(reception(&d, "v").client, Some(client("first")));
        prop_assert_eq!(reception(&d, "v").agent, agent("Li"));
    }
}

/// A mobile's 11 digits written one of eight ways.
fn spell(d: &str, way: usize) -> String {
    let (a, b, c) = (&d[..3], &d[3..7], &d[7..]);
    match way {
        0 => d.to_owned(),
        1 => format!("{a} {b} {c}"),
        2 => format!("{a}-{b}-{c}"),
        3 => format!("+86 {a}-{b}-{c}"),
        4 => format!("0086{d}"),
        5 => format!("(+86) {a} {b} {c}"),
        6 => format!("86{d}"),
        _ => d
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap())
            .collect(),
    }
}

/// The core's civil date arithmetic agrees with chrono over many dates:
/// day offsets, day differences, and calendar months clamped to the
/// month's end (the lapse windows).
#[test]
fn date_arithmetic_agrees_with_chrono() {
    use chrono::{Datelike, Months, NaiveDate};
    let mut checked = 0;
    let start = Date::from_ymd(1900, 1, 1).unwrap();
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    // Every 7th day from 1900 to 2100, plus each month's last days.
    for k in (0..73_000).step_by(7).chain((0..2400).map(|m| m * 30 + 27)) {
        let ours = start.add_days(k);
        let theirs = first + chrono::Duration::days(i64::from(k));
        let (y, m, d) = ours.ymd();
        assert_eq!((y, m, d), (theirs.year(), theirs.month(), theirs.day()));
        for off in [1, 20, 21, 30, 31, 365, -30] {
            let o = ours.add_days(off);
            let t = theirs + chrono::Duration::days(i64::from(off));
            assert_eq!(o.ymd(), (t.year(), t.month(), t.day()));
            assert_eq!(o.days_since(ours), off);
        }
        for months in [1u32, 2, 12, 13] {
            let o = ours.add_months_clamped(months).ymd();
            let t = theirs.checked_add_months(Months::new(months)).unwrap();
            assert_eq!(
                o,
                (t.year(), t.month(), t.day()),
                "{ours} + {months} months"
            );
        }
        checked += 1;
    }
    assert!(checked > 10_000);
}
