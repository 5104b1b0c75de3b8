//! The make-up ledger (补接): who is owed a turn, why, since when, and where
//! it will be taken. One entry per absence or busy spell however many turns
//! were missed (P2-3.10, P2-3.11, P3-1); entries are taken in the order they
//! fell due; an unused one lapses at sign-out.

use crate::policy::{PassReason, Placement};
use crate::{AgentId, Rules, Timestamp};

/// Why a make-up is owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "why", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MakeUpReason {
    /// A turn was passed over.
    PassedOver {
        /// Why it was passed over.
        reason: PassReason,
    },
    /// Back from a manager's errand (P2-3.11).
    ErrandReturn,
}

/// One make-up owed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MakeUp {
    /// The agent owed.
    pub agent: AgentId,
    /// Where it will be taken.
    pub placement: Placement,
    /// Why it is owed.
    pub reason: MakeUpReason,
    /// Since when.
    pub since: Timestamp,
    /// The rules that grant it.
    pub rules: Rules,
    pub(crate) slot: u16,
    pub(crate) spell: u32,
}

/// The entries, in the order they fell due.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub(crate) struct Ledger(Vec<MakeUp>);

impl Ledger {
    pub fn entries(&self) -> &[MakeUp] {
        &self.0
    }

    /// Whether a make-up is already owed to `slot` for its spell `spell`.
    pub fn owes(&self, slot: u16, spell: u32) -> bool {
        self.0.iter().any(|m| m.slot == slot && m.spell == spell)
    }

    pub fn count_for(&self, slot: u16) -> u32 {
        self.0.iter().filter(|m| m.slot == slot).count() as u32
    }

    /// Room for `n` entries in all.
    pub fn reserve_total(&mut self, n: usize) {
        self.0.reserve(n.saturating_sub(self.0.len()));
    }

    pub fn grant(&mut self, m: MakeUp) {
        self.0.push(m);
    }

    /// The first entry at `placement` whose agent `ready` says can take it.
    pub fn first_ready(&self, placement: Placement, ready: impl Fn(u16) -> bool) -> Option<usize> {
        self.0
            .iter()
            .position(|m| m.placement == placement && ready(m.slot))
    }

    /// The first entry owed to `slot`, wherever it is placed.
    pub fn first_for(&self, slot: u16) -> Option<usize> {
        self.0.iter().position(|m| m.slot == slot)
    }

    pub fn get(&self, i: usize) -> &MakeUp {
        &self.0[i]
    }

    pub fn take(&mut self, i: usize) -> MakeUp {
        self.0.remove(i)
    }

    /// Puts back a make-up taken for a reception that did not happen, in
    /// its place among the others (they are in the order they fell due).
    pub fn restore(&mut self, m: MakeUp) {
        let at = self.0.partition_point(|o| o.since <= m.since);
        self.0.insert(at, m);
    }

    /// Removes `slot`'s entries (all entries with `None`), in order, each
    /// handed to `gone`. In place: the list keeps its room (a new list
    /// each sign-out would be grown again by the next make-ups owed).
    pub fn lapse(&mut self, slot: Option<u16>, mut gone: impl FnMut(MakeUp)) {
        self.0.retain(|m| {
            let lapses = slot.is_none_or(|s| m.slot == s);
            if lapses {
                gone(*m);
            }
            !lapses
        });
    }
}
