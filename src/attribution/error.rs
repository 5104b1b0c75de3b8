//! Why the deal book rejects an event.

use crate::money::{BasisPoints, Fen};
use crate::{AgentId, ClientId, DealId, UnitId};

/// A deal event the book does not accept, or money arithmetic that would
/// leave the range of [`Fen`]. When applying an event fails the book is
/// exactly as before: every check runs before anything changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DealError {
    /// The event names a deal never opened by a deposit (a contract,
    /// objection, ruling or cancellation before its deposit).
    #[error("deal {0} is unknown: no deposit opened it")]
    UnknownDeal(DealId),
    /// A deposit reuses the id of a deal already opened.
    #[error("deal {0} already exists")]
    DuplicateDeal(DealId),
    /// A deposit for a client the registry does not know.
    #[error("client {0} is not registered")]
    UnknownClient(ClientId),
    /// The unit holds a live deposit or is sold (P4-5).
    #[error("unit {unit} is taken by deal {by} (P4-5)")]
    UnitTaken {
        /// The unit.
        unit: UnitId,
        /// The live deal holding it.
        by: DealId,
    },
    /// A price that is zero or negative.
    #[error("price {0} is not positive")]
    BadPrice(Fen),
    /// A commission rate or developer factor above 10,000 basis points (more
    /// than the price, or more than the whole commission).
    #[error("rate {0} is above 100%")]
    BadRate(BasisPoints),
    /// A contract for a deal already signed.
    #[error("deal {0} is already signed")]
    AlreadySigned(DealId),
    /// The deal is cancelled: nothing more happens to it.
    #[error("deal {0} is cancelled")]
    Cancelled(DealId),
    /// A ruling with no shares.
    #[error("a ruling needs at least one share")]
    NoShares,
    /// A ruling in weights whose weights are all zero.
    #[error("a ruling's weights may not all be zero")]
    ZeroWeights,
    /// A ruling in basis points whose parts do not sum to exactly 10,000.
    #[error("a ruling's basis points sum to {0}, not 10,000")]
    NotWhole(u64),
    /// A ruling by the records that also lists shares.
    #[error("a ruling by the records lists no shares")]
    RecordsAndShares,
    /// A ruling by the records when no agent with a claim on the deal has a
    /// reception on record.
    #[error("deal {0}: no claimant has a reception on record")]
    NoRecords(DealId),
    /// A ruling names an agent twice.
    #[error("agent {0} appears twice in the ruling")]
    DuplicatePayee(AgentId),
    /// Agents still disagreeing before any ruling: P2-1.6 confiscates only
    /// after the manager's ruling.
    #[error("deal {0} has no ruling to disagree with")]
    NotRuled(DealId),
    /// The deal's commission already went to the site activity fund.
    #[error("deal {0} is already confiscated")]
    AlreadyConfiscated(DealId),
    /// An effective-client register lists one client twice.
    #[error("client {0} appears twice in the register")]
    DuplicateEntry(ClientId),
    /// An amount to split is negative.
    #[error("amount {0} is negative")]
    NegativeAmount(Fen),
    /// A sum of money leaves the range of [`Fen`].
    #[error("a sum of money overflows")]
    Overflow,
}

impl DealError {
    /// The event field the error is about, for messages naming a line's field.
    pub fn field(&self) -> &'static str {
        match self {
            DealError::UnknownDeal(_)
            | DealError::DuplicateDeal(_)
            | DealError::AlreadySigned(_)
            | DealError::Cancelled(_)
            | DealError::NotRuled(_)
            | DealError::AlreadyConfiscated(_)
            | DealError::NoRecords(_) => "deal",
            DealError::UnknownClient(_) => "client",
            DealError::UnitTaken { .. } => "unit",
            DealError::BadPrice(_) | DealError::NegativeAmount(_) | DealError::Overflow => "price",
            DealError::BadRate(_) => "policy",
            DealError::NoShares
            | DealError::ZeroWeights
            | DealError::NotWhole(_)
            | DealError::DuplicatePayee(_)
            | DealError::RecordsAndShares => "shares",
            DealError::DuplicateEntry(_) => "entries",
        }
    }
}
