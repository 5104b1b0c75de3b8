//! The event vocabulary: everything the log can say, in one place.
//!
//! An [`Event`] is an id, a time and an [`EventKind`]. Ids strictly increase
//! within a log and times never go backwards; the log is append-only, so a
//! correction is a new event that names what it corrects (P2-1.1, P3-17).
//! In JSON Lines an event is one flat object:
//! `{"v":1,"id":7,"at":"2026-03-02T09:00:00","type":"sign_in","agent":"Li"}`.

mod client;
mod deal;
pub(crate) mod digest;
mod queue;
mod visit;
#[cfg(feature = "serde")]
pub mod wire;

pub use client::*;
pub use deal::*;
pub use queue::*;
pub use visit::*;

use crate::{EventId, Timestamp};

/// One entry of the log.
///
/// Its serde form (feature `serde`) is the documented JSON line, `v` and
/// all: see [`wire`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Event {
    /// Strictly increasing within a log.
    pub id: EventId,
    /// When it happened, in the office's civil time.
    pub at: Timestamp,
    /// What happened.
    pub kind: EventKind,
}

impl Event {
    /// An event `kind` with id `id` at time `at`.
    pub fn new(id: u64, at: Timestamp, kind: impl Into<EventKind>) -> Event {
        Event {
            id: EventId(id),
            at,
            kind: kind.into(),
        }
    }
}

macro_rules! event_kinds {
    ($($(#[$doc:meta])* $variant:ident($payload:ty) = $tag:literal,)*) => {
        /// What happened. Each variant's payload is a struct of the same name.
        ///
        /// Serialised (feature `serde`) as its payload's fields beside a
        /// `type`; it is read only as part of an [`Event`].
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
        #[non_exhaustive]
        pub enum EventKind {
            $($(#[$doc])* $variant($payload),)*
        }

        impl EventKind {
            /// Whether the client registry handles it.
            pub fn is_registry(&self) -> bool {
                matches!(self, EventKind::Register(_) | EventKind::FollowUp(_) | EventKind::LinkFamily(_)
                    | EventKind::ConfirmIdentity(_) | EventKind::ResolveDuplicate(_) | EventKind::SwitchAgent(_)
                    | EventKind::Depart(_) | EventKind::Reassign(_) | EventKind::Designate(_) | EventKind::Consent(_)
                    | EventKind::ConfirmCall(_) | EventKind::ApproveReregistration(_))
            }

            /// Whether the deal book handles it.
            pub fn is_deal(&self) -> bool {
                matches!(self, EventKind::Deposit(_) | EventKind::Contract(_) | EventKind::Objection(_)
                    | EventKind::Ruling(_) | EventKind::EffectiveRegister(_) | EventKind::StillDisagree(_)
                    | EventKind::Cancel(_))
            }

            /// The kind's name as JSON Lines writes it in `type`.
            pub fn tag(&self) -> &'static str {
                match self { $(EventKind::$variant(_) => $tag,)* }
            }
        }

        #[cfg(feature = "serde")]
        impl wire::TaggedKind for EventKind {
            const TAGS: &'static [&'static str] = &[$($tag),*];

            fn deserialize_tagged<'de, D: serde::Deserializer<'de>>(
                tag: &str,
                payload: D,
            ) -> Option<Result<Self, D::Error>> {
                Some(match tag {
                    $($tag => <$payload as serde::Deserialize>::deserialize(payload).map(EventKind::$variant),)*
                    _ => return None,
                })
            }

            fn check(&self, limits: &wire::Limits) -> Result<(), (&'static str, wire::Problem)> {
                wire::check(self, limits)
            }
        }

        $(impl From<$payload> for EventKind {
            fn from(p: $payload) -> EventKind { EventKind::$variant(p) }
        })*
    };
}

event_kinds! {
    /// An agent signs in; the order of sign-ins seeds the rotation (P1-1, P3-1).
    SignIn(SignIn) = "sign_in",
    /// An agent signs out for the day; make-ups it is owed lapse.
    SignOut(SignOut) = "sign_out",
    /// An agent goes on shift (P3-1).
    ShiftOn(ShiftOn) = "shift_on",
    /// An agent goes off shift: it receives new clients only when assigned (P3-1).
    ShiftOff(ShiftOff) = "shift_off",
    /// The manager suspends an agent (待岗, P1-21): out of the rotation.
    Suspend(Suspend) = "suspend",
    /// The manager reinstates a suspended agent (P1-21).
    Reinstate(Reinstate) = "reinstate",
    /// An agent steps away, for a reason the policy weighs (P3-13, P2-3.11, P2-2.12).
    StepAway(StepAway) = "step_away",
    /// An agent comes back from stepping away.
    Return(Return) = "return",
    /// A visitor walks in or a caller rings.
    Arrive(Arrive) = "arrive",
    /// A waiting visitor leaves unserved.
    Leave(Leave) = "leave",
    /// An agent's reception ends; it is free again.
    End(End) = "end",
    /// An agent declines the visitor just offered to it: 轮空 (P2-3.7).
    Decline(Decline) = "decline",
    /// The owner of a returning client takes over from its stand-in (P1-15).
    Takeover(Takeover) = "takeover",
    /// The manager sets the rotation order (P1-2, P2-3.3).
    Reorder(Reorder) = "reorder",
    /// The manager assigns a waiting visitor to a named agent (P1-2, P3-1, P3-6).
    Assign(Assign) = "assign",
    /// The manager approves a stand-in for an absent owner's client (P2-2.3, P2-3.8).
    ApproveStandIn(ApproveStandIn) = "approve_stand_in",
    /// A new policy applies from this event on; decisions before it stand.
    ChangePolicy(ChangePolicy) = "change_policy",
    /// The agent who actually received a visitor, as the floor recorded it
    /// (P1-6, P2-3.7): the floor follows it; an audit compares it with the
    /// engine's decision.
    Receive(Receive) = "receive",
    /// A visit reaches a stage (P4-1, P4-2).
    Stage(Stage) = "stage",
    /// A visit ends, with a deposit or why not and the next appointment (P4-6).
    VisitEnd(VisitEnd) = "visit_end",

    /// An agent registers a client it received (P2-1.2, P2-2.1), or registers
    /// it again to correct an earlier registration (P2-1.1).
    Register(Register) = "register",
    /// An agent records a follow-up contact with its client (P2-2.13).
    FollowUp(FollowUp) = "follow_up",
    /// Two clients are one household (P2-2.10).
    LinkFamily(LinkFamily) = "link_family",
    /// The host confirms that a visitor is a registered client (P2-3.1).
    ConfirmIdentity(ConfirmIdentity) = "confirm_identity",
    /// The manager resolves a duplicate registration (P3-15, P2-2.10).
    ResolveDuplicate(ResolveDuplicate) = "resolve_duplicate",
    /// The manager changes a client's agent (P1-17, P2-2.5, P2-2.9).
    SwitchAgent(SwitchAgent) = "switch_agent",
    /// An agent leaves the site or the company; its clients go to the pool (P2-2.11).
    Depart(Depart) = "depart",
    /// The manager gives a pooled client to an agent (P2-2.6, P2-2.11, P2-2.12).
    Reassign(Reassign) = "reassign",
    /// The company designates a relation client (P2-2.6).
    Designate(Designate) = "designate",
    /// A client's owner consents to another agent receiving it (P1-10, P2-1.7).
    Consent(Consent) = "consent",
    /// The manager confirms a call's recorded details (P2-3.5).
    ConfirmCall(ConfirmCall) = "confirm_call",
    /// The manager approves registering a lapsed client again (P3-19).
    ApproveReregistration(ApproveReregistration) = "approve_reregistration",

    /// A deposit on a unit (下定, P4-5).
    Deposit(Deposit) = "deposit",
    /// A contract is signed (签约).
    Contract(Contract) = "contract",
    /// An agent objects to a deal's attribution (P2-1.5).
    Objection(Objection) = "objection",
    /// The manager rules on a deal's split (P2-2.4, P2-2.14).
    Ruling(Ruling) = "ruling",
    /// The effective-client register taken before a launch (P2-1.6).
    EffectiveRegister(EffectiveRegister) = "effective_register",
    /// Agents still disagree after a ruling: confiscation (P2-1.6).
    StillDisagree(StillDisagree) = "still_disagree",
    /// A deal is cancelled; its unit is free again.
    Cancel(Cancel) = "cancel",
}
