//! Why the deal book rejects an event.

use crate::money::{BasisPoints, Fen};
use crate::{AgentId, ClientId, DealId, Lang, UnitId};

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

impl DealError {
    /// A stable code, e.g. `"deal.unit_taken"`.
    pub fn code(&self) -> &'static str {
        match self {
            DealError::UnknownDeal(_) => "deal.unknown_deal",
            DealError::DuplicateDeal(_) => "deal.duplicate_deal",
            DealError::UnknownClient(_) => "deal.unknown_client",
            DealError::UnitTaken { .. } => "deal.unit_taken",
            DealError::BadPrice(_) => "deal.bad_price",
            DealError::BadRate(_) => "deal.bad_rate",
            DealError::AlreadySigned(_) => "deal.already_signed",
            DealError::Cancelled(_) => "deal.cancelled",
            DealError::NoShares => "deal.no_shares",
            DealError::ZeroWeights => "deal.zero_weights",
            DealError::NotWhole(_) => "deal.not_whole",
            DealError::RecordsAndShares => "deal.records_and_shares",
            DealError::NoRecords(_) => "deal.no_records",
            DealError::DuplicatePayee(_) => "deal.duplicate_payee",
            DealError::NotRuled(_) => "deal.not_ruled",
            DealError::AlreadyConfiscated(_) => "deal.already_confiscated",
            DealError::DuplicateEntry(_) => "deal.duplicate_entry",
            DealError::NegativeAmount(_) => "deal.negative_amount",
            DealError::Overflow => "deal.overflow",
        }
    }

    /// What is wrong and what to do, in `lang`.
    ///
    /// ```
    /// use anchang::{DealError, Lang};
    /// let e = DealError::NotWhole(9_000);
    /// assert_eq!(e.message(Lang::Zh), "裁定的分成合计 9000 个基点，须正好是 10000（即 100%），请调整");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return match self {
                DealError::UnknownDeal(_) => format!("{self}; record the deposit first"),
                DealError::UnknownClient(_) => format!("{self}; register the client first"),
                DealError::NotWhole(_) => format!("{self}; adjust the shares"),
                _ => format!("{self}; check the event"),
            };
        }
        match self {
            DealError::UnknownDeal(d) => format!("成交 {d} 没有下定记录，请先登记下定"),
            DealError::DuplicateDeal(d) => format!("成交编号 {d} 已经用过了，请换一个编号"),
            DealError::UnknownClient(c) => format!("客户 {c} 还没有登记，不能下定，请先登记客户"),
            DealError::UnitTaken { unit, by } => {
                format!("房号 {unit} 已被成交 {by} 占用（已下定或已售出），不能重复下定（P4-5）")
            }
            DealError::BadPrice(_) => "成交价必须大于零，请核对金额".into(),
            DealError::BadRate(r) => format!("佣金比例或系数 {r} 超过了 100%，请核对政策设置"),
            DealError::AlreadySigned(d) => format!("成交 {d} 已经签约，不能重复签约"),
            DealError::Cancelled(d) => format!("成交 {d} 已经取消，不能再办理"),
            DealError::NoShares => "裁定至少要列出一位分佣的置业顾问".into(),
            DealError::ZeroWeights => "裁定的分配比例不能全为零，请填写各人的比例".into(),
            DealError::NotWhole(n) => {
                format!("裁定的分成合计 {n} 个基点，须正好是 10000（即 100%），请调整")
            }
            DealError::RecordsAndShares => "按接待记录裁定时不要再列分成，请删去 shares".into(),
            DealError::NoRecords(d) => {
                format!("成交 {d} 的相关置业顾问都没有接待记录，无法按记录裁定，请直接写明分成")
            }
            DealError::DuplicatePayee(a) => format!("{a} 在裁定里出现了两次，请合并为一项"),
            DealError::NotRuled(d) => format!(
                "成交 {d} 还没有经理裁定：须先裁定，裁定后仍有争议才将佣金划入案场活动基金（P2-1.6）"
            ),
            DealError::AlreadyConfiscated(d) => {
                format!("成交 {d} 的佣金已经划入案场活动基金，不能再办理")
            }
            DealError::DuplicateEntry(c) => {
                format!("客户 {c} 在有效客户登记表里出现了两次，请只保留一行")
            }
            DealError::NegativeAmount(_) => "要分配的金额是负数，请核对金额".into(),
            DealError::Overflow => "金额超出了可计算的范围，请核对金额是否填错".into(),
        }
    }
}
