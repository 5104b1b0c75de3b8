//! Decisions on deals and their attribution.

use crate::{AgentId, DealId};

/// A decision about a deal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "deal_decision", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum DealDecision {
    /// A deal was credited to an agent.
    Credited {
        /// The deal.
        deal: DealId,
        /// The agent.
        agent: AgentId,
    },
}

impl DealDecision {
    /// The agent chiefly concerned.
    pub fn agent(&self) -> Option<AgentId> {
        match self {
            DealDecision::Credited { agent, .. } => Some(*agent),
        }
    }
}

impl DealDecision {
    /// The decision in words.
    pub fn describe(&self, lang: crate::Lang) -> String {
        match (self, lang) {
            (DealDecision::Credited { deal, agent }, crate::Lang::Zh) => {
                format!("{deal} 业绩归 {agent}")
            }
            (DealDecision::Credited { deal, agent }, crate::Lang::En) => {
                format!("{deal} is credited to {agent}")
            }
        }
    }
}
