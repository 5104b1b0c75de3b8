//! Rules where they meet (issue 7, "Interactions that are wrong today"):
//! whole little days in which two rules decide one visitor, each under
//! every preset the interaction concerns. Every test cites its rule ids.

use anchang::event::ChangePolicy;
use anchang::event::*;
use anchang::policy::Policy;
use anchang::{Decision, What};

use crate::support::*;

fn passed_over(d: &[Decision], who: &str) -> bool {
    d.iter()
        .any(|x| matches!(&x.what, What::PassedOver { agent, .. } if agent.as_str() == who))
}

fn makeups_of(f: &Floor, who: &str) -> usize {
    f.state
        .board()
        .makeups()
        .iter()
        .filter(|m| m.agent.as_str() == who)
        .count()
}

fn used_makeup(d: &[Decision], who: &str) -> bool {
    d.iter()
        .any(|x| matches!(&x.what, What::MakeUpUsed { agent, .. } if agent.as_str() == who))
}

// ---- 1. One counted turn per round, whatever the route (P3-1, P3-20) -----

/// Li is skipped while busy at the start of round 2 and keeps that
/// round's turn, placed last (P3-1); a visitor then names Li (P3-20:
/// served first, counted). That named visitor is Li's counted turn of
/// round 2: the kept turn is used up, and when round 3 begins Li, who
/// already took it, is not passed over again.
#[test]
fn p3_named_visitor_uses_up_the_kept_round_turn() {
    let mut f = Floor::given(Policy::p3(), &["Li", "Wang", "Zhang"]);
    for v in ["v1", "v2", "v3"] {
        f.walk_in(v);
    }
    f.end("Wang");
    f.end("Zhang");
    // Round 2: Li busy, skipped, keeps the turn (P3-1).
    let d = f.walk_in("v4");
    then_receives(&d, "v4", "Wang");
    assert!(passed_over(&d, "Li"));
    assert_eq!(makeups_of(&f, "Li"), 1);
    f.end("Li");
    // A named visitor: Li's counted turn of the round (P3-20).
    let d = f.named("v5", "Li");
    let r = then_receives(&d, "v5", "Li");
    assert!(r.counted && r.uses_turn);
    assert!(
        used_makeup(&d, "Li"),
        "the decision says the kept turn is used: {d:#?}"
    );
    assert!(cites(&d, "P3-1") && cites(&d, "P3-20"));
    assert_eq!(makeups_of(&f, "Li"), 0, "one counted turn per round");
    f.end("Li");
    f.end("Wang");
    then_receives(&f.walk_in("v6"), "v6", "Zhang");
    // Round 3 begins with Li.
    then_receives(&f.walk_in("v7"), "v7", "Li");
    let d = f.walk_in("v8");
    then_receives(&d, "v8", "Wang");
    assert!(
        !passed_over(&d, "Li"),
        "Li took round 3's turn already: {d:#?}"
    );
    assert_eq!(f.stats("Li").counted, 3);
    assert_eq!(f.stats("Wang").counted, 3);
}

/// The same day under P2: the busy agent was busy with a new client, so
/// its turn is lost (P2-3.10 reading as P1-1), and the named visitor counts
/// only if it was its turn (P1-16): nobody is ever counted twice a cycle.
/// With an old client the skip owes a head make-up (P2-3.10), and a named
/// visitor arriving when that make-up is up uses it (P1-16 如正轮到).
#[test]
fn p2_named_visitor_uses_up_the_head_makeup() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang"]);
    f.returning("old", "Li");
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    assert!(passed_over(&d, "Li"));
    f.end("Li");
    f.end("Wang");
    assert_eq!(makeups_of(&f, "Li"), 1);
    let d = f.named("v3", "Li");
    let r = then_receives(&d, "v3", "Li");
    assert!(r.counted && r.uses_turn);
    assert!(cites(&d, "P2-3.10"));
    assert_eq!(makeups_of(&f, "Li"), 0);
    f.end("Li");
    then_receives(&f.walk_in("v4"), "v4", "Zhang");
}

/// A policy that uses the agent's turn for every named visitor, even in a
/// cycle (a mix: P2's cycle with P3-20's counting, make-ups placed last as
/// P3-1): a named visitor who comes when it is not the holder's turn still
/// uses up its make-up, so it does not receive twice in one pass of the
/// cycle while the others received once.
#[test]
fn cycle_named_visitor_counted_always_uses_up_the_makeup() {
    use anchang::policy::{Consequence, Placement, Ruled};
    let mut p = Policy::p2();
    p.named = Policy::p3().named;
    p.pass_over.busy_with_old =
        Ruled::reading(Consequence::MakeUp(Placement::Last), anchang::rules![P3_1]);
    let mut f = Floor::given(p, &["Li", "Wang", "Zhang", "Zhao"]);
    f.returning("old", "Li");
    let d = f.walk_in("v1"); // Li skipped, busy with its old client
    assert!(passed_over(&d, "Li"));
    assert_eq!(makeups_of(&f, "Li"), 1);
    f.end("Li");
    let d = f.named("v3", "Li");
    assert!(used_makeup(&d, "Li"), "{d:#?}");
    assert_eq!(makeups_of(&f, "Li"), 0);
}

// ---- Reading: a make-up holder re-skipped when its kept turn comes -----

/// P3-1 轮到的人员正在接待客户,则跳过 applies each time the turn comes: Li,
/// skipped busy in round 2, is still busy when its kept turn comes at the
/// end of round 2. It is skipped again (a decision says so), keeps the one
/// make-up it holds (no second), and its turn of round 3 is placed last
/// among those not yet received.
#[test]
fn p3_makeup_holder_still_busy_when_its_kept_turn_comes_is_skipped_again() {
    let mut f = Floor::given(Policy::p3(), &["Li", "Wang", "Zhang"]);
    for v in ["v1", "v2", "v3"] {
        f.walk_in(v);
    }
    f.end("Wang");
    f.end("Zhang");
    let d = f.walk_in("v4");
    then_receives(&d, "v4", "Wang");
    assert!(passed_over(&d, "Li"));
    then_receives(&f.walk_in("v5"), "v5", "Zhang");
    f.end("Wang");
    // Round 2's end: Li's kept turn comes; Li is still busy.
    let d = f.walk_in("v6");
    then_receives(&d, "v6", "Wang");
    let (_, _, owed) = then_passed(&d, "Li");
    assert!(!owed, "Li keeps the make-up it holds, earns no second");
    assert!(cites(&d, "P3-1"));
    assert_eq!(makeups_of(&f, "Li"), 1);
    f.end("Li");
    f.end("Zhang");
    // Round 3: Zhang, then Li's round-3 turn (placed last), then the kept
    // make-up at the round's end.
    then_receives(&f.walk_in("v7"), "v7", "Zhang");
    then_receives(&f.walk_in("v8"), "v8", "Li");
    f.end("Li");
    let r = then_receives(&f.walk_in("v9"), "v9", "Li");
    assert!(is_makeup(&r), "{r:?}");
    assert_eq!(makeups_of(&f, "Li"), 0);
}

// ---- 2. A policy change mid-day keeps the day's history (change_policy) --

fn switch(f: &mut Floor, p: Policy) -> Vec<Decision> {
    f.when(ChangePolicy {
        policy: Box::new(p),
    })
}

fn carried(d: &[Decision]) -> (Vec<String>, Vec<String>, u32) {
    d.iter()
        .find_map(|x| match &x.what {
            What::RotationCarried {
                yet,
                taken,
                makeups,
                ..
            } => Some((
                yet.iter().map(|a| a.to_string()).collect(),
                taken.iter().map(|a| a.to_string()).collect(),
                *makeups,
            )),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the change does not say how it carried the day: {d:#?}"))
}

/// P2 in the morning: Li and Wang received, Zhao owes a head make-up
/// (back from an errand, P2-3.11). At noon the office switches to P3's
/// rounds (P3-1): Zhang and Zhao, who have not received, come first; the
/// make-up is carried; Li receives its second only after everyone had one.
#[test]
fn p2_to_p3_at_noon_carries_the_cycle_and_the_makeups() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang", "Zhao"]);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    f.away("Zhao", AwayReason::Errand);
    f.back("Zhao");
    f.end("Li");
    f.end("Wang");
    let d = switch(&mut f, Policy::p3());
    let (yet, taken, makeups) = carried(&d);
    assert_eq!(yet, ["Zhang", "Zhao"]);
    assert_eq!(taken, ["Li", "Wang"]);
    assert_eq!(makeups, 1);
    assert!(cites(&d, "P3-1"));
    // Zhao's head make-up first, then Zhang's turn of the round.
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    then_receives(&f.walk_in("v4"), "v4", "Zhang");
    f.end_all_busy();
    // The make-up was a turn given back: Zhao still has this round's turn.
    then_receives(&f.walk_in("v5"), "v5", "Zhao");
    // Everyone has had the round's turn: a new round begins with Li.
    then_receives(&f.walk_in("v6"), "v6", "Li");
    let counted: Vec<u32> = FOUR.iter().map(|a| f.stats(a).counted).collect();
    assert_eq!(counted, [2, 1, 1, 2]);
}

/// P3's rounds in the morning: Li and Zhang received (Wang was on a meal
/// when its turn came and forfeited it, P3-13). Switching to P2's cycle
/// keeps the round: Zhao, who has not had its turn, comes before the
/// agents who have.
#[test]
fn p3_to_p2_carries_the_round_into_the_cycle() {
    let mut f = Floor::given(Policy::p3(), &["Li", "Wang", "Zhang", "Zhao"]);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    f.away("Wang", AwayReason::Meal);
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    f.back("Wang");
    f.end_all_busy();
    let d = switch(&mut f, Policy::p2());
    let (yet, taken, _) = carried(&d);
    assert_eq!(yet, ["Zhao"]);
    assert_eq!(taken, ["Li", "Wang", "Zhang"]);
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    then_receives(&f.walk_in("v4"), "v4", "Li");
}

/// Switching from the cycle to the up board lines the agents up in the
/// order the cycle would have taken them.
#[test]
fn p2_to_up_board_lines_up_in_the_cycle_order() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang"]);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    f.end("Li");
    let mut up = Policy::p2();
    up.rotation.value = anchang::policy::RotationModel::UpBoard;
    let (yet, ..) = carried(&switch(&mut f, up));
    assert_eq!(yet, ["Wang", "Zhang"]);
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    then_receives(&f.walk_in("v4"), "v4", "Li");
}

/// A switch to the up board while the agent yet to have its turn is busy
/// (found by the mid-day switch property): Li had the cycle's turn and Wang
/// not yet; Li, free first, takes the waiting visitor, but once both are
/// free Wang is ahead of Li in the line: no second turn for Li before
/// Wang's first (P1-1, P2-3.3).
#[test]
fn a_busy_agent_carried_into_the_up_board_keeps_its_place_ahead() {
    let mut f = Floor::given(Policy::p1(), &["Li", "Wang"]);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    f.walk_in("v3");
    then_receives(&f.end("Li"), "v3", "Li");
    let mut up = Policy::p1();
    up.rotation.value = anchang::policy::RotationModel::UpBoard;
    let (yet, ..) = carried(&switch(&mut f, up));
    assert_eq!(yet, ["Wang"]);
    f.end("Li");
    f.end("Wang");
    then_receives(&f.walk_in("v4"), "v4", "Wang");
    then_receives(&f.walk_in("v5"), "v5", "Li");
}

/// Switching to the policy already in force changes nothing but saying so.
#[test]
fn switching_to_the_policy_in_force_changes_nothing() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let mut f = Floor::given(p.clone(), &["Li", "Wang", "Zhang"]);
        f.walk_in("v1");
        f.away("Wang", AwayReason::Errand);
        f.walk_in("v2");
        f.back("Wang");
        let before = f.state.clone();
        let d = switch(&mut f, p.clone());
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(f.state.board().makeups(), before.board().makeups());
        assert_eq!(f.state.board().next_up(3), before.board().next_up(3));
        assert_eq!(f.state.board().agents(), before.board().agents());
        assert_eq!(f.state.registry(), before.registry());
    }
}

// ---- 6. Agents that are not on the floor (P1-21, P2-1.5, P2-2.2) --------

use crate::attribution::{deposit, objection, ruling};

fn refused_field(f: &mut Floor, kind: impl Into<EventKind>) -> &'static str {
    let before = f.state.clone();
    let e = f.try_when(kind).expect_err("an unknown agent is refused");
    assert_eq!(f.state, before, "a refused event changes nothing");
    match e.kind {
        anchang::ApplyErrorKind::Registry(anchang::RegistryError::UnknownAgent {
            field, ..
        }) => field,
        other => panic!("not an unknown-agent error: {other:?}"),
    }
}

/// A registration, a deposit, a contract, an objection and a ruling that
/// name an agent the office has never seen (never signed in, on no
/// effective-client register) are refused with a typed error naming the
/// field, under every preset: a ruling cannot pay 100% to a typo.
#[test]
fn an_agent_never_seen_is_refused_by_every_event_that_names_one() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let mut f = Floor::given(p, &["Li", "Wang"]);
        assert_eq!(
            refused_field(&mut f, registration("c9", "Lii", "13800000009")),
            "agent"
        );
        f.register("c1", "Li", "13800000001");
        assert_eq!(
            refused_field(&mut f, deposit("d1", "c1", "u1", 1_000_000, "Lii")),
            "agent"
        );
        f.when(deposit("d1", "c1", "u1", 1_000_000, "Li"));
        assert_eq!(refused_field(&mut f, objection("d1", "Wnag")), "agent");
        assert_eq!(
            refused_field(&mut f, ruling("d1", &[("Lii", 10_000)], true)),
            "shares"
        );
        assert_eq!(
            refused_field(
                &mut f,
                Contract {
                    deal: "d1".parse().unwrap(),
                    signer: agent("Lii"),
                }
            ),
            "signer"
        );
        // The agents the office knows are accepted.
        f.when(ruling("d1", &[("Li", 10_000)], true));
    }
}

/// An agent on an effective-client register (P2-1.6) is known, though it
/// never signed in.
#[test]
fn an_agent_on_the_effective_register_is_known() {
    let mut f = Floor::given(Policy::p2(), &["Li"]);
    f.register("c1", "Li", "13800000001");
    f.when(EffectiveRegister {
        entries: vec![EffectiveEntry {
            client: client("c1"),
            agent: agent("Sun"),
        }],
    });
    f.when(deposit("d1", "c1", "u1", 1_000_000, "Sun"));
}

/// A deposit or a registration by a suspended agent (待岗, P1-21) is
/// accepted, and flagged for the manager.
#[test]
fn a_suspended_agent_registering_or_closing_is_accepted_and_flagged() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let mut f = Floor::given(p, &["Li", "Wang"]);
        f.when(Suspend { agent: agent("Li") });
        let d = f.register("c1", "Li", "13800000001");
        assert!(flagged_suspended(&d, "Li"), "{d:#?}");
        assert!(cites(&d, "P1-21"));
        let d = f.when(deposit("d1", "c1", "u1", 1_000_000, "Li"));
        assert!(flagged_suspended(&d, "Li"), "{d:#?}");
        let d = f.when(deposit("d2", "c1", "u2", 1_000_000, "Wang"));
        assert!(!flagged_suspended(&d, "Wang"));
    }
}

fn flagged_suspended(d: &[Decision], who: &str) -> bool {
    d.iter().any(
        |x| matches!(&x.what, What::ActedWhileSuspended { agent, .. } if agent.as_str() == who),
    )
}

// ---- 4. Phone duty obeying P2-3.4 is not a breach (P2-3.4, P1-10, P1-5) --

fn without_consent(d: &[Decision]) -> bool {
    d.iter().any(|x| {
        matches!(
            &x.what,
            What::Client(anchang::ClientDecision::ReceivedWithoutConsent { .. })
        )
    })
}

/// Li's registered client calls while Li is busy: the call goes to phone
/// duty, as P2-3.4 says. That is the rule obeyed, not a reception of
/// another's client without consent (P1-10); and a call has no duty
/// helper pouring tea (P1-5 is about visitors).
#[test]
fn a_registered_caller_whose_owner_is_busy_goes_to_phone_duty_unflagged() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let name = p.name.clone();
        let mut f = Floor::given(p, &["Li", "Wang", "Zhang"]);
        f.register("c1", "Li", "13800000001");
        then_receives(&f.walk_in("v1"), "v1", "Li");
        let d = f.arrive("call", |a| {
            a.channel = Channel::Call;
            a.phone = Some(anchang::Phone::new("13800000001"));
        });
        let r = reception(&d, "call");
        assert_eq!(r.via, anchang::Via::PhoneDuty, "{name}");
        assert_ne!(r.agent.as_str(), "Li");
        assert!(cites(&d, "P2-3.4"), "{name}: {d:#?}");
        assert!(!without_consent(&d), "{name}: {d:#?}");
        assert_eq!(r.helper, None, "{name}: a call has no duty helper");
    }
}

/// A call that is nobody's client has no duty helper either.
#[test]
fn a_new_caller_has_no_duty_helper() {
    let mut f = Floor::given(Policy::p2(), &["Li", "Wang", "Zhang"]);
    let d = f.arrive("call", |a| a.channel = Channel::Call);
    assert_eq!(reception(&d, "call").helper, None);
    assert!(!cites(&d, "P1-5"));
}

// ---- 3. Spouses and households, whichever member buys (P3-3, P2-2.10) ----

fn deal_shares(f: &Floor, id: &str) -> Vec<(String, u32)> {
    f.state
        .deals()
        .deal(id.parse().unwrap())
        .expect("deal opened")
        .shares()
        .iter()
        .map(|s| (s.payee.describe(anchang::Lang::En), s.share.0))
        .collect()
}

fn flagged_claims(d: &[Decision]) -> Vec<String> {
    d.iter()
        .filter_map(|x| match &x.what {
            What::Deal(anchang::DealDecision::ClaimFlagged { agent, .. }) => {
                Some(agent.to_string())
            }
            _ => None,
        })
        .collect()
}

/// Li registers the husband (C1), Wang later the wife (C2), unknowingly;
/// they are linked as spouses before either buys.
fn spouses(p: Policy) -> Floor {
    let mut f = Floor::given(p, &FOUR);
    f.register("C1", "Li", "13900001111");
    f.register("C2", "Wang", "13900002222");
    f.when(LinkFamily {
        client: client("C1"),
        other: client("C2"),
        spouse: true,
    });
    f
}

/// Under P3 the two agents share (P3-3) whichever spouse buys; under P2
/// the deal is the closer's and the other agent is flagged for the
/// manager's split (P2-2.10), whichever buys.
#[test]
fn spouses_share_or_are_flagged_whichever_member_buys() {
    for (buyer, closer) in [("C1", "Li"), ("C2", "Wang")] {
        let mut f = spouses(Policy::p3());
        let d = f.when(deposit("D1", buyer, "U1", 1_000_000, closer));
        let mut s = deal_shares(&f, "D1");
        s.sort();
        assert_eq!(
            s,
            [("Li".into(), 5_000), ("Wang".into(), 5_000)],
            "{buyer}: {d:#?}"
        );
        assert!(cites(&d, "P3-3"), "{buyer}");

        let mut f = spouses(Policy::p2());
        let d = f.when(deposit("D1", buyer, "U1", 1_000_000, closer));
        assert_eq!(
            deal_shares(&f, "D1"),
            [(closer.to_string(), 10_000)],
            "{buyer}"
        );
        let other = if closer == "Li" { "Wang" } else { "Li" };
        assert_eq!(flagged_claims(&d), [other], "{buyer}: {d:#?}");
        assert!(cites(&d, "P2-2.10"), "{buyer}");
    }
}

/// The link found after the wife's deposit through Wang: the deal is
/// flagged, with its rule, for the manager's ruling (P2-2.10 成交后发现的,
/// 由专案经理确认其权重分配), under either preset.
#[test]
fn a_household_found_after_the_deposit_flags_the_deal() {
    for p in [Policy::p2(), Policy::p3()] {
        let name = p.name.clone();
        let mut f = Floor::given(p, &FOUR);
        f.register("C1", "Li", "13900001111");
        f.register("C2", "Wang", "13900002222");
        f.when(deposit("D1", "C2", "U1", 1_000_000, "Wang"));
        let d = f.when(LinkFamily {
            client: client("C1"),
            other: client("C2"),
            spouse: true,
        });
        assert_eq!(flagged_claims(&d), ["Li"], "{name}: {d:#?}");
        assert!(cites(&d, "P2-2.10"), "{name}");
        // The wife stays with the agent she bought through (P2-2.7).
        assert_eq!(f.owner("C2").as_deref(), Some("Wang"));
    }
}

// ---- 5. Who is credited when someone without a claim closes -------------

/// Li owns the client; Wang stood in for Li's busy return visit; Zhang,
/// who neither owns nor stood in, records the deposit. Under P3 the
/// original agent is credited, sharing with its stand-in (P3-2, P3-4; a
/// reading: P3 is silent on a third agent), and Zhang is flagged; under P2
/// the closer is credited after the window (P2-1.5) and the others flagged.
#[test]
fn a_closer_without_a_claim_is_credited_per_the_policy_cell() {
    for p in [Policy::p2(), Policy::p3()] {
        let name = p.name.clone();
        let owner_credited = name == "P3";
        let mut f = Floor::given(p, &FOUR);
        f.register("C1", "Li", "13900001111");
        let mut stand_in = None;
        f.walk_in("v1"); // Li busy with a walk-in
        let d = f.arrive_with_phone("back", "13900001111");
        if let Some(r) = d.iter().find_map(|x| match &x.what {
            What::Received(r) if r.visitor.as_str() == "back" => Some(*r),
            _ => None,
        }) {
            stand_in = Some(r.agent.to_string());
        }
        f.end_all_busy();
        let d = f.when(deposit("D1", "C1", "U1", 1_000_000, "Zhang"));
        let mut s = deal_shares(&f, "D1");
        s.sort();
        let flags = flagged_claims(&d);
        if owner_credited {
            let si = stand_in.clone().expect("P3 stands in without approval");
            assert_eq!(s, [("Li".into(), 5_000), (si, 5_000)], "{name}: {d:#?}");
            assert!(flags.contains(&"Zhang".to_string()), "{name}: {d:#?}");
            assert!(cites(&d, "P3-2") && cites(&d, "P3-4"));
        } else {
            assert_eq!(s, [("Zhang".into(), 10_000)], "{name}");
            assert!(flags.contains(&"Li".to_string()), "{name}: {d:#?}");
            assert!(cites(&d, "P2-1.5"));
        }
    }
}

/// A policy line written before the cell existed still reads, crediting
/// the closer as it did.
#[test]
fn a_policy_without_the_closer_cell_still_reads() {
    let mut v = serde_json::to_value(Policy::p3()).unwrap();
    v["attribution"]
        .as_object_mut()
        .unwrap()
        .remove("closer_without_claim");
    let p: Policy = serde_json::from_value(v).unwrap();
    assert_eq!(
        p.attribution.closer_without_claim.value,
        anchang::policy::CloserCredit::Closer
    );
}

// ---- Found by the reference model (F5): two stand-ins ------------------

/// Who received each visitor in `d`, by visitor.
fn receiver(d: &[Decision], v: &str) -> String {
    reception(d, v).agent.to_string()
}

/// Li's client C1 calls while Li is busy: phone duty takes it (P2-3.4).
/// Then C1 visits twice while Li is still busy and two agents stand in,
/// the phone agent second. Li closes: under P3 the 共单 is Li's and its
/// first stand-in's (P3-2, P3-4), not the phone agent's, whose stand-in
/// claim arose only when it stood in, after the other's. Before the fix
/// the claim was dated by the call, so the phone agent came first.
#[test]
fn the_first_stand_in_shares_even_if_another_took_an_earlier_call() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.register("C1", "Li", "13900001111");
    then_receives(&f.arrive_with_phone("v1", "13900001111"), "v1", "Li");
    let d = f.arrive("call", |a| {
        a.channel = Channel::Call;
        a.phone = Some(anchang::Phone::new("13900001111"));
    });
    let phone = receiver(&d, "call");
    let first = receiver(&f.arrive_with_phone("v2", "13900001111"), "v2");
    f.end(&phone);
    let d = f.arrive_with_phone("v3", "13900001111");
    let second = receiver(&d, "v3");
    assert_eq!(
        (second.as_str(), first != phone),
        (phone.as_str(), true),
        "the day this test needs: the phone agent stands in second; {d:#?}"
    );
    f.end_all_busy();
    let d = f.when(deposit("D1", "C1", "U1", 1_000_000, "Li"));
    let mut s = deal_shares(&f, "D1");
    s.sort();
    let mut want = vec![("Li".to_string(), 5_000), (first, 5_000)];
    want.sort();
    assert_eq!(s, want, "{d:#?}");
    assert!(cites(&d, "P3-4"));
}

// ---- Found by the reference model: waiting visitors and a changed floor --

/// Who waits on the board, by visitor id.
fn waiting_ids(f: &Floor) -> Vec<String> {
    let board = f.state.board();
    board
        .waiting_iter()
        .map(|w| w.visit.visitor.to_string())
        .collect()
}

/// Under P2 Li's client C1 comes twice (husband and wife giving one
/// number) while Li is at lunch: both wait for the manager's word on a
/// stand-in (P2-3.8). Li comes back and receives the first; the second
/// now finds Li present but busy, where P2-3.9's duty helper stands in
/// with no word needed. It must not go on waiting for the manager.
#[test]
fn a_visitor_waiting_for_the_manager_is_routed_again_when_its_agent_is_back_but_busy() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("C1", "Li", "13900001111");
    f.away("Li", AwayReason::Meal);
    f.arrive_with_phone("v1", "13900001111");
    f.arrive_with_phone("v2", "13900001111");
    assert_eq!(waiting_ids(&f), ["v1", "v2"]);
    let d = f.back("Li");
    then_receives(&d, "v1", "Li");
    let r = reception(&d, "v2");
    assert!(
        matches!(r.via, anchang::Via::StandIn { owner } if owner.as_str() == "Li"),
        "{d:#?}"
    );
    assert!(cites(&d, "P2-3.9"), "{d:#?}");
    assert!(waiting_ids(&f).is_empty());
}

/// Li's client waits under P2 for the manager's word, Li being at lunch
/// (P2-3.8). At noon the office switches to P1, whose duty helper stands
/// in for an absent agent with no word needed (P1-15): the change lets the
/// floor receive it at once, and the stand-in's reception is recorded for
/// the client (its claim, P3-4 when the policy shares).
#[test]
fn a_policy_change_receives_the_visitors_the_new_rules_let_in() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.register("C1", "Li", "13900001111");
    f.away("Li", AwayReason::Meal);
    f.arrive_with_phone("v1", "13900001111");
    assert_eq!(waiting_ids(&f), ["v1"]);
    let d = switch(&mut f, Policy::p1());
    let r = reception(&d, "v1");
    assert!(matches!(r.via, anchang::Via::StandIn { .. }), "{d:#?}");
    assert!(waiting_ids(&f).is_empty());
    let who = r.agent.to_string();
    assert_eq!(f.claim_of("C1", &who), Some(anchang::ClaimReason::StandIn));
}
