//! The desk's events: what the front desk's log can say. The same JSON
//! Lines format as the engine's, one flat object a line, every tag
//! prefixed `desk_` so a desk line can never be read as an engine event:
//! `{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"desk_request","request":"R1","unit":"3-1502","kind":"repair"}`.

use super::{
    DepartmentId, HandoverId, MailId, NoteId, PassId, ReleaseId, RequestId, RequestKind,
    ResidentId, StaffId, TopicId,
};
use crate::{Date, EventId, PersonName, Phone, Timestamp, UnitId};

/// One entry of the desk's log.
///
/// ```
/// use anchang::desk::{DeskEvent, Request, RequestKind};
///
/// let e = DeskEvent::new(
///     1,
///     "2026-03-02T09:00:00".parse().unwrap(),
///     Request::new("R1".parse().unwrap(), "3-1502".parse().unwrap(), RequestKind::Repair),
/// );
/// assert_eq!(e.kind.tag(), "desk_request");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DeskEvent {
    /// Strictly increasing within a log.
    pub id: EventId,
    /// When it happened, in the office's civil time.
    pub at: Timestamp,
    /// What happened.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: DeskEventKind,
}

impl DeskEvent {
    /// An event `kind` with id `id` at time `at`.
    pub fn new(id: u64, at: Timestamp, kind: impl Into<DeskEventKind>) -> DeskEvent {
        DeskEvent {
            id: EventId(id),
            at,
            kind: kind.into(),
        }
    }
}

macro_rules! desk_kinds {
    ($($(#[$doc:meta])* $variant:ident($payload:ty) = $tag:literal,)*) => {
        /// What happened at the desk. Each variant's payload is a struct of
        /// the same name; JSON Lines writes the tag in `type`.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "serde", serde(tag = "type"))]
        #[non_exhaustive]
        pub enum DeskEventKind {
            $($(#[$doc])* #[cfg_attr(feature = "serde", serde(rename = $tag))] $variant($payload),)*
        }

        impl DeskEventKind {
            /// Every tag, as JSON Lines writes it in `type`.
            pub const TAGS: &'static [&'static str] = &[$($tag),*];

            /// The kind's name as JSON Lines writes it in `type`.
            pub fn tag(&self) -> &'static str {
                match self { $(DeskEventKind::$variant(_) => $tag,)* }
            }
        }

        $(impl From<$payload> for DeskEventKind {
            fn from(p: $payload) -> DeskEventKind { DeskEventKind::$variant(p) }
        })*
    };
}

desk_kinds! {
    /// A resident the desk will know from now on: an owner, a tenant, a
    /// household member (the register that owner confirmations and mail
    /// collection are checked against; its names never leave it, P5-2).
    Resident(Resident) = "desk_resident",
    /// A resident the desk no longer knows (moved out).
    ResidentLeft(ResidentLeft) = "desk_resident_left",
    /// A complaint, repair or call for help taken and recorded (P5-0 1]).
    Request(Request) = "desk_request",
    /// The desk passed a request on to a department (P5-0 1]: 立即转达).
    Forward(Forward) = "desk_forward",
    /// The department reports a request done.
    Done(Done) = "desk_done",
    /// The resident confirms a done request (回访), under
    /// [`Closing::ResidentConfirms`](super::Closing::ResidentConfirms).
    Satisfied(Satisfied) = "desk_resident_satisfied",
    /// A renovation worker's temporary pass issued (P5-0 2]).
    IssuePass(IssuePass) = "desk_pass_issue",
    /// A pass withdrawn before its date.
    RevokePass(RevokePass) = "desk_pass_revoke",
    /// A worker shows a pass at the desk (P5-0 2]).
    CheckPass(CheckPass) = "desk_pass_check",
    /// Goods to be carried out, or a tenant's move-out, brought to the
    /// desk: the owner must be asked first (P5-0 3]).
    ReleaseRequest(ReleaseRequest) = "desk_release_request",
    /// The unit's owner answers the desk's check (P5-0 3]: 向业主验证).
    OwnerConfirm(OwnerConfirm) = "desk_owner_confirm",
    /// The goods are at the gate: release them, or refuse (P5-0 3]).
    Release(Release) = "desk_release",
    /// Mail or a newspaper logged in (P5-0 4]).
    MailIn(MailIn) = "desk_mail_in",
    /// Mail collected (P5-0 4]).
    MailOut(MailOut) = "desk_mail_out",
    /// The outgoing shift's handover record: its open items (P5-1 2]).
    Handover(Handover) = "desk_handover",
    /// The incoming shift has read the record (P5-1 3]).
    HandoverRead(HandoverRead) = "desk_handover_read",
    /// Both shifts checked an item together and it is clear (P5-1 4]).
    HandoverCheck(HandoverCheck) = "desk_handover_check",
    /// The incoming raises a question about an item, or a problem it found
    /// (P5-1 5]).
    HandoverQuestion(HandoverQuestion) = "desk_handover_question",
    /// The outgoing answers a question clearly and both verified it (P5-1 4]).
    HandoverAnswer(HandoverAnswer) = "desk_handover_answer",
    /// The incoming refuses to take over: an item is left unexplained. The
    /// refusal is recorded and goes to the supervisor (P5-1 5]).
    HandoverRefuse(HandoverRefuse) = "desk_handover_refuse",
    /// The supervisor settles a refused item (P5-1 5]: 报上级领导处理).
    HandoverResolve(HandoverResolve) = "desk_handover_resolve",
    /// The incoming takes over: it completes only with no open question (P5-1 6]).
    HandoverComplete(HandoverComplete) = "desk_handover_complete",
    /// The outgoing signs the record (P5-1 7](2)).
    HandoverSign(HandoverSign) = "desk_handover_sign",
    /// The manager or duty head reviews and signs a day's records (P5-1 7](2)).
    Review(Review) = "desk_review",
}

/// Who a resident is to its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ResidentRole {
    /// 业主: its word releases goods and move-outs (P5-0 3]).
    Owner,
    /// 租户.
    Tenant,
    /// A member of the owner's or tenant's household.
    Household,
}

/// A resident the desk will know.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Resident {
    /// Its id.
    pub resident: ResidentId,
    /// Its unit (房号).
    pub unit: UnitId,
    /// Owner, tenant or household.
    pub role: ResidentRole,
    /// Its name: personal data, masked in Debug and Display, never told (P5-2).
    pub name: PersonName,
    /// Its phone, for the desk's own calls (向业主验证): never told (P5-2).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<Phone>,
}

/// A resident the desk no longer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ResidentLeft {
    /// The resident.
    pub resident: ResidentId,
}

/// A request taken at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Request {
    /// Its id (the duty record's entry).
    pub request: RequestId,
    /// The unit it is for.
    pub unit: UnitId,
    /// Complaint, repair or help.
    pub kind: RequestKind,
    /// What it is about, for routing (`noise`, `plumbing`).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub topic: Option<TopicId>,
    /// The resident who made it, if the desk knows them.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub from: Option<ResidentId>,
}

impl Request {
    /// A request of `kind` for `unit`, with no topic and no known resident.
    pub fn new(request: RequestId, unit: UnitId, kind: RequestKind) -> Request {
        Request {
            request,
            unit,
            kind,
            topic: None,
            from: None,
        }
    }
}

/// The desk passed a request on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Forward {
    /// The request.
    pub request: RequestId,
    /// The department it went to; the routed one when left out. Another
    /// department is allowed (the clerk's judgment) and said so.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub department: Option<DepartmentId>,
}

/// The department reports a request done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Done {
    /// The request.
    pub request: RequestId,
}

/// The resident confirms a done request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Satisfied {
    /// The request.
    pub request: RequestId,
}

/// A worker's temporary pass issued.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct IssuePass {
    /// The pass.
    pub pass: PassId,
    /// The unit being renovated: the pass is good for it alone.
    pub unit: UnitId,
    /// The last day it is good for (see
    /// [`PassValidity`](super::PassValidity)).
    pub valid_to: Date,
    /// The worker's name, if written on the pass (masked, never told).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub holder: Option<PersonName>,
}

/// A pass withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RevokePass {
    /// The pass.
    pub pass: PassId,
}

/// A worker shows a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CheckPass {
    /// The pass shown (its number, which may be unknown).
    pub pass: PassId,
    /// The unit the worker says it works at, if said.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub unit: Option<UnitId>,
}

/// What is to leave the estate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ReleaseKind {
    /// Goods carried out by workers (务工人员带物品出小区).
    WorkerGoods,
    /// A tenant's move-out (租户退租).
    MoveOut,
}

/// Goods or a move-out brought to the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReleaseRequest {
    /// The release.
    pub release: ReleaseId,
    /// The unit the goods come from.
    pub unit: UnitId,
    /// Worker's goods or a move-out.
    pub kind: ReleaseKind,
    /// The pass of the worker carrying them, if a worker: checked again at
    /// the release.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub pass: Option<PassId>,
}

/// How the owner gave its word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ConfirmVia {
    /// The desk called the owner.
    Phone,
    /// The owner came to the desk.
    InPerson,
    /// A signed note from the owner.
    Written,
}

#[cfg(feature = "serde")]
fn yes() -> bool {
    true
}

/// The owner answers the desk's check of a release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OwnerConfirm {
    /// The release.
    pub release: ReleaseId,
    /// Who answered: counts only if an owner of the release's unit.
    pub by: ResidentId,
    /// How.
    pub via: ConfirmVia,
    /// Whether it agrees (default true); `false` is the owner's refusal.
    #[cfg_attr(feature = "serde", serde(default = "yes"))]
    pub agrees: bool,
}

/// The goods are at the gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Release {
    /// The release.
    pub release: ReleaseId,
}

/// What kind of mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MailKind {
    /// 信件.
    Letter,
    /// 包裹.
    Parcel,
    /// 挂号信 / 快递 that must be signed for.
    Registered,
    /// 报纸.
    Newspaper,
}

/// Mail logged in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MailIn {
    /// The entry.
    pub mail: MailId,
    /// The unit it is addressed to.
    pub unit: UnitId,
    /// Letter, parcel, registered, newspaper.
    pub kind: MailKind,
}

/// Mail collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct MailOut {
    /// The entry.
    pub mail: MailId,
    /// Who collects (see [`MailCollector`](super::MailCollector)).
    pub by: ResidentId,
}

/// An item of a handover record that both shifts check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum HandoverItem {
    /// A request still open: the record carries it by itself.
    Request(RequestId),
    /// A release still waiting for its owner: the record carries it.
    Release(ReleaseId),
    /// An item the outgoing wrote, or a problem the incoming found.
    Note(NoteId),
}

/// The outgoing shift's record.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Handover {
    /// The record.
    pub handover: HandoverId,
    /// The outgoing clerk (交班人).
    pub outgoing: StaffId,
    /// The incoming clerk (接班人).
    pub incoming: StaffId,
    /// Items beyond the desk's open requests and releases, which the record
    /// carries by itself: a lent key, a camera down, a message to pass on.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub notes: Vec<NoteId>,
}

/// The incoming read the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HandoverRead {
    /// The record.
    pub handover: HandoverId,
}

macro_rules! item_event {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        pub struct $name {
            /// The record.
            pub handover: HandoverId,
            /// The item.
            pub item: HandoverItem,
        }
    };
}

item_event!(
    /// An item checked together and clear.
    HandoverCheck
);
item_event!(
    /// A question about an item; a note the record lacks is added (a problem
    /// the incoming found in its check).
    HandoverQuestion
);
item_event!(
    /// The outgoing's clear answer to a question, verified together.
    HandoverAnswer
);
item_event!(
    /// The incoming refuses to take over while the item is unexplained.
    HandoverRefuse
);

/// The supervisor settles a refused item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HandoverResolve {
    /// The record.
    pub handover: HandoverId,
    /// The item.
    pub item: HandoverItem,
    /// The supervisor who settled it.
    pub by: StaffId,
}

/// The incoming takes over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HandoverComplete {
    /// The record.
    pub handover: HandoverId,
}

/// The outgoing signs the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HandoverSign {
    /// The record.
    pub handover: HandoverId,
    /// Who signs: must be the outgoing clerk.
    pub by: StaffId,
}

/// The day's records reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Review {
    /// The day whose records (by the day each was written) are reviewed.
    pub date: Date,
    /// The manager or duty head (经理、当值主任).
    pub by: StaffId,
}
