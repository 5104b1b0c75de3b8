//! Decisions of the client registry.

use crate::{AgentId, ClientId};

/// A decision about a client's registration or ownership.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "client_decision", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum ClientDecision {
    /// A client now belongs to an agent.
    Owned {
        /// The client.
        client: ClientId,
        /// Its agent.
        agent: AgentId,
    },
}

impl ClientDecision {
    /// The agent chiefly concerned.
    pub fn agent(&self) -> Option<AgentId> {
        match self {
            ClientDecision::Owned { agent, .. } => Some(*agent),
        }
    }
}

impl ClientDecision {
    /// The decision in words (ids only, never names or phones).
    pub fn describe(&self, lang: crate::Lang) -> String {
        match (self, lang) {
            (ClientDecision::Owned { client, agent }, crate::Lang::Zh) => {
                format!("{client} 归属 {agent}")
            }
            (ClientDecision::Owned { client, agent }, crate::Lang::En) => {
                format!("{client} belongs to {agent}")
            }
        }
    }
}
