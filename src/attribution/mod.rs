//! Deal attribution and commission split (P2, P3 kind A).

use crate::decision::Out;
use crate::event::EventKind;
use crate::policy::Policy;
use crate::DealId;

/// Why the deal book rejects an event. The state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DealError {
    /// The event names a deal never opened.
    #[error("deal {0} is unknown")]
    UnknownDeal(DealId),
}

impl DealError {
    /// The event field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            DealError::UnknownDeal(_) => "deal",
        }
    }
}

/// Every deal of the office.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DealBook {}

impl DealBook {
    /// Applies a deal event; other events are ignored.
    pub(crate) fn apply(
        &mut self,
        _policy: &Policy,
        _registry: &crate::Registry,
        _kind: &EventKind,
        _out: &mut Out,
    ) -> Result<(), DealError> {
        Ok(())
    }
}
