//! One agent's standing on the floor, and the visit it is receiving.

use super::ledger::MakeUp;
use crate::decision::Via;
use crate::event::{AwayReason, Channel, Introducer, Purpose};
use crate::policy::PassReason;
use crate::{AgentId, ClientId, Timestamp, VisitorId};

/// What the queue keeps of a visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Visit {
    /// The visitor.
    pub visitor: VisitorId,
    /// Visit or call.
    pub channel: Channel,
    /// Why it came.
    pub purpose: Purpose,
    /// The agent it named, if any.
    pub named: Option<AgentId>,
    /// Its own agent, if it is a returning client.
    pub owner: Option<AgentId>,
    /// Whether a returning client has paid a deposit (P3-1).
    pub deposit_paid: bool,
    /// The registered client, if known.
    pub client: Option<ClientId>,
    /// Who introduced it.
    pub introduced_by: Option<Introducer>,
    /// When it arrived.
    pub arrived: Timestamp,
}

/// A reception in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Busy {
    /// The visit.
    pub visit: Visit,
    /// How it came to the agent.
    pub via: Via,
    /// Whether it counts.
    pub counted: bool,
    /// Whether it took the agent's turn in the rotation.
    #[cfg_attr(feature = "serde", serde(default))]
    pub uses_turn: bool,
    /// Since when.
    pub since: Timestamp,
    /// The make-up this reception used (P2-3.10, P3-1), given back if the
    /// floor records that another agent received the visitor.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub(crate) makeup: Option<MakeUp>,
}

impl Busy {
    /// Why an agent busy with this would be passed over.
    pub fn pass_reason(&self) -> PassReason {
        match self.via {
            Via::StandIn { .. } => PassReason::StandingIn,
            _ if self.visit.owner.is_some() => PassReason::BusyWithOld,
            _ => PassReason::BusyWithNew,
        }
    }
}

/// Counts of the day (or of the log, when the policy carries counts over).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AgentStats {
    /// Counted receptions (接待指标).
    pub counted: u32,
    /// Receptions and greetings not counted.
    pub uncounted: u32,
    /// Turns passed over (busy or away), forfeits excluded.
    pub passed_over: u32,
    /// Turns forfeited (轮空).
    pub forfeited: u32,
    /// Make-ups granted.
    pub makeups_granted: u32,
    /// Make-ups used.
    pub makeups_used: u32,
}

/// An agent's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct AgentState {
    pub id: AgentId,
    pub signed_in: bool,
    pub on_shift: bool,
    pub suspended: bool,
    pub away: Option<AwayReason>,
    pub busy: Option<Busy>,
    /// Bumped each time the agent stops being free: one make-up per spell.
    pub spell: u32,
    /// The round in which it last took its round turn (rounds model).
    pub round_taken: u32,
    pub stats: AgentStats,
    /// Paused from the rotation for overdue follow-ups (P2-2.13, the
    /// policy's `overdue_pause`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub paused: bool,
}

impl AgentState {
    pub fn new(id: AgentId) -> Self {
        AgentState {
            id,
            signed_in: false,
            on_shift: true,
            suspended: false,
            away: None,
            busy: None,
            spell: 0,
            round_taken: 0,
            stats: AgentStats::default(),
            paused: false,
        }
    }

    /// On the floor and free.
    pub fn free(&self) -> bool {
        // The reception first: on a busy floor most agents asked are busy,
        // and that one test turns them away (issue 9).
        self.busy.is_none() && self.away.is_none() && self.signed_in && !self.suspended
    }

    /// Why it cannot take a turn now, if it is in the rotation but not free.
    pub fn pass_reason(&self) -> Option<PassReason> {
        match (self.away, &self.busy) {
            (Some(r), _) => Some(PassReason::Away(r)),
            (None, Some(b)) => Some(b.pass_reason()),
            (None, None) => None,
        }
    }
}

/// What the board shows of an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AgentView {
    /// The agent.
    pub agent: AgentId,
    /// Its status.
    pub status: Status,
    /// Whether it is on shift (P3-1).
    pub on_shift: bool,
    /// Whether it is suspended (待岗, P1-21), whatever its status.
    pub suspended: bool,
    /// Its counts.
    pub stats: AgentStats,
    /// Make-ups it is owed.
    pub makeups_owed: u32,
}

/// An agent's status on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "status", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Status {
    /// Signed out (or never signed in today).
    SignedOut,
    /// Suspended (待岗, P1-21).
    Suspended,
    /// Away.
    Away {
        /// Why.
        reason: AwayReason,
    },
    /// Receiving a visitor.
    Busy {
        /// The visitor.
        visitor: VisitorId,
        /// Whether the reception counts.
        counted: bool,
    },
    /// Free.
    Free,
}

impl AgentState {
    pub fn status(&self) -> Status {
        match (self.signed_in, self.suspended, self.away, &self.busy) {
            (false, _, _, None) => Status::SignedOut,
            (_, _, _, Some(b)) => Status::Busy {
                visitor: b.visit.visitor,
                counted: b.counted,
            },
            (_, true, _, None) => Status::Suspended,
            (_, _, Some(reason), None) => Status::Away { reason },
            (true, false, None, None) => Status::Free,
        }
    }
}
