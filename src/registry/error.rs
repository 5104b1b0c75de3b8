//! Why the registry rejects an event. Messages name ids only (P1-20).

use crate::{AgentId, ClientId, EventId, Lang};

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

impl RegistryError {
    /// A stable code, e.g. `"registry.unknown_client"`.
    pub fn code(&self) -> &'static str {
        match self {
            RegistryError::UnknownClient(_) => "registry.unknown_client",
            RegistryError::UnknownAgent { .. } => "registry.unknown_agent",
            RegistryError::Departed { .. } => "registry.departed",
            RegistryError::AlreadyRegistered(_) => "registry.already_registered",
            RegistryError::CorrectsUnknown { .. } => "registry.corrects_unknown",
            RegistryError::NeedsApproval(_) => "registry.needs_approval",
            RegistryError::NotOwner { .. } => "registry.not_owner",
            RegistryError::SameAgent { .. } => "registry.same_agent",
            RegistryError::NotValid(_) => "registry.not_valid",
            RegistryError::NotPooled(_) => "registry.not_pooled",
            RegistryError::AlreadyPooled(_) => "registry.already_pooled",
            RegistryError::NotLapsed(_) => "registry.not_lapsed",
            RegistryError::NotACall(_) => "registry.not_a_call",
            RegistryError::SameClient(_) => "registry.same_client",
            RegistryError::NotFlagged(_) => "registry.not_flagged",
        }
    }

    /// What is wrong and what to do, in `lang`. Clients are named by id.
    ///
    /// ```
    /// use anchang::{Lang, RegistryError};
    /// let e = RegistryError::NeedsApproval("c7".parse().unwrap());
    /// assert_eq!(e.message(Lang::Zh), "客户 c7 已过保护期，重新登记须先经经理批准");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return match self {
                RegistryError::UnknownClient(_) => format!("{self}; register it first"),
                RegistryError::NeedsApproval(_) => format!("{self} first (P3-19)"),
                RegistryError::AlreadyRegistered(_) => self.to_string(),
                _ => format!("{self}; check the ids in the event"),
            };
        }
        match self {
            RegistryError::UnknownClient(c) => {
                format!("客户 {c} 还没有登记，请先登记或核对客户编号")
            }
            RegistryError::UnknownAgent { agent, .. } => {
                format!("{agent} 不在名册上（从未签到、登记或被客户点名），请核对置业顾问编号")
            }
            RegistryError::Departed { agent, .. } => {
                format!("{agent} 已离职或调离案场，不能再分给其客户")
            }
            RegistryError::AlreadyRegistered(c) => format!(
                "客户 {c} 已经登记过，仍在保护期内；如要更正原登记，请注明所更正的登记（corrects）"
            ),
            RegistryError::CorrectsUnknown { client, event } => format!(
                "事件 {} 不是客户 {client} 的登记，无从更正，请核对 corrects 所填的事件编号",
                event.0
            ),
            RegistryError::NeedsApproval(c) => {
                format!("客户 {c} 已过保护期，重新登记须先经经理批准")
            }
            RegistryError::NotOwner { client, agent } => {
                format!("客户 {client} 不归 {agent}，{agent} 不能办理此事")
            }
            RegistryError::SameAgent { client, agent, .. } => {
                format!("客户 {client} 本来就归 {agent}，无需更换")
            }
            RegistryError::NotValid(c) => {
                format!("客户 {c} 的登记无效或属重复登记，没有归属，无法办理")
            }
            RegistryError::NotPooled(c) => {
                format!("客户 {c} 不在经理的公共客户池里，不能分配")
            }
            RegistryError::AlreadyPooled(c) => format!("客户 {c} 已经在经理的公共客户池里"),
            RegistryError::NotLapsed(c) => {
                format!("客户 {c} 尚未过保护期，无需批准重新登记")
            }
            RegistryError::NotACall(c) => format!("客户 {c} 不是来电登记的，无需确认来电信息"),
            RegistryError::SameClient(c) => {
                format!("同一位客户 {c} 填了两次，请填两个不同的客户")
            }
            RegistryError::NotFlagged(c) => {
                format!("客户 {c} 没有被标记为疑似重复登记，无需判定")
            }
        }
    }
}
