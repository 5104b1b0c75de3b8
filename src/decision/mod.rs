//! Decisions: what applying an event triggered, each with the rules that
//! decided it. Decisions name clients by id, never by name or phone.
//! [`Decision::explain`] renders one as a sentence in Chinese or English.

mod client;
mod code;
mod deal;
mod log;
pub(crate) mod render;

pub use client::*;
pub use deal::*;
pub use log::{DecisionLog, DecisionLogIter};

use crate::event::{AwayReason, Channel, Purpose};
use crate::policy::{Consequence, PassReason, Placement};
use crate::{AgentId, ClientId, EventId, Rules, Timestamp, VisitorId};

/// The language of explanations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Lang {
    /// 中文, as the floor reads it (轮空, 补接, 义务接待).
    #[default]
    Zh,
    /// English.
    En,
}

/// One decision triggered by an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Decision {
    /// The event that triggered it.
    pub event: EventId,
    /// That event's time.
    pub at: Timestamp,
    /// The rules that decided it, most decisive first.
    pub rules: Rules,
    /// What was decided.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub what: What,
}

/// How a visitor came to its receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "via", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Via {
    /// Its turn in the rotation.
    Rotation,
    /// A make-up turn owed to it (补接).
    MakeUp {
        /// Where the make-up was taken.
        placement: Placement,
    },
    /// The visitor named it.
    Named,
    /// It is the returning client's own agent.
    Owner,
    /// It stands in for the client's own agent.
    StandIn {
        /// The client's own agent.
        owner: AgentId,
    },
    /// The manager assigned or approved it.
    Manager,
    /// Phone duty (the last of the rotation, P2-3.3).
    PhoneDuty,
}

/// A reception begun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reception {
    /// The visitor.
    pub visitor: VisitorId,
    /// The receiving agent.
    pub agent: AgentId,
    /// How it came to the agent.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub via: Via,
    /// Whether it counts in the agent's receptions (接待指标).
    pub counted: bool,
    /// Whether it took the agent's turn in the rotation.
    pub uses_turn: bool,
    /// The registered client, when known.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub client: Option<ClientId>,
    /// The duty helper who assists (义务接待, P1-5), if another agent is free to.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub helper: Option<AgentId>,
    /// A visit or a call: a call is answered (接听), a visit received.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Channel::is_visit")
    )]
    pub channel: Channel,
    /// The agent the visitor named, if any: when it is not the receiver,
    /// the sentence says whom it named (P1-16).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub named: Option<AgentId>,
    /// Whether the rotation that picked it is the up board: the agent was
    /// first in the line of free agents (上岗排队), not next in a cycle or
    /// round, and the sentence says so.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "is_false"))]
    pub up_board: bool,
}

#[cfg(feature = "serde")]
fn is_false(b: &bool) -> bool {
    !*b
}

/// Why a visitor waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "why", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum WaitReason {
    /// Nobody who may receive it is free.
    NobodyFree,
    /// The agent it named is busy.
    NamedBusy {
        /// The agent.
        agent: AgentId,
    },
    /// Seated for the manager to approve a stand-in (P2-3.8, P3-2).
    AwaitingManager {
        /// The agent the engine proposes, if any is free.
        proposed: Option<AgentId>,
    },
}

/// A change of an agent's standing on the floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "change", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RosterChange {
    /// Signed in, taking `position` (1-based) in the rotation.
    SignedIn {
        /// Its place in the rotation.
        position: usize,
    },
    /// Signed out.
    SignedOut,
    /// Went on shift.
    ShiftOn,
    /// Went off shift.
    ShiftOff,
    /// Suspended (待岗).
    Suspended,
    /// Reinstated.
    Reinstated,
    /// Stepped away.
    Away {
        /// Why.
        reason: AwayReason,
    },
    /// Came back.
    Back,
}

/// What a suspended agent (待岗, P1-21) did that the log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum SuspendedAct {
    /// Registered a client.
    Registered,
    /// Took a deposit.
    Deposit,
}

/// What was decided.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "decision", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum What {
    /// A visitor is received.
    Received(Reception),
    /// An agent whose turn came did not receive.
    PassedOver {
        /// The agent.
        agent: AgentId,
        /// The visitor that went to someone else.
        visitor: VisitorId,
        /// Why.
        reason: PassReason,
        /// What it earns.
        consequence: Consequence,
        /// Whether this pass-over opened a new make-up (false when one is
        /// already owed for the same spell, or none is due).
        owed: bool,
    },
    /// A make-up is owed without a pass-over (P2-3.11 on return).
    MakeUpGranted {
        /// The agent.
        agent: AgentId,
        /// Where it will be taken.
        placement: Placement,
    },
    /// A reception that used the agent's turn outside the rotation's pick
    /// (a named visitor, P3-20) used up the make-up the agent was owed:
    /// one counted turn a round, whatever the route (P3-1, P2-3.10).
    MakeUpUsed {
        /// The agent.
        agent: AgentId,
        /// The visitor whose reception used it.
        visitor: VisitorId,
        /// Where it would have been taken.
        placement: Placement,
    },
    /// A make-up holder away from the floor when its make-up at the head
    /// would have been taken: the visitor went on, and the make-up waits
    /// for its return (P2-3.10, P2-3.11 只排一次优先补接).
    MakeUpWaits {
        /// The agent.
        agent: AgentId,
        /// The visitor that went to someone else.
        visitor: VisitorId,
        /// Why it was away.
        reason: crate::event::AwayReason,
        /// Where the make-up is taken.
        placement: Placement,
    },
    /// An unused make-up lapsed (at sign-out or at the day's end).
    MakeUpLapsed {
        /// The agent.
        agent: AgentId,
        /// Where it would have been taken.
        placement: Placement,
    },
    /// A visitor not counted was greeted (P2-3.7); nobody is occupied.
    Greeted {
        /// The visitor.
        visitor: VisitorId,
        /// Who greeted it: the agent up next, if any is free.
        agent: Option<AgentId>,
        /// Why it came.
        purpose: Purpose,
    },
    /// A visitor must wait.
    Waits {
        /// The visitor.
        visitor: VisitorId,
        /// Why.
        #[cfg_attr(feature = "serde", serde(flatten))]
        reason: WaitReason,
    },
    /// A waiting visitor left unserved.
    LeftUnserved {
        /// The visitor.
        visitor: VisitorId,
    },
    /// A reception ended.
    Ended {
        /// The agent, free again.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
        /// Closed by the end of the day rather than by an `end` event: the
        /// decision is then stamped at that day's last second.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "std::ops::Not::not")
        )]
        at_day_end: bool,
    },
    /// A reception was declined: the visitor goes on (P2-3.7).
    Declined {
        /// The agent who declined.
        agent: AgentId,
        /// The visitor.
        visitor: VisitorId,
    },
    /// The owner took over its client from the stand-in (P1-15).
    TakenOver {
        /// The visitor.
        visitor: VisitorId,
        /// The stand-in, free again.
        from: AgentId,
        /// The owner.
        to: AgentId,
    },
    /// The floor recorded that `agent` actually received `visitor` (a
    /// `receive` event), not the receiver the engine had decided: the
    /// floor follows what did happen. An agent who took a visitor the
    /// rotation gave another forfeits its turn (轮空, P1-6, P2-3.7).
    Recorded {
        /// The visitor.
        visitor: VisitorId,
        /// Who actually received it.
        agent: AgentId,
        /// Who the engine had given it to; `None` when it was waiting.
        prescribed: Option<AgentId>,
        /// Whether `agent` forfeits its turn for it.
        forfeited: bool,
    },
    /// An agent is paused from the rotation for follow-ups overdue, or
    /// back on it (P2-2.13, the policy's `overdue_pause`).
    Paused {
        /// The agent.
        agent: AgentId,
        /// Paused (true) or back on the rotation (false).
        paused: bool,
    },
    /// The manager set the rotation order.
    Reordered {
        /// The new order, up next first.
        order: Vec<AgentId>,
        /// The event this corrects, if any.
        corrects: Option<EventId>,
    },
    /// An agent's standing changed.
    Roster {
        /// The agent.
        agent: AgentId,
        /// The change.
        #[cfg_attr(feature = "serde", serde(flatten))]
        change: RosterChange,
    },
    /// A new day began; the policy said what closed.
    NewDay {
        /// The new date.
        date: crate::Date,
    },
    /// A new policy applies from here on.
    PolicyChanged {
        /// Its name.
        name: String,
    },
    /// A policy change switched the rotation's model and carried the round
    /// under way: the agents yet to have their turn have it first, the
    /// others after them, and every make-up owed is kept.
    RotationCarried {
        /// The new model.
        model: crate::policy::RotationModel,
        /// The agents yet to have their turn, in the order they will.
        yet: Vec<AgentId>,
        /// The agents who already had their turn of the round or cycle.
        taken: Vec<AgentId>,
        /// Make-ups owed, kept as they were.
        makeups: u32,
    },
    /// A suspended agent (待岗, P1-21) registered a client or took a
    /// deposit: the record is accepted, and flagged for the manager.
    ActedWhileSuspended {
        /// The agent.
        agent: AgentId,
        /// What it did.
        act: SuspendedAct,
    },
    /// The event's id was already applied: ignored (applying twice equals once).
    Ignored {
        /// The last id applied before it.
        last: EventId,
    },
    /// A decision of the client registry.
    Client(ClientDecision),
    /// A decision on a deal.
    Deal(DealDecision),
}

impl Decision {
    /// The agent this decision is chiefly about, if any.
    pub fn agent(&self) -> Option<AgentId> {
        match &self.what {
            What::Received(r) => Some(r.agent),
            What::PassedOver { agent, .. }
            | What::MakeUpGranted { agent, .. }
            | What::MakeUpLapsed { agent, .. }
            | What::MakeUpUsed { agent, .. }
            | What::MakeUpWaits { agent, .. }
            | What::ActedWhileSuspended { agent, .. }
            | What::Ended { agent, .. }
            | What::Declined { agent, .. }
            | What::Roster { agent, .. } => Some(*agent),
            What::Greeted { agent, .. } => *agent,
            What::TakenOver { to, .. } => Some(*to),
            What::Recorded { agent, .. } | What::Paused { agent, .. } => Some(*agent),
            What::Client(c) => c.agent(),
            What::Deal(d) => d.agent(),
            _ => None,
        }
    }
}

/// Where a fold step writes its decisions: the event's id and time, stamped
/// on each.
pub(crate) struct Out<'a> {
    pub event: EventId,
    pub at: Timestamp,
    pub list: &'a mut Vec<Decision>,
}

impl Out<'_> {
    pub fn push(&mut self, rules: Rules, what: What) {
        self.list.push(Decision {
            event: self.event,
            at: self.at,
            rules,
            what,
        });
    }
}
