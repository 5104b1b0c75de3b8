//! Events of the client registry (issue 3 fills in their effects).

use crate::person::{Gender, PersonName, Phone};
use crate::{AgentId, ClientId, EventId, VisitorId};

use super::{Channel, Introducer};

/// An agent registers a client it received (P2-1.2), or registers again to
/// correct an earlier registration (P2-1.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Register {
    /// The client, as the log names it.
    pub client: ClientId,
    /// The agent who received and registers it.
    pub agent: AgentId,
    /// By visit or by call (a caller may give a surname only, P2-2.1).
    #[cfg_attr(feature = "serde", serde(default))]
    pub channel: Channel,
    /// The client's name.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub name: Option<PersonName>,
    /// The client's gender.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub gender: Option<Gender>,
    /// Phone numbers as given (P2-2.1: ideally a mobile and a landline).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub phones: Vec<Phone>,
    /// Basic needs, as the agent wrote them.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub needs: Option<String>,
    /// The visitor this registration records, if it came from a reception.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub visitor: Option<VisitorId>,
    /// The agent the client named at first contact (P2-2.5, P2-2.8).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub named_agent: Option<AgentId>,
    /// Who introduced the client (P2-1.8, P2-2.8).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub introduced_by: Option<Introducer>,
    /// A pre-registration made with the manager's knowledge (P2-2.8).
    #[cfg_attr(feature = "serde", serde(default))]
    pub pre_registered: bool,
    /// Registered at a housing expo (P2-2.12).
    #[cfg_attr(feature = "serde", serde(default))]
    pub at_expo: bool,
    /// The earlier registration (its event id) that this one corrects.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub corrects: Option<EventId>,
}

impl Register {
    /// A registration of `client` by `agent`, by visit, with no facts yet:
    /// set the fields the agent recorded, e.g.
    /// `Register { needs: Some("三房".into()), ..Register::new(c, a) }`.
    pub fn new(client: ClientId, agent: AgentId) -> Register {
        Register {
            client,
            agent,
            channel: Channel::Visit,
            name: None,
            gender: None,
            phones: Vec::new(),
            needs: None,
            visitor: None,
            named_agent: None,
            introduced_by: None,
            pre_registered: false,
            at_expo: false,
            corrects: None,
        }
    }
}

macro_rules! client_agent_event {
    ($($(#[$doc:meta])* $name:ident { $(#[$fdoc:meta])* $field:ident },)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        pub struct $name {
            /// The client.
            pub client: ClientId,
            $(#[$fdoc])*
            pub $field: AgentId,
        }
    )*};
}

client_agent_event! {
    /// An agent records a follow-up contact (P2-2.13).
    FollowUp {
        /// The agent who made the contact.
        agent
    },
    /// The manager gives a pooled client to an agent (P2-2.6, P2-2.11, P2-2.12).
    Reassign {
        /// The new owner.
        to
    },
    /// The owner consents to another agent receiving its client (P1-10).
    Consent {
        /// The agent allowed to receive.
        receiver
    },
}

/// Two clients are one household (P2-2.10).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct LinkFamily {
    /// One member.
    pub client: ClientId,
    /// Another member.
    pub other: ClientId,
    /// Whether they are husband and wife (P3-3: two agents who unknowingly
    /// received them share the deal).
    #[cfg_attr(feature = "serde", serde(default))]
    pub spouse: bool,
}

/// The host confirms that a visitor is a registered client (P2-3.1).
///
/// Before the visitor arrives, it is recognised as the client on arrival;
/// while it waits, it becomes the client now and is routed again (to its
/// owner when the registration protects one, as a new visitor otherwise);
/// while it is being received, the reception is recorded for the client.
/// Naming an unknown client is an error.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ConfirmIdentity {
    /// The visitor.
    pub visitor: VisitorId,
    /// The client it is.
    pub client: ClientId,
}

/// The manager resolves a duplicate: `duplicate` is the same person as
/// `client` (P3-15, P2-2.10), or, with `distinct`, a flagged registration
/// is another person.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ResolveDuplicate {
    /// The registration that stands.
    pub client: ClientId,
    /// The registration found to be the same person.
    pub duplicate: ClientId,
    /// The manager finds them two people after all: the flagged
    /// registration stands as a client of its own.
    #[cfg_attr(feature = "serde", serde(default))]
    pub distinct: bool,
}

/// Why a client changes agent (P2-2.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SwitchReason {
    /// Poor service: the first agent gets no share of the deal (P2-2.9).
    PoorService,
    /// The client insists on an acquaintance (P2-2.5).
    Relation,
    /// Any other reason; the manager decides (P1-17, P2-2.9).
    Other,
}

/// The manager changes a client's agent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SwitchAgent {
    /// The client.
    pub client: ClientId,
    /// The new agent.
    pub to: AgentId,
    /// Why.
    pub reason: SwitchReason,
}

/// An agent leaves the site or the company (P2-2.11).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Depart {
    /// The agent.
    pub agent: AgentId,
}

macro_rules! client_event {
    ($($(#[$doc:meta])* $name:ident,)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        pub struct $name {
            /// The client.
            pub client: ClientId,
        }
    )*};
}

client_event! {
    /// The company designates a relation client, to be assigned in round-robin (P2-2.6).
    Designate,
    /// The manager confirms a call's recorded details (P2-3.5).
    ConfirmCall,
    /// The manager approves registering a lapsed client again (P3-19).
    ApproveReregistration,
}
