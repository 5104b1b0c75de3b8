//! The reception queue: who receives the next visitor (P1, P2, P3 kind Q).
//!
//! The state is a fold over floor events. Each handler checks everything
//! first and only then changes state, so a rejected event leaves it exactly
//! as it was. Agents are kept by a small slot number in sign-in order of
//! first appearance; the rotation, the make-up ledger and the waiting list
//! refer to slots. Nothing here grows with the log but the roster.

mod actual;
mod agent;
mod error;
mod ledger;
mod line;
mod rotation;
mod routing;
#[cfg(feature = "serde")]
mod snapshot;
mod view;

pub use agent::{AgentStats, AgentView, Busy, Status, Visit};
pub use error::QueueError;
pub use ledger::{MakeUp, MakeUpReason};
pub use view::{AgentReception, BoardView, WaitingView};

use std::collections::BTreeMap;

use agent::AgentState;
use ledger::Ledger;
use line::Line;
use rotation::Rotation;

use crate::decision::{Out, RosterChange, Via, WaitReason, What};
use crate::event::{self, AwayReason, EventKind};
use crate::policy::{PassReason, Policy};
use crate::{rules, AgentId, Rules, VisitorId};

/// A visitor waiting to be received.
///
/// Equality and `Debug` read the visit, the reason and the exclusion, not
/// the slots remembered for speed.
#[derive(Clone, Copy)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Waiting {
    /// The visit.
    pub visit: Visit,
    /// Why it waits.
    pub reason: WaitReason,
    /// An agent who declined it and may not be offered it again.
    pub(crate) exclude: Option<u16>,
    /// The slots of its own and its named agent, as last looked up: every
    /// event asks whether the agent a waiting visitor is bound to is free,
    /// and a roster lookup per waiting visitor per event was a third of a
    /// replay's instructions. Only a hint, checked against the agent's id
    /// before use (`Queue::owner_slot`), so a snapshot need not keep it.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) slots: BoundSlots,
}

/// See [`Waiting::slots`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BoundSlots {
    pub owner: Option<u16>,
    pub named: Option<u16>,
}

impl PartialEq for Waiting {
    fn eq(&self, other: &Self) -> bool {
        self.visit == other.visit && self.reason == other.reason && self.exclude == other.exclude
    }
}

impl Eq for Waiting {}

impl std::fmt::Debug for Waiting {
    /// As the derived form was before the slots were remembered.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waiting")
            .field("visit", &self.visit)
            .field("reason", &self.reason)
            .field("exclude", &self.exclude)
            .finish()
    }
}

/// The reception floor's state.
///
/// A snapshot is checked when it is read back: every slot it refers to
/// must exist and the index must agree with the roster, so a corrupt or
/// hand-edited snapshot is refused instead of failing on the next event.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "snapshot::QueueData"))]
pub struct Queue {
    agents: Vec<AgentState>,
    index: BTreeMap<AgentId, u16>,
    rotation: Rotation,
    ledger: Ledger,
    // A deque inside: visitors are mostly served from the front. Indexed
    // by the agent each visitor waits for (`line`), so that an event asks
    // only the visitors it could let in (issue 9).
    waiting: Line,
    /// The visitors being received, by bucket (see [`BusyVisitors`]):
    /// derived from `agents`, so a snapshot leaves it out and reading one
    /// back counts it again.
    #[cfg_attr(feature = "serde", serde(skip))]
    busy_visitors: BusyVisitors,
    /// `index` hashed, for `slot_of`: derived from the roster, so a
    /// snapshot leaves it out (see [`SlotTable`]).
    #[cfg_attr(feature = "serde", serde(skip))]
    slots: SlotTable,
    /// The pass-overs of the pick under way: scratch kept for its room
    /// (see [`routing::PassBuffer`]), so a snapshot leaves it out.
    #[cfg_attr(feature = "serde", serde(skip))]
    passes: routing::PassBuffer,
}

impl std::fmt::Debug for Queue {
    /// As the derived form was before the busy visitors were counted: the
    /// count is derived from the roster it prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Queue")
            .field("agents", &self.agents)
            .field("index", &self.index)
            .field("rotation", &self.rotation)
            .field("ledger", &self.ledger)
            .field("waiting", &self.waiting)
            .finish()
    }
}

/// How many agents receive a visitor of each of 256 buckets of a hash of
/// its id: an arrival must be of a visitor not already present, and a
/// bucket no reception holds answers without asking each of the roster's
/// receptions (issue 9: 1,730 -> 1,629 instructions an event on the P1
/// fold day, where about 25 of 30 agents are busy).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct BusyVisitors {
    // u16: a roster holds at most 65,535 agents (slots are u16).
    counts: Box<[u16; BusyVisitors::BUCKETS]>,
}

impl Default for BusyVisitors {
    fn default() -> Self {
        BusyVisitors {
            counts: Box::new([0; BusyVisitors::BUCKETS]),
        }
    }
}

impl BusyVisitors {
    const BUCKETS: usize = 256;

    /// The counts of a roster's receptions (a snapshot read back).
    #[cfg(feature = "serde")]
    fn of(agents: &[AgentState]) -> BusyVisitors {
        let mut b = BusyVisitors::default();
        for a in agents {
            if let Some(busy) = &a.busy {
                b.add(busy.visit.visitor);
            }
        }
        b
    }

    fn bucket(visitor: VisitorId) -> usize {
        (id_hash(visitor) >> 56) as usize
    }

    fn add(&mut self, visitor: VisitorId) {
        self.counts[Self::bucket(visitor)] += 1;
    }

    fn remove(&mut self, visitor: VisitorId) {
        self.counts[Self::bucket(visitor)] -= 1;
    }

    /// False only if no agent is receiving `visitor`.
    fn may_hold(&self, visitor: VisitorId) -> bool {
        self.counts[Self::bucket(visitor)] != 0
    }
}

/// A multiplicative hash of an id's words: read from the top, where every
/// word's bits reach.
fn id_hash(id: impl std::hash::Hash) -> u64 {
    let mut h = WordFold(0);
    id.hash(&mut h);
    h.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The roster's slots by agent id, in an open-addressed table of slots
/// probed by the id's hash: every floor event names an agent, and the
/// ordered index's search (about ten comparisons of 25-byte ids) was 110
/// of a P1 fold day's 1,532 instructions an event (issue 9). The ordered
/// index stays the state; this is derived from the roster, so equality
/// does not read it (two tables of one roster may differ in size).
#[derive(Clone, Default)]
pub(crate) struct SlotTable {
    /// A power of two of places, each a slot or `EMPTY`, at most half full.
    places: Vec<u32>,
}

impl PartialEq for SlotTable {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SlotTable {}

impl SlotTable {
    const EMPTY: u32 = u32::MAX;

    /// The table of a roster (a snapshot read back).
    #[cfg(feature = "serde")]
    fn of(agents: &[AgentState]) -> SlotTable {
        let mut t = SlotTable::default();
        t.rebuild(agents);
        t
    }

    fn rebuild(&mut self, agents: &[AgentState]) {
        let size = (2 * agents.len()).next_power_of_two().max(16);
        self.places.clear();
        self.places.resize(size, Self::EMPTY);
        for (slot, a) in agents.iter().enumerate() {
            let mut i = self.home(a.id);
            while self.places[i] != Self::EMPTY {
                i = (i + 1) & (size - 1);
            }
            self.places[i] = slot as u32;
        }
    }

    fn home(&self, agent: AgentId) -> usize {
        let bits = self.places.len().trailing_zeros();
        (id_hash(agent) >> (64 - bits)) as usize
    }

    /// Takes in the roster's last agent, just added.
    fn added(&mut self, agents: &[AgentState]) {
        if 2 * agents.len() > self.places.len() {
            return self.rebuild(agents);
        }
        let slot = agents.len() - 1;
        let mask = self.places.len() - 1;
        let mut i = self.home(agents[slot].id);
        while self.places[i] != Self::EMPTY {
            i = (i + 1) & mask;
        }
        self.places[i] = slot as u32;
    }

    fn find(&self, agents: &[AgentState], agent: AgentId) -> Option<u16> {
        if self.places.is_empty() {
            return None;
        }
        let mask = self.places.len() - 1;
        let mut i = self.home(agent);
        loop {
            let p = self.places[i];
            if p == Self::EMPTY {
                return None;
            }
            if agents[p as usize].id == agent {
                return Some(p as u16);
            }
            i = (i + 1) & mask;
        }
    }
}

/// Folds an id's words into one, for [`id_hash`]: no
/// avalanche of its own, the hash's multiply mixes them.
struct WordFold(u64);

impl std::hash::Hasher for WordFold {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words first, without the partial copy each would take: an
        // id's 24 bytes are three (issue 9: every floor event looks up an
        // agent's slot by this hash).
        let mut words = bytes.chunks_exact(8);
        for c in &mut words {
            let mut w = [0; 8];
            w.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut w = [0; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.write_u64(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    /// One word, as `write` of its bytes would fold it on a little-endian
    /// machine, without the round trip through them (an id's length
    /// prefix). The hash is never kept, so a big-endian one may differ.
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = self.0.rotate_left(23) ^ i;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

const MANAGER: Rules = rules![P1_2, P2_3_3, P3_6];

impl Queue {
    pub(crate) fn new(policy: &Policy) -> Queue {
        Queue {
            agents: Vec::new(),
            index: BTreeMap::new(),
            rotation: Rotation::new(policy.rotation.value),
            ledger: Ledger::default(),
            waiting: Line::default(),
            busy_visitors: BusyVisitors::default(),
            slots: SlotTable::default(),
            passes: routing::PassBuffer::default(),
        }
    }

    /// Starts `busy` for the agent at `slot`, counted among the visitors
    /// being received. Every reception starts here.
    pub(crate) fn set_busy(&mut self, slot: u16, busy: Busy) {
        let a = &mut self.agents[usize::from(slot)];
        // Read in place, then overwritten: `replace` would copy the whole
        // reception out.
        if let Some(earlier) = &a.busy {
            self.busy_visitors.remove(earlier.visit.visitor);
        }
        self.busy_visitors.add(busy.visit.visitor);
        a.busy = Some(busy);
    }

    /// Ends the reception of the agent at `slot`, if any. Every reception
    /// ends here.
    pub(crate) fn take_busy(&mut self, slot: u16) -> Option<Busy> {
        let busy = self.agents[usize::from(slot)].busy.take()?;
        self.busy_visitors.remove(busy.visit.visitor);
        Some(busy)
    }

    pub(crate) fn slot_of(&self, agent: AgentId) -> Option<u16> {
        let slot = self.slots.find(&self.agents, agent);
        debug_assert_eq!(slot, self.index.get(&agent).copied(), "{agent}");
        slot
    }

    /// The slot of `agent`, trying `hint` first: a slot, once given, is
    /// never taken back or renumbered, so a hint that holds the agent is
    /// its slot; any other falls back to the index.
    fn slot_hinted(&self, agent: Option<AgentId>, hint: Option<u16>) -> Option<u16> {
        let agent = agent?;
        let holds = |s: &u16| {
            self.agents
                .get(usize::from(*s))
                .is_some_and(|a| a.id == agent)
        };
        hint.filter(holds).or_else(|| self.slot_of(agent))
    }

    /// The slot of a waiting visitor's own agent, if the roster has it.
    pub(crate) fn owner_slot(&self, w: &Waiting) -> Option<u16> {
        self.slot_hinted(w.visit.owner, w.slots.owner)
    }

    /// The slot of the agent a waiting visitor named, if the roster has it.
    pub(crate) fn named_slot(&self, w: &Waiting) -> Option<u16> {
        self.slot_hinted(w.visit.named, w.slots.named)
    }

    /// The slot of the one agent a waiting visitor is bound to: a
    /// returning client's own agent, else the agent it named (see
    /// `Queue::bound_agent_free`). The index of the line groups visitors by it.
    pub(crate) fn bound_slot(&self, w: &Waiting) -> Option<u16> {
        if w.visit.owner.is_some() {
            self.owner_slot(w)
        } else {
            self.named_slot(w)
        }
    }

    /// The slots to remember for a visit put in the waiting line.
    fn bound_slots(&self, visit: &Visit) -> BoundSlots {
        BoundSlots {
            owner: visit.owner.and_then(|o| self.slot_of(o)),
            named: visit.named.and_then(|n| self.slot_of(n)),
        }
    }

    fn agent(&self, slot: u16) -> &AgentState {
        &self.agents[usize::from(slot)]
    }

    /// The slot of a known agent who is signed in.
    fn signed_in(&self, agent: AgentId) -> Result<u16, QueueError> {
        let slot = self.slot_of(agent).ok_or(QueueError::UnknownAgent(agent))?;
        if self.agent(slot).signed_in {
            Ok(slot)
        } else {
            Err(QueueError::NotSignedIn(agent))
        }
    }

    /// The slot of a signed-in agent who is not receiving anyone.
    fn not_busy(&self, agent: AgentId) -> Result<u16, QueueError> {
        let slot = self.signed_in(agent)?;
        match &self.agent(slot).busy {
            Some(b) => Err(QueueError::AgentBusy {
                agent,
                visitor: b.visit.visitor,
            }),
            None => Ok(slot),
        }
    }

    /// The slot of an agent free to receive (off shift allowed).
    fn free_for_manager(&self, agent: AgentId) -> Result<u16, QueueError> {
        let slot = self.not_busy(agent)?;
        let a = self.agent(slot);
        if a.suspended {
            return Err(QueueError::Suspended(agent));
        }
        if a.away.is_some() {
            return Err(QueueError::AgentAway(agent));
        }
        Ok(slot)
    }

    fn waiting_index(&self, visitor: VisitorId) -> Result<usize, QueueError> {
        self.waiting
            .iter()
            .position(|w| w.visit.visitor == visitor)
            .ok_or(QueueError::NotWaiting(visitor))
    }

    fn present(&self, visitor: VisitorId) -> bool {
        let received = |a: &AgentState| a.busy.is_some_and(|b| b.visit.visitor == visitor);
        debug_assert!(
            self.busy_visitors.may_hold(visitor) || !self.agents.iter().any(received),
            "the busy visitors' counts miss {visitor}"
        );
        self.waiting.iter().any(|w| w.visit.visitor == visitor)
            || (self.busy_visitors.may_hold(visitor) && self.agents.iter().any(received))
    }

    fn roster(&mut self, slot: u16, rules: Rules, change: RosterChange, out: &mut Out) {
        let agent = self.agent(slot).id;
        out.push(rules, What::Roster { agent, change });
    }

    /// Applies a floor event. Events of other capabilities are ignored.
    ///
    /// # Errors
    /// A [`QueueError`] when the event does not fit the state (an unknown or
    /// signed-out agent, signing in twice, ending a reception that never
    /// started, assigning a busy agent ...); the state is then unchanged.
    pub(crate) fn apply(
        &mut self,
        policy: &Policy,
        kind: &EventKind,
        visit_client: Option<(crate::ClientId, AgentId, bool)>,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        match kind {
            EventKind::SignIn(e) => self.sign_in(policy, e.agent, out)?,
            EventKind::SignOut(e) => self.sign_out(e.agent, out)?,
            EventKind::ShiftOn(e) => self.set_shift(e.agent, true, out)?,
            EventKind::ShiftOff(e) => self.set_shift(e.agent, false, out)?,
            EventKind::Suspend(e) => self.suspend(e.agent, true, out)?,
            EventKind::Reinstate(e) => self.suspend(e.agent, false, out)?,
            EventKind::StepAway(e) => self.step_away(policy, e.agent, e.reason, out)?,
            EventKind::Return(e) => self.come_back(policy, e.agent, out)?,
            EventKind::Arrive(e) => self.arrive(policy, e, visit_client, out)?,
            EventKind::Leave(e) => {
                let i = self.waiting_index(e.visitor)?;
                self.waiting.remove(i);
                out.push(Rules::NONE, What::LeftUnserved { visitor: e.visitor });
            }
            EventKind::End(e) => self.end(e.agent, out)?,
            EventKind::Decline(e) => self.decline(policy, e.agent, out)?,
            EventKind::Takeover(e) => self.take_over(policy, e.visitor, out)?,
            EventKind::Reorder(e) => self.reorder(e, out)?,
            EventKind::Assign(e) => {
                let i = self.waiting_index(e.visitor)?;
                let slot = self.free_for_manager(e.agent)?;
                let w = self.waiting.remove(i).expect("index found above");
                let cell = policy.assigned;
                self.start_with_rule(
                    policy,
                    slot,
                    w.visit,
                    Via::Manager,
                    cell.value,
                    cell.rules,
                    out,
                );
            }
            EventKind::ApproveStandIn(e) => {
                let i = self.waiting_index(e.visitor)?;
                let w = self.waiting[i];
                let owner = w.visit.owner.ok_or(QueueError::NoStandIn(e.visitor))?;
                let slot = self.free_for_manager(e.agent)?;
                self.waiting.remove(i);
                let cell = self.stand_in_cell(policy, self.slot_of(owner));
                let rules = cell.rules.with(crate::Rule::P2_2_3);
                let via = Via::StandIn { owner };
                self.start_with_rule(policy, slot, w.visit, via, cell.value.turn, rules, out);
            }
            _ => return Ok(()),
        }
        if !self.waiting.is_empty() {
            self.serve_waiting(policy, out);
        }
        Ok(())
    }

    fn sign_in(
        &mut self,
        policy: &Policy,
        agent: AgentId,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        let slot = match self.slot_of(agent) {
            Some(s) if self.agent(s).signed_in => return Err(QueueError::AlreadySignedIn(agent)),
            Some(s) => s,
            None => {
                let s = u16::try_from(self.agents.len())
                    .map_err(|_| QueueError::BadOrder("more than 65,535 agents".into()))?;
                self.agents.push(AgentState::new(agent));
                self.index.insert(agent, s);
                self.slots.added(&self.agents);
                // A new agent may owe make-ups and keep visitors waiting:
                // room for them now, so the floor's events do not grow the
                // lists. Room for the whole roster, not for `len + n` (a
                // list empty at sign-in would keep room for one agent only).
                let agents = self.agents.len();
                self.ledger.reserve_total(2 * agents);
                self.passes.reserve_total(agents);
                let waiting = (4 * agents).saturating_sub(self.waiting.len());
                self.waiting.reserve(waiting);
                self.waiting.reserve_roster(agents);
                s
            }
        };
        let a = &mut self.agents[usize::from(slot)];
        a.signed_in = true;
        a.on_shift = true;
        a.away = None;
        let took = a.round_taken == self.rotation.round;
        self.rotation.join(slot, took);
        let position = self.rotation.order.len();
        // The sign-in order seeds the rotation the policy names (P1-1, P3-1).
        let rules = policy.rotation.rules;
        self.roster(slot, rules, RosterChange::SignedIn { position }, out);
        Ok(())
    }

    fn sign_out(&mut self, agent: AgentId, out: &mut Out) -> Result<(), QueueError> {
        let slot = self.not_busy(agent)?;
        self.agents[usize::from(slot)].signed_in = false;
        self.agents[usize::from(slot)].away = None;
        self.rotation.leave(slot);
        self.roster(slot, Rules::NONE, RosterChange::SignedOut, out);
        self.lapse(Some(slot), out);
        Ok(())
    }

    fn lapse(&mut self, slot: Option<u16>, out: &mut Out) {
        self.ledger.lapse(slot, |m| {
            out.push(
                m.rules,
                What::MakeUpLapsed {
                    agent: m.agent,
                    placement: m.placement,
                },
            );
        });
    }

    fn set_shift(&mut self, agent: AgentId, on: bool, out: &mut Out) -> Result<(), QueueError> {
        let slot = self.signed_in(agent)?;
        self.agents[usize::from(slot)].on_shift = on;
        let change = if on {
            RosterChange::ShiftOn
        } else {
            RosterChange::ShiftOff
        };
        self.roster(slot, rules![P3_1], change, out);
        Ok(())
    }

    fn suspend(&mut self, agent: AgentId, on: bool, out: &mut Out) -> Result<(), QueueError> {
        let slot = self.slot_of(agent).ok_or(QueueError::UnknownAgent(agent))?;
        match (on, self.agent(slot).suspended) {
            (true, true) => return Err(QueueError::Suspended(agent)),
            (false, false) => return Err(QueueError::NotSuspended(agent)),
            _ => {}
        }
        self.agents[usize::from(slot)].suspended = on;
        let change = if on {
            RosterChange::Suspended
        } else {
            RosterChange::Reinstated
        };
        self.roster(slot, rules![P1_21], change, out);
        Ok(())
    }

    fn step_away(
        &mut self,
        policy: &Policy,
        agent: AgentId,
        reason: AwayReason,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        let slot = self.not_busy(agent)?;
        if self.agent(slot).away.is_some() {
            return Err(QueueError::AgentAway(agent));
        }
        let a = &mut self.agents[usize::from(slot)];
        a.away = Some(reason);
        a.spell += 1;
        // Cite what the policy makes of this absence when a turn comes.
        let rules = policy.pass_over.get(PassReason::Away(reason)).rules;
        self.roster(slot, rules, RosterChange::Away { reason }, out);
        Ok(())
    }

    fn come_back(
        &mut self,
        policy: &Policy,
        agent: AgentId,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        let slot = self.signed_in(agent)?;
        let Some(reason) = self.agent(slot).away else {
            return Err(QueueError::NotAway(agent));
        };
        self.agents[usize::from(slot)].away = None;
        self.roster(slot, Rules::NONE, RosterChange::Back, out);
        let cell = policy.errand_return;
        if let (AwayReason::Errand, Some(placement)) = (reason, cell.value) {
            let a = &mut self.agents[usize::from(slot)];
            if !self.ledger.owes(slot, a.spell) {
                a.stats.makeups_granted += 1;
                self.ledger.grant(MakeUp {
                    agent,
                    placement,
                    reason: MakeUpReason::ErrandReturn,
                    since: out.at,
                    rules: cell.rules,
                    slot,
                    spell: a.spell,
                });
                out.push(cell.rules, What::MakeUpGranted { agent, placement });
            }
        }
        Ok(())
    }

    fn arrive(
        &mut self,
        policy: &Policy,
        e: &event::Arrive,
        known: Option<(crate::ClientId, AgentId, bool)>,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        if self.present(e.visitor) {
            return Err(QueueError::VisitorPresent(e.visitor));
        }
        let stated = e.returning.map(|r| (r.owner, r.deposit_paid));
        let (client, owner, deposit_paid) = match known {
            Some((c, o, d)) => (Some(c), Some(o), d),
            None => (e.client, stated.map(|s| s.0), stated.is_some_and(|s| s.1)),
        };
        let visit = Visit {
            visitor: e.visitor,
            channel: e.channel,
            purpose: e.purpose,
            named: e.named_agent,
            owner,
            deposit_paid,
            client,
            introduced_by: e.introduced_by,
            arrived: out.at,
        };
        if let Some(reason) = self.serve(policy, visit, None, out) {
            self.wait(policy, visit, reason, None, out);
        }
        Ok(())
    }

    fn wait(
        &mut self,
        policy: &Policy,
        visit: Visit,
        reason: WaitReason,
        exclude: Option<u16>,
        out: &mut Out,
    ) {
        let rules = match reason {
            WaitReason::NobodyFree => rules![P1_7],
            WaitReason::NamedBusy { .. } => policy.named.rules.with(crate::Rule::P1_7),
            WaitReason::AwaitingManager { .. } => {
                self.stand_in_cell(policy, visit.owner.and_then(|o| self.slot_of(o)))
                    .rules
            }
        };
        out.push(
            rules,
            What::Waits {
                visitor: visit.visitor,
                reason,
            },
        );
        let slots = self.bound_slots(&visit);
        let w = Waiting {
            visit,
            reason,
            exclude,
            slots,
        };
        let bound = self.bound_slot(&w);
        self.waiting.push_back(w, bound);
    }

    fn end(&mut self, agent: AgentId, out: &mut Out) -> Result<(), QueueError> {
        let slot = self.signed_in(agent)?;
        let Some(busy) = self.take_busy(slot) else {
            return Err(QueueError::NotReceiving(agent));
        };
        self.rotation.rejoin(slot);
        out.push(
            Rules::NONE,
            What::Ended {
                agent,
                visitor: busy.visit.visitor,
                at_day_end: false,
            },
        );
        Ok(())
    }

    fn decline(
        &mut self,
        policy: &Policy,
        agent: AgentId,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        let slot = self.signed_in(agent)?;
        let Some(busy) = self.take_busy(slot) else {
            return Err(QueueError::NotReceiving(agent));
        };
        let a = &mut self.agents[usize::from(slot)];
        // Saturating: a new day may have reset the counts since it began.
        if busy.counted {
            a.stats.counted = a.stats.counted.saturating_sub(1);
        } else {
            a.stats.uncounted = a.stats.uncounted.saturating_sub(1);
        }
        let cell = policy.pass_over.declined;
        let visitor = busy.visit.visitor;
        out.push(cell.rules, What::Declined { agent, visitor });
        // Only a visitor that took a turn (the rotation's, a make-up, or a
        // named visitor when it was the agent's turn) is a turn to forfeit
        // (P2-3.7 轮空); declining one's own client costs no turn.
        if busy.uses_turn || matches!(busy.via, Via::MakeUp { .. }) {
            if self.charge(slot, PassReason::Declined, cell.value, cell.rules, out.at) {
                if let crate::policy::Consequence::MakeUp(placement) = cell.value {
                    out.push(cell.rules, What::MakeUpGranted { agent, placement });
                }
            }
            self.rotation.pass(slot);
        }
        self.rotation.rejoin(slot);
        if let Some(reason) = self.serve(policy, busy.visit, Some(slot), out) {
            self.wait(policy, busy.visit, reason, Some(slot), out);
        }
        Ok(())
    }

    fn take_over(
        &mut self,
        policy: &Policy,
        visitor: VisitorId,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        let (from, busy) = self
            .agents
            .iter()
            .enumerate()
            .find_map(|(i, a)| {
                a.busy
                    .filter(|b| b.visit.visitor == visitor)
                    .map(|b| (i as u16, b))
            })
            .ok_or(QueueError::NoStandIn(visitor))?;
        let Via::StandIn { owner } = busy.via else {
            return Err(QueueError::NoStandIn(visitor));
        };
        let to = self.signed_in(owner)?;
        if !self.agent(to).free() {
            return Err(QueueError::OwnerNotFree(owner));
        }
        self.take_busy(from);
        self.rotation.rejoin(from);
        let from_id = self.agent(from).id;
        out.push(
            rules![P1_15],
            What::TakenOver {
                visitor,
                from: from_id,
                to: owner,
            },
        );
        let cell = routing::owner_rule(policy, &busy.visit);
        self.start_with_rule(
            policy,
            to,
            busy.visit,
            Via::Owner,
            cell.value,
            cell.rules,
            out,
        );
        Ok(())
    }

    fn reorder(&mut self, e: &event::Reorder, out: &mut Out) -> Result<(), QueueError> {
        let mut slots = Vec::with_capacity(e.order.len());
        for a in &e.order {
            let s = self.signed_in(*a)?;
            if slots.contains(&s) {
                return Err(QueueError::BadOrder(format!("{a} is listed twice")));
            }
            slots.push(s);
        }
        if let Some(missing) = self.rotation.order.iter().find(|s| !slots.contains(s)) {
            let id = self.agent(*missing).id;
            return Err(QueueError::BadOrder(format!("{id} is missing")));
        }
        self.rotation.reorder(slots);
        let order = e.order.clone();
        out.push(
            MANAGER,
            What::Reordered {
                order,
                corrects: e.corrects,
            },
        );
        Ok(())
    }

    /// The first event of a new date: closes what the policy says (P3-1 每天).
    /// A reception still open is closed at the end of `closing`, the last
    /// day the floor was open, and its decision stamped then, not at the
    /// new day's first event.
    pub(crate) fn new_day(
        &mut self,
        policy: &Policy,
        date: crate::Date,
        closing: crate::Date,
        out: &mut Out,
    ) {
        let cell = policy.new_day;
        let nd = cell.value;
        out.push(cell.rules, What::NewDay { date });
        if nd.close_receptions {
            let day_end = closing.start().plus_seconds(24 * 3600 - 1);
            for i in 0..self.agents.len() {
                if let Some(b) = self.take_busy(i as u16) {
                    let agent = self.agents[i].id;
                    out.list.push(crate::Decision {
                        event: out.event,
                        at: day_end,
                        rules: Rules::NONE,
                        what: What::Ended {
                            agent,
                            visitor: b.visit.visitor,
                            at_day_end: true,
                        },
                    });
                }
            }
        }
        if nd.close_waiting {
            // Drained, not taken: the line keeps its room for tomorrow.
            for w in self.waiting.drain() {
                out.push(
                    Rules::NONE,
                    What::LeftUnserved {
                        visitor: w.visit.visitor,
                    },
                );
            }
        }
        if !nd.carry_makeups {
            self.lapse(None, out);
        }
        if nd.sign_out {
            for a in self
                .agents
                .iter_mut()
                .filter(|a| a.signed_in && a.busy.is_none())
            {
                a.signed_in = false;
                a.away = None;
                out.list.push(crate::Decision {
                    event: out.event,
                    at: out.at,
                    rules: cell.rules,
                    what: What::Roster {
                        agent: a.id,
                        change: RosterChange::SignedOut,
                    },
                });
            }
            let keep: Vec<u16> = self
                .rotation
                .order
                .iter()
                .copied()
                .filter(|s| self.agent(*s).signed_in)
                .collect();
            self.rotation.clear();
            for s in keep {
                self.rotation.join(s, false);
            }
        }
        if !nd.carry_counts {
            for a in &mut self.agents {
                a.stats = AgentStats::default();
            }
        }
    }

    /// A new policy from here on: the rotation switches model if it must,
    /// carrying who has had its turn in the round or cycle under way and
    /// every make-up owed (the ledger is kept as it is), and says how.
    pub(crate) fn policy_changed(&mut self, policy: &Policy, out: &mut Out) {
        self.carry_rotation(policy, out);
        // The new rules may let a waiting visitor be received now (a
        // stand-in that needs no manager's word, say).
        if !self.waiting.is_empty() {
            self.serve_waiting(policy, out);
        }
    }

    /// Carries the day into the new rotation model, if it changed.
    fn carry_rotation(&mut self, policy: &Policy, out: &mut Out) {
        let agents = &self.agents;
        let Some(yet) = self.rotation.set_model(policy.rotation.value, |s| {
            agents[usize::from(s)].busy.is_none_or(|b| !b.counted)
        }) else {
            return;
        };
        let round = self.rotation.round;
        let mut taken = Vec::new();
        for s in self.rotation.order.clone() {
            if !yet.contains(&s) {
                self.agents[usize::from(s)].round_taken = round;
                taken.push(self.agent(s).id);
            }
        }
        let yet = yet.iter().map(|s| self.agent(*s).id).collect();
        let makeups = self.ledger.entries().len() as u32;
        out.push(
            policy.rotation.rules,
            What::RotationCarried {
                model: policy.rotation.value,
                yet,
                taken,
                makeups,
            },
        );
    }

    /// The visit of `visitor` if it is waiting.
    pub(crate) fn waiting_visit(&self, visitor: VisitorId) -> Option<Visit> {
        self.waiting
            .iter()
            .find(|w| w.visit.visitor == visitor)
            .map(|w| w.visit)
    }

    /// A waiting visitor turns out to be registered client `client` (the
    /// host confirmed it, P2-3.1): its visit takes the client, its owner
    /// (`None`: received as new) and deposit flag as the registry knows
    /// them, and the waiting visitors are served again, so a client whose
    /// owner is free goes to it and one whose owner is busy keeps waiting
    /// as a returning client under the stand-in rules. False, and nothing
    /// changed, when `visitor` is not waiting.
    pub(crate) fn identify_waiting(
        &mut self,
        policy: &Policy,
        visitor: VisitorId,
        client: crate::ClientId,
        owner: Option<AgentId>,
        deposit_paid: bool,
        out: &mut Out,
    ) -> bool {
        let owner_slot = owner.and_then(|o| self.slot_of(o));
        let Some(i) = self.waiting.iter().position(|w| w.visit.visitor == visitor) else {
            return false;
        };
        self.waiting.update(i, |w| {
            w.visit.client = Some(client);
            w.visit.owner = owner;
            w.slots.owner = owner_slot;
            w.visit.deposit_paid = deposit_paid;
        });
        self.serve_waiting(policy, out);
        true
    }

    /// Whether `agent` is suspended (待岗, P1-21).
    pub(crate) fn is_suspended(&self, agent: AgentId) -> bool {
        self.slot_of(agent).is_some_and(|s| self.agent(s).suspended)
    }

    /// The reception `agent` is busy with, if any.
    pub(crate) fn reception_of(&self, agent: AgentId) -> Option<&Busy> {
        self.slot_of(agent)
            .and_then(|s| self.agent(s).busy.as_ref())
    }
}

/// What the board shows: a read-only view of the queue under its policy,
/// borrowed from a [`State`](crate::State) ([`State::board`](crate::State::board)).
/// [`Board::view`] is an owned snapshot of all of it ([`BoardView`]); with
/// feature `serde` a `Board` serialises as that snapshot. The `_iter`
/// queries, [`Board::up_next`] and [`Board::next_up_into`] allocate nothing.
///
/// ```
/// use anchang::{replay, AgentId, Event, Policy, Timestamp};
/// use anchang::event::{Arrive, SignIn};
/// use anchang::queue::Status;
///
/// let t = |s: &str| s.parse::<Timestamp>().unwrap();
/// let a = |s: &str| s.parse::<AgentId>().unwrap();
/// let log = [
///     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: a("Li") }),
///     Event::new(2, t("2026-03-02T09:01:00"), SignIn { agent: a("Wang") }),
///     Event::new(3, t("2026-03-02T09:02:00"), SignIn { agent: a("Zhang") }),
///     Event::new(4, t("2026-03-02T10:00:00"), Arrive::walk_in("v1".parse().unwrap())),
/// ];
/// let day = replay(&Policy::p2(), &log).unwrap();
/// let board = day.state.board();
/// assert_eq!(board.next_up(2), [a("Wang"), a("Zhang")]); // P1-3: the next two up
/// assert_eq!(board.duty_helper(), Some(a("Zhang")));     // P1-5: the last free
/// assert_eq!(board.phone_duty(), [a("Li")]);             // P2-3.3: the last of the rotation
/// assert!(matches!(board.agent(a("Li")).unwrap().status, Status::Busy { .. }));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Board<'a> {
    pub(crate) queue: &'a Queue,
    pub(crate) policy: &'a Policy,
}

impl<'a> Board<'a> {
    /// The rotation in order, the agent up next first; suspended and
    /// off-shift agents are left out (they are not in the rotation).
    pub fn rotation(&self) -> Vec<AgentId> {
        self.rotation_iter().collect()
    }

    /// The next `n` agents who would receive counted visitors arriving now
    /// (P1-3 shows two), in the order the pick takes them: make-ups at the
    /// head first, then the rotation, with make-ups placed last where the
    /// round ends (P3-1), each agent once. [`Board::next_up_into`] fills a
    /// buffer instead; [`Board::up_next`] is the first alone.
    pub fn next_up(&self, n: usize) -> Vec<AgentId> {
        let mut out = Vec::with_capacity(n.min(self.queue.agents.len()));
        self.next_up_into(n, &mut out);
        out
    }

    /// The duty helper (义务接待, P1-5): the free agent last in the rotation,
    /// who assists the next reception and stands in for a busy owner.
    pub fn duty_helper(&self) -> Option<AgentId> {
        self.queue
            .last_free(self.policy, [None, None])
            .map(|s| self.queue.agent(s).id)
    }

    /// The phone-duty agents: the last N of the rotation, N the policy's
    /// hotline count (P2-3.3), the very last first. It is a duty, so it
    /// moves with the rotation, not with who is on a line: an agent on phone
    /// duty already answering a call stays on duty and the next call goes
    /// to the next of them who is free.
    ///
    /// "Last" by model: in a cycle, the agents just before the one up next
    /// (the last to have had their turn); in rounds, the end of
    /// [`Board::rotation`] (those who already took this round's turn, in
    /// the order of the rotation); on the up board, the end of the line. Agents out of the line
    /// in counted receptions are not in the up board's rotation and so not
    /// on phone duty; with fewer agents in the line than hotlines, fewer
    /// are on duty.
    pub fn phone_duty(&self) -> Vec<AgentId> {
        self.phone_duty_iter().collect()
    }

    /// Every agent seen, in order of first sign-in.
    pub fn agents(&self) -> Vec<AgentView> {
        self.agents_iter().collect()
    }

    /// One agent.
    pub fn agent(&self, agent: AgentId) -> Option<AgentView> {
        self.queue.slot_of(agent).map(|s| self.queue.agent_view(s))
    }

    /// The reception `agent` is busy with, if any.
    pub fn reception(&self, agent: AgentId) -> Option<&'a Busy> {
        self.queue.reception_of(agent)
    }

    /// The make-ups owed, in the order they fell due.
    pub fn makeups(&self) -> &'a [MakeUp] {
        self.queue.ledger.entries()
    }

    /// The visitors waiting, in arrival order.
    pub fn waiting(&self) -> Vec<Waiting> {
        self.waiting_iter().copied().collect()
    }

    /// The policy the board is read under.
    pub fn policy(&self) -> &'a Policy {
        self.policy
    }
}
