//! The rotation order under each model (P1-1, P2-3.3, P3-1, up board).
//!
//! One struct serves all three models so that a policy change part-way
//! through a log can switch models without losing the order:
//! - Cycle: `order` with a pointer `next` to the position whose turn it is;
//!   the turn passes to whoever follows the agent who received (P1-1).
//! - Rounds: `pending` holds the agents still waiting for this round's
//!   turn, in order; a round ends when none of them can receive (P3-1).
//! - UpBoard: `pending` is the line of agents not in a counted reception;
//!   an agent rejoins its end when its reception ends.

use std::ops::ControlFlow;

use crate::policy::RotationModel;

/// A place the scan for the next receiver looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cand {
    /// An agent of the rotation.
    Agent {
        slot: u16,
        /// Position in `order` (cycle) or in `pending` (rounds, up board).
        pos: usize,
        /// Rounds: reached only by starting a new round.
        new_round: bool,
    },
    /// The end of a round: make-ups placed last are taken here.
    RoundEnd,
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Rotation {
    pub model: RotationModel,
    /// Every signed-in agent, in sign-in order or as the manager set it.
    pub order: Vec<u16>,
    /// Cycle: the position in `order` whose turn it is.
    pub next: usize,
    /// Rounds: agents yet to take this round's turn; up board: the line.
    pub pending: Vec<u16>,
    /// Rounds: the round under way, from 1.
    pub round: u32,
    /// Up board: the agents a switch into it carried as yet to have their
    /// turn (issue 7, item 2), until they take it or are passed over: one
    /// busy at the switch joins the line, when free, ahead of every agent
    /// who had its turn, so nobody has a second turn before they had theirs.
    #[cfg_attr(feature = "serde", serde(default))]
    pub carried: Vec<u16>,
}

fn remove(v: &mut Vec<u16>, slot: u16) -> Option<usize> {
    let i = v.iter().position(|s| *s == slot)?;
    v.remove(i);
    Some(i)
}

impl Rotation {
    pub fn new(model: RotationModel) -> Self {
        Rotation {
            model,
            order: Vec::new(),
            next: 0,
            pending: Vec::new(),
            round: 1,
            carried: Vec::new(),
        }
    }

    /// Visits the candidates in the order the rotation offers them.
    pub fn scan<T>(&self, mut f: impl FnMut(Cand) -> ControlFlow<T>) -> Option<T> {
        let go = |r: ControlFlow<T>| match r {
            ControlFlow::Break(t) => Some(t),
            ControlFlow::Continue(()) => None,
        };
        match self.model {
            RotationModel::Cycle => {
                let n = self.order.len();
                if n == 0 {
                    return go(f(Cand::RoundEnd));
                }
                for k in 0..n {
                    let pos = (self.next + k) % n;
                    if pos == 0 {
                        if let Some(t) = go(f(Cand::RoundEnd)) {
                            return Some(t);
                        }
                    }
                    let slot = self.order[pos];
                    if let Some(t) = go(f(Cand::Agent {
                        slot,
                        pos,
                        new_round: false,
                    })) {
                        return Some(t);
                    }
                }
                None
            }
            RotationModel::Rounds | RotationModel::UpBoard => {
                for (pos, slot) in self.pending.iter().enumerate() {
                    let c = Cand::Agent {
                        slot: *slot,
                        pos,
                        new_round: false,
                    };
                    if let Some(t) = go(f(c)) {
                        return Some(t);
                    }
                }
                if let Some(t) = go(f(Cand::RoundEnd)) {
                    return Some(t);
                }
                if self.model == RotationModel::Rounds {
                    for (pos, slot) in self.order.iter().enumerate() {
                        let c = Cand::Agent {
                            slot: *slot,
                            pos,
                            new_round: true,
                        };
                        if let Some(t) = go(f(c)) {
                            return Some(t);
                        }
                    }
                }
                None
            }
        }
    }

    /// The whole order, the agent up next first.
    pub fn upcoming(&self) -> Vec<u16> {
        match self.model {
            RotationModel::Cycle => {
                let n = self.order.len();
                (0..n).map(|k| self.order[(self.next + k) % n]).collect()
            }
            RotationModel::Rounds | RotationModel::UpBoard => {
                let mut v = self.pending.clone();
                v.extend(self.order.iter().filter(|s| !self.pending.contains(s)));
                v
            }
        }
    }

    /// The agent nearest the end of the order that `f` accepts. Allocates
    /// only for rounds and the up board, whose end mixes two lists.
    pub fn find_from_end(&self, f: impl Fn(u16) -> bool) -> Option<u16> {
        match self.model {
            RotationModel::Cycle => {
                // The cycle's upcoming order is order[next..] then
                // order[..next]; its end comes first read backwards.
                // Two plain loops, not a chained iterator: this is asked
                // on every reception (the duty helper, P1-5).
                let (before, from) = self.order.split_at(self.next.min(self.order.len()));
                for &s in before.iter().rev() {
                    if f(s) {
                        return Some(s);
                    }
                }
                for &s in from.iter().rev() {
                    if f(s) {
                        return Some(s);
                    }
                }
                None
            }
            // The end of rounds and the up board is the agents out of
            // `pending`, then `pending`, both read backwards; a bitmask of
            // `pending` keeps that linear and allocation-free on any floor
            // of up to 256 agents seen.
            _ if self.order.iter().all(|s| *s < 256) => {
                let mut mask = [0u64; 4];
                for s in &self.pending {
                    mask[usize::from(s >> 6)] |= 1 << (s & 63);
                }
                let pending = |s: u16| mask[usize::from(s >> 6)] & (1 << (s & 63)) != 0;
                // Plain loops, as for the cycle, not a filtered chain
                // (P3 fold day: 2,064 -> 2,038 instructions an event).
                for &s in self.order.iter().rev() {
                    if !pending(s) && f(s) {
                        return Some(s);
                    }
                }
                for &s in self.pending.iter().rev() {
                    if f(s) {
                        return Some(s);
                    }
                }
                None
            }
            _ => self.upcoming().into_iter().rev().find(|s| f(*s)),
        }
    }

    /// An agent passed over by a pick loses its place for this round
    /// (rounds), or goes to the end of the line (up board). In a cycle the
    /// pointer moving past it is the loss (P1-1).
    pub fn pass(&mut self, slot: u16) {
        remove(&mut self.carried, slot);
        match self.model {
            RotationModel::Cycle => {}
            RotationModel::Rounds => {
                remove(&mut self.pending, slot);
            }
            RotationModel::UpBoard => {
                if remove(&mut self.pending, slot).is_some() {
                    self.pending.push(slot);
                }
            }
        }
    }

    /// Rounds: an agent still to take this round's turn moves to the end
    /// of those not yet received (P3-1).
    pub fn place_last(&mut self, slot: u16) {
        if self.model == RotationModel::Rounds && remove(&mut self.pending, slot).is_some() {
            self.pending.push(slot);
        }
    }

    /// Rounds: starts the next round with everyone.
    pub fn start_round(&mut self) {
        self.round += 1;
        // Copied into the room it has: a new round allocates nothing.
        self.pending.clear();
        self.pending.extend_from_slice(&self.order);
    }

    /// The agent at `pos` takes its turn from the rotation.
    pub fn take(&mut self, slot: u16, pos: usize) {
        remove(&mut self.carried, slot);
        match self.model {
            RotationModel::Cycle => {
                if !self.order.is_empty() {
                    self.next = (pos + 1) % self.order.len();
                }
            }
            RotationModel::Rounds | RotationModel::UpBoard => {
                remove(&mut self.pending, slot);
            }
        }
    }

    /// The agent takes its turn without the rotation offering it (a named
    /// visitor under a policy that uses the turn): its round turn is used,
    /// or it leaves the line. A cycle keeps no per-agent turn to use.
    pub fn take_out_of_turn(&mut self, slot: u16) {
        remove(&mut self.carried, slot);
        if self.model != RotationModel::Cycle {
            remove(&mut self.pending, slot);
        }
    }

    /// Up board: the agent leaves the line for a make-up, keeping the turn
    /// a switch carried for it (a make-up is no turn of the line).
    pub fn leave_line(&mut self, slot: u16) {
        if self.model == RotationModel::UpBoard {
            remove(&mut self.pending, slot);
        }
    }

    /// Up board: a free agent not in the line joins its end, or, if a
    /// switch carried it as yet to have its turn, the end of those so
    /// carried, ahead of the agents who had theirs.
    pub fn rejoin(&mut self, slot: u16) {
        if self.model == RotationModel::UpBoard
            && self.order.contains(&slot)
            && !self.pending.contains(&slot)
        {
            let at = if self.carried.contains(&slot) {
                let carried = &self.carried;
                self.pending
                    .iter()
                    .position(|s| !carried.contains(s))
                    .unwrap_or(self.pending.len())
            } else {
                self.pending.len()
            };
            self.pending.insert(at, slot);
        }
    }

    /// A signing-in agent joins the end. In rounds it waits for the next
    /// round if it already took this round's turn.
    pub fn join(&mut self, slot: u16, took_this_round: bool) {
        self.order.push(slot);
        match self.model {
            RotationModel::Cycle => {
                if self.order.len() == 1 {
                    self.next = 0;
                }
            }
            RotationModel::Rounds if took_this_round => {}
            RotationModel::Rounds | RotationModel::UpBoard => self.pending.push(slot),
        }
    }

    /// A signing-out agent leaves.
    pub fn leave(&mut self, slot: u16) {
        if let Some(i) = remove(&mut self.order, slot) {
            if i < self.next {
                self.next -= 1;
            }
            if self.next >= self.order.len() {
                self.next = 0;
            }
        }
        remove(&mut self.pending, slot);
        remove(&mut self.carried, slot);
    }

    /// The manager's new order; the head is up next.
    pub fn reorder(&mut self, order: Vec<u16>) {
        let pos = |s: &u16| order.iter().position(|o| o == s).unwrap_or(usize::MAX);
        self.pending.sort_by_key(pos);
        self.order = order;
        self.next = 0;
    }

    /// The agents yet to have their turn in this round (rounds), this pass
    /// of the cycle (from the pointer to the end of the order), or in the
    /// line (up board), in the order they would have it.
    pub fn yet_to_take(&self) -> Vec<u16> {
        match self.model {
            RotationModel::Cycle => self.order[self.next.min(self.order.len())..].to_vec(),
            RotationModel::Rounds => self.pending.clone(),
            // The line, and the agents a switch carried who are busy: they
            // have not had their turn either.
            RotationModel::UpBoard => {
                let busy = self.carried.iter().filter(|s| !self.pending.contains(s));
                self.pending.iter().chain(busy).copied().collect()
            }
        }
    }

    /// Switches model, carrying the round under way (a policy change part
    /// way through a day keeps the day's history): the agents yet to have
    /// their turn in the old model have it first in the new one, in the
    /// order they would have had it, and the others after them. A cycle
    /// takes them as its order from the pointer; rounds as the agents not
    /// yet received this round (a new round number, so the others count as
    /// having taken its turn); the up board as its line, of those not in a
    /// counted reception (`in_line`). Returns the agents yet to take their
    /// turn, or `None` when the model does not change.
    pub fn set_model(
        &mut self,
        model: RotationModel,
        in_line: impl Fn(u16) -> bool,
    ) -> Option<Vec<u16>> {
        if model == self.model {
            return None;
        }
        let yet = self.yet_to_take();
        let rest = self.order.iter().copied().filter(|s| !yet.contains(s));
        let carried: Vec<u16> = yet.iter().copied().chain(rest).collect();
        self.model = model;
        self.next = 0;
        self.carried.clear();
        match model {
            RotationModel::Cycle => {
                self.order = carried;
                self.pending.clear();
            }
            RotationModel::Rounds => {
                self.round += 1;
                self.pending = yet.clone();
            }
            RotationModel::UpBoard => {
                self.pending = carried.into_iter().filter(|s| in_line(*s)).collect();
                self.carried = yet.clone();
            }
        }
        Some(yet)
    }

    /// Empties the rotation for a new day. The round number keeps counting,
    /// so no agent's turn of a round carries into the new day (an agent
    /// signed out the evening before took its turn in an earlier round).
    pub fn clear(&mut self) {
        self.order.clear();
        self.pending.clear();
        self.carried.clear();
        self.next = 0;
        self.round += 1;
    }
}
