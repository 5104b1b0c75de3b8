//! Why the queue rejects an event.

use crate::{AgentId, Lang, VisitorId};

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

impl QueueError {
    /// A stable code, e.g. `"queue.agent_busy"`.
    pub fn code(&self) -> &'static str {
        match self {
            QueueError::UnknownAgent(_) => "queue.unknown_agent",
            QueueError::NotSignedIn(_) => "queue.signed_out",
            QueueError::AlreadySignedIn(_) => "queue.already_signed_in",
            QueueError::AgentBusy { .. } => "queue.agent_busy",
            QueueError::AgentAway(_) => "queue.agent_away",
            QueueError::Suspended(_) => "queue.suspended",
            QueueError::NotSuspended(_) => "queue.not_suspended",
            QueueError::NotAway(_) => "queue.not_away",
            QueueError::NotReceiving(_) => "queue.not_receiving",
            QueueError::VisitorPresent(_) => "queue.visitor_present",
            QueueError::NotWaiting(_) => "queue.not_waiting",
            QueueError::NoStandIn(_) => "queue.no_stand_in",
            QueueError::OwnerNotFree(_) => "queue.owner_not_free",
            QueueError::BadOrder(_) => "queue.bad_order",
        }
    }

    /// What is wrong and what to do, in `lang`.
    ///
    /// ```
    /// use anchang::{Lang, QueueError};
    /// let e = QueueError::AgentAway("Li".parse().unwrap());
    /// assert_eq!(e.message(Lang::Zh), "Li 已离岗，请等其回岗后再安排");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return match self {
                QueueError::UnknownAgent(_) => format!("{self}; sign it in first"),
                QueueError::NotSignedIn(_) => format!("{self}; sign it in again first"),
                QueueError::AgentBusy { .. } => format!("{self}; wait until the reception ends"),
                QueueError::AgentAway(_) => format!("{self}; wait until it is back"),
                QueueError::Suspended(_) => {
                    format!("{self}; the manager reinstates it first (P1-21)")
                }
                QueueError::OwnerNotFree(_) => format!("{self}; wait until it is free"),
                _ => format!("{self}; check the ids in the event"),
            };
        }
        match self {
            QueueError::UnknownAgent(a) => format!("{a} 还没有签到，请先签到再办理"),
            QueueError::NotSignedIn(a) => format!("{a} 已签退，请重新签到后再办理"),
            QueueError::AlreadySignedIn(a) => format!("{a} 已经签到过了，无需重复签到"),
            QueueError::AgentBusy { agent, visitor } => {
                format!("{agent} 正在接待 {visitor}，请等这次接待结束后再安排")
            }
            QueueError::AgentAway(a) => format!("{a} 已离岗，请等其回岗后再安排"),
            QueueError::Suspended(a) => {
                format!("{a} 正在待岗，须经理恢复上岗后才能安排接待（P1-21）")
            }
            QueueError::NotSuspended(a) => format!("{a} 并未待岗，无需恢复上岗"),
            QueueError::NotAway(a) => format!("{a} 并未离岗，无需登记回岗"),
            QueueError::NotReceiving(a) => {
                format!("{a} 现在没有在接待客户，请核对是否记错了人")
            }
            QueueError::VisitorPresent(v) => {
                format!("来访 {v} 已在案场（等候或接待中），请勿重复登记到访")
            }
            QueueError::NotWaiting(v) => format!("来访 {v} 不在等候中，请核对来访编号"),
            QueueError::NoStandIn(v) => {
                format!("来访 {v} 并非由他人代接，无需原置业顾问接回")
            }
            QueueError::OwnerNotFree(a) => {
                format!("{a} 现在不空闲，接不回客户，请等其空闲后再办")
            }
            QueueError::BadOrder(detail) => {
                // The detail is the crate's own English; say it in Chinese.
                let why = if let Some(a) = detail.strip_suffix(" is listed twice") {
                    format!("{a} 被列了两次")
                } else if let Some(a) = detail.strip_suffix(" is missing") {
                    format!("漏了 {a}")
                } else {
                    "人数超出上限".to_owned()
                };
                format!("新的轮序须把已签到的置业顾问每人列一次，而这里{why}，请改正后重排")
            }
        }
    }
}
