//! The three documents' presets. Every cell cites the rule it comes from; a
//! cell the document does not state is marked a reading and takes the
//! reading RULES.md gives (or P1's rule).

use super::*;
use crate::event::Purpose::{AskingWay, RelatedBusiness, Staff};
use crate::rules;

use Consequence::{Forfeit, Lost, MakeUp};
use Placement::{Head, Last};

const DAY_RESETS: NewDay = NewDay {
    sign_out: true,
    close_receptions: true,
    close_waiting: true,
    carry_makeups: false,
    carry_counts: false,
};

const UNCOUNTED: [Purpose; 3] = [AskingWay, Staff, RelatedBusiness];
const HOURS_72: u32 = 72 * 3600;

fn attribution(
    stand_in_share: Ruled<Option<BasisPoints>>,
    spouse_share: Ruled<Option<BasisPoints>>,
    closer_without_claim: Ruled<CloserCredit>,
) -> AttributionRules {
    AttributionRules {
        objection_window_secs: Ruled::reading(HOURS_72, rules![P2_1_5]),
        // No document states a rate; 1% is a placeholder a site sets.
        commission_rate: Ruled::reading(BasisPoints(100), Rules::NONE),
        earned_at: Ruled::reading(EarnedAt::Deposit, rules![P2_1_5]),
        developer_client_factor: Ruled::reading(BasisPoints(5_000), rules![P2_1_8]),
        stand_in_share,
        spouse_share,
        closer_without_claim,
        // No document limits when a stand-in shares.
        stand_in_share_days: Ruled::reading(None, Rules::NONE),
    }
}

impl Policy {
    /// P1, 售楼部日常管理规范: a fixed cycle in attendance order; a skipped
    /// agent's turn is lost (P1-1); the stand-in's turn is given back (P1-15).
    pub fn p1() -> Policy {
        let lost = Ruled::stated(Lost, rules![P1_1]);
        Policy {
            name: "P1".into(),
            rotation: Ruled::stated(RotationModel::Cycle, rules![P1_1]),
            pass_over: PassOverRules {
                busy_with_new: lost,
                busy_with_old: lost,
                // 轮号可补回: the stand-in's turn may be given back; taking it
                // at the head is a reading.
                standing_in: Ruled::reading(MakeUp(Head), rules![P1_15]),
                meal: lost,
                washroom: lost,
                out: lost,
                errand: lost,
                expo: Ruled::reading(Lost, rules![P1_1, P2_2_12]),
                declined: Ruled::reading(Forfeit, rules![P2_3_7, P1_6]),
            },
            errand_return: Ruled::stated(None, rules![P1_1]),
            named: Ruled::stated(
                TurnRule {
                    counts: When::IfTurn,
                    uses_turn: When::IfTurn,
                },
                rules![P1_16],
            ),
            assigned: Ruled::reading(
                TurnRule {
                    counts: When::Always,
                    uses_turn: When::IfTurn,
                },
                rules![P1_2, P1_16],
            ),
            returning_owner: Ruled::reading(TurnRule::FREE, rules![P1_15]),
            deposit_paid_owner: Ruled::reading(TurnRule::FREE, rules![P1_15]),
            // Who stands in is stated (P1-15, P1-5); that it does not count
            // is the reading of 轮号可补回.
            stand_in_busy: Ruled::reading(
                StandIn {
                    pick: StandInPick::DutyHelper,
                    needs_approval: false,
                    turn: TurnRule::FREE,
                },
                rules![P1_15, P1_5],
            ),
            stand_in_absent: Ruled::reading(
                StandIn {
                    pick: StandInPick::DutyHelper,
                    needs_approval: false,
                    turn: TurnRule::FREE,
                },
                rules![P1_15, P1_5],
            ),
            uncounted: Ruled::reading(PurposeSet::of(&UNCOUNTED), rules![P2_3_7]),
            calls: Ruled::reading(TurnRule::FREE, rules![P1_14]),
            hotlines: Ruled::reading(1, rules![P2_3_3]),
            off_shift: Ruled::reading(OffShift::AssignedOnly, rules![P3_1]),
            new_day: Ruled::reading(DAY_RESETS, rules![P3_1]),
            lapse: Ruled::reading(Lapse::Never, rules![P1_15]),
            // Left to the lapse model (Companion): today's behaviour; the
            // other offices' variants are off.
            call_lapse: Ruled::reading(None, rules![P1_15]),
            contact_restarts: Ruled::reading(None, rules![P1_15]),
            naming_keeps: Ruled::reading(None, rules![P1_15]),
            naming_window_days: Ruled::reading(None, rules![P1_15]),
            reregistration_needs_approval: Ruled::reading(None, rules![P1_15]),
            // P1 asks no confirmation of a call: its agent owns it at once.
            call_needs_confirmation: Ruled::reading(false, rules![P1_14]),
            overdue_pause: Ruled::reading(None, rules![P2_2_13]),
            // P1 says nothing of shared deals: conflicts go to the manager (P1-18).
            attribution: attribution(
                Ruled::reading(None, rules![P1_15, P1_18]),
                Ruled::reading(None, rules![P1_18]),
                // P1 is silent: P2-1.5's closer, borrowed, and conflicts to the manager.
                Ruled::reading(CloserCredit::Closer, rules![P2_1_5, P1_18]),
            ),
        }
    }

    /// P2, 案场客户接待管理归属划分条例: the manager's fixed cycle with
    /// priority make-ups at its head (P2-3.3, P2-3.10, P2-3.11).
    pub fn p2() -> Policy {
        let as_p1 = Ruled::reading(Lost, rules![P1_1]);
        Policy {
            name: "P2".into(),
            rotation: Ruled::stated(RotationModel::Cycle, rules![P2_3_6, P2_3_3]),
            pass_over: PassOverRules {
                busy_with_new: Ruled::reading(Lost, rules![P2_3_10, P1_1]),
                busy_with_old: Ruled::stated(MakeUp(Head), rules![P2_3_10]),
                standing_in: Ruled::reading(MakeUp(Head), rules![P2_3_10, P2_3_9]),
                meal: as_p1,
                washroom: as_p1,
                out: as_p1,
                errand: Ruled::stated(MakeUp(Head), rules![P2_3_11]),
                expo: Ruled::reading(Lost, rules![P2_2_12, P1_1]),
                declined: Ruled::stated(Forfeit, rules![P2_3_7]),
            },
            errand_return: Ruled::reading(Some(Head), rules![P2_3_11]),
            named: Ruled::reading(
                TurnRule {
                    counts: When::IfTurn,
                    uses_turn: When::IfTurn,
                },
                rules![P2_2_5, P1_16],
            ),
            assigned: Ruled::reading(
                TurnRule {
                    counts: When::Always,
                    uses_turn: When::IfTurn,
                },
                rules![P2_3_3],
            ),
            returning_owner: Ruled::reading(TurnRule::FREE, rules![P2_3_8, P2_3_2]),
            deposit_paid_owner: Ruled::reading(TurnRule::FREE, rules![P2_2_7, P2_3_2]),
            // Who stands in is stated (P2-3.9); how it counts is not.
            stand_in_busy: Ruled::reading(
                StandIn {
                    pick: StandInPick::DutyHelper,
                    needs_approval: false,
                    turn: TurnRule::FREE,
                },
                rules![P2_3_9],
            ),
            stand_in_absent: Ruled::stated(
                StandIn {
                    pick: StandInPick::Rotation,
                    needs_approval: true,
                    turn: TurnRule {
                        counts: When::Always,
                        uses_turn: When::Always,
                    },
                },
                rules![P2_3_8, P2_2_3],
            ),
            uncounted: Ruled::stated(PurposeSet::of(&UNCOUNTED), rules![P2_3_7]),
            calls: Ruled::reading(TurnRule::FREE, rules![P2_3_3]),
            hotlines: Ruled::reading(1, rules![P2_3_3]),
            off_shift: Ruled::reading(OffShift::AssignedOnly, rules![P3_1]),
            new_day: Ruled::reading(DAY_RESETS, rules![P3_1]),
            lapse: Ruled::stated(Lapse::Inactivity { days: 20 }, rules![P2_2_13]),
            // Left to the lapse model (Companion): today's behaviour; the
            // other offices' variants are off.
            call_lapse: Ruled::reading(None, rules![P2_2_13]),
            contact_restarts: Ruled::stated(None, rules![P2_2_13]),
            naming_keeps: Ruled::stated(None, rules![P2_2_13]),
            naming_window_days: Ruled::reading(None, rules![P2_2_13]),
            reregistration_needs_approval: Ruled::stated(None, rules![P2_2_13]),
            call_needs_confirmation: Ruled::stated(true, rules![P2_3_5]),
            overdue_pause: Ruled::reading(None, rules![P2_2_13]),
            // Several agents, family duplicates: the manager splits (P2-2.4, P2-2.10).
            attribution: attribution(
                Ruled::stated(None, rules![P2_2_4]),
                Ruled::stated(None, rules![P2_2_10]),
                Ruled::stated(CloserCredit::Closer, rules![P2_1_5]),
            ),
        }
    }

    /// P3, 销售专案现场客户接待管理条例: rounds in daily sign-in order; a
    /// skipped busy agent keeps this round's turn, last (P3-1); meals forfeit
    /// (P3-13); named visitors count (P3-20).
    pub fn p3() -> Policy {
        let last = Ruled::stated(MakeUp(Last), rules![P3_1]);
        let forfeit = Ruled::stated(Forfeit, rules![P3_13]);
        Policy {
            name: "P3".into(),
            rotation: Ruled::stated(RotationModel::Rounds, rules![P3_1]),
            pass_over: PassOverRules {
                busy_with_new: last,
                busy_with_old: last,
                standing_in: Ruled::stated(MakeUp(Last), rules![P3_1, P3_4]),
                meal: forfeit,
                washroom: forfeit,
                out: forfeit,
                errand: last,
                expo: Ruled::reading(MakeUp(Last), rules![P3_1, P2_2_12]),
                declined: Ruled::reading(Forfeit, rules![P2_3_7, P3_8]),
            },
            errand_return: Ruled::stated(None, rules![P3_1]),
            named: Ruled::reading(
                TurnRule {
                    counts: When::Always,
                    uses_turn: When::Always,
                },
                rules![P3_20],
            ),
            assigned: Ruled::reading(
                TurnRule {
                    counts: When::Always,
                    uses_turn: When::IfTurn,
                },
                rules![P3_1, P3_6],
            ),
            returning_owner: Ruled::stated(TurnRule::FREE, rules![P3_1]),
            deposit_paid_owner: Ruled::stated(TurnRule::FREE, rules![P3_1]),
            stand_in_busy: Ruled::reading(
                StandIn {
                    pick: StandInPick::DutyHelper,
                    needs_approval: false,
                    turn: TurnRule::FREE,
                },
                rules![P3_4, P3_11],
            ),
            stand_in_absent: Ruled::stated(
                StandIn {
                    pick: StandInPick::DutyHelper,
                    needs_approval: true,
                    turn: TurnRule::FREE,
                },
                rules![P3_2, P3_11],
            ),
            uncounted: Ruled::reading(PurposeSet::of(&UNCOUNTED), rules![P2_3_7, P3_10]),
            calls: Ruled::reading(TurnRule::FREE, rules![P2_3_3]),
            hotlines: Ruled::reading(1, rules![P2_3_3]),
            off_shift: Ruled::stated(OffShift::AssignedOnly, rules![P3_1]),
            new_day: Ruled::stated(DAY_RESETS, rules![P3_1]),
            lapse: Ruled::stated(Lapse::FromRegistration { days: 30 }, rules![P3_16, P3_19]),
            // Left to the lapse model (Companion): today's behaviour; the
            // other offices' variants are off.
            call_lapse: Ruled::reading(None, rules![P3_16, P3_19]),
            contact_restarts: Ruled::stated(None, rules![P3_16, P3_19]),
            naming_keeps: Ruled::stated(None, rules![P3_16, P3_19]),
            naming_window_days: Ruled::reading(None, rules![P3_16, P3_19]),
            reregistration_needs_approval: Ruled::stated(None, rules![P3_16, P3_19]),
            // P3 asks no confirmation of a call: its agent owns it at once.
            call_needs_confirmation: Ruled::reading(false, rules![P3_18]),
            overdue_pause: Ruled::reading(None, rules![P2_2_13]),
            // 共单 and "share the deal" do not say how: halves is the reading.
            attribution: attribution(
                Ruled::reading(Some(BasisPoints(5_000)), rules![P3_2, P3_4]),
                Ruled::reading(Some(BasisPoints(5_000)), rules![P3_3]),
                // P3 says the original agent serves its client (P3-2, P3-4)
                // and is silent on a third agent who closes: a reading.
                Ruled::reading(CloserCredit::Owner, rules![P3_2, P3_4]),
            ),
        }
    }

    /// The preset of document `n` (1, 2 or 3).
    pub fn preset(n: u8) -> Option<Policy> {
        match n {
            1 => Some(Policy::p1()),
            2 => Some(Policy::p2()),
            3 => Some(Policy::p3()),
            _ => None,
        }
    }
}
