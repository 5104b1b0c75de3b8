//! RULES.md "Where the documents disagree": each row under each preset.
//! A cell the documents do not state is checked to be marked a reading.

use anchang::event::*;
use anchang::policy::{Consequence, Lapse, PassReason, Placement, Policy, RotationModel};
use anchang::{Decision, Via, WaitReason, What};

use crate::support::*;

fn old_client(owner: &str, deposit_paid: bool) -> impl FnOnce(&mut Arrive) {
    let owner = agent(owner);
    move |a: &mut Arrive| {
        a.returning = Some(Returning {
            owner,
            deposit_paid,
        })
    }
}

#[track_caller]
fn assert_cites(d: &[Decision], id: &str) {
    assert!(cites(d, id), "no decision cites {id}: {d:#?}");
}

fn waits(d: &[Decision], v: &str) -> Option<WaitReason> {
    d.iter().find_map(|x| match &x.what {
        What::Waits { visitor, reason } if visitor.as_str() == v => Some(*reason),
        _ => None,
    })
}

fn rotation(f: &Floor) -> Vec<String> {
    f.state
        .board()
        .rotation()
        .iter()
        .map(|a| a.to_string())
        .collect()
}

// ------------------------------------------------ what the rotation is

/// P1: a fixed cycle in attendance order; the turn passes to whoever is next
/// after the agent who received (P1-1).
#[test]
fn disagreement_rotation_model_under_p1() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    assert_eq!(f.state.policy().rotation.value, RotationModel::Cycle);
    // A named visitor who is not up does not move the pointer; Zhang then
    // receives in turn after Wang, and the cycle wraps to Li after Zhao.
    f.named("n1", "Zhao");
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Li");
    assert_cites(&d, "P1-1");
    f.walk_in("v2");
    f.walk_in("v3");
    f.end("Li");
    f.end("Zhao");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
    then_receives(&f.walk_in("v5"), "v5", "Li");
}

/// P2: the manager's fixed cycle, with make-ups taken at its head (P2-3.3,
/// P2-3.10).
#[test]
fn disagreement_rotation_model_under_p2() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    assert_eq!(f.state.policy().rotation.value, RotationModel::Cycle);
    let d = f.when(Reorder {
        order: ["Zhang", "Li", "Zhao", "Wang"].map(agent).to_vec(),
        corrects: None,
    });
    assert_cites(&d, "P2-3.3");
    then_receives(&f.walk_in("v1"), "v1", "Zhang");
    f.away("Wang", AwayReason::Errand);
    f.back("Wang");
    // The head make-up is taken before the cycle's next (Li) ...
    let r = then_receives(&f.walk_in("v2"), "v2", "Wang");
    assert!(is_makeup(&r));
    // ... and the cycle goes on as set.
    then_receives(&f.walk_in("v3"), "v3", "Li");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
    f.end("Zhang");
    then_receives(&f.walk_in("v5"), "v5", "Zhang");
}

/// P3: rounds in daily sign-in order; each agent receives once a round; a
/// skipped busy agent moves to the end of those not yet received (P3-1).
#[test]
fn disagreement_rotation_model_under_p3() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    assert_eq!(f.state.policy().rotation.value, RotationModel::Rounds);
    f.arrive("o1", old_client("Li", false));
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    assert_cites(&d, "P3-1");
    f.end("Li");
    assert_eq!(rotation(&f), ["Zhang", "Zhao", "Li", "Wang"]);
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    then_receives(&f.walk_in("v4"), "v4", "Li");
    for a in FOUR {
        assert_eq!(f.stats(a).counted, 1, "{a}: once a round");
    }
}

// ------------------------------------- agent whose turn it is is busy

/// The two busy scenarios: Wang busy with an old client (o1), and Zhang
/// busy with a named new visitor, when their turns come.
fn busy(p: Policy) -> (Floor, Vec<Decision>, Vec<Decision>) {
    let mut f = Floor::given(p, &FOUR);
    f.arrive("o1", old_client("Wang", false));
    then_receives(&f.walk_in("v1"), "v1", "Li");
    f.end("Li");
    let d = f.walk_in("v2");
    f.end("Wang");
    let v3 = f.walk_in("v3");
    let v4 = f.walk_in("v4");
    (f, [d, v3].concat(), v4)
}

/// P1: skipped, turn lost (P1-1).
#[test]
fn disagreement_busy_agent_under_p1() {
    let (f, d, v4) = busy(Policy::p1());
    then_receives(&d, "v2", "Zhang");
    let (reason, c, owed) = then_passed(&d, "Wang");
    assert_eq!(reason, PassReason::BusyWithOld);
    assert_eq!((c, owed), (Consequence::Lost, false));
    assert_cites(&d, "P1-1");
    then_receives(&d, "v3", "Zhao");
    then_receives(&v4, "v4", "Li");
    assert!(f.state.board().makeups().is_empty());
    // Busy with a new client: lost as well.
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.named("n1", "Wang");
    f.walk_in("v1");
    let d = f.walk_in("v2");
    let (reason, c, _) = then_passed(&d, "Wang");
    assert_eq!((reason, c), (PassReason::BusyWithNew, Consequence::Lost));
}

/// P2: busy with an old client, one head make-up when free (P2-3.10); busy
/// with a new client: not stated, read as P1 (lost).
#[test]
fn disagreement_busy_agent_under_p2() {
    let (f, d, v4) = busy(Policy::p2());
    let (_, c, owed) = then_passed(&d, "Wang");
    assert_eq!((c, owed), (Consequence::MakeUp(Placement::Head), true));
    assert_cites(&d, "P2-3.10");
    let r = then_receives(&d, "v3", "Wang");
    assert!(is_makeup(&r));
    then_receives(&v4, "v4", "Zhao");
    assert!(f.state.policy().pass_over.busy_with_new.reading);
    assert!(!f.state.policy().pass_over.busy_with_old.reading);
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.named("n1", "Wang");
    f.walk_in("v1");
    let d = f.walk_in("v2");
    let (reason, c, _) = then_passed(&d, "Wang");
    assert_eq!((reason, c), (PassReason::BusyWithNew, Consequence::Lost));
    f.end("Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
}

/// P3: skipped, moved to the end of this round's agents not yet received:
/// it keeps this round's turn (P3-1).
#[test]
fn disagreement_busy_agent_under_p3() {
    let (_, d, v4) = busy(Policy::p3());
    let (_, c, owed) = then_passed(&d, "Wang");
    assert_eq!((c, owed), (Consequence::MakeUp(Placement::Last), true));
    assert_cites(&d, "P3-1");
    then_receives(&d, "v3", "Zhao");
    let r = then_receives(&v4, "v4", "Wang");
    assert!(r.counted);
}

// ------------------------------------- agent away on manager's errand

fn errand(p: Policy) -> (Floor, Vec<Decision>, Vec<Decision>) {
    let mut f = Floor::given(p, &FOUR);
    f.away("Li", AwayReason::Errand);
    let v1 = f.walk_in("v1");
    then_receives(&v1, "v1", "Wang");
    then_passed(&v1, "Li");
    let back = f.back("Li");
    (f, v1, back)
}

/// P1: skipped, turn lost (P1-1, absent).
#[test]
fn disagreement_agent_on_errand_under_p1() {
    let (mut f, v1, back) = errand(Policy::p1());
    let (_, c, _) = then_passed(&v1, "Li");
    assert_eq!(c, Consequence::Lost);
    assert_cites(&v1, "P1-1");
    assert!(!back
        .iter()
        .any(|d| matches!(d.what, What::MakeUpGranted { .. })));
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    then_receives(&f.walk_in("v4"), "v4", "Li");
}

/// P2: one priority make-up at the head on return (P2-3.11).
#[test]
fn disagreement_agent_on_errand_under_p2() {
    let (mut f, v1, _) = errand(Policy::p2());
    assert_cites(&v1, "P2-3.11");
    let d = f.walk_in("v2");
    let r = then_receives(&d, "v2", "Li");
    assert_eq!(
        r.via,
        Via::MakeUp {
            placement: Placement::Head
        }
    );
    assert_cites(&d, "P2-3.11");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    assert_eq!(f.stats("Li").makeups_granted, 1);
}

/// P3: one make-up on return, placed last (排自末位补接一次, P3-1).
#[test]
fn disagreement_agent_on_errand_under_p3() {
    let (mut f, v1, _) = errand(Policy::p3());
    assert_cites(&v1, "P3-1");
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    let d = f.walk_in("v4");
    let r = then_receives(&d, "v4", "Li");
    assert_eq!(
        r.via,
        Via::MakeUp {
            placement: Placement::Last
        }
    );
    assert_cites(&d, "P3-1");
}

// ------------------------------------ at a meal, washroom, out on its own

fn own_absence(p: Policy, reason: AwayReason) -> (Floor, Vec<Decision>) {
    let mut f = Floor::given(p, &FOUR);
    f.away("Li", reason);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    f.back("Li");
    (f, d)
}

/// P1: skipped, turn lost (P1-1).
#[test]
fn disagreement_agent_at_meal_washroom_or_out_under_p1() {
    for reason in [AwayReason::Meal, AwayReason::Washroom, AwayReason::Out] {
        let (mut f, d) = own_absence(Policy::p1(), reason);
        let (r, c, _) = then_passed(&d, "Li");
        assert_eq!((r, c), (PassReason::Away(reason), Consequence::Lost));
        assert_cites(&d, "P1-1");
        then_receives(&f.walk_in("v2"), "v2", "Zhang");
        assert!(f.state.board().makeups().is_empty());
    }
}

/// P2: not stated; read as P1 (lost), and the cell says it is a reading.
#[test]
fn disagreement_agent_at_meal_washroom_or_out_under_p2() {
    for reason in [AwayReason::Meal, AwayReason::Washroom, AwayReason::Out] {
        let (mut f, d) = own_absence(Policy::p2(), reason);
        let (_, c, _) = then_passed(&d, "Li");
        assert_eq!(c, Consequence::Lost);
        assert_cites(&d, "P1-1");
        then_receives(&f.walk_in("v2"), "v2", "Zhang");
        assert!(f.state.board().makeups().is_empty());
        let cell = f.state.policy().pass_over.get(PassReason::Away(reason));
        assert!(cell.reading, "{reason:?}");
    }
}

/// P3: that turn is forfeited, once, no make-up (自动轮空一次, P3-13).
#[test]
fn disagreement_agent_at_meal_washroom_or_out_under_p3() {
    for reason in [AwayReason::Meal, AwayReason::Washroom, AwayReason::Out] {
        let (mut f, d) = own_absence(Policy::p3(), reason);
        let (_, c, owed) = then_passed(&d, "Li");
        assert_eq!((c, owed), (Consequence::Forfeit, false));
        assert_cites(&d, "P3-13");
        then_receives(&f.walk_in("v2"), "v2", "Zhang");
        then_receives(&f.walk_in("v3"), "v3", "Zhao");
        then_receives(&f.walk_in("v4"), "v4", "Li");
        assert_eq!(f.stats("Li").forfeited, 1);
    }
}

// --------------------------------------------- visitor names an agent

/// P1: served by it, rotation place unchanged; counts only if it was its
/// turn (P1-16).
#[test]
fn disagreement_visitor_names_agent_under_p1() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.named("n1", "Wang");
    let r = then_receives(&d, "n1", "Wang");
    assert!(!r.counted);
    assert_cites(&d, "P1-16");
    f.end("Wang");
    then_receives(&f.walk_in("v1"), "v1", "Li");
    let r = then_receives(&f.named("n2", "Wang"), "n2", "Wang");
    assert!(r.counted, "it was Wang's turn");
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
}

/// P2: the visitor belongs to the agent it names (P2-2.5, P2-2.8); it
/// counts as P1 reads it (a reading).
#[test]
fn disagreement_visitor_names_agent_under_p2() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.named("n1", "Zhao");
    let r = then_receives(&d, "n1", "Zhao");
    assert_eq!(r.via, Via::Named);
    assert!(!r.counted);
    assert_cites(&d, "P2-2.5");
    assert!(f.state.policy().named.reading);
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

/// P3: served first, counts in its receptions (P3-20).
#[test]
fn disagreement_visitor_names_agent_under_p3() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = f.named("n1", "Zhang");
    let r = then_receives(&d, "n1", "Zhang");
    assert!(r.counted);
    assert_cites(&d, "P3-20");
    assert_eq!(f.stats("Zhang").counted, 1);
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

// ------------------------------------------ registered client returns

/// P1: own agent first; the stand-in's turn is given back (P1-15).
#[test]
fn disagreement_registered_client_returns_under_p1() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.arrive("o1", old_client("Zhang", false));
    assert_eq!(then_receives(&d, "o1", "Zhang").via, Via::Owner);
    assert_cites(&d, "P1-15");
    f.end("Zhang");
    // Owner away: the duty helper stands in at once; its turn, passed while
    // it stands in, is given back.
    f.away("Wang", AwayReason::Out);
    let d = f.arrive("o2", old_client("Wang", false));
    let r = then_receives(&d, "o2", "Zhao");
    assert!(matches!(r.via, Via::StandIn { .. }));
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    f.end("Li");
    let d = f.walk_in("v3");
    then_receives(&d, "v3", "Li");
    let (reason, c, owed) = then_passed(&d, "Zhao");
    assert_eq!(reason, PassReason::StandingIn);
    assert_eq!((c, owed), (Consequence::MakeUp(Placement::Head), true));
    assert_cites(&d, "P1-15");
    f.end("Zhao");
    let r = then_receives(&f.walk_in("v4"), "v4", "Zhao");
    assert!(is_makeup(&r));
}

/// P2: own agent; if absent the duty agent serves, with the manager's
/// confirmation, and it counts (P2-3.8).
#[test]
fn disagreement_registered_client_returns_under_p2() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.arrive("o1", old_client("Zhang", false));
    assert_eq!(then_receives(&d, "o1", "Zhang").via, Via::Owner);
    f.end("Zhang");
    f.away("Zhang", AwayReason::Out);
    let d = f.arrive("o2", old_client("Zhang", false));
    assert!(matches!(
        waits(&d, "o2"),
        Some(WaitReason::AwaitingManager { .. })
    ));
    let d = f.when(ApproveStandIn {
        visitor: visitor("o2"),
        agent: agent("Li"),
    });
    let r = then_receives(&d, "o2", "Li");
    assert!(r.counted);
    assert_cites(&d, "P2-3.8");
}

/// P3: own agent, not counted; deposit-paying clients use no turn (P3-1).
#[test]
fn disagreement_registered_client_returns_under_p3() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    for (v, deposit) in [("o1", false), ("o2", true)] {
        let d = f.arrive(v, old_client("Li", deposit));
        let r = then_receives(&d, v, "Li");
        assert_eq!((r.via, r.counted, r.uses_turn), (Via::Owner, false, false));
        assert_cites(&d, "P3-1");
        f.end("Li");
    }
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

// ---------------------------------------------- registration lapses
// The registry applies these; here the preset cells are checked.

/// P1: not stated; read as no lapse.
#[test]
fn disagreement_registration_lapses_under_p1() {
    let p = Policy::p1();
    assert_eq!(p.lapse.value, Lapse::Never);
    assert!(p.lapse.reading);
}

/// P2: more than 20 days without a contact (P2-2.13).
#[test]
fn disagreement_registration_lapses_under_p2() {
    let p = Policy::p2();
    assert_eq!(p.lapse.value, Lapse::Inactivity { days: 20 });
    assert!(p.lapse.rules.as_slice().iter().any(|r| r.id() == "P2-2.13"));
}

/// P3: 30 days from registration, not extended by follow-ups (P3-16, P3-19).
#[test]
fn disagreement_registration_lapses_under_p3() {
    let p = Policy::p3();
    assert_eq!(p.lapse.value, Lapse::FromRegistration { days: 30 });
    let ids: Vec<&str> = p.lapse.rules.as_slice().iter().map(|r| r.id()).collect();
    assert!(ids.contains(&"P3-16") && ids.contains(&"P3-19"), "{ids:?}");
}

// ------------------------------- who covers a busy agent's old client

fn covers(p: Policy) -> (Floor, Vec<Decision>) {
    let mut f = Floor::given(p, &FOUR);
    f.walk_in("v1");
    let d = f.arrive("o1", old_client("Li", false));
    (f, d)
}

/// P1: the duty helper or a delegate (P1-15).
#[test]
fn disagreement_who_covers_busy_agents_old_client_under_p1() {
    let (f, d) = covers(Policy::p1());
    let r = then_receives(&d, "o1", "Zhao");
    assert_eq!(r.via, Via::StandIn { owner: agent("Li") });
    assert_cites(&d, "P1-15");
    assert_eq!(f.stats("Li").counted, 1);
}

/// P2: a named helper, the last in the rotation, or the manager (P2-3.9).
#[test]
fn disagreement_who_covers_busy_agents_old_client_under_p2() {
    let (_, d) = covers(Policy::p2());
    then_receives(&d, "o1", "Zhao");
    assert_cites(&d, "P2-3.9");
}

/// P3: a delegate or the manager's pick; a deal is shared (P3-2, P3-4).
#[test]
fn disagreement_who_covers_busy_agents_old_client_under_p3() {
    let (f, d) = covers(Policy::p3());
    let r = then_receives(&d, "o1", "Zhao");
    assert!(!r.counted);
    assert_cites(&d, "P3-4");
    assert!(f.state.policy().attribution.stand_in_share.value.is_some());
}

// ------------------------------------------------ visitors not counted

fn greeted(d: &[Decision]) -> bool {
    d.iter().any(|x| matches!(x.what, What::Greeted { .. }))
}

fn way_askers_staff_business(p: Policy) -> Floor {
    let mut f = Floor::given(p, &FOUR);
    for (v, purpose) in [
        ("w", Purpose::AskingWay),
        ("s", Purpose::Staff),
        ("b", Purpose::RelatedBusiness),
    ] {
        let d = f.arrive(v, |a| a.purpose = purpose);
        assert!(greeted(&d), "{purpose:?}: {d:#?}");
        assert_cites(&d, "P2-3.7");
    }
    assert_eq!(f.stats("Li").counted, 0);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    f
}

/// P1: not stated; read as P2-3.7.
#[test]
fn disagreement_visitors_not_counted_under_p1() {
    let f = way_askers_staff_business(Policy::p1());
    assert!(f.state.policy().uncounted.reading);
}

/// P2: the way-askers, staff, related business (P2-3.7).
#[test]
fn disagreement_visitors_not_counted_under_p2() {
    let f = way_askers_staff_business(Policy::p2());
    assert!(!f.state.policy().uncounted.reading);
}

/// P3: deposit-paying and registered old clients (P3-1); the way-askers,
/// staff and related business read as P2-3.7.
#[test]
fn disagreement_visitors_not_counted_under_p3() {
    let mut f = way_askers_staff_business(Policy::p3());
    assert!(f.state.policy().uncounted.reading);
    f.end("Li");
    for (v, deposit) in [("o1", true), ("o2", false)] {
        let d = f.arrive(v, old_client("Zhao", deposit));
        assert!(!then_receives(&d, v, "Zhao").counted);
        f.end("Zhao");
    }
    assert_eq!(f.stats("Zhao").counted, 0);
    then_receives(&f.walk_in("v2"), "v2", "Wang");
}
