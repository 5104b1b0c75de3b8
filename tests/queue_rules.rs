//! The reception queue rule by rule: a given/when/then scenario for every
//! rule id of kind Q in P1, P2 and P3 and the manager's acts that touch the
//! queue; then the board's queries, bad input, and explanations.
//! The disagreement table's rows under each preset are in `disagreements.rs`.

use anchang::event::*;
use anchang::policy::{Consequence, PassReason, Placement, Policy, RotationModel};
use anchang::queue::{MakeUpReason, QueueError, Status};
use anchang::{ApplyErrorKind, Decision, Event, Lang, LogError, Via, WaitReason, What};

use crate::support::*;

// ---------------------------------------------------------------- helpers

fn ids(v: Vec<anchang::AgentId>) -> Vec<String> {
    v.iter().map(|a| a.to_string()).collect()
}

fn rotation(f: &Floor) -> Vec<String> {
    ids(f.state.board().rotation())
}

fn phone_duty(f: &Floor) -> Vec<String> {
    ids(f.state.board().phone_duty())
}

fn duty_helper(f: &Floor) -> Option<String> {
    f.state.board().duty_helper().map(|a| a.to_string())
}

fn waiting(f: &Floor) -> Vec<String> {
    f.state
        .board()
        .waiting()
        .iter()
        .map(|w| w.visit.visitor.to_string())
        .collect()
}

fn owed(f: &Floor) -> Vec<String> {
    f.state
        .board()
        .makeups()
        .iter()
        .map(|m| m.agent.to_string())
        .collect()
}

fn old_client(owner: &str, deposit_paid: bool) -> impl FnOnce(&mut Arrive) {
    let owner = agent(owner);
    move |a: &mut Arrive| {
        a.returning = Some(Returning {
            owner,
            deposit_paid,
        })
    }
}

fn call_from(owner: Option<&str>) -> impl FnOnce(&mut Arrive) {
    let owner = owner.map(agent);
    move |a: &mut Arrive| {
        a.channel = Channel::Call;
        a.returning = owner.map(|owner| Returning {
            owner,
            deposit_paid: false,
        });
    }
}

fn reorder(f: &mut Floor, order: &[&str]) -> Vec<Decision> {
    f.when(Reorder {
        order: order.iter().map(|a| agent(a)).collect(),
        corrects: None,
    })
}

fn assign(f: &mut Floor, v: &str, a: &str) -> Vec<Decision> {
    f.when(Assign {
        visitor: visitor(v),
        agent: agent(a),
        corrects: None,
    })
}

fn approve(f: &mut Floor, v: &str, a: &str) -> Vec<Decision> {
    f.when(ApproveStandIn {
        visitor: visitor(v),
        agent: agent(a),
    })
}

/// The decision citing `id`, as text, for failure messages.
#[track_caller]
fn assert_cites(d: &[Decision], id: &str) {
    assert!(cites(d, id), "no decision cites {id}: {d:#?}");
}

/// Whether `v` waits among `d`.
fn waits(d: &[Decision], v: &str) -> Option<WaitReason> {
    d.iter().find_map(|x| match &x.what {
        What::Waits { visitor, reason } if visitor.as_str() == v => Some(*reason),
        _ => None,
    })
}

/// Then `who` declined `v` and forfeits (轮空): the decision says so and
/// cites `id`, and no make-up is owed for it.
#[track_caller]
fn then_declined_forfeits(f: &Floor, d: &[Decision], who: &str, v: &str, id: &str) {
    let cited = d.iter().find_map(|x| match &x.what {
        What::Declined { agent, visitor } if agent.as_str() == who && visitor.as_str() == v => {
            Some(x.rules)
        }
        _ => None,
    });
    let rules = cited.unwrap_or_else(|| panic!("{who} did not decline {v}: {d:#?}"));
    assert!(
        rules.as_slice().iter().any(|r| r.id() == id),
        "the decline cites {rules}, not {id}"
    );
    assert_eq!(f.stats(who).forfeited, 1);
    assert!(!f
        .state
        .board()
        .makeups()
        .iter()
        .any(|m| m.agent.as_str() == who));
}

/// Fills the four agents of `FOUR` with v1..v4 (a cycle or round from Li).
fn fill_four(f: &mut Floor) {
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
}

// ------------------------------------------------------------------ P1

/// P1-1: "Agents receive clients in attendance-log order ... If the agent
/// whose turn it is is absent or busy, the next agent receives; the skipped
/// agent's turn is not given back (不予补回)."
#[test]
fn p1_1_attendance_order_absent_agent_skipped_turn_not_given_back() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.away("Wang", AwayReason::Out);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Li");
    assert_cites(&d, "P1-1");
    let d = f.walk_in("v2");
    then_receives(&d, "v2", "Zhang");
    let (reason, c, owed) = then_passed(&d, "Wang");
    assert_eq!(reason, PassReason::Away(AwayReason::Out));
    assert_eq!((c, owed), (Consequence::Lost, false));
    assert_cites(&d, "P1-1");
    f.back("Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    // Not given back: the cycle goes on to Li, Wang only after him.
    f.end("Li");
    then_receives(&f.walk_in("v4"), "v4", "Li");
    assert_eq!(f.stats("Wang").makeups_granted, 0);
    assert_eq!(f.stats("Wang").passed_over, 1);
    assert!(f.state.board().makeups().is_empty());
}

/// P1-2: "The sales manager supervises and may adjust the order": a reorder
/// takes effect at once, and the manager may assign a waiting visitor.
#[test]
fn p1_2_manager_adjusts_order_and_assigns() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = reorder(&mut f, &["Zhao", "Li", "Wang", "Zhang"]);
    assert!(matches!(&d[0].what, What::Reordered { .. }));
    assert_cites(&d, "P1-2");
    assert_eq!(f.next_up(2), ["Zhao", "Li"]);
    then_receives(&f.walk_in("v1"), "v1", "Zhao");
    then_receives(&f.walk_in("v2"), "v2", "Li");
    // Everyone on shift busy; the manager assigns the waiting visitor to
    // the off-shift Zhao (keeping every visitor promptly received).
    then_receives(&f.walk_in("v3"), "v3", "Wang");
    then_receives(&f.walk_in("v4"), "v4", "Zhang");
    f.end("Zhao");
    f.when(ShiftOff {
        agent: agent("Zhao"),
    });
    let d = f.walk_in("v5");
    assert_eq!(waits(&d, "v5"), Some(WaitReason::NobodyFree));
    let d = assign(&mut f, "v5", "Zhao");
    let r = then_receives(&d, "v5", "Zhao");
    assert_eq!(r.via, Via::Manager);
    assert!(r.counted);
    assert_cites(&d, "P1-2");
    assert!(waiting(&f).is_empty());
}

/// P1-3: "The agent whose turn it is and the next one wait at the door:
/// the board shows at least the next two."
#[test]
fn p1_3_board_shows_next_two_up() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    assert_eq!(f.next_up(2), ["Li", "Wang"]);
    f.walk_in("v1");
    assert_eq!(f.next_up(2), ["Wang", "Zhang"]);
    f.walk_in("v2");
    f.walk_in("v3");
    // Only Zhao is free: the board shows whom it can.
    assert_eq!(f.next_up(2), ["Zhao"]);
    f.end("Wang");
    assert_eq!(f.next_up(2), ["Zhao", "Wang"]);
}

/// P1-5: "The duty helper (义务接待) is the last agent in the rotation; it
/// assists the agent receiving." The reception names it and cites P1-5.
#[test]
fn p1_5_duty_helper_is_free_agent_last_in_rotation() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    assert_eq!(duty_helper(&f).as_deref(), Some("Zhao"));
    let d = f.walk_in("v1");
    let r = then_receives(&d, "v1", "Li");
    assert_eq!(r.helper.map(|h| h.to_string()).as_deref(), Some("Zhao"));
    assert_cites(&d, "P1-5");
    f.walk_in("v2");
    let d = f.walk_in("v3");
    let r = then_receives(&d, "v3", "Zhang");
    assert_eq!(r.helper.map(|h| h.to_string()).as_deref(), Some("Zhao"));
    // Nobody left free to help Zhao.
    let d = f.walk_in("v4");
    let r = then_receives(&d, "v4", "Zhao");
    assert_eq!(r.helper, None);
    assert!(!cites(&d, "P1-5"));
    assert_eq!(duty_helper(&f), None);
}

/// P1-6: "Anyone interested in the property is a client; agents may not
/// pick clients": a friend asking for a relative counts, and an agent who
/// declines the visitor offered forfeits (轮空).
#[test]
fn p1_6_every_interested_visitor_is_a_client_no_picking() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.arrive("friend", |a| {
        a.introduced_by = Some(Introducer::OldClient);
    });
    assert!(then_receives(&d, "friend", "Li").counted);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    let d = f.decline("Wang");
    then_receives(&d, "v1", "Zhang");
    then_declined_forfeits(&f, &d, "Wang", "v1", "P1-6");
}

/// P1-7: "An agent never breaks off a client to take another: a busy agent
/// is never assigned." With everyone busy the visitor waits.
#[test]
fn p1_7_busy_agent_never_assigned_visitor_waits() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    fill_four(&mut f);
    let d = f.walk_in("v5");
    assert_eq!(waits(&d, "v5"), Some(WaitReason::NobodyFree));
    assert_cites(&d, "P1-7");
    assert!(!d.iter().any(|x| matches!(x.what, What::Received(_))));
    for a in FOUR {
        assert!(matches!(
            f.state.board().agent(agent(a)).unwrap().status,
            Status::Busy { .. }
        ));
    }
    let d = f.end("Zhang");
    then_receives(&d, "v5", "Zhang");
}

/// P1-15: "A registered client who visits is received first by its
/// registering agent. If that agent ... cannot receive, the duty helper ...
/// stands in ..., the original agent takes over once free; the stand-in's
/// turn may be given back (轮号可补回)."
#[test]
fn p1_15_own_agent_first_duty_helper_stands_in_turn_given_back() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    // Own agent free: it receives, uncounted, the rotation unchanged.
    let d = f.arrive("o1", old_client("Zhang", false));
    let r = then_receives(&d, "o1", "Zhang");
    assert_eq!(r.via, Via::Owner);
    assert!(!r.counted);
    assert_cites(&d, "P1-15");
    f.end("Zhang");
    assert_eq!(f.next_up(1), ["Li"]);

    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    // Wang's client comes while Wang is busy: the duty helper Zhao stands in.
    let d = f.arrive("o2", old_client("Wang", false));
    let r = then_receives(&d, "o2", "Zhao");
    assert_eq!(
        r.via,
        Via::StandIn {
            owner: agent("Wang")
        }
    );
    assert_cites(&d, "P1-15");
    f.end("Li");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    // Zhao's turn comes while standing in: given back later.
    let d = f.walk_in("v4");
    then_receives(&d, "v4", "Li");
    let (reason, c, owed) = then_passed(&d, "Zhao");
    assert_eq!(reason, PassReason::StandingIn);
    assert_eq!((c, owed), (Consequence::MakeUp(Placement::Head), true));
    assert_cites(&d, "P1-15");
    // Wang, free, takes over his client.
    f.end("Wang");
    let d = f.when(Takeover {
        visitor: visitor("o2"),
    });
    assert!(d.iter().any(|x| matches!(
        &x.what,
        What::TakenOver { from, to, .. } if from.as_str() == "Zhao" && to.as_str() == "Wang"
    )));
    assert_cites(&d, "P1-15");
    let d = f.walk_in("v5");
    let r = then_receives(&d, "v5", "Zhao");
    assert!(is_makeup(&r));
    assert_cites(&d, "P1-15");
}

/// P1-16: "An unregistered visitor who names an agent is received by that
/// agent; its place in the rotation does not change."
#[test]
fn p1_16_named_agent_receives_place_unchanged_not_counted() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.named("n1", "Zhang");
    let r = then_receives(&d, "n1", "Zhang");
    assert_eq!((r.via, r.counted, r.uses_turn), (Via::Named, false, false));
    assert_cites(&d, "P1-16");
    f.end("Zhang");
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
}

/// P1-16: "... but if it was its turn the turn counts as taken (计为轮过)."
#[test]
fn p1_16_named_agent_whose_turn_it_is_counts_as_taken() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.named("n1", "Li");
    let r = then_receives(&d, "n1", "Li");
    assert!(r.counted && r.uses_turn);
    assert_cites(&d, "P1-16");
    then_receives(&f.walk_in("v1"), "v1", "Wang");
}

/// P1-16: "If the named agent is not present, the agent whose turn it is
/// receives and registers the client."
#[test]
fn p1_16_named_agent_absent_agent_whose_turn_receives() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.away("Zhang", AwayReason::Out);
    let d = f.named("n1", "Zhang");
    let r = then_receives(&d, "n1", "Li");
    assert_eq!(r.via, Via::Rotation);
    assert!(r.counted);
    assert_cites(&d, "P1-16");
    f.sign_out("Zhao");
    let d = f.named("n2", "Zhao");
    then_receives(&d, "n2", "Wang");
    assert_cites(&d, "P1-16");
}

/// P1-19: "Clients introduced by the developer or the company are received
/// by the agent whose turn it is (unless they name an agent)."
#[test]
fn p1_19_developer_and_company_clients_go_to_turn() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.arrive("d1", |a| a.introduced_by = Some(Introducer::Developer));
    let r = then_receives(&d, "d1", "Li");
    assert!(r.counted);
    assert_cites(&d, "P1-19");
    let d = f.arrive("c1", |a| a.introduced_by = Some(Introducer::Company));
    then_receives(&d, "c1", "Wang");
    assert_cites(&d, "P1-19");
    // Naming an agent wins.
    let d = f.arrive("d2", |a| {
        a.introduced_by = Some(Introducer::Developer);
        a.named_agent = Some(agent("Zhao"));
    });
    then_receives(&d, "d2", "Zhao");
}

/// P1-21: "The manager may warn or suspend (待岗) an agent": the log records
/// it and the suspended agent leaves the rotation until reinstated.
#[test]
fn p1_21_suspended_agent_out_of_rotation_until_reinstated() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.when(Suspend {
        agent: agent("Wang"),
    });
    assert_cites(&d, "P1-21");
    assert_eq!(
        f.state.board().agent(agent("Wang")).unwrap().status,
        Status::Suspended
    );
    assert_eq!(rotation(&f), ["Li", "Zhang", "Zhao"]);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    let d = f.walk_in("v2");
    then_receives(&d, "v2", "Zhang");
    assert!(
        !d.iter().any(|x| matches!(&x.what, What::PassedOver { .. })),
        "a suspended agent is not passed over: it has no turn"
    );
    let d = f.when(Reinstate {
        agent: agent("Wang"),
    });
    assert_cites(&d, "P1-21");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    f.end("Li");
    then_receives(&f.walk_in("v4"), "v4", "Li");
    then_receives(&f.walk_in("v5"), "v5", "Wang");
}

// ------------------------------------------------------------------ P2

/// P2-2.3: "A registered client whose owner is away ... is received by
/// another agent with the manager's consent."
#[test]
fn p2_2_3_owner_away_another_receives_with_manager_consent() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Wang", AwayReason::Out);
    let d = f.arrive("o1", old_client("Wang", false));
    assert_eq!(
        waits(&d, "o1"),
        Some(WaitReason::AwaitingManager {
            proposed: Some(agent("Li"))
        })
    );
    // Other visitors are not held up by it.
    then_receives(&f.walk_in("v1"), "v1", "Li");
    let d = approve(&mut f, "o1", "Zhang");
    let r = then_receives(&d, "o1", "Zhang");
    assert_eq!(
        r.via,
        Via::StandIn {
            owner: agent("Wang")
        }
    );
    assert_cites(&d, "P2-2.3");
    assert!(waiting(&f).is_empty());
}

/// P2-2.12 (queue part): "During a housing expo the expo and the office run
/// shifts": an agent at the expo is absent from the office rotation.
#[test]
fn p2_2_12_agent_at_expo_is_absent_from_office_rotation() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.away("Zhang", AwayReason::Expo);
    assert_cites(&d, "P2-2.12");
    f.walk_in("v1");
    f.walk_in("v2");
    let d = f.walk_in("v3");
    then_receives(&d, "v3", "Zhao");
    let (reason, c, _) = then_passed(&d, "Zhang");
    assert_eq!(reason, PassReason::Away(AwayReason::Expo));
    assert_eq!(c, Consequence::Lost);
    assert_cites(&d, "P2-2.12");
    let d = f.back("Zhang");
    assert!(!d
        .iter()
        .any(|x| matches!(x.what, What::MakeUpGranted { .. })));
}

/// P2-3.2: "Every caller and visitor is asked whether it is registered; if
/// so its own agent serves it."
#[test]
fn p2_3_2_registered_visitor_and_caller_served_by_own_agent() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.arrive("o1", old_client("Zhang", false));
    let r = then_receives(&d, "o1", "Zhang");
    assert_eq!(r.via, Via::Owner);
    assert_cites(&d, "P2-3.2");
    f.end("Zhang");
    let d = f.arrive("c1", call_from(Some("Wang")));
    let r = then_receives(&d, "c1", "Wang");
    assert_eq!(r.via, Via::Owner);
    assert_cites(&d, "P2-3.2");
    // Neither moved the rotation.
    f.end("Wang");
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

/// P2-3.3: "The manager sets the rotation in advance; changes are ...
/// recorded. Calls are answered by the last agents in the rotation, as many
/// as there are public hotlines, and this moves with the rotation."
#[test]
fn p2_3_3_manager_sets_rotation_calls_go_to_last_of_rotation() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = reorder(&mut f, &["Zhang", "Zhao", "Li", "Wang"]);
    assert_cites(&d, "P2-3.3");
    assert_eq!(rotation(&f), ["Zhang", "Zhao", "Li", "Wang"]);
    assert_eq!(phone_duty(&f), ["Wang"]);
    let d = f.arrive("c1", call_from(None));
    let r = then_receives(&d, "c1", "Wang");
    assert_eq!(r.via, Via::PhoneDuty);
    assert!(!r.counted);
    assert_cites(&d, "P2-3.3");
    f.end("Wang");
    // It moves with the rotation.
    then_receives(&f.walk_in("v1"), "v1", "Zhang");
    f.end("Zhang");
    assert_eq!(phone_duty(&f), ["Zhang"]);
    let d = f.arrive("c2", call_from(None));
    then_receives(&d, "c2", "Zhang");
}

/// P2-3.4: "A call from a registered client goes to its own agent if the
/// client agrees; otherwise the duty phone agent serves it."
#[test]
fn p2_3_4_registered_caller_to_own_agent_else_phone_duty() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.arrive("c1", call_from(Some("Wang")));
    let r = then_receives(&d, "c1", "Wang");
    assert_eq!(r.via, Via::Owner);
    assert_cites(&d, "P2-3.4");
    // Wang is on the line; his next caller goes to phone duty.
    let d = f.arrive("c2", call_from(Some("Wang")));
    let r = then_receives(&d, "c2", "Zhao");
    assert_eq!(r.via, Via::PhoneDuty);
    assert_cites(&d, "P2-3.4");
}

/// P2-3.6: "A walk-in is received by the agent first in the order."
#[test]
fn p2_3_6_walk_in_received_by_first_in_order() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.walk_in("v1");
    let r = then_receives(&d, "v1", "Li");
    assert_eq!(r.via, Via::Rotation);
    assert!(r.counted);
    assert_cites(&d, "P2-3.6");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
}

/// P2-3.7: "Every visitor counts as one turn whatever its intent ... except
/// people asking the way, internal staff and related business callers ...:
/// greeted but not counted."
#[test]
fn p2_3_7_way_askers_staff_related_business_greeted_not_counted() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    for (v, p) in [
        ("w", Purpose::AskingWay),
        ("s", Purpose::Staff),
        ("b", Purpose::RelatedBusiness),
    ] {
        let d = f.arrive(v, |a| a.purpose = p);
        assert!(
            matches!(&d[0].what, What::Greeted { agent: Some(a), purpose, .. } if a.as_str() == "Li" && *purpose == p),
            "{d:?}"
        );
        assert_cites(&d, "P2-3.7");
    }
    assert_eq!(f.stats("Li").counted, 0);
    assert_eq!(f.stats("Li").uncounted, 3);
    // A friend asking after a relative is a client: counted.
    let d = f.arrive("friend", |a| a.purpose = Purpose::Client);
    assert!(then_receives(&d, "friend", "Li").counted);
    then_receives(&f.walk_in("v1"), "v1", "Wang");
}

/// P2-3.7: "An agent who picks clients or breaks the order forfeits (轮空):
/// no make-up, the next agent takes it."
#[test]
fn p2_3_7_picking_a_client_forfeits_no_makeup() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.walk_in("v1");
    let d = f.decline("Li");
    then_receives(&d, "v1", "Wang");
    then_declined_forfeits(&f, &d, "Li", "v1", "P2-3.7");
    assert!(f.state.board().makeups().is_empty());
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
}

/// P2-3.8: "A registered client who visits is seated and its agent told. If
/// its agent is absent, with the manager's confirmation the agent on duty
/// receives and records it, and this counts as a turn."
#[test]
fn p2_3_8_owner_absent_agent_on_duty_receives_on_confirmation_counts() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Zhao", AwayReason::Meal);
    let d = f.arrive("o1", old_client("Zhao", false));
    assert!(matches!(
        waits(&d, "o1"),
        Some(WaitReason::AwaitingManager { proposed: Some(p) }) if p.as_str() == "Li"
    ));
    assert_cites(&d, "P2-3.8");
    let d = approve(&mut f, "o1", "Li");
    let r = then_receives(&d, "o1", "Li");
    assert!(r.counted && r.uses_turn);
    assert_cites(&d, "P2-3.8");
    assert_eq!(f.stats("Li").counted, 1);
    // It was Li's turn, now taken.
    then_receives(&f.walk_in("v1"), "v1", "Wang");
}

/// P2-3.9: "If the agent on duty is with a new client when its own old
/// client arrives, ... the last agent in the rotation ... receives the old
/// client; the new client is never passed on."
#[test]
fn p2_3_9_own_old_client_while_busy_goes_to_last_in_rotation() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.walk_in("v1");
    let d = f.arrive("o1", old_client("Li", false));
    let r = then_receives(&d, "o1", "Zhao");
    assert_eq!(r.via, Via::StandIn { owner: agent("Li") });
    assert_cites(&d, "P2-3.9");
    assert_eq!(
        f.state.board().agent(agent("Li")).unwrap().status,
        Status::Busy {
            visitor: visitor("v1"),
            counted: true
        }
    );
}

/// P2-3.10: "An agent busy with an old client when its turn comes is
/// skipped ... When free it gets one priority make-up (head of the queue),
/// once only however many turns it missed; then the order continues."
#[test]
fn p2_3_10_busy_with_old_client_one_head_makeup_however_many_missed() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.arrive("o1", old_client("Wang", false));
    f.walk_in("v1");
    let d = f.walk_in("v2");
    then_receives(&d, "v2", "Zhang");
    let (reason, c, owed) = then_passed(&d, "Wang");
    assert_eq!(reason, PassReason::BusyWithOld);
    assert_eq!((c, owed), (Consequence::MakeUp(Placement::Head), true));
    assert_cites(&d, "P2-3.10");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    f.end("Li");
    f.end("Zhang");
    f.end("Zhao");
    then_receives(&f.walk_in("v4"), "v4", "Li");
    let d = f.walk_in("v5");
    then_receives(&d, "v5", "Zhang");
    let (_, _, owed) = then_passed(&d, "Wang");
    assert!(!owed, "a second miss in the same spell owes nothing more");
    assert_eq!(owed_len(&f), 1);
    f.end("Wang");
    let d = f.walk_in("v6");
    let r = then_receives(&d, "v6", "Wang");
    assert_eq!(
        r.via,
        Via::MakeUp {
            placement: Placement::Head
        }
    );
    assert_cites(&d, "P2-3.10");
    // The order continues as before: after Zhang comes Zhao.
    then_receives(&f.walk_in("v7"), "v7", "Zhao");
    let s = f.stats("Wang");
    assert_eq!(
        (s.passed_over, s.makeups_granted, s.makeups_used),
        (2, 1, 1)
    );
}

fn owed_len(f: &Floor) -> usize {
    f.state.board().makeups().len()
}

/// P2-3.11: "An agent sent away on work by the manager ... gets one
/// priority make-up on return, once only" (reading: on every return,
/// whether or not a turn was missed).
#[test]
fn p2_3_11_errand_return_one_head_makeup_even_without_missed_turn() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let d = f.away("Zhao", AwayReason::Errand);
    assert_cites(&d, "P2-3.11");
    let d = f.back("Zhao");
    assert!(d.iter().any(|x| matches!(
        &x.what,
        What::MakeUpGranted { agent, placement: Placement::Head } if agent.as_str() == "Zhao"
    )));
    assert_cites(&d, "P2-3.11");
    let d = f.walk_in("v1");
    let r = then_receives(&d, "v1", "Zhao");
    assert!(is_makeup(&r));
    assert_cites(&d, "P2-3.11");
    then_receives(&f.walk_in("v2"), "v2", "Li");
}

/// P2-3.11: "... once only": an errand spanning several missed turns still
/// gives one make-up.
#[test]
fn p2_3_11_errand_missing_several_turns_still_one_makeup() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Wang", AwayReason::Errand);
    f.walk_in("v1");
    let d = f.walk_in("v2");
    let (_, _, first) = then_passed(&d, "Wang");
    assert!(first);
    f.walk_in("v3");
    f.end("Li");
    f.end("Zhang");
    f.end("Zhao");
    f.walk_in("v4");
    let d = f.walk_in("v5");
    let (_, _, second) = then_passed(&d, "Wang");
    assert!(!second);
    f.back("Wang");
    assert_eq!(owed(&f), ["Wang"]);
    assert_eq!(f.stats("Wang").makeups_granted, 1);
}

// ------------------------------------------------------------------ P3

/// P3-1: "New clients are received in daily sign-in order": each agent
/// once a round, then the next round from the first.
#[test]
fn p3_1_sign_in_order_in_rounds() {
    let mut f = Floor::given(Policy::p3(), &["Zhao", "Li", "Wang"]);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Zhao");
    assert_cites(&d, "P3-1");
    then_receives(&f.walk_in("v2"), "v2", "Li");
    then_receives(&f.walk_in("v3"), "v3", "Wang");
    f.end("Zhao");
    f.end("Li");
    f.end("Wang");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
}

/// P3-1: "A busy agent whose turn comes is skipped, and after finishing it
/// is placed last among the agents who have not yet received in this
/// round: it still gets this round's turn, after the others."
#[test]
fn p3_1_busy_skip_placed_last_in_round() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.named("n1", "Li");
    // Li used his round turn on n1 (P3-20); Wang is busy with his old client.
    f.arrive("o1", old_client("Wang", false));
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Zhang");
    let (reason, c, owed) = then_passed(&d, "Wang");
    assert_eq!(reason, PassReason::BusyWithOld);
    assert_eq!((c, owed), (Consequence::MakeUp(Placement::Last), true));
    assert_cites(&d, "P3-1");
    f.end("Wang");
    // Placed last: Zhao, not yet received, comes first.
    then_receives(&f.walk_in("v2"), "v2", "Zhao");
    let d = f.walk_in("v3");
    let r = then_receives(&d, "v3", "Wang");
    assert!(r.counted);
    assert_cites(&d, "P3-1");
    // Everyone received once: round two, in sign-in order.
    f.end("Li");
    then_receives(&f.walk_in("v4"), "v4", "Li");
    for a in FOUR {
        assert_eq!(f.stats(a).counted, if a == "Li" { 2 } else { 1 }, "{a}");
    }
}

/// P3-1: "An agent away on company business gets one make-up on return, at
/// the end (排自末位补接一次)."
#[test]
fn p3_1_errand_makeup_taken_last_in_round() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.away("Li", AwayReason::Errand);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    let (_, c, owed) = then_passed(&d, "Li");
    assert_eq!((c, owed), (Consequence::MakeUp(Placement::Last), true));
    assert_cites(&d, "P3-1");
    f.back("Li");
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
    assert_eq!(f.stats("Li").makeups_granted, 1);
}

/// P3-1: "Receiving an old client who paid a deposit uses no turn
/// (可不占接待指标)."
#[test]
fn p3_1_deposit_paying_old_client_uses_no_turn() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = f.arrive("o1", old_client("Wang", true));
    let r = then_receives(&d, "o1", "Wang");
    assert_eq!((r.via, r.counted, r.uses_turn), (Via::Owner, false, false));
    assert_cites(&d, "P3-1");
    f.end("Wang");
    then_receives(&f.walk_in("v1"), "v1", "Li");
    let r = then_receives(&f.walk_in("v2"), "v2", "Wang");
    assert!(r.counted);
    let s = f.stats("Wang");
    assert_eq!((s.counted, s.uncounted), (1, 1));
}

/// P3-1: "A registered old client without deposit is served out of order,
/// first, and not counted (可跳过排序优先接待,但不计入接待指标)."
#[test]
fn p3_1_registered_old_client_served_first_uncounted() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    fill_four(&mut f);
    f.walk_in("v5");
    // Zhao's old client arrives after v5 but is served first when Zhao frees.
    f.arrive("o1", old_client("Zhao", false));
    assert_eq!(waiting(&f), ["v5", "o1"]);
    let d = f.end("Zhao");
    let r = then_receives(&d, "o1", "Zhao");
    assert_eq!((r.via, r.counted), (Via::Owner, false));
    assert_cites(&d, "P3-1");
    assert_eq!(waiting(&f), ["v5"]);
    then_receives(&f.end("Li"), "v5", "Li");
    assert_eq!(f.stats("Zhao").counted, 1);
}

/// P3-1: "A new client brought by a deposit-paying old client and
/// registered counts as one turn."
#[test]
fn p3_1_new_client_brought_by_deposit_paying_old_client_counts() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = f.arrive("n1", |a| a.introduced_by = Some(Introducer::OldClient));
    let r = then_receives(&d, "n1", "Li");
    assert!(r.counted && r.uses_turn);
    assert_cites(&d, "P3-1");
    then_receives(&f.walk_in("v1"), "v1", "Wang");
}

/// P3-1: "An agent off shift receives new clients only when the manager
/// assigns it."
#[test]
fn p3_1_off_shift_agent_receives_only_when_assigned() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = f.when(ShiftOff {
        agent: agent("Zhao"),
    });
    assert_cites(&d, "P3-1");
    f.walk_in("v1");
    f.walk_in("v2");
    f.walk_in("v3");
    let d = f.walk_in("v4");
    assert_eq!(waits(&d, "v4"), Some(WaitReason::NobodyFree));
    let d = assign(&mut f, "v4", "Zhao");
    let r = then_receives(&d, "v4", "Zhao");
    assert_eq!(r.via, Via::Manager);
    assert_cites(&d, "P3-1");
    f.end("Zhao");
    f.when(ShiftOn {
        agent: agent("Zhao"),
    });
    then_receives(&f.walk_in("v5"), "v5", "Zhao");
}

/// P3-2: "A returning client is received by its original agent; if that
/// agent is absent, by one it delegates or the manager names."
#[test]
fn p3_2_returning_client_own_agent_else_manager_names_stand_in() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = f.arrive("o1", old_client("Wang", false));
    assert_eq!(then_receives(&d, "o1", "Wang").via, Via::Owner);
    f.end("Wang");
    f.away("Wang", AwayReason::Out);
    let d = f.arrive("o2", old_client("Wang", false));
    assert!(matches!(
        waits(&d, "o2"),
        Some(WaitReason::AwaitingManager { proposed: Some(_) })
    ));
    assert_cites(&d, "P3-2");
    let d = approve(&mut f, "o2", "Zhang");
    let r = then_receives(&d, "o2", "Zhang");
    assert_eq!(
        r.via,
        Via::StandIn {
            owner: agent("Wang")
        }
    );
    assert!(!r.counted);
    assert_cites(&d, "P3-2");
}

/// P3-4: "Never break off a reception. If an agent's old client comes while
/// it is busy, another agent stands in."
#[test]
fn p3_4_old_client_of_busy_agent_gets_a_stand_in() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.walk_in("v1");
    let d = f.arrive("o1", old_client("Li", false));
    let r = then_receives(&d, "o1", "Zhao");
    assert_eq!(r.via, Via::StandIn { owner: agent("Li") });
    assert!(!r.counted, "unpaid help unless a deal follows");
    assert_cites(&d, "P3-4");
    assert!(matches!(
        f.state.board().agent(agent("Li")).unwrap().status,
        Status::Busy { visitor, .. } if visitor.as_str() == "v1"
    ));
}

/// P3-6: "The project manager supervises the order": a reorder applies to
/// the rounds at once.
#[test]
fn p3_6_project_manager_reorders_rounds() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = reorder(&mut f, &["Zhao", "Zhang", "Wang", "Li"]);
    assert_cites(&d, "P3-6");
    then_receives(&f.walk_in("v1"), "v1", "Zhao");
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    f.end("Zhao");
    f.end("Zhang");
    then_receives(&f.walk_in("v3"), "v3", "Wang");
    then_receives(&f.walk_in("v4"), "v4", "Li");
    then_receives(&f.walk_in("v5"), "v5", "Zhao");
}

/// P3-8 (= P1-6 and P1-7): no picking clients, never break off a reception.
#[test]
fn p3_8_no_picking_and_busy_agent_never_assigned() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.walk_in("v1");
    let d = f.decline("Li");
    then_receives(&d, "v1", "Wang");
    then_declined_forfeits(&f, &d, "Li", "v1", "P3-8");
    f.walk_in("v2");
    f.walk_in("v3");
    f.walk_in("v4");
    // Li forfeited round one's turn; everyone else is busy: v5 waits.
    assert_eq!(f.stats("Li").counted, 1);
    let d = f.walk_in("v5");
    assert_eq!(waits(&d, "v5"), Some(WaitReason::NobodyFree));
}

/// P3-10: "Peers from competing projects are received courteously"
/// (reading: they count as a turn unless the policy says otherwise).
#[test]
fn p3_10_peer_received_and_counted() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = f.arrive("peer", |a| a.purpose = Purpose::Peer);
    let r = then_receives(&d, "peer", "Li");
    assert!(r.counted);
    assert_cites(&d, "P3-10");
    then_receives(&f.walk_in("v1"), "v1", "Wang");
}

/// P3-11: "Receiving another agent's client (after contacting it) does not
/// use the receiver's turn."
#[test]
fn p3_11_standing_in_uses_no_turn() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.walk_in("v1");
    let d = f.arrive("o1", old_client("Li", false));
    let r = then_receives(&d, "o1", "Zhao");
    assert!(!r.uses_turn && !r.counted);
    assert_cites(&d, "P3-11");
    f.end("Zhao");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
}

/// P3-13: "If the agent whose turn it is is eating, in the washroom or out
/// when a new client arrives, it forfeits that turn once (自动轮空一次)."
#[test]
fn p3_13_washroom_forfeits_turn_once() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.away("Wang", AwayReason::Washroom);
    f.walk_in("v1");
    let d = f.walk_in("v2");
    then_receives(&d, "v2", "Zhang");
    let (reason, c, owed) = then_passed(&d, "Wang");
    assert_eq!(reason, PassReason::Away(AwayReason::Washroom));
    assert_eq!((c, owed), (Consequence::Forfeit, false));
    assert_cites(&d, "P3-13");
    f.back("Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    f.end("Li");
    // Round one is over for Wang: round two starts with Li.
    then_receives(&f.walk_in("v4"), "v4", "Li");
    then_receives(&f.walk_in("v5"), "v5", "Wang");
    let s = f.stats("Wang");
    assert_eq!((s.forfeited, s.makeups_granted), (1, 0));
}

/// P3-20: "A visitor who names an agent is served by it out of order,
/// first, and it counts in that agent's receptions."
#[test]
fn p3_20_named_agent_serves_first_and_it_counts() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let d = f.named("n1", "Zhao");
    let r = then_receives(&d, "n1", "Zhao");
    assert_eq!(r.via, Via::Named);
    assert!(r.counted);
    assert_cites(&d, "P3-20");
    assert_eq!(f.stats("Zhao").counted, 1);
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

/// P3-20: "... first": a visitor waiting for the agent it named is served
/// by it before earlier walk-ins waiting for anyone.
#[test]
fn p3_20_waiting_named_visitor_goes_first_to_its_agent() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    fill_four(&mut f);
    f.walk_in("v5");
    let d = f.named("n1", "Zhang");
    assert!(matches!(
        waits(&d, "n1"),
        Some(WaitReason::NamedBusy { .. })
    ));
    let d = f.end("Zhang");
    then_receives(&d, "n1", "Zhang");
    assert_eq!(waiting(&f), ["v5"]);
}

/// P3-20 (served by the agent it names, first) with P3-1 (off shift, only
/// when assigned): n1 names Li while Li is off shift and Wang is busy, so
/// it waits for anyone. Li is then assigned v2 and comes on shift busy.
/// When Wang is free, n1 is not given to Wang: it waits for Li, and the
/// board now says so (`NamedBusy`), not "nobody free" beside a free agent.
/// Li receives it on ending. Pins the refresh of a waiting reason for a
/// visitor that did not wait for its named agent before.
#[test]
fn p3_20_waiting_visitor_whose_named_agent_comes_on_shift_busy_waits_for_it() {
    let mut f = Floor::given(Policy::p3(), &["Li", "Wang"]);
    f.when(ShiftOff { agent: agent("Li") });
    then_receives(&f.walk_in("v1"), "v1", "Wang");
    let d = f.named("n1", "Li");
    assert_eq!(waits(&d, "n1"), Some(WaitReason::NobodyFree));
    f.walk_in("v2");
    then_receives(&assign(&mut f, "v2", "Li"), "v2", "Li");
    f.when(ShiftOn { agent: agent("Li") });
    let d = f.end("Wang");
    assert!(
        !d.iter().any(|x| matches!(x.what, What::Received(_))),
        "{d:#?}"
    );
    let reasons: Vec<_> = f
        .state
        .board()
        .waiting()
        .iter()
        .map(|w| (w.visit.visitor.to_string(), w.reason))
        .collect();
    assert_eq!(
        reasons,
        [(
            "n1".to_string(),
            WaitReason::NamedBusy { agent: agent("Li") }
        )]
    );
    let r = then_receives(&f.end("Li"), "n1", "Li");
    assert_eq!(r.via, Via::Named);
}

// ------------------------------------------------------------------ board

/// The rotation in order under each model, the agent up next first.
#[test]
fn board_rotation_order_under_each_model() {
    for model in [
        RotationModel::Cycle,
        RotationModel::Rounds,
        RotationModel::UpBoard,
    ] {
        let mut p = Policy::p1();
        p.rotation.value = model;
        let mut f = Floor::given(p, &FOUR);
        assert_eq!(rotation(&f), FOUR, "{model:?}");
        f.walk_in("v1");
        assert_eq!(rotation(&f), ["Wang", "Zhang", "Zhao", "Li"], "{model:?}");
        f.walk_in("v2");
        f.end("Wang");
        f.end("Li");
        let expected: &[&str] = match model {
            // The cycle and the round keep the attendance order: Li, then Wang.
            RotationModel::Cycle | RotationModel::Rounds => &["Zhang", "Zhao", "Li", "Wang"],
            // The line: each joins its end when free, Wang first.
            _ => &["Zhang", "Zhao", "Wang", "Li"],
        };
        assert_eq!(rotation(&f), expected, "{model:?}");
    }
}

/// P1-3 under each model: the next two who would receive, make-ups first.
#[test]
fn board_next_two_up_make_ups_first() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Wang", AwayReason::Errand);
    assert_eq!(f.next_up(2), ["Li", "Zhang"]);
    f.back("Wang");
    assert_eq!(f.next_up(2), ["Wang", "Li"]);
}

/// P1-3 with a make-up placed last (P3-1): the board shows it where it will
/// be taken, after the agents still waiting for this round's turn, not at
/// the head.
#[test]
fn board_next_two_up_shows_last_placed_makeup_at_round_end() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.away("Li", AwayReason::Errand);
    f.walk_in("v1"); // Wang; Li passed over, owed a make-up placed last
    f.back("Li");
    assert_eq!(f.next_up(2), ["Zhang", "Zhao"]);
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    assert_eq!(f.next_up(2), ["Zhao", "Li"]);
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    assert_eq!(f.next_up(1), ["Li"]);
}

/// P1-5: the duty helper is the free agent last in the rotation, other than
/// the receiver, under each model.
#[test]
fn board_duty_helper_last_free_in_rotation() {
    for model in [
        RotationModel::Cycle,
        RotationModel::Rounds,
        RotationModel::UpBoard,
    ] {
        let mut p = Policy::p1();
        p.rotation.value = model;
        let mut f = Floor::given(p, &FOUR);
        assert_eq!(duty_helper(&f).as_deref(), Some("Zhao"), "{model:?}");
        let r = then_receives(&f.walk_in("v1"), "v1", "Li");
        assert_eq!(r.helper.map(|h| h.to_string()).as_deref(), Some("Zhao"));
        f.away("Zhao", AwayReason::Meal);
        assert_eq!(duty_helper(&f).as_deref(), Some("Zhang"), "{model:?}");
        let r = then_receives(&f.walk_in("v2"), "v2", "Wang");
        assert_eq!(r.helper.map(|h| h.to_string()).as_deref(), Some("Zhang"));
    }
}

/// P2-3.3: phone duty is the last N of the rotation (N = hotlines) under
/// each rotation model, moving with it; only agents free to pick up.
#[test]
fn board_phone_duty_last_n_of_rotation_under_each_model() {
    for model in [
        RotationModel::Cycle,
        RotationModel::Rounds,
        RotationModel::UpBoard,
    ] {
        let mut p = Policy::p2();
        p.rotation.value = model;
        p.hotlines.value = 2;
        let mut f = Floor::given(p, &FOUR);
        assert_eq!(phone_duty(&f), ["Zhao", "Zhang"], "{model:?}");
        f.walk_in("v1");
        f.end("Li");
        // Li received last: he is now at the end of the rotation.
        assert_eq!(phone_duty(&f), ["Li", "Zhao"], "{model:?}");
        let d = f.arrive("c1", call_from(None));
        let r = then_receives(&d, "c1", "Li");
        assert_eq!(r.via, Via::PhoneDuty);
        // A call moves nothing: Li is still on duty, on the line; the next
        // call goes to the next on duty.
        assert_eq!(phone_duty(&f), ["Li", "Zhao"], "{model:?}");
        let d = f.arrive("c2", call_from(None));
        assert_eq!(then_receives(&d, "c2", "Zhao").via, Via::PhoneDuty);
        // A counted walk-in moves the rotation, and the duty with it.
        f.end("Li");
        f.end("Zhao");
        then_receives(&f.walk_in("v2"), "v2", "Wang");
        f.end("Wang");
        assert_eq!(phone_duty(&f), ["Wang", "Li"], "{model:?}");
    }
}

/// The make-up ledger: one entry per spell however many turns were missed,
/// saying who, why, since when and where it will be taken.
#[test]
fn board_makeup_ledger_one_per_spell() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.arrive("o1", old_client("Wang", false));
    f.walk_in("v1");
    let since = f.clock;
    f.walk_in("v2"); // Wang passed over
    f.walk_in("v3");
    f.end("Li");
    f.end("Zhang");
    f.end("Zhao");
    f.walk_in("v4");
    f.walk_in("v5"); // Wang passed over again
    let m = f.state.board().makeups();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].agent.as_str(), "Wang");
    assert_eq!(m[0].placement, Placement::Head);
    assert_eq!(
        m[0].reason,
        MakeUpReason::PassedOver {
            reason: PassReason::BusyWithOld
        }
    );
    assert_eq!(m[0].since, since);
    assert!(m[0].rules.as_slice().iter().any(|r| r.id() == "P2-3.10"));
    assert_eq!(
        f.state.board().agent(agent("Wang")).unwrap().makeups_owed,
        1
    );
}

/// The make-up ledger: several make-ups are taken in the order they fell due.
#[test]
fn board_makeups_taken_in_order_fallen_due() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.arrive("o1", old_client("Zhang", false));
    f.arrive("o2", old_client("Wang", false));
    f.walk_in("v1"); // Li
    let d = f.walk_in("v2"); // Wang, Zhang passed; Zhao
    then_receives(&d, "v2", "Zhao");
    assert_eq!(owed(&f), ["Wang", "Zhang"]);
    f.end("Zhang");
    f.end("Wang");
    then_receives(&f.walk_in("v3"), "v3", "Wang");
    then_receives(&f.walk_in("v4"), "v4", "Zhang");
    assert!(owed(&f).is_empty());
}

/// The make-up ledger: an unused make-up lapses at sign-out.
#[test]
fn board_makeup_lapses_at_sign_out() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Zhang", AwayReason::Errand);
    f.back("Zhang");
    assert_eq!(owed(&f), ["Zhang"]);
    let d = f.sign_out("Zhang");
    assert!(d.iter().any(|x| matches!(
        &x.what,
        What::MakeUpLapsed { agent, .. } if agent.as_str() == "Zhang"
    )));
    assert!(owed(&f).is_empty());
    f.sign_in("Zhang");
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

/// The waiting list: waiting visitors are served in arrival order as
/// agents free up.
#[test]
fn board_waiting_served_in_arrival_order() {
    for (name, p) in [
        ("P1", Policy::p1()),
        ("P2", Policy::p2()),
        ("P3", Policy::p3()),
    ] {
        let mut f = Floor::given(p, &FOUR);
        fill_four(&mut f);
        f.walk_in("v5");
        f.walk_in("v6");
        f.walk_in("v7");
        assert_eq!(waiting(&f), ["v5", "v6", "v7"], "{name}");
        then_receives(&f.end("Zhang"), "v5", "Zhang");
        then_receives(&f.end("Li"), "v6", "Li");
        assert_eq!(waiting(&f), ["v7"], "{name}");
        let d = f.when(Leave {
            visitor: visitor("v7"),
        });
        assert!(matches!(&d[0].what, What::LeftUnserved { .. }));
        assert!(waiting(&f).is_empty(), "{name}");
    }
}

/// The waiting list: a waiting returning client goes to its owner first
/// when the owner is free, ahead of earlier walk-ins.
#[test]
fn board_waiting_returning_client_goes_to_owner_first() {
    for (name, p) in [
        ("P1", Policy::p1()),
        ("P2", Policy::p2()),
        ("P3", Policy::p3()),
    ] {
        let mut f = Floor::given(p, &FOUR);
        fill_four(&mut f);
        f.walk_in("v5");
        let d = f.arrive("o1", old_client("Wang", false));
        assert!(waits(&d, "o1").is_some(), "{name}: {d:#?}");
        let d = f.end("Wang");
        let r = then_receives(&d, "o1", "Wang");
        assert_eq!(r.via, Via::Owner, "{name}");
        assert_eq!(waiting(&f), ["v5"], "{name}");
        then_receives(&f.end("Zhao"), "v5", "Zhao");
    }
}

// ------------------------------------------------------------- bad input

/// Applies `kind` and checks it is rejected with `field`, the state untouched.
#[track_caller]
fn rejected(f: &mut Floor, kind: impl Into<EventKind>, field: &str) -> ApplyErrorKind {
    let before = f.state.clone();
    let id = f.next_id;
    let e = f.try_when(kind).expect_err("the event must be rejected");
    assert_eq!(e.event.0, id, "the error names the event");
    assert_eq!(e.field, field, "{e}");
    assert_eq!(f.state, before, "the state is exactly as before");
    e.kind
}

/// Bad input: an event from an unknown agent.
#[test]
fn bad_input_unknown_agent() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.walk_in("v1");
    let k = rejected(
        &mut f,
        End {
            agent: agent("Nobody"),
        },
        "agent",
    );
    assert_eq!(
        k,
        ApplyErrorKind::Queue(QueueError::UnknownAgent(agent("Nobody")))
    );
}

/// Bad input: an event from a signed-out agent.
#[test]
fn bad_input_signed_out_agent() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.sign_out("Zhao");
    let k = rejected(
        &mut f,
        StepAway {
            agent: agent("Zhao"),
            reason: AwayReason::Meal,
        },
        "agent",
    );
    assert_eq!(
        k,
        ApplyErrorKind::Queue(QueueError::NotSignedIn(agent("Zhao")))
    );
}

/// Bad input: signing in twice.
#[test]
fn bad_input_signing_in_twice() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let k = rejected(&mut f, SignIn { agent: agent("Li") }, "agent");
    assert_eq!(
        k,
        ApplyErrorKind::Queue(QueueError::AlreadySignedIn(agent("Li")))
    );
}

/// Bad input: ending a reception that never started.
#[test]
fn bad_input_ending_reception_never_started() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.walk_in("v1");
    let k = rejected(
        &mut f,
        End {
            agent: agent("Wang"),
        },
        "agent",
    );
    assert_eq!(
        k,
        ApplyErrorKind::Queue(QueueError::NotReceiving(agent("Wang")))
    );
}

/// Bad input: a time earlier than the previous event's.
#[test]
fn bad_input_time_earlier_than_previous_event() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.walk_in("v1");
    let before = f.state.clone();
    let previous = f.state.clock().unwrap();
    let e = Event::new(
        f.next_id,
        previous.plus_seconds(-1),
        Arrive::walk_in(visitor("v2")),
    );
    let err = f.state.apply(&e).expect_err("time goes backwards");
    assert_eq!(err.event, e.id);
    assert_eq!(err.field, "at");
    assert!(matches!(
        err.kind,
        ApplyErrorKind::Log(LogError::TimeBackwards { .. })
    ));
    assert_eq!(f.state, before);
}

/// Bad input: the manager assigning a visitor to a busy agent.
#[test]
fn bad_input_manager_assigns_busy_agent() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    fill_four(&mut f);
    f.walk_in("v5");
    let k = rejected(
        &mut f,
        Assign {
            visitor: visitor("v5"),
            agent: agent("Li"),
            corrects: None,
        },
        "agent",
    );
    assert!(matches!(
        k,
        ApplyErrorKind::Queue(QueueError::AgentBusy { agent: a, visitor: v })
            if a.as_str() == "Li" && v.as_str() == "v1"
    ));
    assert_eq!(waiting(&f), ["v5"]);
}

/// Bad input: a reorder missing an agent.
#[test]
fn bad_input_reorder_missing_an_agent() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    let k = rejected(
        &mut f,
        Reorder {
            order: ["Zhao", "Li", "Wang"].iter().map(|a| agent(a)).collect(),
            corrects: None,
        },
        "order",
    );
    assert!(matches!(k, ApplyErrorKind::Queue(QueueError::BadOrder(_))));
}

/// Bad input: a retried event id is reported as ignored and changes
/// nothing: applying a log twice equals applying it once.
#[test]
fn bad_input_retried_event_id_ignored() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.walk_in("v1");
    f.away("Wang", AwayReason::Errand);
    f.walk_in("v2");
    let before = f.state.clone();
    let last = f.log.last().unwrap().clone();
    let d = f.state.apply(&last).expect("a replay is not an error");
    assert_eq!(d.len(), 1);
    assert!(matches!(d[0].what, What::Ignored { last: l } if l == last.id));
    assert_eq!(d[0].event, last.id);
    assert_eq!(f.state, before);
    // The whole log again.
    for e in f.log.clone() {
        let d = f.state.apply(&e).unwrap();
        assert!(matches!(
            d[..],
            [Decision {
                what: What::Ignored { .. },
                ..
            }]
        ));
    }
    assert_eq!(f.state, before);
}

// ---------------------------------------------------------- explanations

fn explain_all(d: &[Decision], lang: Lang) -> String {
    d.iter()
        .map(|x| x.explain(lang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// 轮空 for a turn passed over (and forfeited), in Chinese; English too.
#[test]
fn explain_zh_uses_lunkong_for_turns_passed_over() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.away("Li", AwayReason::Meal);
    let d = f.walk_in("v1");
    let zh = explain_all(&d, Lang::Zh);
    assert!(zh.contains("轮空"), "{zh}");
    assert!(zh.contains("P3-13"), "{zh}");
    let en = explain_all(&d, Lang::En);
    assert!(en.contains("passed over") && en.contains("Li"), "{en}");

    // A pass-over that is lost (P1) is in P1-1's own words: 跳过,不予补回,
    // no 轮空 (issue 7; tests/wording.rs).
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.away("Li", AwayReason::Out);
    let zh = explain_all(&f.walk_in("v1"), Lang::Zh);
    assert!(zh.contains("跳过,不予补回") && !zh.contains("轮空"), "{zh}");

    // Declining forfeits.
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.walk_in("v1");
    let zh = explain_all(&f.decline("Li"), Lang::Zh);
    assert!(zh.contains("轮空"), "{zh}");
}

/// 补接 for make-ups owed, granted and taken; English says "make-up".
#[test]
fn explain_zh_uses_bujie_for_makeups() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.arrive("o1", old_client("Wang", false));
    f.walk_in("v1");
    let passed = f.walk_in("v2");
    let zh = explain_all(&passed, Lang::Zh);
    assert!(zh.contains("补接") && zh.contains("轮空"), "{zh}");
    f.end("Wang");
    let taken = f.walk_in("v3");
    let zh = explain_all(&taken, Lang::Zh);
    assert!(zh.contains("补接") && zh.contains("P2-3.10"), "{zh}");
    let en = explain_all(&taken, Lang::En);
    assert!(en.contains("make-up"), "{en}");
    f.away("Zhao", AwayReason::Errand);
    let granted = f.back("Zhao");
    assert!(explain_all(&granted, Lang::Zh).contains("补接"));
    assert!(explain_all(&granted, Lang::En).contains("make-up"));
}

/// 义务接待 for the duty helper, in Chinese; "duty helper" in English.
#[test]
fn explain_zh_uses_yiwu_jiedai_for_duty_helper() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let d = f.walk_in("v1");
    let zh = explain_all(&d, Lang::Zh);
    assert!(zh.contains("义务接待") && zh.contains("Zhao"), "{zh}");
    let en = explain_all(&d, Lang::En);
    assert!(en.contains("duty helper"), "{en}");
}

/// No client name or phone ever appears in an explanation, in either
/// language, even when the visitor gave them.
#[test]
fn explain_never_shows_client_names_or_phones() {
    for p in [Policy::p1(), Policy::p2(), Policy::p3()] {
        let mut f = Floor::given(p, &FOUR);
        let mut all = Vec::new();
        all.extend(f.arrive("v1", |a| {
            a.name = Some(anchang::PersonName::new("陈明"));
            a.phone = Some(anchang::Phone::new("13900001111"));
        }));
        all.extend(f.arrive("o1", |a| {
            a.name = Some(anchang::PersonName::new("王芳"));
            a.phone = Some(anchang::Phone::new("13900002222"));
            a.returning = Some(Returning {
                owner: agent("Li"),
                deposit_paid: true,
            });
        }));
        all.extend(f.decline("Li"));
        for lang in [Lang::Zh, Lang::En] {
            let text = explain_all(&all, lang);
            assert!(!text.is_empty());
            for secret in ["陈明", "王芳", "13900001111", "13900002222", "1111", "2222"] {
                assert!(!text.contains(secret), "{secret} leaked: {text}");
            }
        }
    }
}

// ------------------------------------------------------- more of the floor

/// P2-3.8: "... seated and its agent told": an owner who comes back while
/// its client waits for the manager's confirmation receives it itself.
#[test]
fn p2_3_8_owner_back_before_confirmation_receives_own_client() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Zhang", AwayReason::Washroom);
    let d = f.arrive("o1", old_client("Zhang", false));
    assert!(matches!(
        waits(&d, "o1"),
        Some(WaitReason::AwaitingManager { .. })
    ));
    let d = f.back("Zhang");
    let r = then_receives(&d, "o1", "Zhang");
    assert_eq!((r.via, r.counted), (Via::Owner, false));
    assert!(waiting(&f).is_empty());
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

/// Signing in again the same day: in a cycle the agent joins the end; in
/// rounds, having taken this round's turn, it waits for the next round.
#[test]
fn sign_in_again_same_day_joins_the_end() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    f.sign_out("Li");
    f.sign_in("Li");
    assert_eq!(rotation(&f), ["Wang", "Zhang", "Zhao", "Li"]);
    then_receives(&f.walk_in("v1"), "v1", "Wang");

    let mut f = Floor::given(Policy::p3(), &FOUR);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    f.end("Li");
    f.sign_out("Li");
    f.sign_in("Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
    then_receives(&f.walk_in("v5"), "v5", "Li");
    assert_eq!(f.stats("Li").counted, 2, "the day's counts are kept");
}

/// The up-board option: a head make-up taken out of the line puts the agent
/// back at the line's end when its reception ends.
#[test]
fn up_board_head_makeup_then_rejoins_line_end() {
    let mut p = Policy::p2();
    p.rotation.value = RotationModel::UpBoard;
    let mut f = Floor::given(p, &FOUR);
    f.away("Wang", AwayReason::Errand);
    f.back("Wang");
    let r = then_receives(&f.walk_in("v1"), "v1", "Wang");
    assert!(is_makeup(&r));
    f.end("Wang");
    assert_eq!(rotation(&f), ["Li", "Zhang", "Zhao", "Wang"]);
    then_receives(&f.walk_in("v2"), "v2", "Li");
}

/// A suspended agent's owed make-up waits for its reinstatement (P1-21 is
/// not a sign-out) and is then taken at the head.
#[test]
fn p1_21_makeup_owed_survives_suspension() {
    let mut f = Floor::given(Policy::p2(), &FOUR);
    f.away("Zhao", AwayReason::Errand);
    f.back("Zhao");
    f.when(Suspend {
        agent: agent("Zhao"),
    });
    then_receives(&f.walk_in("v1"), "v1", "Li");
    assert_eq!(owed(&f), ["Zhao"]);
    f.when(Reinstate {
        agent: agent("Zhao"),
    });
    let r = then_receives(&f.walk_in("v2"), "v2", "Zhao");
    assert!(is_makeup(&r));
}

/// The waiting list: a sign-in, a return or a reinstatement frees someone,
/// and the event returns the assignment it triggers.
#[test]
fn board_waiting_served_by_sign_in_return_and_reinstatement() {
    let mut f = Floor::given(Policy::p1(), &["Li", "Wang"]);
    f.away("Wang", AwayReason::Meal);
    f.when(Suspend { agent: agent("Li") });
    f.walk_in("v1");
    f.walk_in("v2");
    f.walk_in("v3");
    assert_eq!(waiting(&f), ["v1", "v2", "v3"]);
    then_receives(&f.sign_in("Chen"), "v1", "Chen");
    then_receives(&f.back("Wang"), "v2", "Wang");
    let d = f.when(Reinstate { agent: agent("Li") });
    then_receives(&d, "v3", "Li");
    assert!(waiting(&f).is_empty());
}
