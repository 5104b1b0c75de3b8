//! EXAMPLES.md W1-W7 under each preset (and the up-board option where the
//! example names it).

use anchang::event::AwayReason;
use anchang::policy::{Consequence, PassReason, Placement, Policy, RotationModel};
use anchang::Via;

use crate::support::*;

fn presets() -> [(&'static str, Policy); 3] {
    [
        ("P1", Policy::p1()),
        ("P2", Policy::p2()),
        ("P3", Policy::p3()),
    ]
}

/// W1 · the cycle (P1-1, P3-1): v4 → Zhao and v5 → Li under every preset.
#[test]
fn w1_cycle_and_rounds_both_return_to_li() {
    for (name, p) in presets() {
        let mut f = Floor::given(p, &FOUR);
        then_receives(&f.walk_in("v1"), "v1", "Li");
        then_receives(&f.walk_in("v2"), "v2", "Wang");
        then_receives(&f.walk_in("v3"), "v3", "Zhang");
        f.end("Wang");
        f.end("Zhang");
        f.end("Li");
        let d = f.walk_in("v4");
        assert_eq!(reception(&d, "v4").agent.as_str(), "Zhao", "{name}");
        let d = f.walk_in("v5");
        assert_eq!(reception(&d, "v5").agent.as_str(), "Li", "{name}");
    }
}

/// W1 under the up-board option: v5 goes to Wang, who became free first.
#[test]
fn w1_up_board_gives_v5_to_first_free() {
    let mut p = Policy::p1();
    p.rotation.value = RotationModel::UpBoard;
    let mut f = Floor::given(p, &FOUR);
    f.walk_in("v1");
    f.walk_in("v2");
    f.walk_in("v3");
    f.end("Wang");
    f.end("Zhang");
    f.end("Li");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
    then_receives(&f.walk_in("v5"), "v5", "Wang");
}

fn w2(p: Policy) -> (Floor, Vec<anchang::Decision>, Vec<anchang::Decision>) {
    let mut f = Floor::given(p, &FOUR);
    let d = f.returning("old", "Wang");
    assert_eq!(reception(&d, "old").via, Via::Owner);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    f.end("Li");
    let d = f.walk_in("v2");
    then_receives(&d, "v2", "Zhang");
    let (reason, _, _) = then_passed(&d, "Wang");
    assert_eq!(reason, PassReason::BusyWithOld);
    f.end("Wang");
    let v3 = f.walk_in("v3");
    let v4 = f.walk_in("v4");
    (f, v3, v4)
}

/// W2 · busy with an old client, P1: the skipped turn is lost (P1-1).
#[test]
fn w2_p1_busy_turn_is_lost() {
    let (f, v3, v4) = w2(Policy::p1());
    then_receives(&v3, "v3", "Zhao");
    then_receives(&v4, "v4", "Li");
    assert!(cites(&v3, "P1-1"));
    assert_eq!(f.stats("Wang").passed_over, 1);
    assert_eq!(f.stats("Wang").makeups_granted, 0);
}

/// W2, P2: one priority make-up at the head, then the order as before (P2-3.10).
#[test]
fn w2_p2_busy_with_old_gets_head_makeup() {
    let (f, v3, v4) = w2(Policy::p2());
    let r = then_receives(&v3, "v3", "Wang");
    assert_eq!(
        r.via,
        Via::MakeUp {
            placement: Placement::Head
        }
    );
    assert!(cites(&v3, "P2-3.10"));
    then_receives(&v4, "v4", "Zhao");
    assert_eq!(f.stats("Wang").makeups_used, 1);
    assert!(f.state.board().makeups().is_empty());
}

/// W2, P3: the skipped agent goes behind Zhao, the last not yet received (P3-1).
#[test]
fn w2_p3_busy_keeps_round_turn_last() {
    let (_, v3, v4) = w2(Policy::p3());
    then_receives(&v3, "v3", "Zhao");
    let r = then_receives(&v4, "v4", "Wang");
    assert!(r.counted);
    assert!(cites(&v4, "P3-1"));
}

fn w3(p: Policy) -> (Floor, Vec<anchang::Decision>) {
    let mut f = Floor::given(p, &FOUR);
    f.away("Zhang", AwayReason::Errand);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    let d = f.walk_in("v3");
    then_receives(&d, "v3", "Zhao");
    then_passed(&d, "Zhang");
    f.end("Li");
    f.back("Zhang");
    let v4 = f.walk_in("v4");
    (f, v4)
}

/// W3 · a manager's errand, P1: Zhang's turn is lost; v4 → Li.
#[test]
fn w3_p1_errand_turn_lost() {
    let (_, v4) = w3(Policy::p1());
    then_receives(&v4, "v4", "Li");
}

/// W3, P2: Zhang gets a head make-up on return (P2-3.11).
#[test]
fn w3_p2_errand_return_head_makeup() {
    let (f, v4) = w3(Policy::p2());
    let r = then_receives(&v4, "v4", "Zhang");
    assert!(is_makeup(&r));
    assert!(cites(&v4, "P2-3.11"));
    assert_eq!(
        f.stats("Zhang").makeups_granted,
        1,
        "one per spell, not one per miss plus return"
    );
}

/// W3, P3: one make-up placed last (排自末位补接一次). Round one has no one
/// left waiting for its turn, so last is now: v4 → Zhang; then round two.
#[test]
fn w3_p3_errand_makeup_placed_last() {
    let (mut f, v4) = w3(Policy::p3());
    let r = then_receives(&v4, "v4", "Zhang");
    assert_eq!(
        r.via,
        Via::MakeUp {
            placement: Placement::Last
        }
    );
    assert!(cites(&v4, "P3-1"));
    // Round two starts in sign-in order with whoever is free: Li.
    then_receives(&f.walk_in("v5"), "v5", "Li");
}

/// W4 · a meal under P3: Li forfeits round one's turn, once (P3-13).
#[test]
fn w4_p3_meal_forfeits_once() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.away("Li", AwayReason::Meal);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    let (_, c, owed) = then_passed(&d, "Li");
    assert_eq!(c, Consequence::Forfeit);
    assert!(!owed);
    assert!(cites(&d, "P3-13"));
    f.back("Li");
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    then_receives(&f.walk_in("v4"), "v4", "Li");
    assert_eq!(f.stats("Li").forfeited, 1);
}

/// W5 · a visitor who names an agent (P1-16, P3-20).
#[test]
fn w5_named_agent_counts_by_preset() {
    for (name, p) in presets() {
        let mut f = Floor::given(p, &FOUR);
        let d = f.named("n1", "Zhang");
        let r = then_receives(&d, "n1", "Zhang");
        assert_eq!(r.via, Via::Named);
        match name {
            "P3" => assert!(r.counted && cites(&d, "P3-20"), "{name}"),
            _ => assert!(!r.counted && cites(&d, "P1-16"), "{name}"),
        }
        f.end("Zhang");
        then_receives(&f.walk_in("v1"), "v1", "Li");
    }
}

/// W6 · not a client: greeted by Li, not counted, rotation unchanged (P2-3.7).
#[test]
fn w6_way_asker_greeted_not_counted() {
    for (name, p) in presets() {
        let mut f = Floor::given(p, &FOUR);
        let d = f.arrive("w", |a| a.purpose = anchang::event::Purpose::AskingWay);
        assert!(
            matches!(&d[0].what, anchang::What::Greeted { agent: Some(a), .. } if a.as_str() == "Li"),
            "{name}: {d:?}"
        );
        assert!(cites(&d, "P2-3.7"));
        assert_eq!(f.stats("Li").counted, 0);
        then_receives(&f.walk_in("v1"), "v1", "Li");
    }
}

/// W7 · a visitor passed over: Li declines, forfeits (轮空), no make-up (P2-3.7).
#[test]
fn w7_decline_forfeits_no_makeup() {
    for (name, p) in presets() {
        let mut f = Floor::given(p, &FOUR);
        then_receives(&f.walk_in("v1"), "v1", "Li");
        let d = f.decline("Li");
        then_receives(&d, "v1", "Wang");
        assert!(cites(&d, "P2-3.7"), "{name}");
        then_receives(&f.walk_in("v2"), "v2", "Zhang");
        then_receives(&f.walk_in("v3"), "v3", "Zhao");
        then_receives(&f.walk_in("v4"), "v4", "Li");
        let s = f.stats("Li");
        assert_eq!((s.forfeited, s.makeups_granted), (1, 0), "{name}");
        assert_eq!(s.counted, 1, "{name}: the declined visitor does not count");
    }
}

/// The up board with P3's consequences: Wang, busy when his turn came, goes
/// to the back of the line, and the turn he takes from there is his owed
/// make-up placed last (the up board has no round end to take it at).
#[test]
fn up_board_makeup_placed_last_is_the_turn_from_the_back_of_the_line() {
    let mut p = Policy::p3();
    p.rotation.value = RotationModel::UpBoard;
    let mut f = Floor::given(p, &FOUR);
    f.returning("old", "Wang");
    then_receives(&f.walk_in("v1"), "v1", "Li");
    let d = f.walk_in("v2");
    then_receives(&d, "v2", "Zhang");
    let (_, consequence, owed) = then_passed(&d, "Wang");
    assert_eq!(
        (consequence, owed),
        (Consequence::MakeUp(Placement::Last), true)
    );
    f.end("Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhao");
    let r = then_receives(&f.walk_in("v4"), "v4", "Wang");
    assert_eq!(
        r.via,
        Via::MakeUp {
            placement: Placement::Last
        }
    );
    assert!(f.state.board().makeups().is_empty());
}

/// P3-1 每天: each day's rounds start afresh from that day's sign-ins, even
/// for an agent who received and signed out the evening before.
#[test]
fn p3_1_rounds_start_afresh_each_day_after_sign_outs() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    f.end("Li");
    f.sign_out("Li");
    f.clock = at("2026-03-03T09:00:00");
    for a in FOUR {
        f.sign_in(a);
    }
    then_receives(&f.walk_in("w1"), "w1", "Li");
}

/// P3-20 跳过排序: a visitor who names an agent is served outside the order
/// and costs no one else a turn, even when the agents ahead are busy.
#[test]
fn p3_20_named_visitor_passes_no_one_over() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.returning("o1", "Li");
    f.returning("o2", "Wang");
    let d = f.named("n1", "Zhang");
    then_receives(&d, "n1", "Zhang");
    assert!(
        !d.iter()
            .any(|x| matches!(x.what, anchang::What::PassedOver { .. })),
        "{d:?}"
    );
    f.end("Li");
    f.end("Wang");
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

/// The stand-in rule's turn counting holds when the rotation picks the
/// stand-in (P2-3.8 style), whatever the rule says.
#[test]
fn rotation_stand_in_follows_its_turn_rule() {
    let mut p = Policy::p2();
    p.stand_in_absent.value.needs_approval = false;
    p.stand_in_absent.value.turn = anchang::policy::TurnRule::FREE;
    let mut f = Floor::given(p, &["Li", "Wang", "Zhang"]);
    let d = f.returning("o1", "Zhao"); // Zhao never signed in: absent
    let r = then_receives(&d, "o1", "Li");
    assert!(!r.counted && !r.uses_turn, "{r:?}");
    assert_eq!(
        f.next_up(1),
        ["Wang"],
        "Li keeps its turn while it stands in"
    );
}

/// P2-3.7 轮空 is a turn forfeited: declining a visitor the rotation did not
/// give (one's own returning client) forfeits nothing.
#[test]
fn p2_3_7_declining_an_own_client_forfeits_no_turn() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    f.returning("o1", "Li");
    f.decline("Li");
    assert_eq!(f.stats("Li").forfeited, 0);
    // o1 was re-routed to a stand-in; Li still has round one's turn.
    f.end_all_busy();
    then_receives(&f.walk_in("v1"), "v1", "Li");
}

/// P3-1: a policy may count an old client's visit to its own agent yet not
/// a deposit-paying one's (已交定金的老客户接待可不占接待指标).
#[test]
fn p3_1_deposit_paying_client_counts_by_its_own_cell() {
    let mut p = Policy::p3();
    p.returning_owner.value = anchang::policy::TurnRule {
        counts: anchang::policy::When::Always,
        uses_turn: anchang::policy::When::Never,
    };
    let mut f = Floor::given(p, &FOUR);
    assert!(reception(&f.returning("o1", "Li"), "o1").counted);
    f.end("Li");
    let d = f.arrive("o2", |a| {
        a.returning = Some(anchang::event::Returning {
            owner: agent("Li"),
            deposit_paid: true,
        })
    });
    assert!(!reception(&d, "o2").counted);
    assert!(cites(&d, "P3-1"));
}

/// P1-2, P1-1: a visitor the manager assigns to the agent whose turn it is
/// (the one up being busy) takes that turn, so counts stay even.
#[test]
fn p1_2_assignment_takes_the_turn_it_was() {
    let mut p = Policy::p1();
    p.stand_in_busy.value.needs_approval = true;
    let mut f = Floor::given(p, &["Li", "Wang", "Zhang"]);
    f.returning("o1", "Li");
    f.returning("o2", "Li"); // Li busy: waits for the manager
    let d = f.when(anchang::event::Assign {
        visitor: visitor("o2"),
        agent: agent("Wang"),
        corrects: None,
    });
    let r = then_receives(&d, "o2", "Wang");
    assert!(r.counted && r.uses_turn, "{r:?}");
    assert!(
        !d.iter()
            .any(|x| matches!(x.what, anchang::What::PassedOver { .. })),
        "{d:?}"
    );
    f.end("Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
}

/// P1-16 and P2-3.7: a named visitor taken on the agent's turn is a turn;
/// declining it forfeits that turn (轮空), and the re-route does not claim
/// the named agent was absent.
#[test]
fn p1_16_declining_a_named_visitor_taken_on_ones_turn_forfeits_it() {
    let mut f = Floor::given(Policy::p1(), &["Li", "Wang", "Zhang"]);
    let r = then_receives(&f.named("n1", "Li"), "n1", "Li");
    assert!(r.counted && r.uses_turn);
    let d = f.decline("Li");
    then_receives(&d, "n1", "Wang");
    assert_eq!(f.stats("Li").forfeited, 1);
    assert!(!cites(&d, "P1-16"), "{d:?}");
}
