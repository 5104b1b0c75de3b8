//! What the desk decided, each decision with the P5 rules behind it.
//! Decisions name residents by id, never by name or phone (P5-2).

use super::event::{ConfirmVia, HandoverItem, MailKind, ReleaseKind, ResidentRole};
use super::{
    Department, HandoverId, MailId, PassId, ReleaseId, RequestId, RequestKind, ResidentId, StaffId,
};
use crate::{Date, EventId, Rules, Timestamp, UnitId};

/// One decision triggered by a desk event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeskDecision {
    /// The event that triggered it.
    pub event: EventId,
    /// That event's time.
    pub at: Timestamp,
    /// The rules that decided it, most decisive first.
    pub rules: Rules,
    /// What was decided.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub what: DeskWhat,
}

/// Why a pass is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "why", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PassRefusal {
    /// The desk never issued it.
    Unknown,
    /// Its date has passed.
    Expired {
        /// The last day it was good for.
        valid_to: Date,
    },
    /// It was withdrawn.
    Revoked,
    /// It is for another unit.
    OtherUnit {
        /// The unit it is good for.
        unit: UnitId,
    },
}

/// Why goods are not released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "why", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReleaseRefusal {
    /// No owner of the unit has confirmed (P5-0 3]).
    NoConfirmation,
    /// The owner said no.
    OwnerDeclined {
        /// The owner who said it.
        by: ResidentId,
    },
    /// The carrying worker's pass is not good.
    Pass {
        /// The pass.
        pass: PassId,
        /// Why.
        #[cfg_attr(feature = "serde", serde(flatten))]
        refusal: PassRefusal,
    },
}

/// What one shift did, as the handover record states it (P5-1 2]): counts
/// since the previous record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ShiftWork {
    /// Requests taken.
    pub requests: u32,
    /// Requests closed.
    pub closed: u32,
    /// Passes issued.
    pub passes: u32,
    /// Releases granted.
    pub releases: u32,
    /// Mail logged in.
    pub mail_in: u32,
    /// Mail collected.
    pub mail_out: u32,
}

/// What was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "what", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DeskWhat {
    /// A resident entered in the desk's register.
    ResidentKnown {
        /// The resident.
        resident: ResidentId,
        /// Its unit.
        unit: UnitId,
        /// Owner, tenant or household.
        role: ResidentRole,
    },
    /// A resident taken off the register.
    ResidentGone {
        /// The resident.
        resident: ResidentId,
    },
    /// A request recorded, and the department it must go to at once (P5-0).
    RequestRouted {
        /// The request.
        request: RequestId,
        /// Its unit.
        unit: UnitId,
        /// Its kind.
        kind: RequestKind,
        /// The department concerned.
        department: Department,
        /// The minutes the policy allows.
        within: u32,
    },
    /// A request passed on (P5-0).
    RequestForwarded {
        /// The request.
        request: RequestId,
        /// Where it went.
        department: Department,
        /// Minutes from taking it to passing it on.
        minutes: u32,
        /// Later than the policy allows.
        late: bool,
        /// Not the routed department.
        rerouted: bool,
    },
    /// The department reports a request done.
    RequestDone {
        /// The request.
        request: RequestId,
        /// The department.
        department: Department,
        /// Whether that closes it (else it waits for the resident).
        closed: bool,
        /// Minutes from taking it to now.
        minutes: u32,
    },
    /// A done request closed on the resident's confirmation.
    RequestClosed {
        /// The request.
        request: RequestId,
        /// Minutes from taking it to now.
        minutes: u32,
    },
    /// A worker's pass issued (P5-0).
    PassIssued {
        /// The pass.
        pass: PassId,
        /// Its unit.
        unit: UnitId,
        /// Its last day.
        valid_to: Date,
    },
    /// A pass withdrawn.
    PassRevoked {
        /// The pass.
        pass: PassId,
    },
    /// A shown pass is good (P5-0).
    PassAdmitted {
        /// The pass.
        pass: PassId,
        /// Its unit.
        unit: UnitId,
        /// Its last day.
        valid_to: Date,
    },
    /// A shown pass is refused (P5-0).
    PassRefused {
        /// The pass.
        pass: PassId,
        /// Why.
        #[cfg_attr(feature = "serde", serde(flatten))]
        refusal: PassRefusal,
    },
    /// Goods or a move-out wait for the owner's word (P5-0).
    ReleaseAwaiting {
        /// The release.
        release: ReleaseId,
        /// Its unit.
        unit: UnitId,
        /// Goods or move-out.
        kind: ReleaseKind,
    },
    /// The unit's owner answered, and it is recorded (P5-0).
    OwnerAnswered {
        /// The release.
        release: ReleaseId,
        /// Its unit.
        unit: UnitId,
        /// The owner who answered.
        by: ResidentId,
        /// How.
        via: ConfirmVia,
        /// Yes or no.
        agrees: bool,
    },
    /// Someone not an owner of the unit answered: it does not count (P5-0).
    NotOwner {
        /// The release.
        release: ReleaseId,
        /// Its unit.
        unit: UnitId,
        /// Who answered.
        by: ResidentId,
    },
    /// Released, on the owner's recorded confirmation (P5-0).
    ReleaseGranted {
        /// The release.
        release: ReleaseId,
        /// Its unit.
        unit: UnitId,
        /// Goods or move-out.
        kind: ReleaseKind,
        /// The owner who confirmed.
        confirmed_by: ResidentId,
        /// When.
        confirmed_at: Timestamp,
    },
    /// Not released (P5-0).
    ReleaseRefused {
        /// The release.
        release: ReleaseId,
        /// Its unit.
        unit: UnitId,
        /// Why.
        #[cfg_attr(feature = "serde", serde(flatten))]
        refusal: ReleaseRefusal,
    },
    /// Mail logged in (P5-0).
    MailLogged {
        /// The entry.
        mail: MailId,
        /// Its unit.
        unit: UnitId,
        /// Its kind.
        kind: MailKind,
    },
    /// Mail collected (P5-0).
    MailCollected {
        /// The entry.
        mail: MailId,
        /// Its unit.
        unit: UnitId,
        /// Who collected it.
        by: ResidentId,
        /// Minutes it waited.
        minutes: u32,
    },
    /// Mail not handed over: the collector is not the unit's (P5-2).
    MailRefused {
        /// The entry.
        mail: MailId,
        /// Its unit.
        unit: UnitId,
        /// Who asked.
        by: ResidentId,
    },
    /// The outgoing shift's record, with what it did and what is open (P5-1).
    HandoverRecorded {
        /// The record.
        handover: HandoverId,
        /// 交班人.
        outgoing: StaffId,
        /// 接班人.
        incoming: StaffId,
        /// The shift's work.
        work: ShiftWork,
        /// The items to check together.
        items: Vec<HandoverItem>,
    },
    /// The incoming has read the record (P5-1).
    HandoverRead {
        /// The record.
        handover: HandoverId,
        /// 接班人.
        incoming: StaffId,
    },
    /// An item checked together and clear (P5-1).
    ItemChecked {
        /// The record.
        handover: HandoverId,
        /// The item.
        item: HandoverItem,
    },
    /// The incoming asks about an item, or adds a problem it found (P5-1).
    ItemQuestioned {
        /// The record.
        handover: HandoverId,
        /// The item.
        item: HandoverItem,
        /// The record did not carry it: the incoming found it.
        added: bool,
    },
    /// The outgoing answered clearly and both verified it (P5-1).
    ItemAnswered {
        /// The record.
        handover: HandoverId,
        /// The item.
        item: HandoverItem,
    },
    /// The incoming refuses to take over; escalated to the supervisor (P5-1).
    HandoverRefused {
        /// The record.
        handover: HandoverId,
        /// The unexplained item.
        item: HandoverItem,
        /// 接班人.
        incoming: StaffId,
    },
    /// The supervisor settled a refused item (P5-1).
    ItemResolved {
        /// The record.
        handover: HandoverId,
        /// The item.
        item: HandoverItem,
        /// The supervisor.
        by: StaffId,
    },
    /// The handover is complete: the incoming has taken over (P5-1).
    HandoverCompleted {
        /// The record.
        handover: HandoverId,
        /// 接班人.
        incoming: StaffId,
    },
    /// The handover cannot complete yet (P5-1).
    HandoverBlocked {
        /// The record.
        handover: HandoverId,
        /// The incoming has not read the record.
        unread: bool,
        /// Items not yet clear.
        open: Vec<HandoverItem>,
    },
    /// The outgoing signed the record (P5-1).
    HandoverSigned {
        /// The record.
        handover: HandoverId,
        /// 交班人.
        by: StaffId,
    },
    /// A day's records reviewed and signed (P5-1).
    RecordsReviewed {
        /// The day.
        date: Date,
        /// The reviewer.
        by: StaffId,
        /// Records reviewed.
        records: u32,
        /// Of them, not signed by their outgoing clerk.
        unsigned: u32,
    },
}
