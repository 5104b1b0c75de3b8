//! Deal attribution end to end, through the engine and the real registry:
//! a given/when/then scenario per rule id in scope (P2 and P3 kind A, the
//! manager's acts P2-1.6, P2-2.4, P2-2.14, and P4-5), and EXAMPLES.md
//! W20-W22.

use anchang::attribution::{AttributionStatus, LineKind, Payee, Rejection, ShareReason, Stage};
use anchang::event::*;
use anchang::policy::Policy;
use anchang::{ApplyErrorKind, ClaimReason, DealDecision, DealError, DealId, Decision, Fen, What};

use crate::support::*;

fn deal(s: &str) -> DealId {
    s.parse().unwrap()
}

/// A valid registration (P2-2.1's three facts) of `client` by `who`.
pub fn reg(client: &str, who: &str, phone: &str) -> Register {
    Register {
        name: Some(anchang::PersonName::new("陈明")),
        gender: Some(anchang::Gender::Male),
        phones: vec![anchang::Phone::new(phone)],
        needs: Some("三房".into()),
        ..Register::new(client.parse().unwrap(), agent(who))
    }
}

/// A deposit of `price` fen on `unit` for `client`, closed by `who`.
pub fn deposit(id: &str, client: &str, unit: &str, price: i64, who: &str) -> Deposit {
    Deposit {
        deal: deal(id),
        client: client.parse().unwrap(),
        unit: unit.parse().unwrap(),
        price: Fen(price),
        agent: agent(who),
    }
}

pub fn ruling(id: &str, parts: &[(&str, u32)], basis_points: bool) -> Ruling {
    Ruling {
        deal: deal(id),
        shares: parts
            .iter()
            .map(|(a, p)| RulingShare {
                agent: agent(a),
                part: *p,
            })
            .collect(),
        basis_points,
        by_records: false,
    }
}

pub fn objection(id: &str, who: &str) -> Objection {
    Objection {
        deal: deal(id),
        agent: agent(who),
        claim: "我先接待的".into(),
    }
}

fn deal_decisions(ds: &[Decision]) -> Vec<DealDecision> {
    ds.iter()
        .filter_map(|d| match &d.what {
            What::Deal(x) => Some(x.clone()),
            _ => None,
        })
        .collect()
}

/// The shares of `id` as (payee, basis points, fen, reason).
fn shares(f: &Floor, id: &str) -> Vec<(String, u32, i64, ShareReason)> {
    f.state
        .deals()
        .deal(deal(id))
        .expect("deal opened")
        .shares()
        .iter()
        .map(|s| {
            (
                s.payee.describe(anchang::Lang::En),
                s.share.0,
                s.amount.0,
                s.reason,
            )
        })
        .collect()
}

fn flagged(ds: &[Decision]) -> Vec<(String, ClaimReason)> {
    deal_decisions(ds)
        .into_iter()
        .filter_map(|d| match d {
            DealDecision::ClaimFlagged { agent, claim, .. } => Some((agent.to_string(), claim)),
            _ => None,
        })
        .collect()
}

/// Floor with the four agents and client C1 registered by `owner`.
fn floor_with_client(p: Policy, owner: &str) -> Floor {
    let mut f = Floor::given(p, &FOUR);
    f.when(reg("C1", owner, "13900001111"));
    f
}

/// Sets the floor's clock to `time` for the next event.
fn at_time(f: &mut Floor, time: &str) {
    f.clock = at(time);
}

const APR1: &str = "2026-04-01T10:00:00";

/// P2-1.5: given Li's registered client, when Li takes a deposit, then the
/// deal is Li's, citing P2-1.5, and the unit is taken (P4-5).
#[test]
fn p2_1_5_deposit_credits_the_closer() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    let ds = f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    assert_eq!(
        shares(&f, "D1"),
        [("Li".into(), 10_000, 1_000, ShareReason::Closer)]
    );
    assert!(cites(&ds, "P2-1.5") && cites(&ds, "P4-5"));
    assert!(flagged(&ds).is_empty());
    assert!(ds
        .iter()
        .any(|d| d.explain(anchang::Lang::Zh).contains("成交业务员")));
}

/// P2-1.5, P2-2.2: another agent closes the owner's client: the closer is
/// credited and the owner flagged with its claim.
#[test]
fn p2_1_5_other_closer_credited_owner_flagged() {
    let mut f = floor_with_client(Policy::p2(), "Wang");
    let ds = f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    assert_eq!(shares(&f, "D1")[0].0, "Li");
    assert_eq!(flagged(&ds), [("Wang".into(), ClaimReason::Owner)]);
}

fn w21(objected_at: &str) -> (Floor, Vec<Decision>) {
    let mut f = floor_with_client(Policy::p2(), "Li");
    at_time(&mut f, APR1);
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    at_time(&mut f, objected_at);
    let ds = f.when(objection("D1", "Wang"));
    (f, ds)
}

/// W21 (P2-1.5): an objection exactly 3 days (72 hours) after the deposit
/// is accepted: the deal is disputed.
#[test]
fn w21_objection_at_72_hours_accepted() {
    let (f, ds) = w21("2026-04-04T10:00:00");
    assert!(matches!(
        deal_decisions(&ds)[..],
        [DealDecision::ObjectionAccepted { .. }]
    ));
    assert!(cites(&ds, "P2-1.5"));
    let status = f
        .state
        .deals()
        .status(deal("D1"), at("2026-04-30T00:00:00"));
    assert_eq!(status, Some(AttributionStatus::Disputed));
}

/// W21 (P2-1.5): 72 hours and 1 second after: rejected, citing P2-1.5, and
/// the attribution is locked with the closer.
#[test]
fn w21_objection_at_72_hours_1_second_rejected_and_locked() {
    let (f, ds) = w21("2026-04-04T10:00:01");
    assert_eq!(
        deal_decisions(&ds),
        [DealDecision::ObjectionRejected {
            deal: deal("D1"),
            agent: agent("Wang"),
            why: Rejection::WindowClosed {
                closed: at("2026-04-04T10:00:00")
            }
        }]
    );
    assert!(cites(&ds, "P2-1.5"));
    let book = f.state.deals();
    assert_eq!(
        book.status(deal("D1"), at("2026-04-04T10:00:01")),
        Some(AttributionStatus::Locked)
    );
    assert_eq!(shares(&f, "D1")[0].0, "Li");
}

/// W20 (P2-2.4): the manager splits 1,000 fen equally among three agents:
/// 3,334 / 3,333 / 3,333 bp and 334 / 333 / 333 fen; the odd unit goes to
/// the earliest contributor (Zhao, who registered the client), not to the
/// smallest id (Li).
#[test]
fn w20_equal_split_odd_unit_to_earliest_contributor() {
    let mut f = floor_with_client(Policy::p2(), "Zhao");
    f.when(deposit("D1", "C1", "U1", 100_000, "Zhao"));
    let ds = f.when(ruling("D1", &[("Li", 1), ("Wang", 1), ("Zhao", 1)], false));
    assert!(cites(&ds, "P2-2.4") && cites(&ds, "P2-2.14"));
    assert_eq!(
        shares(&f, "D1"),
        [
            ("Zhao".into(), 3_334, 334, ShareReason::Ruling),
            ("Li".into(), 3_333, 333, ShareReason::Ruling),
            ("Wang".into(), 3_333, 333, ShareReason::Ruling),
        ]
    );
}

/// W22 (P2-1.8): a developer's client earns half: 3,000,000.00 yuan at
/// 100 bp is 3,000,000 fen, halved to 1,500,000.
#[test]
fn w22_developer_client_half_commission() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.when(reg("C1", "Li", "13900001111"));
    let mut dev = reg("C2", "Li", "13900002222");
    dev.introduced_by = Some(Introducer::Developer);
    f.when(dev);
    f.when(deposit("D1", "C1", "U1", 300_000_000, "Li"));
    let ds = f.when(deposit("D2", "C2", "U2", 300_000_000, "Li"));
    assert!(cites(&ds, "P2-1.8"));
    let book = f.state.deals();
    assert_eq!(book.deal(deal("D1")).unwrap().commission(), Fen(3_000_000));
    assert_eq!(book.deal(deal("D2")).unwrap().commission(), Fen(1_500_000));
}

/// P2-1.6: given an effective-client register, a dispute follows it; the
/// ruling cites it; when the agents still disagree the commission goes to
/// the site activity fund, a payee like an agent.
#[test]
fn p2_1_6_register_ruling_then_confiscation() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    let ds = f.when(EffectiveRegister {
        entries: vec![EffectiveEntry {
            client: "C1".parse().unwrap(),
            agent: agent("Wang"),
        }],
    });
    assert!(cites(&ds, "P2-1.6"));
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    let ds = f.when(objection("D1", "Wang"));
    assert!(matches!(
        deal_decisions(&ds)[..],
        [DealDecision::ObjectionAccepted { follows: Some(w), .. }] if w == agent("Wang")
    ));
    let ds = f.when(ruling("D1", &[("Wang", 10_000)], true));
    assert!(cites(&ds, "P2-1.6"));
    let ds = f.when(StillDisagree { deal: deal("D1") });
    assert!(cites(&ds, "P2-1.6"));
    assert_eq!(
        shares(&f, "D1"),
        [(
            "the site activity fund".into(),
            10_000,
            1_000,
            ShareReason::Confiscated
        )]
    );
    let fund = f
        .state
        .deals()
        .statement(
            Payee::SiteFund,
            at("2026-03-01T00:00:00"),
            at("2026-04-01T00:00:00"),
        )
        .unwrap();
    assert_eq!(fund.total, Fen(1_000));
}

/// P2-2.14: an accepted objection disputes the deal until the manager
/// rules; the ruling stands against later objections.
#[test]
fn p2_2_14_dispute_until_ruling() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    f.when(objection("D1", "Wang"));
    let now = f.clock;
    assert_eq!(
        f.state.deals().status(deal("D1"), now),
        Some(AttributionStatus::Disputed)
    );
    let ds = f.when(ruling("D1", &[("Li", 6_000), ("Wang", 4_000)], true));
    assert!(cites(&ds, "P2-2.14"));
    let ds = f.when(objection("D1", "Zhang"));
    assert!(matches!(
        deal_decisions(&ds)[..],
        [DealDecision::ObjectionRejected {
            why: Rejection::AlreadyRuled,
            ..
        }]
    ));
    assert_eq!(
        shares(&f, "D1"),
        [
            ("Li".into(), 6_000, 600, ShareReason::Ruling),
            ("Wang".into(), 4_000, 400, ShareReason::Ruling)
        ]
    );
}

/// P2-2.4: several agents received the client: each is flagged, and the
/// manager's split by receptions cites P2-2.4.
#[test]
fn p2_2_4_several_receivers_flagged_then_split() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    f.when(SwitchAgent {
        client: "C1".parse().unwrap(),
        to: agent("Wang"),
        reason: SwitchReason::Other,
    });
    let ds = f.when(deposit("D1", "C1", "U1", 90_000, "Zhang"));
    let names: Vec<String> = flagged(&ds).into_iter().map(|(a, _)| a).collect();
    assert!(names.contains(&"Wang".to_string()), "{names:?}");
    let ds = f.when(ruling("D1", &[("Zhang", 2), ("Wang", 1)], false));
    assert!(cites(&ds, "P2-2.4"));
    let s = shares(&f, "D1");
    let total: i64 = s.iter().map(|x| x.2).sum();
    assert_eq!(total, 900);
}

/// P2-2.4, P2-1.1: the manager splits by the actual receptions on record:
/// Li registered its client (a reception on record) and received it twice
/// more, the stand-in once: 3:1.
#[test]
fn p2_2_4_split_by_recorded_receptions() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    let c1 = |a: &mut Arrive| a.client = Some("C1".parse().unwrap());
    then_receives(&f.arrive("v1", c1), "v1", "Li");
    f.end("Li");
    then_receives(&f.walk_in("v2"), "v2", "Li");
    let ds = f.arrive("v3", c1);
    let stand_in = reception(&ds, "v3").agent.to_string();
    assert_ne!(stand_in, "Li");
    f.end("Li");
    f.end(&stand_in);
    then_receives(&f.arrive("v4", c1), "v4", "Li");
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    let ds = f.when(Ruling::by_records(deal("D1")));
    assert!(cites(&ds, "P2-2.4") && cites(&ds, "P2-1.1"));
    assert_eq!(
        shares(&f, "D1"),
        [
            ("Li".into(), 7_500, 750, ShareReason::Ruling),
            (stand_in, 2_500, 250, ShareReason::Ruling)
        ]
    );
}

/// P2-2.9: after a switch for poor service the second agent takes all and
/// the first nothing: the first is not even flagged.
#[test]
fn p2_2_9_poor_service_switch_first_agent_gets_nothing() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    f.when(SwitchAgent {
        client: "C1".parse().unwrap(),
        to: agent("Wang"),
        reason: SwitchReason::PoorService,
    });
    let ds = f.when(deposit("D1", "C1", "U1", 100_000, "Wang"));
    assert_eq!(
        shares(&f, "D1"),
        [("Wang".into(), 10_000, 1_000, ShareReason::Closer)]
    );
    assert!(flagged(&ds).iter().all(|(a, _)| a != "Li"), "{ds:#?}");
}

/// P2-2.10: a family member registered by another agent: its agent is
/// flagged, and the manager's split cites P2-2.10, even after the window.
#[test]
fn p2_2_10_family_member_flagged_and_split_by_manager() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    f.when(reg("C2", "Wang", "13900002222"));
    f.when(LinkFamily {
        client: "C1".parse().unwrap(),
        other: "C2".parse().unwrap(),
        spouse: false,
    });
    let ds = f.when(deposit("D1", "C2", "U1", 100_000, "Wang"));
    // The household is Li's, who registered one of them first (P2-2.10).
    assert!(
        flagged(&ds).iter().any(|(a, _)| a == "Li"),
        "{:?}",
        flagged(&ds)
    );
    assert!(cites(&ds, "P2-2.10"), "{ds:#?}");
    at_time(&mut f, "2026-06-01T10:00:00");
    let ds = f.when(ruling("D1", &[("Wang", 1), ("Li", 1)], false));
    assert!(cites(&ds, "P2-2.10"));
}

/// P3-4, P3-2: under P3 the stand-in who received the owner's returning
/// client while the owner was busy shares the deal 50/50 (共单, a reading).
#[test]
fn p3_4_stand_in_shares_the_deal() {
    let mut f = floor_with_client(Policy::p3(), "Li");
    then_receives(&f.walk_in("v1"), "v1", "Li");
    let ds = f.arrive("v2", |a| a.client = Some("C1".parse().unwrap()));
    let r = reception(&ds, "v2");
    assert_ne!(r.agent.as_str(), "Li", "{ds:#?}");
    let stand_in = r.agent.to_string();
    let ds = f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    assert!(cites(&ds, "P3-4"));
    assert_eq!(
        shares(&f, "D1"),
        [
            ("Li".into(), 5_000, 500, ShareReason::Closer),
            (stand_in, 5_000, 500, ShareReason::StandIn)
        ]
    );
}

/// P3-2: the owner is absent; the manager names a stand-in who receives
/// the returning client and closes: under P3 the two share (共单), the
/// owner's earlier contribution first.
#[test]
fn p3_2_absent_owner_stand_in_closes_and_shares() {
    let mut f = floor_with_client(Policy::p3(), "Zhao");
    f.sign_out("Zhao");
    let ds = f.arrive("v1", |a| a.client = Some("C1".parse().unwrap()));
    assert!(ds.iter().any(|d| matches!(d.what, What::Waits { .. })));
    then_receives(
        &f.when(ApproveStandIn {
            visitor: visitor("v1"),
            agent: agent("Li"),
        }),
        "v1",
        "Li",
    );
    let ds = f.when(deposit("D1", "C1", "U1", 100_100, "Li"));
    assert!(cites(&ds, "P3-2"));
    assert_eq!(
        shares(&f, "D1"),
        [
            ("Zhao".into(), 5_000, 501, ShareReason::Owner),
            ("Li".into(), 5_000, 500, ShareReason::Closer)
        ]
    );
}

/// P3-3: agents who unknowingly received husband and wife share the deal
/// under P3; P2 flags the other agent for the manager (P2-2.10).
#[test]
fn p3_3_spouses_agents_share_under_p3_only() {
    for (p, shared) in [(Policy::p3(), true), (Policy::p2(), false)] {
        let mut f = floor_with_client(p, "Li");
        f.when(reg("C2", "Wang", "13900002222"));
        f.when(LinkFamily {
            client: "C1".parse().unwrap(),
            other: "C2".parse().unwrap(),
            spouse: true,
        });
        let ds = f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
        let s = shares(&f, "D1");
        if shared {
            assert!(cites(&ds, "P3-3"), "{ds:#?}");
            assert_eq!(s.len(), 2, "{s:?}");
        } else {
            assert_eq!(s.len(), 1, "{s:?}");
            assert_eq!(flagged(&ds).len(), 1);
        }
    }
}

/// P4-5: a unit with a live deposit, or sold, takes no other deposit: the
/// event is rejected naming `unit`, the state unchanged; cancelling frees it.
#[test]
fn p4_5_unit_inventory_control() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    f.when(reg("C2", "Wang", "13900002222"));
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    let before = f.state.clone();
    let e = f
        .try_when(deposit("D2", "C2", "U1", 100_000, "Wang"))
        .unwrap_err();
    assert_eq!((e.tag, e.field), ("deposit", "unit"));
    assert_eq!(f.state, before);
    f.when(Contract {
        deal: deal("D1"),
        signer: agent("Li"),
    });
    assert!(f
        .try_when(deposit("D2", "C2", "U1", 100_000, "Wang"))
        .is_err());
    let ds = f.when(Cancel { deal: deal("D1") });
    assert!(cites(&ds, "P4-5"));
    f.when(deposit("D2", "C2", "U1", 100_000, "Wang"));
    let book = f.state.deals();
    assert_eq!(book.deal(deal("D1")).unwrap().stage(), Stage::Cancelled);
    assert_eq!(book.unit_holder("U1".parse().unwrap()), Some(deal("D2")));
}

/// Bad input: typed errors naming the event and field; the state intact.
#[test]
fn bad_input_is_a_typed_error_and_changes_nothing() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    let cases: Vec<(EventKind, &str, &str)> = vec![
        (
            deposit("D1", "C1", "U1", -5, "Li").into(),
            "deposit",
            "price",
        ),
        (
            deposit("D1", "Cx", "U1", 5, "Li").into(),
            "deposit",
            "client",
        ),
        (
            Contract {
                deal: deal("D1"),
                signer: agent("Li"),
            }
            .into(),
            "contract",
            "deal",
        ),
        (objection("D1", "Li").into(), "objection", "deal"),
        (ruling("D1", &[("Li", 1)], false).into(), "ruling", "deal"),
    ];
    for (kind, tag, field) in cases {
        let before = f.state.clone();
        let e = f.try_when(kind).unwrap_err();
        assert_eq!((e.tag, e.field), (tag, field), "{e}");
        assert_eq!(f.state, before);
    }
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    let before = f.state.clone();
    let e = f
        .try_when(ruling("D1", &[("Li", 5_000), ("Wang", 4_000)], true))
        .unwrap_err();
    assert_eq!(e.field, "shares");
    assert!(matches!(
        e.kind,
        ApplyErrorKind::Deal(DealError::NotWhole(9_000))
    ));
    assert_eq!(f.state, before);
}

/// Statements: a cancellation after the commission was earned claws it
/// back; the period's statement lists each line with its reason.
#[test]
fn statement_lists_earned_and_clawback_lines() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    at_time(&mut f, APR1);
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    at_time(&mut f, "2026-05-03T10:00:00");
    let ds = f.when(Cancel { deal: deal("D1") });
    assert!(deal_decisions(&ds).iter().any(|d| matches!(
        d,
        DealDecision::ClawedBack {
            amount: Fen(-1_000),
            ..
        }
    )));
    let book = f.state.deals();
    let april = book
        .statement(
            Payee::Agent(agent("Li")),
            at("2026-04-01T00:00:00"),
            at("2026-05-01T00:00:00"),
        )
        .unwrap();
    assert_eq!(april.total, Fen(1_000));
    assert_eq!(april.lines[0].kind, LineKind::Earned);
    let may = book
        .statement(
            Payee::Agent(agent("Li")),
            at("2026-05-01T00:00:00"),
            at("2026-06-01T00:00:00"),
        )
        .unwrap();
    assert_eq!(may.total, Fen(-1_000));
    assert_eq!(may.lines[0].kind, LineKind::Clawback);
    assert!(may.render(anchang::Lang::Zh).contains("追回"));
    assert_eq!(book.deal(deal("D1")).unwrap().shares()[0].share.0, 10_000);
}

/// The attribution's status moves lazily with the time asked about.
#[test]
fn lock_is_a_function_of_the_time_asked() {
    let mut f = floor_with_client(Policy::p2(), "Li");
    at_time(&mut f, APR1);
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    let book = f.state.deals();
    let d = book.deal(deal("D1")).unwrap();
    assert_eq!(d.window_closes(), at("2026-04-04T10:00:00"));
    assert_eq!(d.status(at("2026-04-04T10:00:00")), AttributionStatus::Open);
    assert_eq!(
        d.status(at("2026-04-04T10:00:01")),
        AttributionStatus::Locked
    );
    assert_eq!(d.deposit_at(), at(APR1));
}

/// The example's log replays, and its statements balance: the payees'
/// totals for the month sum to the commissions of the deals still live
/// (every earned fen is someone's, the fund included; clawbacks cancel
/// what was cancelled).
#[test]
fn example_log_statements_balance_with_live_commissions() {
    let text = include_str!("../examples/data/deals.jsonl");
    let day = anchang::jsonl::replay_reader(&Policy::p3(), text.as_bytes()).unwrap();
    let book = day.state.deals();
    let statements = book
        .statements(at("2026-04-01T00:00:00"), at("2026-05-01T00:00:00"))
        .unwrap();
    let paid: i64 = statements.iter().map(|s| s.total.0).sum();
    let live: i64 = book
        .deals()
        .filter(|d| d.stage() != Stage::Cancelled)
        .map(|d| d.commission().0)
        .sum();
    assert_eq!(paid, live);
    assert_eq!(paid, 9_300_000); // ¥93,000.00
    let payees: Vec<Payee> = statements.iter().map(|s| s.payee).collect();
    assert!(payees.contains(&Payee::SiteFund));
    assert!(cites(&day.decisions, "P2-1.6") && cites(&day.decisions, "P3-4"));
}

/// P2-1.6: disputes follow the effective-client register; a ruling that
/// gives the deal away from the agent it names is flagged (the ruling
/// stands), and one that follows it is not.
#[test]
fn p2_1_6_ruling_departing_from_the_register_is_flagged() {
    let departs = |ds: &[anchang::Decision]| {
        deal_decisions(ds).iter().any(|d| matches!(d, DealDecision::RulingDepartsFromRegister { registered, .. } if *registered == agent("Wang")))
    };
    let mut f = floor_with_client(Policy::p2(), "Li");
    f.when(EffectiveRegister {
        entries: vec![EffectiveEntry {
            client: "C1".parse().unwrap(),
            agent: agent("Wang"),
        }],
    });
    f.when(deposit("D1", "C1", "U1", 100_000, "Li"));
    f.when(objection("D1", "Wang"));
    let ds = f.when(ruling("D1", &[("Li", 1), ("Wang", 1)], false));
    assert!(departs(&ds) && cites(&ds, "P2-1.6"), "{ds:?}");
    let ds = f.when(ruling("D1", &[("Wang", 10_000)], true));
    assert!(!departs(&ds), "{ds:?}");
}
