//! Behaviours a mutation sample found no test pinning down (issue 7, "Tests
//! the suite lacks"): a round boundary under P3-1, a sign-out before the
//! cycle's pointer (P1-1), a lapsed client naming its former agent under
//! each lapse model (P3-16, P3-19, P2-2.13), the facts of P2-2.1 at their
//! edges, the split's tie-break as a property, and make-ups counted at 0
//! and 2 on every rotation model.

use anchang::attribution::split;
use anchang::event::*;
use anchang::policy::{Consequence, PassReason, Placement, Policy, RotationModel};
use anchang::registry::Fact;
use anchang::{ClientDecision, Fen, PersonName, Phone, Via};
use proptest::prelude::*;

use crate::support::*;

fn owed(f: &Floor, who: &str) -> u32 {
    f.state.board().agent(agent(who)).unwrap().makeups_owed
}

// ---- P3-1 at a round boundary ----------------------------------------------

/// P3-1: everyone received in round 1 and Li, first of round 2, is still
/// busy when round 2's first visitor comes. Li is passed over (a decision
/// saying so), loses its place in round 2 and is owed one make-up placed
/// last: it receives after Wang and Zhang, once, and round 3 starts with
/// it again in its place.
#[test]
fn p3_1_busy_first_agent_of_a_new_round_is_placed_last_of_it() {
    let mut f = Floor::given(Policy::p3(), &["Li", "Wang", "Zhang"]);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    f.end("Wang");
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    f.end("Zhang");
    assert_eq!(owed(&f, "Li"), 0);
    // Round 2 begins with Li, who is still with v1.
    let d = f.walk_in("v4");
    then_receives(&d, "v4", "Wang");
    let (reason, consequence, opened) = then_passed(&d, "Li");
    assert_eq!(reason, PassReason::BusyWithNew);
    assert_eq!(consequence, Consequence::MakeUp(Placement::Last));
    assert!(opened);
    assert!(cites(&d, "P3-1"));
    assert_eq!(owed(&f, "Li"), 1);
    assert_eq!(f.stats("Li").passed_over, 1);
    f.end("Li");
    f.end("Wang");
    // Li lost its place: Zhang is before it in round 2.
    then_receives(&f.walk_in("v5"), "v5", "Zhang");
    f.end("Zhang");
    let r = then_receives(&f.walk_in("v6"), "v6", "Li");
    assert_eq!(
        r.via,
        Via::MakeUp {
            placement: Placement::Last
        }
    );
    assert_eq!(owed(&f, "Li"), 0);
    assert_eq!(f.stats("Li").makeups_used, 1);
    f.end("Li");
    // Round 3: Li in its place again, first.
    let r = then_receives(&f.walk_in("v7"), "v7", "Li");
    assert_eq!(r.via, Via::Rotation);
    assert_eq!(f.stats("Li").counted, 3);
    assert_eq!(f.stats("Wang").counted, 2);
    assert_eq!(f.stats("Zhang").counted, 2);
}

// ---- P1-1: a sign-out before the pointer -----------------------------------

/// P1-1: Li and Wang received, so it is Zhang's turn; Li, before the
/// pointer, signs out. The next visitor still goes to Zhang, then Zhao,
/// then the cycle comes back to Wang.
#[test]
fn p1_1_sign_out_before_the_pointer_keeps_whose_turn_it_is() {
    let mut f = Floor::given(Policy::p1(), &FOUR);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    f.end("Li");
    f.end("Wang");
    assert_eq!(f.next_up(1), ["Zhang"]);
    f.sign_out("Li");
    assert_eq!(f.next_up(3), ["Zhang", "Zhao", "Wang"]);
    then_receives(&f.walk_in("v3"), "v3", "Zhang");
    then_receives(&f.walk_in("v4"), "v4", "Zhao");
    then_receives(&f.walk_in("v5"), "v5", "Wang");
}

/// P1-1: the last of the order signs out while it is its turn: the turn
/// passes to the head of the cycle, not past it.
#[test]
fn p1_1_sign_out_of_the_agent_up_next_at_the_end_wraps_to_the_head() {
    let mut f = Floor::given(Policy::p1(), &["Li", "Wang", "Zhang"]);
    then_receives(&f.walk_in("v1"), "v1", "Li");
    then_receives(&f.walk_in("v2"), "v2", "Wang");
    f.end_all_busy();
    assert_eq!(f.next_up(1), ["Zhang"]);
    f.sign_out("Zhang");
    then_receives(&f.walk_in("v3"), "v3", "Li");
}

// ---- A lapsed client naming its former agent --------------------------------

/// P3-16, P3-19: registered on Jan 5, the client is lapsed on Feb 5 (day
/// 31). Naming Zhang does not revive it: it is served as a named new
/// visitor (P3-20), told as treated as new, owns nothing, and registering
/// it again needs the manager's approval.
#[test]
fn p3_19_lapsed_client_naming_its_former_agent_is_still_lapsed() {
    let mut f = Floor::given_on(Policy::p3(), "2026-01-05T10:00:00", &FOUR);
    f.register("c", "Zhang", "13900000001");
    f.day("2026-02-05T09:00:00", &FOUR);
    let d = f.arrive("v", |a| {
        a.phone = Some(Phone::new("13900000001"));
        a.named_agent = Some(agent("Zhang"));
    });
    let r = then_receives(&d, "v", "Zhang");
    assert_eq!(r.via, Via::Named, "named, not its own agent's client");
    assert!(r.counted, "P3-20: a named visitor counts");
    assert!(client_decisions(&d)
        .iter()
        .any(|c| matches!(c, ClientDecision::TreatedAsNew { client: x, .. } if *x == client("c"))));
    assert_eq!(f.owner("c"), None);
    let again = f.try_when(registration("c", "Zhang", "13900000001"));
    assert!(again.is_err(), "P3-19: re-registration needs approval");
}

/// P2-2.13: the same client under the 20-day inactivity model, lapsed on
/// its 21st day without contact, names Wang: it stays Wang's, received as
/// Wang's own client.
#[test]
fn p2_2_13_lapsed_client_naming_its_agent_is_kept() {
    let mut f = Floor::given_on(Policy::p2(), "2026-01-05T10:00:00", &FOUR);
    f.register("c", "Wang", "13900000001");
    f.day("2026-01-26T09:00:00", &FOUR);
    let d = f.arrive("v", |a| {
        a.phone = Some(Phone::new("13900000001"));
        a.named_agent = Some(agent("Wang"));
    });
    assert_eq!(then_receives(&d, "v", "Wang").via, Via::Owner);
    assert!(!client_decisions(&d)
        .iter()
        .any(|c| matches!(c, ClientDecision::TreatedAsNew { .. })));
    assert_eq!(f.owner("c").as_deref(), Some("Wang"));
}

// ---- P2-2.1 at its edges -----------------------------------------------------

fn facts_missing(f: &Floor, c: &str) -> Vec<Fact> {
    f.state
        .registry()
        .missing(client(c))
        .unwrap()
        .iter()
        .map(|m| m.fact)
        .collect()
}

/// P2-2.1: an empty name is no name, for a caller (who may give a surname
/// only) and for a visitor alike; blank space is no name either.
#[test]
fn p2_2_1_an_empty_name_is_missing_for_callers_and_visitors() {
    for channel in [Channel::Call, Channel::Visit] {
        for empty in ["", "   "] {
            let mut f = Floor::given(Policy::p1(), &FOUR);
            let mut r = registration("c", "Li", "13900001111");
            r.channel = channel;
            r.name = Some(PersonName::new(empty));
            f.when(r);
            assert_eq!(
                facts_missing(&f, "c"),
                [Fact::Name],
                "{channel:?} with name {empty:?}"
            );
            assert_eq!(f.owner("c"), None, "an invalid client owns nothing");
        }
    }
    // A surname is a caller's name (P2-2.1 来电客户可以为姓氏), not a visitor's.
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let mut r = registration("c", "Li", "13900001111");
    r.channel = Channel::Call;
    r.name = Some(PersonName::new("陈"));
    f.when(r);
    assert!(facts_missing(&f, "c").is_empty());
}

/// P2-2.1: one number given twice in two formats is one phone: the
/// registration is valid, a later registration of the number in a third
/// format is that client's duplicate, and a visitor giving it is that
/// client.
#[test]
fn p2_2_1_one_number_in_two_formats_is_one_phone() {
    let mut f = Floor::given(Policy::p3(), &FOUR);
    let mut r = registration("c1", "Li", "13900001111");
    r.phones.push(Phone::new("+86 139-0000-1111"));
    f.when(r);
    assert!(facts_missing(&f, "c1").is_empty());
    assert_eq!(f.owner("c1").as_deref(), Some("Li"));
    let d = f.register("c2", "Zhao", "139 0000 1111");
    assert!(
        client_decisions(&d).contains(&ClientDecision::DuplicateFlagged {
            client: client("c2"),
            of: client("c1"),
        })
    );
    let d = f.arrive_with_phone("v", "0086 13900001111");
    assert_eq!(then_receives(&d, "v", "Li").client, Some(client("c1")));
    // A gender missing as well as the name: both listed, in P2-2.1's order.
    let mut f = Floor::given(Policy::p1(), &FOUR);
    let mut r = registration("c", "Li", "13900001111");
    r.name = Some(PersonName::new(""));
    r.gender = None;
    f.when(r);
    assert_eq!(facts_missing(&f, "c"), [Fact::Name, Fact::Gender]);
}

// ---- The split's tie-break ---------------------------------------------------

/// The largest-remainder apportionment written out by hand: floors, then
/// one unit each to the largest remainders, ties to the earlier part.
fn apportion_by_hand(weights: &[u64], total: u64) -> Vec<u64> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    let exact: Vec<(u128, u128)> = weights
        .iter()
        .map(|w| {
            let n = u128::from(*w) * u128::from(total);
            (n / sum, n % sum)
        })
        .collect();
    let mut parts: Vec<u64> = exact.iter().map(|(q, _)| *q as u64).collect();
    let left = total - parts.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Stable: equal remainders keep the input order.
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1));
    for i in order.into_iter().take(left as usize) {
        parts[i] += 1;
    }
    parts
}

/// The worked case of issue 7: `[1, 3]` over 2 fen is `[1, 1]` (both
/// remainders are one half; the earlier contributor wins the tie).
#[test]
fn split_tie_goes_to_the_earlier_contributor() {
    let parts = split(&[1, 3], Fen(2)).unwrap();
    let amounts: Vec<i64> = parts.iter().map(|p| p.amount.0).collect();
    assert_eq!(amounts, [1, 1]);
    let parts = split(&[3, 1], Fen(2)).unwrap();
    let amounts: Vec<i64> = parts.iter().map(|p| p.amount.0).collect();
    assert_eq!(
        amounts,
        [2, 0],
        "3/4 of 2 is 1.5, 1/4 is 0.5: tie to the first"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::properties::cases()))]

    /// Every split, amounts and basis points alike, is exactly the
    /// largest-remainder apportionment with ties to the earlier
    /// contributor: not only sums and "within one unit".
    #[test]
    fn split_is_largest_remainder_with_ties_to_the_earlier(
        weights in prop::collection::vec(0u64..12, 1..6),
        total in 0i64..50,
    ) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let parts = split(&weights, Fen(total)).unwrap();
        let amounts: Vec<u64> = parts.iter().map(|p| p.amount.0 as u64).collect();
        let shares: Vec<u64> = parts.iter().map(|p| u64::from(p.share.0)).collect();
        prop_assert_eq!(amounts, apportion_by_hand(&weights, total as u64));
        prop_assert_eq!(shares, apportion_by_hand(&weights, 10_000));
    }
}

// ---- Make-ups owed and used at 0 and at 2 ------------------------------------

/// Two errands, two returns before any visitor: two make-ups owed (one per
/// absence, P2-3.11), both used by the next counted visitors Wang is free
/// for, then none. Under `model` with P2's cells.
fn two_errand_makeups(model: RotationModel) {
    let mut p = Policy::p2();
    p.rotation.value = model;
    let mut f = Floor::given(p, &FOUR);
    assert_eq!(owed(&f, "Wang"), 0);
    assert_eq!(f.stats("Wang").makeups_granted, 0);
    assert_eq!(f.stats("Wang").makeups_used, 0);
    f.away("Wang", AwayReason::Errand);
    f.back("Wang");
    f.away("Wang", AwayReason::Errand);
    f.back("Wang");
    assert_eq!(owed(&f, "Wang"), 2, "{model:?}");
    assert_eq!(f.stats("Wang").makeups_granted, 2);
    assert_eq!(f.state.board().makeups().len(), 2);
    let r = then_receives(&f.walk_in("v1"), "v1", "Wang");
    assert!(is_makeup(&r));
    assert_eq!(owed(&f, "Wang"), 1);
    // Wang is busy: its second make-up waits, the rotation serves v2.
    let d = f.walk_in("v2");
    assert_ne!(reception(&d, "v2").agent.as_str(), "Wang");
    f.end("Wang");
    let r = then_receives(&f.walk_in("v3"), "v3", "Wang");
    assert!(is_makeup(&r), "{model:?}");
    assert_eq!(owed(&f, "Wang"), 0);
    assert_eq!(f.stats("Wang").makeups_used, 2);
    assert_eq!(f.stats("Wang").counted, 2);
    assert!(f.state.board().makeups().is_empty());
}

#[test]
fn makeups_owed_and_used_at_zero_and_two_in_a_cycle() {
    two_errand_makeups(RotationModel::Cycle);
}

#[test]
fn makeups_owed_and_used_at_zero_and_two_on_the_up_board() {
    two_errand_makeups(RotationModel::UpBoard);
}

#[test]
fn makeups_owed_and_used_at_zero_and_two_in_rounds() {
    two_errand_makeups(RotationModel::Rounds);
}

/// P3-1 on the up board: a busy agent passed over twice in one busy spell
/// is owed one make-up placed last, not two (once per spell), taken when
/// its place in the line comes.
#[test]
fn up_board_makeups_placed_last_once_per_spell() {
    let mut p = Policy::p3();
    p.rotation.value = RotationModel::UpBoard;
    let mut f = Floor::given(p, &["Li", "Wang", "Zhang"]);
    assert_eq!(owed(&f, "Li"), 0);
    // Li takes a returning client of its own: busy, yet still in the line.
    f.register("c", "Li", "13900000001");
    let d = f.arrive_with_phone("o1", "13900000001");
    assert_eq!(then_receives(&d, "o1", "Li").via, Via::Owner);
    let d = f.walk_in("v1");
    then_receives(&d, "v1", "Wang");
    assert!(
        then_passed(&d, "Li").2,
        "the first pass-over opens a make-up"
    );
    assert_eq!(owed(&f, "Li"), 1);
    then_receives(&f.walk_in("v2"), "v2", "Zhang");
    f.end("Wang");
    f.end("Zhang");
    let d = f.walk_in("v3");
    then_receives(&d, "v3", "Wang");
    assert!(!then_passed(&d, "Li").2, "the same spell opens no second");
    assert_eq!(owed(&f, "Li"), 1, "one make-up per busy spell");
    assert_eq!(f.stats("Li").passed_over, 2);
    f.end_all_busy();
    then_receives(&f.walk_in("v4"), "v4", "Zhang");
    let r = then_receives(&f.walk_in("v5"), "v5", "Li");
    assert!(is_makeup(&r));
    assert_eq!(owed(&f, "Li"), 0);
    assert_eq!(f.stats("Li").makeups_used, 1);
    assert_eq!(f.stats("Li").makeups_granted, 1);
}
