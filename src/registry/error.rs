//! Why the registry rejects an event. Messages name ids only (P1-20).

use crate::{AgentId, ClientId, EventId};

/// Why the registry rejects an event. The state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// The event names a client never registered.
    #[error("client {0} is unknown")]
    UnknownClient(ClientId),
    /// The event names an agent the registry has never seen (signed in,
    /// registered or named).
    #[error("agent {agent} is unknown")]
    UnknownAgent {
        /// The agent.
        agent: AgentId,
        /// The event field naming it.
        field: &'static str,
    },
    /// The agent has left (P2-2.11): it can be given no client.
    #[error("agent {agent} has left")]
    Departed {
        /// The agent.
        agent: AgentId,
        /// The event field naming it.
        field: &'static str,
    },
    /// A registration of a client already registered, naming no registration
    /// it corrects, while the client is still protected.
    #[error("client {0} is already registered; a correction names the registration it corrects")]
    AlreadyRegistered(ClientId),
    /// A correction naming no earlier registration of that client (P2-1.1).
    #[error("event {event} is not a registration of client {client}")]
    CorrectsUnknown {
        /// The client.
        client: ClientId,
        /// The event named.
        event: EventId,
    },
    /// Registering a lapsed client again needs the manager's approval first (P3-19).
    #[error("client {0} lapsed: registering it again needs the manager's approval")]
    NeedsApproval(ClientId),
    /// The agent does not own the client.
    #[error("agent {agent} does not own client {client}")]
    NotOwner {
        /// The client.
        client: ClientId,
        /// The agent.
        agent: AgentId,
    },
    /// The client already belongs to that agent.
    #[error("client {client} already belongs to {agent}")]
    SameAgent {
        /// The client.
        client: ClientId,
        /// The agent.
        agent: AgentId,
        /// The event field naming it.
        field: &'static str,
    },
    /// The client's registration is invalid or a duplicate: it owns nothing.
    #[error("client {0} has no valid registration of its own")]
    NotValid(ClientId),
    /// The client is not in the manager's pool.
    #[error("client {0} is not in the manager's pool")]
    NotPooled(ClientId),
    /// The client is already in the manager's pool.
    #[error("client {0} is already in the manager's pool")]
    AlreadyPooled(ClientId),
    /// The client's registration has not lapsed.
    #[error("client {0} has not lapsed")]
    NotLapsed(ClientId),
    /// The client was not registered from a call.
    #[error("client {0} was not registered from a call")]
    NotACall(ClientId),
    /// The event names the same client twice.
    #[error("client {0} is named twice")]
    SameClient(ClientId),
    /// A `distinct` resolution of a registration that is not flagged.
    #[error("client {0} is not flagged as a duplicate")]
    NotFlagged(ClientId),
}

impl RegistryError {
    /// The event field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            RegistryError::UnknownAgent { field, .. }
            | RegistryError::Departed { field, .. }
            | RegistryError::SameAgent { field, .. } => field,
            RegistryError::CorrectsUnknown { .. } => "corrects",
            RegistryError::NotOwner { .. } => "agent",
            RegistryError::SameClient(_) => "other",
            RegistryError::NotFlagged(_) => "duplicate",
            _ => "client",
        }
    }
}
