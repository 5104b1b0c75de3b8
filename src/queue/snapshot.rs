//! Reading a queue back from a snapshot, checked.

use std::collections::{BTreeMap, VecDeque};

use super::agent::AgentState;
use super::ledger::Ledger;
use super::rotation::Rotation;
use super::{Queue, Waiting};
use crate::AgentId;

/// A queue as serialised, before its cross-references are checked.
#[derive(serde::Deserialize)]
pub(super) struct QueueData {
    agents: Vec<AgentState>,
    index: BTreeMap<AgentId, u16>,
    rotation: Rotation,
    ledger: Ledger,
    waiting: VecDeque<Waiting>,
}

impl TryFrom<QueueData> for Queue {
    type Error = String;

    fn try_from(d: QueueData) -> Result<Queue, String> {
        let n = d.agents.len();
        let slot_ok = |s: u16| usize::from(s) < n;
        if d.index.len() != n {
            return Err(format!(
                "the index has {} agents, the roster {n}",
                d.index.len()
            ));
        }
        for (id, s) in &d.index {
            if !slot_ok(*s) || d.agents[usize::from(*s)].id != *id {
                return Err(format!(
                    "agent {id} is indexed at slot {s}, where it is not"
                ));
            }
        }
        let r = &d.rotation;
        if let Some(s) = r.order.iter().chain(&r.pending).find(|s| !slot_ok(**s)) {
            return Err(format!("the rotation names slot {s} of {n}"));
        }
        let mut seen = std::collections::BTreeSet::new();
        if let Some(s) = r.order.iter().find(|s| !seen.insert(**s)) {
            return Err(format!("slot {s} stands twice in the rotation's order"));
        }
        let mut pending = std::collections::BTreeSet::new();
        if let Some(s) = r
            .pending
            .iter()
            .find(|s| !pending.insert(**s) || !seen.contains(s))
        {
            return Err(format!(
                "slot {s} waits for a turn twice or outside the order"
            ));
        }
        if !r.order.is_empty() && r.next >= r.order.len() {
            return Err(format!(
                "the turn is at {} of an order of {}",
                r.next,
                r.order.len()
            ));
        }
        if let Some(m) = d.ledger.entries().iter().find(|m| !slot_ok(m.slot)) {
            return Err(format!("a make-up names slot {} of {n}", m.slot));
        }
        if let Some(w) = d
            .waiting
            .iter()
            .find(|w| w.exclude.is_some_and(|s| !slot_ok(s)))
        {
            return Err(format!(
                "waiting visitor {} excludes a slot of {n}",
                w.visit.visitor
            ));
        }
        Ok(Queue {
            busy_visitors: super::BusyVisitors::of(&d.agents),
            slots: super::SlotTable::of(&d.agents),
            passes: super::routing::PassBuffer::default(),
            agents: d.agents,
            index: d.index,
            rotation: d.rotation,
            ledger: d.ledger,
            waiting: d.waiting.into(),
        })
    }
}
