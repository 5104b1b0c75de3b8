//! Unit inventory control (销控, P4-5): a unit that holds a live deposit or
//! is sold cannot take another deposit; cancelling frees it.

use std::collections::BTreeMap;

use crate::{DealId, UnitId};

/// The units taken, each by its live deal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub(crate) struct Inventory {
    taken: BTreeMap<UnitId, DealId>,
}

impl Inventory {
    /// The live deal holding `unit`, if any.
    pub fn holder(&self, unit: UnitId) -> Option<DealId> {
        self.taken.get(&unit).copied()
    }

    /// `deal` takes `unit`. The caller checked it was free.
    pub fn take(&mut self, unit: UnitId, deal: DealId) {
        debug_assert!(self.holder(unit).is_none(), "P4-5: {unit} taken twice");
        self.taken.insert(unit, deal);
    }

    /// `unit` is free again.
    pub fn free(&mut self, unit: UnitId) {
        self.taken.remove(&unit);
    }

    /// Every unit taken, with its deal, by unit.
    pub fn iter(&self) -> impl Iterator<Item = (UnitId, DealId)> + '_ {
        self.taken.iter().map(|(u, d)| (*u, *d))
    }
}
