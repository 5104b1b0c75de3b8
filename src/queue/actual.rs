//! The reception the floor recorded (a `receive` event): the floor follows
//! what did happen, whoever the rotation had given the visitor to.

use super::agent::Busy;
use super::{Queue, QueueError};
use crate::decision::{Out, Via, What};
use crate::policy::{Consequence, PassReason, Policy, RotationModel};
use crate::{rules, AgentId, VisitorId};

impl Queue {
    /// `agent` actually received `visitor`. Nothing changes when the
    /// engine had already given it to `agent`. Otherwise the visitor
    /// leaves the waiting list or the agent the engine gave it to; that
    /// agent is free again, its count of it undone and, when the visitor
    /// had taken its rotation turn, the turn given back: it stays up (in a
    /// cycle, only while no later turn was given since); when it had used
    /// a make-up, the make-up is owed again (P2-3.10, P3-1). The
    /// receiver is busy with it; an earlier reception it had is closed
    /// (it cannot be with two: P1-7 is the audit's to report). A visitor
    /// the rotation gave another, taken by an agent who is not its own
    /// agent, costs the receiver its turn (轮空, P1-6, P2-3.7: no make-up).
    ///
    /// # Errors
    /// An unknown or signed-out agent; a visitor neither waiting nor
    /// being received. The state is then unchanged.
    pub(crate) fn receive_actual(
        &mut self,
        policy: &Policy,
        visitor: VisitorId,
        agent: AgentId,
        out: &mut Out,
    ) -> Result<(), QueueError> {
        let slot = self.signed_in(agent)?;
        if self
            .agent(slot)
            .busy
            .is_some_and(|b| b.visit.visitor == visitor)
        {
            return Ok(());
        }
        let from = self
            .agents
            .iter()
            .position(|a| a.busy.is_some_and(|b| b.visit.visitor == visitor));
        let waiting = self.waiting.iter().position(|w| w.visit.visitor == visitor);
        let (prescribed, taken) = match (from, waiting) {
            (Some(i), _) => {
                let i = i as u16;
                let busy = self.take_busy(i).expect("found above");
                self.give_back(i, &busy);
                (Some(self.agent(i).id), busy)
            }
            (None, Some(w)) => {
                let w = self.waiting.remove(w).expect("found above");
                let counted =
                    w.visit.owner.is_none() && !policy.uncounted.value.contains(w.visit.purpose);
                let via = Via::Rotation;
                let at = out.at;
                (
                    None,
                    Busy {
                        visit: w.visit,
                        via,
                        counted,
                        uses_turn: false,
                        since: at,
                        makeup: None,
                    },
                )
            }
            (None, None) => return Err(QueueError::NotWaiting(visitor)),
        };
        if let Some(earlier) = self.take_busy(slot) {
            self.rotation.rejoin(slot);
            out.push(
                rules![P1_7],
                What::Ended {
                    agent,
                    visitor: earlier.visit.visitor,
                    at_day_end: false,
                },
            );
        }
        let own = taken.visit.owner == Some(agent);
        let via = if own {
            Via::Owner
        } else if taken.visit.named == Some(agent) {
            Via::Named
        } else {
            taken.via
        };
        // The rotation gave it: by the agent's turn or by its make-up.
        let by_rotation = taken.uses_turn || taken.makeup.is_some();
        let forfeited = prescribed.is_some() && by_rotation && !own;
        // The make-up stays with the agent it was owed to: given back
        // above, not carried to the receiver.
        let busy = Busy {
            via,
            uses_turn: taken.uses_turn && !own,
            since: out.at,
            makeup: None,
            ..taken
        };
        self.set_busy(slot, busy);
        let a = &mut self.agents[usize::from(slot)];
        a.spell += 1;
        if taken.counted {
            a.stats.counted += 1;
        } else {
            a.stats.uncounted += 1;
        }
        if forfeited {
            let cell = policy.pass_over.declined;
            let consequence = match cell.value {
                Consequence::MakeUp(_) => Consequence::Forfeit,
                c => c,
            };
            self.charge(slot, PassReason::Declined, consequence, cell.rules, out.at);
            self.rotation.pass(slot);
        }
        // Breaking the order is cited only where a visitor was taken from
        // the agent it was given to; taking one left waiting breaks nothing.
        let cited = if prescribed.is_some() {
            rules![P1_6, P2_3_7]
        } else {
            crate::Rules::NONE
        };
        out.push(
            cited,
            What::Recorded {
                visitor,
                agent,
                prescribed,
                forfeited,
            },
        );
        Ok(())
    }

    /// The agent the engine had given a visitor to did not receive it: it
    /// is free, its count undone, and a rotation turn or a make-up the
    /// visitor took is its again (it stays up; the make-up is owed again,
    /// in its place: P2-3.10, P3-1).
    fn give_back(&mut self, slot: u16, busy: &Busy) {
        let a = &mut self.agents[usize::from(slot)];
        if busy.counted {
            a.stats.counted = a.stats.counted.saturating_sub(1);
        } else {
            a.stats.uncounted = a.stats.uncounted.saturating_sub(1);
        }
        if let Some(m) = busy.makeup {
            a.stats.makeups_used = a.stats.makeups_used.saturating_sub(1);
            self.ledger.restore(m);
        }
        if busy.uses_turn && busy.via == Via::Rotation {
            match self.rotation.model {
                // Only while its turn is still the last the cycle gave: a
                // receive recorded after later arrivals leaves the pointer
                // where they moved it, rather than giving them turns again.
                RotationModel::Cycle => {
                    let n = self.rotation.order.len();
                    let pos = self.rotation.order.iter().position(|s| *s == slot);
                    if let Some(pos) = pos.filter(|p| (p + 1) % n == self.rotation.next) {
                        self.rotation.next = pos;
                    }
                }
                RotationModel::Rounds | RotationModel::UpBoard => {
                    self.rotation.pending.retain(|s| *s != slot);
                    self.rotation.pending.insert(0, slot);
                }
            }
        } else {
            self.rotation.rejoin(slot);
        }
    }

    /// Pauses `agent` from the rotation, or ends its pause, for overdue
    /// follow-ups (P2-2.13); says so when it changes. Nothing for an
    /// agent never seen.
    pub(crate) fn set_paused(&mut self, agent: AgentId, paused: bool, out: &mut Out) {
        let Some(slot) = self.slot_of(agent) else {
            return;
        };
        let a = &mut self.agents[usize::from(slot)];
        if a.paused == paused {
            return;
        }
        a.paused = paused;
        out.push(rules![P2_2_13], What::Paused { agent, paused });
    }
}
