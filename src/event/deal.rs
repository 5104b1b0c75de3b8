//! Events of deals and their attribution (issue 4 fills in their effects).

use crate::money::Fen;
use crate::{AgentId, ClientId, DealId, UnitId};

/// A deposit on a unit (下定).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Deposit {
    /// The deal this deposit opens.
    pub deal: DealId,
    /// The client who pays.
    pub client: ClientId,
    /// The unit.
    pub unit: UnitId,
    /// The price, in fen.
    pub price: Fen,
    /// The agent who closed.
    pub agent: AgentId,
}

/// A contract is signed (签约).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Contract {
    /// The deal.
    pub deal: DealId,
    /// The agent who signed (P2-2.7).
    pub signer: AgentId,
}

/// An agent objects to a deal's attribution (P2-1.5).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Objection {
    /// The deal.
    pub deal: DealId,
    /// The agent who objects.
    pub agent: AgentId,
    /// What it claims, in its words (not personal data).
    #[cfg_attr(feature = "serde", serde(default))]
    pub claim: String,
}

/// One payee's part of a ruling: a weight, or basis points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RulingShare {
    /// The agent.
    pub agent: AgentId,
    /// Its weight (with `basis_points: false`) or its basis points.
    pub part: u32,
}

/// The manager rules on a deal's split (P2-2.4, P2-2.14).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Ruling {
    /// The deal.
    pub deal: DealId,
    /// The shares.
    pub shares: Vec<RulingShare>,
    /// Whether `part` is in basis points summing to 10,000 (else weights).
    #[cfg_attr(feature = "serde", serde(default))]
    pub basis_points: bool,
    /// Split by the records instead (P2-2.4 按实际接待, P2-1.1): each agent
    /// with a claim on the deal is weighted by its recorded receptions of
    /// the client; `shares` must then be empty.
    #[cfg_attr(feature = "serde", serde(default))]
    pub by_records: bool,
}

impl Ruling {
    /// A ruling of `shares` as weights (1:1:1 is an equal split).
    pub fn weights(deal: DealId, shares: Vec<RulingShare>) -> Ruling {
        Ruling {
            deal,
            shares,
            basis_points: false,
            by_records: false,
        }
    }

    /// A ruling of `shares` in basis points summing to 10,000.
    pub fn basis_points(deal: DealId, shares: Vec<RulingShare>) -> Ruling {
        Ruling {
            deal,
            shares,
            basis_points: true,
            by_records: false,
        }
    }

    /// A ruling by the recorded receptions of the claimants (P2-2.4, P2-1.1).
    pub fn by_records(deal: DealId) -> Ruling {
        Ruling {
            deal,
            shares: Vec::new(),
            basis_points: false,
            by_records: true,
        }
    }
}

/// One line of the effective-client register (P2-1.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct EffectiveEntry {
    /// The client.
    pub client: ClientId,
    /// The agent it belongs to.
    pub agent: AgentId,
}

/// The effective-client register taken before a launch (P2-1.6).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct EffectiveRegister {
    /// The entries.
    pub entries: Vec<EffectiveEntry>,
}

macro_rules! deal_event {
    ($($(#[$doc:meta])* $name:ident,)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
        pub struct $name {
            /// The deal.
            pub deal: DealId,
        }
    )*};
}

deal_event! {
    /// The agents still disagree after the ruling: the commission goes to the site fund (P2-1.6).
    StillDisagree,
    /// The deal is cancelled; the unit is free again (P4-5).
    Cancel,
}
