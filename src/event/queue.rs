//! Events of the reception floor.

use crate::person::{PersonName, Phone};
use crate::{AgentId, ClientId, EventId, Policy, VisitorId};

macro_rules! agent_event {
    ($($(#[$doc:meta])* $name:ident,)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        pub struct $name {
            /// The agent concerned.
            pub agent: AgentId,
        }
    )*};
}

agent_event! {
    /// An agent signs in. A first sign-in of the day takes the next place of
    /// the rotation; signing in again after signing out the same day also
    /// joins at the end, with the day's counts kept.
    SignIn,
    /// An agent signs out; make-ups it is owed lapse.
    SignOut,
    /// An agent goes on shift.
    ShiftOn,
    /// An agent goes off shift (P3-1).
    ShiftOff,
    /// The manager suspends the agent (P1-21).
    Suspend,
    /// The manager reinstates the agent (P1-21).
    Reinstate,
    /// The agent comes back from stepping away.
    Return,
    /// The agent's current reception ends.
    End,
    /// The agent declines the visitor it was just given (P2-3.7).
    Decline,
}

/// Why an agent is away from the floor. Policies weigh these differently
/// when the agent's turn comes (P1-1, P2-3.11, P3-1, P3-13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AwayReason {
    /// A meal, reported to the manager (P3-13).
    Meal,
    /// The washroom (P3-13).
    Washroom,
    /// Out on its own business (P3-13).
    Out,
    /// Sent on work by the manager (P2-3.11; P3-1 公派办事).
    Errand,
    /// On shift at a housing expo (P2-2.12).
    Expo,
}

/// An agent steps away from the floor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct StepAway {
    /// The agent.
    pub agent: AgentId,
    /// Why.
    pub reason: AwayReason,
}

/// How a visitor reaches the office.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Channel {
    /// In person (来访).
    #[default]
    Visit,
    /// By phone (来电); answered by phone duty (P2-3.3).
    Call,
}

/// Why a visitor came. Some purposes are greeted but not counted (P2-3.7).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Purpose {
    /// Interested in the property in any way, friends and relatives included (P1-6, P2-3.7).
    #[default]
    Client,
    /// Asking the way (问路者, P2-3.7).
    AskingWay,
    /// Internal staff (公司内部员工, P2-3.7).
    Staff,
    /// Related business with no purchase matter (关联业务单位, P2-3.7).
    RelatedBusiness,
    /// A peer from a competing project (同行, P3-10).
    Peer,
}

impl Channel {
    /// Whether it is a visit in person.
    pub fn is_visit(&self) -> bool {
        *self == Channel::Visit
    }
}

impl Purpose {
    /// Every purpose.
    pub const ALL: [Purpose; 5] = [
        Purpose::Client,
        Purpose::AskingWay,
        Purpose::Staff,
        Purpose::RelatedBusiness,
        Purpose::Peer,
    ];
}

/// Who introduced a new visitor (P1-19, P2-1.8, P2-2.8, P3-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Introducer {
    /// The developer (开发商 / 发展商): received in turn (P1-19); half commission (P2-1.8).
    Developer,
    /// The company or its staff (P1-19, P2-2.6).
    Company,
    /// An old client of the project (P2-2.8, P3-1).
    OldClient,
}

/// What the log states about a returning client when the registry does not
/// derive it: the owner as the host found it. Kept for embedding programs
/// whose registry lives elsewhere; the engine's own registry takes
/// precedence when it knows the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Returning {
    /// The client's agent.
    pub owner: AgentId,
    /// Whether the client has paid a deposit (P3-1: uses no turn).
    #[cfg_attr(feature = "serde", serde(default))]
    pub deposit_paid: bool,
}

/// A visitor walks in or a caller rings. A party arriving together is one visitor.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Arrive {
    /// The visitor, unique within the log.
    pub visitor: VisitorId,
    /// Visit or call.
    #[cfg_attr(feature = "serde", serde(default))]
    pub channel: Channel,
    /// Why it came.
    #[cfg_attr(feature = "serde", serde(default))]
    pub purpose: Purpose,
    /// The agent the visitor asks for, if any (P1-16, P3-20, P2-2.5).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub named_agent: Option<AgentId>,
    /// The registered client the host recognised, if any (P2-3.1, P2-3.2).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub client: Option<ClientId>,
    /// A phone number the visitor gave, for the registry to match (P2-3.1).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub phone: Option<Phone>,
    /// A name the visitor gave: only a candidate match (P2-3.1).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<PersonName>,
    /// A returning client's owner as the log states it.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub returning: Option<Returning>,
    /// Who introduced the visitor.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub introduced_by: Option<Introducer>,
}

impl Arrive {
    /// A new walk-in client: no name asked for, not returning.
    pub fn walk_in(visitor: VisitorId) -> Arrive {
        Arrive {
            visitor,
            channel: Channel::Visit,
            purpose: Purpose::Client,
            named_agent: None,
            client: None,
            phone: None,
            name: None,
            returning: None,
            introduced_by: None,
        }
    }
}

/// A waiting visitor leaves unserved.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Leave {
    /// The visitor.
    pub visitor: VisitorId,
}

/// The owner of a returning client takes over from its stand-in (P1-15).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Takeover {
    /// The visitor being received by a stand-in.
    pub visitor: VisitorId,
}

/// The manager sets the rotation order (P1-2, P2-3.3). Lists every agent
/// signed in; the head of the list is up next.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Reorder {
    /// The new order.
    pub order: Vec<AgentId>,
    /// The earlier event this corrects, if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub corrects: Option<EventId>,
}

/// The manager assigns a waiting visitor to a named, free agent (P1-2, P3-1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Assign {
    /// The waiting visitor.
    pub visitor: VisitorId,
    /// The agent who receives it.
    pub agent: AgentId,
    /// The earlier event this corrects, if any.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub corrects: Option<EventId>,
}

/// The manager approves an agent standing in for an absent owner (P2-2.3, P2-3.8).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ApproveStandIn {
    /// The waiting returning client.
    pub visitor: VisitorId,
    /// The stand-in.
    pub agent: AgentId,
}

/// A new policy applies from this event on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ChangePolicy {
    /// The policy.
    pub policy: Box<Policy>,
}

impl std::hash::Hash for ChangePolicy {
    /// The policy's `Debug` text: `Policy` has no `Hash` of its own, its
    /// `Debug` is derived (so it shows every cell), and a policy change is
    /// rare enough that the text costs nothing.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        format!("{:?}", self.policy).hash(state);
    }
}
