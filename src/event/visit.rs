//! Events of what did happen on the floor and in a visit: the agent who
//! actually received a visitor, and the visit's stages (P4-1 to P4-6).
//! The engine decides who *should* receive; these record who *did*, so an
//! audit can compare the two ([`crate::audit`]).

use crate::{AgentId, Date, VisitorId};

/// The agent who actually received a visitor, as the floor recorded it,
/// distinct from the engine's decision. The floor follows it (what did
/// happen): the visitor is with `agent` from here on, whoever the rotation
/// had given it to, and what the policy prescribed is computed beside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Receive {
    /// The visitor, waiting or with another agent.
    pub visitor: VisitorId,
    /// The agent who received it.
    pub agent: AgentId,
}

/// A stage of a visit (P4-1), in the order a visit runs through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum VisitStage {
    /// Welcome at the reception area (待客区): the lead source is asked (P4-2).
    Welcome,
    /// The sand-table talk (沙盘区), 5 minutes at most (P4-3).
    SandTable,
    /// First talk (初步洽谈): the client is registered (P4-4).
    FirstTalk,
    /// The model unit (样板区).
    ModelUnit,
    /// Closing and inventory control (逼单销控, P4-5).
    Closing,
}

impl VisitStage {
    /// Every stage, in visit order.
    pub const ALL: [VisitStage; 5] = [
        VisitStage::Welcome,
        VisitStage::SandTable,
        VisitStage::FirstTalk,
        VisitStage::ModelUnit,
        VisitStage::Closing,
    ];
}

/// How a visitor heard of the project, asked at welcome (P4-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LeadSource {
    /// Newspaper, magazine or other print.
    Print,
    /// Outdoor: billboards, banners.
    Outdoor,
    /// Online: a property portal, social media.
    Online,
    /// Radio or television.
    Broadcast,
    /// Introduced by a friend, a relative or an old client.
    Referral,
    /// Passing by the site.
    PassingBy,
    /// A housing expo (P2-2.12).
    Expo,
    /// Any other way.
    Other,
}

/// Why a visit ended without a deposit (P4-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum LostReason {
    /// The price or the payment terms.
    Price,
    /// The layout or the area of the units.
    Layout,
    /// The location or the surroundings.
    Location,
    /// Comparing with other projects.
    Comparing,
    /// Must consult family, or is not the one who decides.
    Consulting,
    /// Financing or a mortgage not settled.
    Financing,
    /// Any other reason.
    Other,
}

/// A visit reaches a stage (P4-1). At welcome the agent records the lead
/// source and whether the visitor called before (P4-2).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Stage {
    /// The visitor.
    pub visitor: VisitorId,
    /// The agent receiving it.
    pub agent: AgentId,
    /// The stage reached.
    pub stage: VisitStage,
    /// How it heard of the project (P4-2), asked at welcome.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub source: Option<LeadSource>,
    /// Whether it called before (P4-2), asked at welcome.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub called_before: Option<bool>,
}

/// A visit ends: with a deposit, or without one, and then why and the
/// next appointment (P4-6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct VisitEnd {
    /// The visitor.
    pub visitor: VisitorId,
    /// The agent who received it.
    pub agent: AgentId,
    /// Whether the visit ended with a deposit (签约下定).
    pub deposit: bool,
    /// Why not, when it did not (P4-6).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub reason: Option<LostReason>,
    /// The day of the next appointment, when one was set (P4-6).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub next_appointment: Option<Date>,
}
