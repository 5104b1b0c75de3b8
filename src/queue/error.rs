//! Why the queue rejects an event.

use crate::{AgentId, VisitorId};

/// A reception-floor event the state does not allow. The state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueueError {
    /// The agent never signed in.
    #[error("agent {0} is unknown: it has not signed in")]
    UnknownAgent(AgentId),
    /// The agent is signed out.
    #[error("agent {0} is signed out")]
    NotSignedIn(AgentId),
    /// The agent is already signed in.
    #[error("agent {0} is already signed in")]
    AlreadySignedIn(AgentId),
    /// The agent is receiving a visitor.
    #[error("agent {agent} is busy with {visitor}")]
    AgentBusy {
        /// The agent.
        agent: AgentId,
        /// Its visitor.
        visitor: VisitorId,
    },
    /// The agent is away from the floor.
    #[error("agent {0} is away")]
    AgentAway(AgentId),
    /// The agent is suspended (P1-21).
    #[error("agent {0} is suspended")]
    Suspended(AgentId),
    /// The agent is not suspended.
    #[error("agent {0} is not suspended")]
    NotSuspended(AgentId),
    /// The agent is not away.
    #[error("agent {0} is not away")]
    NotAway(AgentId),
    /// The agent is not receiving anyone.
    #[error("agent {0} is not receiving anyone")]
    NotReceiving(AgentId),
    /// The visitor is already waiting or being received.
    #[error("visitor {0} is already here")]
    VisitorPresent(VisitorId),
    /// The visitor is not waiting.
    #[error("visitor {0} is not waiting")]
    NotWaiting(VisitorId),
    /// The visitor is not with a stand-in whose owner could take over.
    #[error("visitor {0} is not with a stand-in")]
    NoStandIn(VisitorId),
    /// The owner cannot take over: it is not free.
    #[error("owner {0} is not free to take over")]
    OwnerNotFree(AgentId),
    /// A reorder must list every signed-in agent exactly once.
    #[error("the new order must list every signed-in agent exactly once ({0})")]
    BadOrder(String),
}

impl QueueError {
    /// The event field the error is about, for messages naming a line's field.
    pub fn field(&self) -> &'static str {
        match self {
            QueueError::VisitorPresent(_)
            | QueueError::NotWaiting(_)
            | QueueError::NoStandIn(_) => "visitor",
            QueueError::BadOrder(_) => "order",
            _ => "agent",
        }
    }
}
