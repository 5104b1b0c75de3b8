//! What a floor's tablet shows: board queries that do not allocate, and
//! [`BoardView`], an owned snapshot of the whole board that serialises.

use std::ops::ControlFlow;

use super::rotation::Cand;
use super::{AgentView, Board, Busy, MakeUp, Visit};
use crate::decision::WaitReason;
use crate::policy::{Placement, RotationModel};
use crate::AgentId;

/// The board as it stands, owned: what a tablet draws and what a service
/// sends (feature `serde`: `Board` serialises as this). Ids only: a board
/// names no client by name or phone (P1-20).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BoardView {
    /// The name of the policy the board is read under.
    pub policy: String,
    /// Every agent who may take the next counted visitor, in the order the
    /// pick takes them ([`Board::next_up`]).
    pub next_up: Vec<AgentId>,
    /// The rotation, up next first ([`Board::rotation`]).
    pub rotation: Vec<AgentId>,
    /// The duty helper (义务接待, P1-5), if any agent is free.
    pub duty_helper: Option<AgentId>,
    /// The agents on phone duty, the very last first (P2-3.3).
    pub phone_duty: Vec<AgentId>,
    /// Every agent seen, in order of first sign-in, with status and counts.
    pub agents: Vec<AgentView>,
    /// The receptions in progress, in the same agent order.
    pub receptions: Vec<AgentReception>,
    /// The make-ups owed (补接), in the order they fell due.
    pub makeups: Vec<MakeUp>,
    /// The visitors waiting, in arrival order.
    pub waiting: Vec<WaitingView>,
}

/// A reception in progress, with its agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AgentReception {
    /// The receiving agent.
    pub agent: AgentId,
    /// The reception.
    pub reception: Busy,
}

/// A visitor waiting, as the board shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WaitingView {
    /// The visit.
    pub visit: Visit,
    /// Why it waits.
    pub reason: WaitReason,
    /// The agent who declined it, who is not offered it again (P2-3.7).
    pub declined_by: Option<AgentId>,
}

impl<'a> Board<'a> {
    /// The rotation's slots, up next first, before any filter. `whole`:
    /// for rounds and the up board, the agents out of `pending` follow it
    /// (the up board's phone duty reads the line alone). No allocation.
    fn order(&self, whole: bool) -> impl DoubleEndedIterator<Item = u16> + Clone + 'a {
        let r = &self.queue.rotation;
        let (first, second, skip): (&'a [u16], &'a [u16], &'a [u16]) = match r.model {
            RotationModel::Cycle => {
                let (before, from) = r.order.split_at(r.next.min(r.order.len()));
                (from, before, &[])
            }
            _ if whole => (&r.pending, &r.order, &r.pending),
            _ => (&r.pending, &[], &[]),
        };
        first
            .iter()
            .chain(second.iter().filter(move |s| !skip.contains(s)))
            .copied()
    }

    /// [`Board::rotation`] without a `Vec`: the rotation in order, up next
    /// first, suspended and off-shift agents left out.
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::SignIn;
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let log = [
    ///     Event::new(1, at, SignIn { agent: "Li".parse().unwrap() }),
    ///     Event::new(2, at, SignIn { agent: "Wang".parse().unwrap() }),
    /// ];
    /// let day = replay(&Policy::p1(), &log).unwrap();
    /// let board = day.state.board();
    /// let first = board.rotation_iter().next().unwrap();
    /// assert_eq!(first.as_str(), "Li");
    /// assert!(board.rotation_iter().eq(board.rotation()));
    /// ```
    pub fn rotation_iter(&self) -> impl DoubleEndedIterator<Item = AgentId> + Clone + 'a {
        let (q, policy) = (self.queue, self.policy);
        self.order(true)
            .filter(move |s| q.in_rotation(*s, policy))
            .map(move |s| q.agent(s).id)
    }

    /// [`Board::phone_duty`] without a `Vec`: the agents on phone duty,
    /// the very last of the rotation first (P2-3.3).
    pub fn phone_duty_iter(&self) -> impl Iterator<Item = AgentId> + Clone + 'a {
        let (q, policy) = (self.queue, self.policy);
        let whole = q.rotation.model != RotationModel::UpBoard;
        self.order(whole)
            .rev()
            .filter(move |s| q.in_rotation(*s, policy))
            .take(usize::from(policy.hotlines.value))
            .map(move |s| q.agent(s).id)
    }

    /// [`Board::agents`] without a `Vec`: every agent seen, in order of
    /// first sign-in.
    pub fn agents_iter(&self) -> impl ExactSizeIterator<Item = AgentView> + Clone + 'a {
        let q = self.queue;
        (0..q.agents.len()).map(move |i| q.agent_view(i as u16))
    }

    /// [`Board::waiting`] without a `Vec`: the visitors waiting, in
    /// arrival order.
    pub fn waiting_iter(&self) -> impl ExactSizeIterator<Item = &'a super::Waiting> + Clone + 'a {
        self.queue.waiting.iter()
    }

    /// The receptions in progress, in order of first sign-in.
    pub fn receptions(&self) -> impl Iterator<Item = (AgentId, &'a Busy)> + Clone + 'a {
        self.queue
            .agents
            .iter()
            .filter_map(|a| a.busy.as_ref().map(|b| (a.id, b)))
    }

    /// Visits the slots of agents ready to take a counted visitor, in the
    /// order the pick takes them: make-ups at the head, then the rotation
    /// with make-ups placed last where the round ends (P2-3.10, P3-1). An
    /// agent may be visited more than once; `take` breaks to stop.
    fn walk_next_up(&self, mut take: impl FnMut(u16) -> ControlFlow<()>) {
        let q = self.queue;
        let ready = |s: u16| q.eligible(s, self.policy);
        let entries = q.ledger.entries();
        let owed = |p: Placement, take: &mut dyn FnMut(u16) -> ControlFlow<()>| {
            let slots = entries.iter().filter(|m| m.placement == p).map(|m| m.slot);
            for s in slots.filter(|s| ready(*s)) {
                take(s)?;
            }
            ControlFlow::Continue(())
        };
        if owed(Placement::Head, &mut take).is_break() {
            return;
        }
        q.rotation.scan(|c| match c {
            Cand::RoundEnd => owed(Placement::Last, &mut take),
            Cand::Agent { slot, .. } if ready(slot) => take(slot),
            Cand::Agent { .. } => ControlFlow::Continue(()),
        });
    }

    /// The agent who would receive a counted visitor arriving now (the
    /// first of [`Board::next_up`]), without allocating.
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::SignIn;
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let day = replay(&Policy::p2(), [Event::new(1, at, SignIn { agent: "Li".parse().unwrap() })]).unwrap();
    /// assert_eq!(day.state.board().up_next().map(|a| a.to_string()), Some("Li".into()));
    /// ```
    pub fn up_next(&self) -> Option<AgentId> {
        let mut first = None;
        self.walk_next_up(|s| {
            first = Some(s);
            ControlFlow::Break(())
        });
        first.map(|s| self.queue.agent(s).id)
    }

    /// [`Board::next_up`] into a buffer the caller keeps: `buffer` is
    /// cleared and filled with up to `n` agents, so a board redrawn on
    /// every event allocates nothing once the buffer has grown.
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::SignIn;
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let log = [
    ///     Event::new(1, at, SignIn { agent: "Li".parse().unwrap() }),
    ///     Event::new(2, at, SignIn { agent: "Wang".parse().unwrap() }),
    /// ];
    /// let day = replay(&Policy::p1(), &log).unwrap();
    /// let mut buffer = Vec::new();
    /// day.state.board().next_up_into(2, &mut buffer);
    /// assert_eq!(buffer, day.state.board().next_up(2));
    /// ```
    pub fn next_up_into(&self, n: usize, buffer: &mut Vec<AgentId>) {
        buffer.clear();
        if n == 0 {
            return;
        }
        let q = self.queue;
        self.walk_next_up(|s| {
            let id = q.agent(s).id;
            if !buffer.contains(&id) {
                buffer.push(id);
            }
            if buffer.len() < n {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        });
    }

    /// The whole board, owned: what a tablet draws (see [`BoardView`]).
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::{Arrive, SignIn};
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let log = [
    ///     Event::new(1, at, SignIn { agent: "Li".parse().unwrap() }),
    ///     Event::new(2, at, SignIn { agent: "Wang".parse().unwrap() }),
    ///     Event::new(3, at, Arrive::walk_in("v1".parse().unwrap())),
    /// ];
    /// let day = replay(&Policy::p1(), &log).unwrap();
    /// let view = day.state.board().view();
    /// assert_eq!(view.next_up, day.state.board().next_up(2));
    /// assert_eq!(view.receptions.len(), 1);
    /// assert_eq!(view.receptions[0].agent.as_str(), "Li");
    /// ```
    pub fn view(&self) -> BoardView {
        let q = self.queue;
        BoardView {
            policy: self.policy.name.clone(),
            next_up: self.next_up(q.agents.len()),
            rotation: self.rotation_iter().collect(),
            duty_helper: self.duty_helper(),
            phone_duty: self.phone_duty_iter().collect(),
            agents: self.agents_iter().collect(),
            receptions: self
                .receptions()
                .map(|(agent, b)| AgentReception {
                    agent,
                    reception: *b,
                })
                .collect(),
            makeups: self.makeups().to_vec(),
            waiting: self
                .waiting_iter()
                .map(|w| WaitingView {
                    visit: w.visit,
                    reason: w.reason,
                    declined_by: w.exclude.map(|s| q.agent(s).id),
                })
                .collect(),
        }
    }
}

impl super::Queue {
    /// What the board shows of the agent in `slot`.
    pub(super) fn agent_view(&self, slot: u16) -> AgentView {
        let a = self.agent(slot);
        AgentView {
            agent: a.id,
            status: a.status(),
            on_shift: a.on_shift,
            suspended: a.suspended,
            stats: a.stats,
            makeups_owed: self.ledger.count_for(slot),
        }
    }
}

/// A board serialises as its [`BoardView`].
#[cfg(feature = "serde")]
impl serde::Serialize for Board<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(s)
    }
}
