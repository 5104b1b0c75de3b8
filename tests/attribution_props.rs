//! Properties of deal attribution, each named after the invariant it
//! guards. Case counts come from `ANCHANG_PROPTEST_CASES` (default 64).

use anchang::attribution::{commission, split};
use anchang::{BasisPoints, Fen};
use proptest::prelude::*;

pub fn cases() -> u32 {
    std::env::var("ANCHANG_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(64)
}

fn price() -> impl Strategy<Value = i64> {
    prop_oneof![1i64..=1_000_000_000_000, 1i64..=i64::MAX]
}

fn weights() -> impl Strategy<Value = Vec<u64>> {
    prop_oneof![
        prop::collection::vec(0u64..=10, 1..12),
        prop::collection::vec(0u64..=u64::MAX, 1..6),
    ]
    .prop_filter("some weight is positive", |w| w.iter().any(|x| *x > 0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// For any price, rate, developer factor and number of agents, shares
    /// sum to exactly 10,000 and amounts to exactly the commission.
    #[test]
    fn shares_sum_to_10000_and_amounts_to_the_commission(
        price in price(),
        rate in 0u32..=10_000,
        factor in prop_oneof![Just(10_000u32), Just(5_000u32), 0u32..=10_000],
        weights in weights(),
    ) {
        let total = commission(Fen(price), BasisPoints(rate), BasisPoints(factor)).unwrap();
        prop_assert!(total.0 <= price);
        let parts = split(&weights, total).unwrap();
        prop_assert_eq!(parts.len(), weights.len());
        prop_assert_eq!(parts.iter().map(|p| u64::from(p.share.0)).sum::<u64>(), 10_000);
        prop_assert_eq!(parts.iter().map(|p| i128::from(p.amount.0)).sum::<i128>(), i128::from(total.0));
    }

    /// No share or amount is negative, and each is within one unit of its
    /// exact ratio (computed from the weights, not the rounded shares); a
    /// zero weight gets nothing.
    #[test]
    fn no_share_is_negative_and_each_is_within_one_unit_of_exact(
        total in 0i64..=i64::MAX,
        weights in weights(),
    ) {
        let parts = split(&weights, Fen(total)).unwrap();
        let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
        for (w, p) in weights.iter().zip(&parts) {
            prop_assert!(p.amount.0 >= 0);
            let exact = u128::from(*w) * total as u128; // the amount × sum, exactly
            let got = p.amount.0 as u128 * sum;
            prop_assert!(got <= exact + sum && exact < got + sum, "{} fen for weight {}", p.amount.0, w);
            let exact_bp = u128::from(*w) * 10_000;
            let got_bp = u128::from(p.share.0) * sum;
            prop_assert!(got_bp <= exact_bp + sum && exact_bp < got_bp + sum);
            if *w == 0 {
                prop_assert_eq!((p.share.0, p.amount.0), (0, 0));
            }
        }
    }

    /// Reordering equal weights moves the odd units with the position, not
    /// with anything else: the split depends only on weights and order.
    #[test]
    fn equal_weights_give_the_odd_units_to_the_earliest(
        n in 1usize..12,
        total in 0i64..1_000_000,
    ) {
        let parts = split(&vec![1; n], Fen(total)).unwrap();
        let amounts: Vec<i64> = parts.iter().map(|p| p.amount.0).collect();
        let mut sorted = amounts.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        prop_assert_eq!(&amounts, &sorted, "earlier positions never get less");
        prop_assert!(amounts[0] - amounts[n - 1] <= 1);
    }
}

// ---- The deal book through the engine ------------------------------------

use anchang::attribution::{AttributionStatus, DealBook, Stage};
use anchang::event::*;
use anchang::policy::Policy;
use anchang::{replay, DealDecision, DealId, Event, EventKind, State, Timestamp, What};

/// Agents as one log names them, and a renaming that reverses their order.
const NAMES: [&str; 4] = ["Li", "Wang", "Zhang", "Zhao"];
const RENAMED: [&str; 4] = ["Zz", "Yy", "Bb", "Aa"];

#[derive(Debug, Clone)]
enum Op {
    Deposit {
        deal: u8,
        client: u8,
        unit: u8,
        price: i64,
        agent: u8,
    },
    Contract {
        deal: u8,
        signer: u8,
    },
    Object {
        deal: u8,
        agent: u8,
    },
    Rule {
        deal: u8,
        parts: Vec<(u8, u32)>,
        basis_points: bool,
    },
    ByRecords {
        deal: u8,
    },
    Disagree {
        deal: u8,
    },
    Cancel {
        deal: u8,
    },
    Effective {
        client: u8,
        agent: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let deal = 0u8..5;
    let who = 0u8..4;
    prop_oneof![
        4 => (deal.clone(), 0u8..4, 0u8..3, prop_oneof![1i64..2_000_000, -10i64..=0], who.clone())
            .prop_map(|(deal, client, unit, price, agent)| Op::Deposit { deal, client, unit, price, agent }),
        1 => (deal.clone(), who.clone()).prop_map(|(deal, signer)| Op::Contract { deal, signer }),
        3 => (deal.clone(), who.clone()).prop_map(|(deal, agent)| Op::Object { deal, agent }),
        2 => (deal.clone(), prop::collection::vec((who.clone(), 0u32..4), 1..5))
            .prop_map(|(deal, parts)| Op::Rule { deal, parts, basis_points: false }),
        1 => (deal.clone(), who.clone(), who.clone(), 0u32..=10_000, 0u32..=10_001)
            .prop_map(|(deal, a, b, x, y)| {
                // Usually whole (y > 10,000 picks x + rest), sometimes not.
                let second = if y > 10_000 { 10_000 - x } else { y };
                Op::Rule { deal, parts: vec![(a, x), (b, second)], basis_points: true }
            }),
        1 => deal.clone().prop_map(|deal| Op::ByRecords { deal }),
        1 => deal.clone().prop_map(|deal| Op::Disagree { deal }),
        1 => deal.clone().prop_map(|deal| Op::Cancel { deal }),
        1 => (0u8..4, who).prop_map(|(client, agent)| Op::Effective { client, agent }),
    ]
}

/// Ops with the seconds before each: up to ~1.7 days, so windows close.
fn steps() -> impl Strategy<Value = Vec<(i64, Op)>> {
    prop::collection::vec((prop_oneof![0i64..600, 0i64..150_000], op()), 1..40)
}

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![Just(Policy::p1()), Just(Policy::p2()), Just(Policy::p3())]
}

fn deal_id(n: u8) -> DealId {
    format!("D{n}").parse().unwrap()
}

/// The log of `steps` with agents named from `names`: the agents sign in,
/// register a client each, then the ops follow.
fn log(steps: &[(i64, Op)], names: &[&str; 4]) -> Vec<Event> {
    let who = |i: u8| names[usize::from(i)].parse::<anchang::AgentId>().unwrap();
    let client = |i: u8| format!("C{i}").parse::<anchang::ClientId>().unwrap();
    let mut t: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    let mut out = Vec::new();
    let mut push = |gap: i64, kind: EventKind, out: &mut Vec<Event>| {
        t = t.plus_seconds(gap);
        out.push(Event::new(out.len() as u64 + 1, t, kind));
    };
    for i in 0..4u8 {
        push(1, SignIn { agent: who(i) }.into(), &mut out);
    }
    for i in 0..4u8 {
        let reg = Register {
            client: client(i),
            agent: who(i),
            channel: Channel::Visit,
            name: Some(anchang::PersonName::new("陈明")),
            gender: Some(anchang::Gender::Female),
            phones: vec![anchang::Phone::new(&format!("1390000000{i}"))],
            needs: Some("两房".into()),
            visitor: None,
            named_agent: None,
            introduced_by: (i == 3).then_some(Introducer::Developer),
            pre_registered: false,
            at_expo: false,
            corrects: None,
        };
        push(1, reg.into(), &mut out);
    }
    for (gap, op) in steps {
        let kind: EventKind = match op {
            Op::Deposit {
                deal,
                client: c,
                unit,
                price,
                agent,
            } => Deposit {
                deal: deal_id(*deal),
                client: client(*c),
                unit: format!("U{unit}").parse().unwrap(),
                price: anchang::Fen(*price),
                agent: who(*agent),
            }
            .into(),
            Op::Contract { deal, signer } => Contract {
                deal: deal_id(*deal),
                signer: who(*signer),
            }
            .into(),
            Op::Object { deal, agent } => Objection {
                deal: deal_id(*deal),
                agent: who(*agent),
                claim: String::new(),
            }
            .into(),
            Op::Rule {
                deal,
                parts,
                basis_points,
            } => Ruling {
                deal: deal_id(*deal),
                shares: parts
                    .iter()
                    .map(|(a, p)| RulingShare {
                        agent: who(*a),
                        part: *p,
                    })
                    .collect(),
                basis_points: *basis_points,
                by_records: false,
            }
            .into(),
            Op::ByRecords { deal } => Ruling::by_records(deal_id(*deal)).into(),
            Op::Disagree { deal } => StillDisagree {
                deal: deal_id(*deal),
            }
            .into(),
            Op::Cancel { deal } => Cancel {
                deal: deal_id(*deal),
            }
            .into(),
            Op::Effective { client: c, agent } => EffectiveRegister {
                entries: vec![EffectiveEntry {
                    client: client(*c),
                    agent: who(*agent),
                }],
            }
            .into(),
        };
        push(*gap, kind, &mut out);
    }
    out
}

/// Applies every event, skipping those rejected (which change nothing).
/// Returns the state, the decisions, and the events accepted.
fn run(policy: &Policy, events: &[Event]) -> (State, Vec<anchang::Decision>, Vec<Event>) {
    let mut state = State::new(policy.clone());
    let mut decisions = Vec::new();
    let mut accepted = Vec::new();
    for e in events {
        if state.apply_into(e, &mut decisions).is_ok() {
            accepted.push(e.clone());
        }
    }
    (state, decisions, accepted)
}

/// The deal the event is about, if it is a ruling or a confiscation.
fn settles(kind: &EventKind) -> Option<DealId> {
    match kind {
        EventKind::Ruling(r) => Some(r.deal),
        EventKind::StillDisagree(s) => Some(s.deal),
        _ => None,
    }
}

fn shares_of(book: &DealBook) -> Vec<(DealId, Vec<anchang::attribution::Share>)> {
    book.deals()
        .map(|d| (d.id(), d.shares().to_vec()))
        .collect()
}

/// The JSON of `value` with every quoted agent name of `from` put back to
/// the one of `to` at the same place.
fn unrename(json: String, from: &[&str; 4], to: &[&str; 4]) -> String {
    from.iter().zip(to).fold(json, |s, (f, t)| {
        s.replace(&format!("\"{f}\""), &format!("\"{t}\""))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// P4-5: after every event, no unit has two live deals, and the
    /// inventory names exactly the live deal holding each unit.
    #[test]
    fn a_unit_never_has_two_live_deposits(policy in policy(), steps in steps()) {
        let mut state = State::new(policy);
        for e in log(&steps, &NAMES) {
            let _ = state.apply(&e);
            let book = state.deals();
            let live: Vec<_> = book.deals().filter(|d| d.stage() != Stage::Cancelled).collect();
            for d in &live {
                prop_assert_eq!(live.iter().filter(|o| o.unit() == d.unit()).count(), 1);
                prop_assert_eq!(book.unit_holder(d.unit()), Some(d.id()));
            }
            prop_assert_eq!(book.taken_units().count(), live.len());
        }
    }

    /// P2-1.5: shares change only by a ruling or a confiscation after one;
    /// once the window closed with no objection, objections are rejected
    /// and the attribution stays locked.
    #[test]
    fn attribution_after_the_lock_changes_only_by_a_ruling(policy in policy(), steps in steps()) {
        let mut state = State::new(policy);
        for e in log(&steps, &NAMES) {
            let before = shares_of(state.deals());
            let locked: Vec<DealId> = state.deals().deals()
                .filter(|d| d.status(e.at) == AttributionStatus::Locked)
                .map(|d| d.id())
                .collect();
            let result = state.apply(&e);
            let settled = settles(&e.kind).filter(|_| result.is_ok());
            for (id, shares) in before {
                let now = state.deals().deal(id).unwrap().shares().to_vec();
                if Some(id) != settled {
                    prop_assert_eq!(&now, &shares, "{:?} changed {}", e.kind, id);
                }
            }
            if let (EventKind::Objection(o), Ok(ds)) = (&e.kind, &result) {
                if locked.contains(&o.deal) {
                    let rejected = ds.iter().any(|d| matches!(&d.what,
                        What::Deal(DealDecision::ObjectionRejected { .. })));
                    prop_assert!(rejected, "{:?}", ds);
                    prop_assert_eq!(
                        state.deals().status(o.deal, e.at),
                        Some(AttributionStatus::Locked)
                    );
                }
            }
        }
    }

    /// Renaming the agents (reversing their order by id) permutes who is
    /// paid what and changes nothing else: the same events are accepted,
    /// and the deal book and deal decisions are the same up to the names.
    #[test]
    fn renaming_agents_permutes_payouts_and_changes_nothing_else(policy in policy(), steps in steps()) {
        let (a, da, acc_a) = run(&policy, &log(&steps, &NAMES));
        let (b, db, acc_b) = run(&policy, &log(&steps, &RENAMED));
        let ids = |acc: &[Event]| acc.iter().map(|e| e.id).collect::<Vec<_>>();
        prop_assert_eq!(ids(&acc_a), ids(&acc_b));
        let deal_json = |ds: &[anchang::Decision]| {
            let deal: Vec<_> = ds.iter().filter(|d| matches!(d.what, What::Deal(_))).collect();
            serde_json::to_string(&deal).unwrap()
        };
        prop_assert_eq!(
            unrename(deal_json(&db), &RENAMED, &NAMES),
            deal_json(&da)
        );
        prop_assert_eq!(
            unrename(serde_json::to_string(b.deals()).unwrap(), &RENAMED, &NAMES),
            serde_json::to_string(a.deals()).unwrap()
        );
    }

    /// Replaying a log up to a random split, saving the state as JSON and
    /// resuming from it equals replaying the whole log.
    #[test]
    fn replaying_up_to_a_random_split_saving_and_resuming_equals_the_whole(
        policy in policy(),
        steps in steps(),
        cut in 0.0f64..=1.0,
    ) {
        let (_, _, valid) = run(&policy, &log(&steps, &NAMES));
        let whole = replay(&policy, &valid).unwrap();
        let k = ((valid.len() as f64) * cut) as usize;
        let first = replay(&policy, &valid[..k]).unwrap();
        let saved = serde_json::to_string(&first.state).unwrap();
        let restored: State = serde_json::from_str(&saved).unwrap();
        prop_assert_eq!(&restored, &first.state);
        let rest = restored.resume(&valid[k..]).unwrap();
        let mut decisions = first.decisions;
        decisions.extend(rest.decisions);
        prop_assert_eq!(&rest.state, &whole.state);
        prop_assert_eq!(decisions, whole.decisions);
    }
}
