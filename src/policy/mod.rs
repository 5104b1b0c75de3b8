//! Policy: every choice on which the documents disagree (RULES.md, "Where
//! the documents disagree"), as data. The engine never branches on which
//! document a policy came from; it reads these cells.
//!
//! Each cell is a [`Ruled`] value: the choice, the rule ids it comes from,
//! and whether it is a reading of text that does not say (a "not stated"
//! cell of the table). Decisions cite the cell's rules.

#[cfg(feature = "serde")]
mod overlay;
mod presets;

#[cfg(feature = "serde")]
pub use overlay::OverlayError;

use crate::event::{AwayReason, Purpose};
use crate::money::BasisPoints;
use crate::Rules;

/// A policy choice with the rules it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ruled<T> {
    /// The choice.
    pub value: T,
    /// The rules it comes from; decisions made by it cite them.
    pub rules: Rules,
    /// Whether the choice is a reading: the documents do not state it, or
    /// state only part of it (a stand-in rule whose pick is stated but
    /// whose counting is not is a reading).
    #[cfg_attr(feature = "serde", serde(default))]
    pub reading: bool,
}

impl<T> Ruled<T> {
    /// A choice the documents state, under `rules`.
    pub const fn stated(value: T, rules: Rules) -> Self {
        Ruled {
            value,
            rules,
            reading: false,
        }
    }

    /// A choice the documents leave open, read as `value` after `rules`.
    pub const fn reading(value: T, rules: Rules) -> Self {
        Ruled {
            value,
            rules,
            reading: true,
        }
    }
}

/// How the rotation turns (the table's first row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RotationModel {
    /// A fixed cycle in sign-in order: the turn passes to whoever is next
    /// after the agent who received (P1-1, P2-3.3).
    Cycle,
    /// Rounds in sign-in order: each agent receives once a round (P3-1).
    Rounds,
    /// The "up board" line of rotation products (not from the seed): free
    /// agents queue in the order they became free and rejoin the end after
    /// each counted reception.
    UpBoard,
}

/// Where a make-up turn (补接) is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Placement {
    /// At the head of the queue: the next counted visitor (优先补接, P2-3.10).
    Head,
    /// Last in the round, after the agents still waiting for this round's
    /// turn (排到未接销售人员末位, P3-1). In a cycle the round ends where the
    /// turn passes from the last of the order back to its first.
    Last,
}

/// What an agent passed over earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Consequence {
    /// The turn is lost, not given back (不予补回, P1-1).
    Lost,
    /// The turn is forfeited (轮空, P2-3.7, P3-13): recorded, no make-up.
    Forfeit,
    /// A make-up is owed, once per absence or busy spell however many turns
    /// were missed (P2-3.10, P2-3.11, P3-1).
    MakeUp(Placement),
}

/// Why an agent whose turn came did not receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PassReason {
    /// Busy with a new client.
    BusyWithNew,
    /// Busy with an old (returning) client (P2-3.10).
    BusyWithOld,
    /// Standing in for another agent's returning client (P1-15).
    StandingIn,
    /// Away from the floor.
    Away(AwayReason),
    /// Declined the visitor offered to it (P2-3.7).
    Declined,
}

/// What each reason for being passed over earns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PassOverRules {
    /// Busy with a new client.
    pub busy_with_new: Ruled<Consequence>,
    /// Busy with an old client.
    pub busy_with_old: Ruled<Consequence>,
    /// Standing in for another's client.
    pub standing_in: Ruled<Consequence>,
    /// At a meal.
    pub meal: Ruled<Consequence>,
    /// In the washroom.
    pub washroom: Ruled<Consequence>,
    /// Out on its own.
    pub out: Ruled<Consequence>,
    /// On a manager's errand.
    pub errand: Ruled<Consequence>,
    /// At the expo.
    pub expo: Ruled<Consequence>,
    /// Declined the visitor offered.
    pub declined: Ruled<Consequence>,
}

impl PassOverRules {
    /// The cell for `reason`.
    pub fn get(&self, reason: PassReason) -> Ruled<Consequence> {
        match reason {
            PassReason::BusyWithNew => self.busy_with_new,
            PassReason::BusyWithOld => self.busy_with_old,
            PassReason::StandingIn => self.standing_in,
            PassReason::Away(AwayReason::Meal) => self.meal,
            PassReason::Away(AwayReason::Washroom) => self.washroom,
            PassReason::Away(AwayReason::Out) => self.out,
            PassReason::Away(AwayReason::Errand) => self.errand,
            PassReason::Away(AwayReason::Expo) => self.expo,
            PassReason::Declined => self.declined,
        }
    }
}

/// When a reception outside the plain rotation counts, or uses the agent's turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum When {
    /// Never.
    Never,
    /// Only when the agent was the one up next (P1-16 如正轮到该售楼员接待).
    IfTurn,
    /// Always.
    Always,
}

/// Counting of a reception that is not a plain rotation pick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TurnRule {
    /// Whether it counts in the agent's receptions (接待指标).
    pub counts: When,
    /// Whether it takes the agent's place in the rotation: in a cycle the
    /// turn passes on if it was the agent's; in rounds the agent's turn of
    /// the round is used; on the up board it leaves the line until free.
    pub uses_turn: When,
}

impl TurnRule {
    /// Neither counted nor moving the rotation.
    pub const FREE: TurnRule = TurnRule {
        counts: When::Never,
        uses_turn: When::Never,
    };
}

/// Who stands in for an owner who cannot receive its returning client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum StandInPick {
    /// The duty helper, the last in the rotation (P1-5, P1-15, P2-3.9);
    /// if it is busy, the free agent nearest the end.
    DutyHelper,
    /// The agent on duty, as the rotation picks a new client (P2-3.8).
    Rotation,
}

/// The stand-in rule for one situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StandIn {
    /// Who is proposed.
    pub pick: StandInPick,
    /// Whether the visitor waits, seated, for the manager's approval
    /// (an `approve_stand_in` event) rather than go to the proposed agent.
    pub needs_approval: bool,
    /// How the stand-in's reception counts.
    pub turn: TurnRule,
}

/// What an off-shift agent receives (P3-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum OffShift {
    /// New clients only when the manager assigns it (P3-1); out of the rotation meanwhile.
    AssignedOnly,
    /// Shifts do not matter to the rotation.
    Ignored,
}

/// A set of visitor purposes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "Vec<Purpose>", into = "Vec<Purpose>"))]
pub struct PurposeSet(u8);

impl PurposeSet {
    /// The purposes in `list`.
    pub fn of(list: &[Purpose]) -> PurposeSet {
        PurposeSet(list.iter().fold(0, |m, p| m | (1 << *p as u8)))
    }

    /// Whether `p` is in the set.
    pub fn contains(self, p: Purpose) -> bool {
        self.0 & (1 << p as u8) != 0
    }
}

impl From<Vec<Purpose>> for PurposeSet {
    fn from(v: Vec<Purpose>) -> Self {
        PurposeSet::of(&v)
    }
}

impl From<PurposeSet> for Vec<Purpose> {
    fn from(s: PurposeSet) -> Self {
        Purpose::ALL
            .into_iter()
            .filter(|p| s.contains(*p))
            .collect()
    }
}

/// What the first event of a new date closes and carries over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewDay {
    /// Sign everyone out, so the new day's sign-ins seed its rotation (P3-1 每天).
    pub sign_out: bool,
    /// Close receptions still open.
    pub close_receptions: bool,
    /// Visitors still waiting leave unserved.
    pub close_waiting: bool,
    /// Owed make-ups carry over (else they lapse).
    pub carry_makeups: bool,
    /// Counts carry over (else every count starts at zero).
    pub carry_counts: bool,
}

/// How a registration lapses (P2-2.13, P3-16, P3-19).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Lapse {
    /// Never lapses.
    Never,
    /// Treated as new after more than `days` calendar days without a contact;
    /// each contact restarts the count (P2-2.13), and naming its agent keeps
    /// the client, unless [`Policy::contact_restarts`] or
    /// [`Policy::naming_keeps`] say otherwise.
    Inactivity {
        /// Days allowed without contact.
        days: u32,
    },
    /// Lapses more than `days` calendar days after registration; follow-ups
    /// do not extend it, and registering it again needs the manager's
    /// approval (P3-16, P3-19), unless [`Policy::contact_restarts`] or
    /// [`Policy::reregistration_needs_approval`] say otherwise.
    FromRegistration {
        /// Days of validity.
        days: u32,
    },
    /// Lapses after `months` calendar months from registration, clamped to
    /// the month's end (one month from Jan 31 ends on Feb 28).
    CalendarMonths {
        /// Months of validity.
        months: u32,
    },
}

/// When commission is earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum EarnedAt {
    /// At the deposit (下定).
    Deposit,
    /// At the contract (签约).
    Contract,
}

/// Who is credited when the agent who records the deposit neither owns the
/// client nor stood in for its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum CloserCredit {
    /// The closer, the owner and any stand-in flagged (P2-1.5: after the
    /// window the client belongs to the agent who closed).
    Closer,
    /// The owner, with the stand-in sharing as the stand-in cell says
    /// (P3-2, P3-4: the original agent serves its client); the closer is
    /// flagged for the manager.
    Owner,
}

/// Attribution and commission choices (P2-1.5, P2-1.8, P3-2, P3-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AttributionRules {
    /// Seconds after the deposit during which an objection is accepted,
    /// the boundary included (P2-1.5: 72 hours).
    pub objection_window_secs: Ruled<u32>,
    /// Commission rate, in basis points of the price (at most 10,000).
    pub commission_rate: Ruled<BasisPoints>,
    /// When commission is earned.
    pub earned_at: Ruled<EarnedAt>,
    /// Share of the commission base paid for a developer-introduced client
    /// (P2-1.8: 50%).
    pub developer_client_factor: Ruled<BasisPoints>,
    /// The stand-in's share of a shared deal (共单, P3-2, P3-4), if the
    /// policy shares automatically: the closer (owner) keeps the rest; when
    /// the stand-in itself closed, it takes this share and the owner the
    /// rest. A third agent who closed shares with neither; `None`: the
    /// stand-in is only flagged for the manager.
    pub stand_in_share: Ruled<Option<BasisPoints>>,
    /// The share of the agent who unknowingly received the buyer's spouse
    /// (P3-3), if the policy shares automatically; the closer keeps the
    /// rest. `None`: the claim is flagged for the manager (P2-2.10).
    #[cfg_attr(feature = "serde", serde(default = "no_spouse_share"))]
    pub spouse_share: Ruled<Option<BasisPoints>>,
    /// Who is credited when the closer has no claim on the client (neither
    /// owns it nor stood in) and another agent owns it.
    #[cfg_attr(feature = "serde", serde(default = "credit_the_closer"))]
    pub closer_without_claim: Ruled<CloserCredit>,
    /// An office's rulebook (not the seed's): the stand-in's share applies
    /// only if the deposit is paid within this many calendar days of the
    /// last visit it covered (`Some(0)`: the same day); later, the owner
    /// keeps all and the stand-in is only flagged for the manager, as an
    /// agent who also received the client (P2-2.4). `None`: whenever the
    /// deal closes, as P3-2 and P3-4 read (no document sets a limit).
    #[cfg_attr(feature = "serde", serde(default = "no_limit"))]
    pub stand_in_share_days: Ruled<Option<u32>>,
}

/// An optional choice the lapse model decides unless the cell sets it.
///
/// The presets leave these cells at `None`, "as the lapse model says", so a
/// policy that changes only its [`Policy::lapse`] keeps the companions that
/// model has always had, and a policy written before the cells existed
/// reads the same.
pub type Companion = Ruled<Option<bool>>;

/// A lapse companion resolved: the choice, and the rules that make it.
fn resolved(cell: Companion, lapse: &Ruled<Lapse>, by_model: bool) -> Ruled<bool> {
    match cell.value {
        Some(v) => Ruled {
            value: v,
            rules: cell.rules,
            reading: cell.reading,
        },
        None => Ruled {
            value: by_model,
            rules: lapse.rules,
            reading: lapse.reading,
        },
    }
}

/// A policy stored before the cell existed: the closer is credited, as it was.
#[cfg(feature = "serde")]
fn credit_the_closer() -> Ruled<CloserCredit> {
    Ruled::reading(CloserCredit::Closer, Rules::of(&[crate::Rule::P2_1_5]))
}

/// A policy stored before the cell existed: nobody is paused, as before.
#[cfg(feature = "serde")]
fn never_pause() -> Ruled<Option<u32>> {
    Ruled::reading(None, crate::rules![P2_2_13])
}

/// A policy stored before the cell existed: no limit, as there was none.
#[cfg(feature = "serde")]
fn no_limit() -> Ruled<Option<u32>> {
    Ruled::reading(None, Rules::NONE)
}

/// A policy stored before the cell existed: as its lapse model says.
#[cfg(feature = "serde")]
fn as_the_lapse_model() -> Companion {
    Ruled::reading(None, Rules::NONE)
}

/// A policy stored before the cell existed: a call lapses as a visit.
#[cfg(feature = "serde")]
fn as_a_visit() -> Ruled<Option<Lapse>> {
    Ruled::reading(None, Rules::NONE)
}

/// A policy stored before the cell existed: calls own at once, as they did.
#[cfg(feature = "serde")]
fn calls_own_at_once() -> Ruled<bool> {
    Ruled::reading(false, Rules::NONE)
}

#[cfg(feature = "serde")]
fn no_spouse_share() -> Ruled<Option<BasisPoints>> {
    Ruled::reading(None, Rules::NONE)
}

/// Every choice on which the documents disagree. Build one from a preset
/// ([`Policy::p1`], [`Policy::p2`], [`Policy::p3`], or `"p2".parse()`) and
/// change any field, or lay a partial policy written in JSON over a preset
/// ([`Policy::overlay_json`], feature `serde`).
///
/// ```
/// use anchang::Policy;
/// use anchang::policy::{Lapse, RotationModel};
///
/// let mut office: Policy = "p2".parse().unwrap();
/// assert_eq!(office.rotation.value, RotationModel::Cycle);
/// assert_eq!(office.lapse.value, Lapse::Inactivity { days: 20 }); // P2-2.13
/// office.name = "P2 with rounds".into();
/// office.rotation.value = RotationModel::Rounds;
/// assert_ne!(office, Policy::p2());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Policy {
    /// A name for explanations, e.g. `"P2"` or `"P2 with P3 lapse"`.
    pub name: String,
    /// How the rotation turns.
    pub rotation: Ruled<RotationModel>,
    /// What an agent passed over earns, by reason.
    pub pass_over: PassOverRules,
    /// A make-up granted on every return from a manager's errand, whether or
    /// not a turn was missed (P2-3.11 reading).
    pub errand_return: Ruled<Option<Placement>>,
    /// A visitor who names an agent (P1-16, P3-20).
    pub named: Ruled<TurnRule>,
    /// A visitor the manager assigns to an agent (P1-2, P3-1).
    pub assigned: Ruled<TurnRule>,
    /// A returning client received by its own agent (P1-15, P2-3.8, P3-1).
    pub returning_owner: Ruled<TurnRule>,
    /// A returning client who paid a deposit, received by its own agent
    /// (P3-1: 已交定金的老客户接待可不占接待指标).
    pub deposit_paid_owner: Ruled<TurnRule>,
    /// Who stands in when the owner is busy (P1-15, P2-3.9, P3-4).
    pub stand_in_busy: Ruled<StandIn>,
    /// Who stands in when the owner is absent (P1-15, P2-3.8, P3-2).
    pub stand_in_absent: Ruled<StandIn>,
    /// Purposes greeted but not counted (P2-3.7, P3-10).
    pub uncounted: Ruled<PurposeSet>,
    /// How calls count (P2-3.3).
    pub calls: Ruled<TurnRule>,
    /// Public hotlines: the last this many of the rotation are on phone duty (P2-3.3).
    pub hotlines: Ruled<u8>,
    /// Off-shift agents (P3-1).
    pub off_shift: Ruled<OffShift>,
    /// What a new date closes and carries.
    pub new_day: Ruled<NewDay>,
    /// How registrations lapse.
    pub lapse: Ruled<Lapse>,
    /// An office's rulebook (not the seed's): how a client whose current
    /// registration came by call (来电) lapses, when it is protected for
    /// less (or longer) than a visit; `None`: as [`Policy::lapse`]. The
    /// companions below, left to the lapse model, follow this model for
    /// such a client.
    #[cfg_attr(feature = "serde", serde(default = "as_a_visit"))]
    pub call_lapse: Ruled<Option<Lapse>>,
    /// Whether a contact (a follow-up, or a visit received by the owner or
    /// its stand-in) restarts the lapse count: the window runs from the
    /// last contact instead of from the registration. `None`: as the lapse
    /// model says, yes for [`Lapse::Inactivity`] (P2-2.13), no for the
    /// fixed windows (P3-19). A contact is recorded whatever this says;
    /// the cell is read when protection is computed.
    #[cfg_attr(feature = "serde", serde(default = "as_the_lapse_model"))]
    pub contact_restarts: Companion,
    /// Whether a lapsed client who names its agent on its next visit stays
    /// that agent's (P2-2.13 除非客户指明该销售人员). `None`: as the lapse
    /// model says, yes for [`Lapse::Inactivity`], no for the fixed windows
    /// (P3-19: registered again instead).
    #[cfg_attr(feature = "serde", serde(default = "as_the_lapse_model"))]
    pub naming_keeps: Companion,
    /// An office's rulebook (not the seed's): the days after its protection
    /// ended during which a lapsed client may still name its agent and stay
    /// its agent's (day 1 is the first day lapsed); later, naming changes
    /// nothing and the client is new. `None`: no limit (P2-2.13 sets none).
    /// Read only where [`Policy::naming_keeps`] holds.
    #[cfg_attr(feature = "serde", serde(default = "no_limit"))]
    pub naming_window_days: Ruled<Option<u32>>,
    /// Whether registering a lapsed client again needs the manager's
    /// approval first (P3-19 得到项目经理认可). `None`: as the lapse model
    /// says, yes for the fixed windows, no for [`Lapse::Inactivity`]
    /// (P2-2.13: a lapsed client is simply new).
    #[cfg_attr(feature = "serde", serde(default = "as_the_lapse_model"))]
    pub reregistration_needs_approval: Companion,
    /// Whether a client registered by call owns nothing until the manager
    /// confirms its recorded details (P2-3.5: an unconfirmed call is a void
    /// reception). When true, such a registration is valid but has no
    /// owner, no claim and routes a visitor as new until a `confirm_call`
    /// gives it to the owner a registration would have had, from that
    /// moment; when false a call owns at once, as a visit does.
    #[cfg_attr(feature = "serde", serde(default = "calls_own_at_once"))]
    pub call_needs_confirmation: Ruled<bool>,
    /// Pausing from the rotation an agent with follow-ups overdue: the
    /// days before a client's protection lapses within which its agent,
    /// on signing in or after its next follow-up, is kept out of the
    /// rotation until none is that close (P2-2.13, as car-dealer up lists
    /// do). `None` never pauses: every preset, a reading (the seed only
    /// warns that an agent bears the loss of a client it did not follow).
    #[cfg_attr(feature = "serde", serde(default = "never_pause"))]
    pub overdue_pause: Ruled<Option<u32>>,
    /// Attribution and commission.
    pub attribution: AttributionRules,
}

impl Policy {
    /// The lapse model for a client whose current registration came by
    /// `channel`: [`Policy::call_lapse`] for a call, if set, else
    /// [`Policy::lapse`].
    pub fn lapse_for(&self, channel: crate::event::Channel) -> Ruled<Lapse> {
        match (channel, self.call_lapse.value) {
            (crate::event::Channel::Call, Some(l)) => Ruled {
                value: l,
                rules: self.call_lapse.rules,
                reading: self.call_lapse.reading,
            },
            _ => self.lapse,
        }
    }

    /// Whether a contact restarts the count under `lapse` (one of
    /// [`Policy::lapse_for`]'s answers), with the rules that say so.
    ///
    /// ```
    /// use anchang::Policy;
    /// use anchang::event::Channel;
    ///
    /// let mut office = Policy::p3(); // 30 days from registration (P3-19)
    /// let lapse = office.lapse_for(Channel::Visit);
    /// assert!(!office.contact_restarts(&lapse).value);
    /// office.contact_restarts.value = Some(true); // follow-ups extend it here
    /// assert!(office.contact_restarts(&lapse).value);
    /// ```
    pub fn contact_restarts(&self, lapse: &Ruled<Lapse>) -> Ruled<bool> {
        let by_model = matches!(lapse.value, Lapse::Inactivity { .. });
        resolved(self.contact_restarts, lapse, by_model)
    }

    /// Whether naming its agent keeps a lapsed client under `lapse`.
    pub fn naming_keeps(&self, lapse: &Ruled<Lapse>) -> Ruled<bool> {
        let by_model = matches!(lapse.value, Lapse::Inactivity { .. });
        resolved(self.naming_keeps, lapse, by_model)
    }

    /// Whether re-registering a client lapsed under `lapse` needs approval.
    ///
    /// ```
    /// use anchang::Policy;
    /// use anchang::event::Channel;
    ///
    /// // P2's inactivity, with P3's approval to register a lapsed client again.
    /// let mut office = Policy::p2();
    /// let lapse = office.lapse_for(Channel::Visit);
    /// assert!(!office.reregistration_needs_approval(&lapse).value);
    /// office.reregistration_needs_approval.value = Some(true);
    /// assert!(office.reregistration_needs_approval(&lapse).value);
    /// ```
    pub fn reregistration_needs_approval(&self, lapse: &Ruled<Lapse>) -> Ruled<bool> {
        let by_model = !matches!(lapse.value, Lapse::Inactivity { .. } | Lapse::Never);
        resolved(self.reregistration_needs_approval, lapse, by_model)
    }
}
