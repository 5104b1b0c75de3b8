//! Decisions on deals and their attribution. Ids and amounts only: no
//! client names or phones.

use crate::attribution::{Payee, Rejection, ShareReason};
use crate::money::{BasisPoints, Fen};
use crate::registry::ClaimReason;
use crate::{AgentId, ClientId, DealId, Lang, UnitId};

/// A decision about a deal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(tag = "deal_decision", rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum DealDecision {
    /// A deposit opened a deal and took its unit (P4-5); its commission is
    /// fixed (halved for a developer's client, P2-1.8).
    Opened {
        /// The deal.
        deal: DealId,
        /// The client.
        client: ClientId,
        /// The unit, now taken.
        unit: UnitId,
        /// The agent who closed.
        closer: AgentId,
        /// The price.
        price: Fen,
        /// The commission.
        commission: Fen,
        /// Whether the developer introduced the client.
        developer: bool,
    },
    /// A payee is credited a share of a deal, for a reason.
    Credited {
        /// The deal.
        deal: DealId,
        /// Who.
        payee: Payee,
        /// Its share.
        share: BasisPoints,
        /// Its amount.
        amount: Fen,
        /// Why.
        reason: ShareReason,
    },
    /// Another agent has a claim the manager may weigh; it is not credited.
    ClaimFlagged {
        /// The deal.
        deal: DealId,
        /// The agent.
        agent: AgentId,
        /// Its claim.
        claim: ClaimReason,
    },
    /// An objection inside the window: the deal is disputed until a ruling.
    ObjectionAccepted {
        /// The deal.
        deal: DealId,
        /// The agent who objects.
        agent: AgentId,
        /// The agent the effective-client register gives the client to, which
        /// the dispute follows (P2-1.6).
        follows: Option<AgentId>,
    },
    /// An objection not accepted; nothing changes.
    ObjectionRejected {
        /// The deal.
        deal: DealId,
        /// The agent who objected.
        agent: AgentId,
        /// Why.
        why: Rejection,
    },
    /// The agents still disagree after the ruling: the commission goes to
    /// the site activity fund (P2-1.6).
    Confiscated {
        /// The deal.
        deal: DealId,
        /// The commission confiscated.
        amount: Fen,
    },
    /// The contract is signed: the unit is sold.
    Signed {
        /// The deal.
        deal: DealId,
        /// The agent who signed.
        signer: AgentId,
    },
    /// The commission is earned and posted to the payees' statements.
    Earned {
        /// The deal.
        deal: DealId,
        /// The commission.
        commission: Fen,
    },
    /// The deal is cancelled; its unit is free again (P4-5).
    Cancelled {
        /// The deal.
        deal: DealId,
        /// The unit freed.
        unit: UnitId,
    },
    /// An earned amount is clawed back from a payee after a cancellation.
    ClawedBack {
        /// The deal.
        deal: DealId,
        /// From whom.
        payee: Payee,
        /// The amount posted (negative).
        amount: Fen,
    },
    /// The manager took an effective-client register (P2-1.6).
    RegisterTaken {
        /// How many clients it lists.
        entries: usize,
    },
    /// A ruling gives the client's deal away from the agent the
    /// effective-client register names, which disputes should follow
    /// (P2-1.6 一律按登记表中的客户归属处理): flagged, not refused, since the
    /// manager's ruling stands.
    RulingDepartsFromRegister {
        /// The deal.
        deal: DealId,
        /// The agent the register names.
        registered: AgentId,
    },
}

impl DealDecision {
    /// The agent chiefly concerned.
    pub fn agent(&self) -> Option<AgentId> {
        match self {
            DealDecision::Opened { closer, .. } => Some(*closer),
            DealDecision::Credited { payee, .. } | DealDecision::ClawedBack { payee, .. } => {
                payee.agent()
            }
            DealDecision::ClaimFlagged { agent, .. }
            | DealDecision::ObjectionAccepted { agent, .. }
            | DealDecision::ObjectionRejected { agent, .. } => Some(*agent),
            DealDecision::Signed { signer, .. } => Some(*signer),
            DealDecision::RulingDepartsFromRegister { registered, .. } => Some(*registered),
            DealDecision::Confiscated { .. }
            | DealDecision::Earned { .. }
            | DealDecision::Cancelled { .. }
            | DealDecision::RegisterTaken { .. } => None,
        }
    }

    /// The deal concerned, if one.
    pub fn deal(&self) -> Option<DealId> {
        match self {
            DealDecision::Opened { deal, .. }
            | DealDecision::Credited { deal, .. }
            | DealDecision::ClaimFlagged { deal, .. }
            | DealDecision::ObjectionAccepted { deal, .. }
            | DealDecision::ObjectionRejected { deal, .. }
            | DealDecision::Confiscated { deal, .. }
            | DealDecision::Signed { deal, .. }
            | DealDecision::Earned { deal, .. }
            | DealDecision::Cancelled { deal, .. }
            | DealDecision::ClawedBack { deal, .. }
            | DealDecision::RulingDepartsFromRegister { deal, .. } => Some(*deal),
            DealDecision::RegisterTaken { .. } => None,
        }
    }
}

fn claim(c: ClaimReason, lang: Lang) -> &'static str {
    match (c, lang) {
        (ClaimReason::Owner, Lang::Zh) => "客户归属人",
        (ClaimReason::AlsoReceived, Lang::Zh) => "也接待过该客户",
        (ClaimReason::StandIn, Lang::Zh) => "代接待",
        (ClaimReason::Spouse, Lang::Zh) => "接待过其配偶",
        (ClaimReason::Family, Lang::Zh) => "接待过其家人",
        (ClaimReason::ClosedWithoutClaim, Lang::Zh) => "非归属人亦非代接待,成交记入原业务员",
        (ClaimReason::Owner, Lang::En) => "owns the client",
        (ClaimReason::AlsoReceived, Lang::En) => "also received the client",
        (ClaimReason::StandIn, Lang::En) => "stood in",
        (ClaimReason::Spouse, Lang::En) => "received the spouse",
        (ClaimReason::Family, Lang::En) => "received a family member",
        (ClaimReason::ClosedWithoutClaim, Lang::En) => {
            "closed without owning or standing in: credited to the owner"
        }
    }
}

impl DealDecision {
    /// The decision in words (ids and amounts only).
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            DealDecision::Opened {
                deal,
                client,
                unit,
                closer,
                price,
                commission,
                developer,
            } => {
                let dev = match (developer, zh) {
                    (true, true) => ",开发商介绍客户按50%计",
                    (true, false) => "; a developer's client, at half",
                    (false, _) => "",
                };
                if zh {
                    format!("{closer} 为 {client} 下定 {unit}({deal}),房价 {price},提成 {commission}{dev};该房源已销控")
                } else {
                    format!("{closer} takes a deposit from {client} on {unit} ({deal}), price {price}, commission {commission}{dev}; the unit is taken")
                }
            }
            DealDecision::Credited {
                deal,
                payee,
                share,
                amount,
                reason,
            } => {
                let who = payee.describe(lang);
                let why = reason.describe(lang);
                if zh {
                    format!("{deal} 业绩 {share}({amount})归 {who}:{why}")
                } else {
                    format!("{deal}: {share} ({amount}) to {who}: {why}")
                }
            }
            DealDecision::ClaimFlagged {
                deal,
                agent,
                claim: c,
            } => {
                if zh {
                    format!("{deal}:{agent} {},可提请经理裁定", claim(*c, lang))
                } else {
                    format!(
                        "{deal}: {agent} {} and may ask the manager to rule",
                        claim(*c, lang)
                    )
                }
            }
            DealDecision::ObjectionAccepted {
                deal,
                agent,
                follows,
            } => match (follows, zh) {
                (Some(f), true) => {
                    format!("{agent} 对 {deal} 的归属提出异议,有效;按有效客户登记表归 {f},待经理裁定")
                }
                (None, true) => format!("{agent} 对 {deal} 的归属提出异议,有效;待经理裁定"),
                (Some(f), false) => format!("{agent} objects to {deal}'s attribution: accepted; the effective-client register gives the client to {f}; disputed until the manager rules"),
                (None, false) => format!(
                    "{agent} objects to {deal}'s attribution: accepted; disputed until the manager rules"
                ),
            },
            DealDecision::ObjectionRejected { deal, agent, why } => match (why, zh) {
                (Rejection::WindowClosed { closed }, true) => format!(
                    "{agent} 对 {deal} 的异议无效:异议期已于{}截止,客户归成交业务员",
                    super::render::moment(*closed, lang)
                ),
                (Rejection::WindowClosed { closed }, false) => format!(
                    "{agent}'s objection to {deal} is rejected: the window closed on {}; the deal stays with its closer",
                    super::render::moment(*closed, lang)
                ),
                (Rejection::AlreadyRuled, true) => {
                    format!("{agent} 对 {deal} 的异议不予受理:经理已裁定")
                }
                (Rejection::AlreadyRuled, false) => {
                    format!("{agent}'s objection to {deal} is rejected: the manager has ruled")
                }
            },
            DealDecision::Confiscated { deal, amount } => {
                if zh {
                    format!("{deal} 裁定后仍有争议:提成 {amount} 没收,归工地活动基金")
                } else {
                    format!("{deal} is still disputed after the ruling: its commission {amount} goes to the site activity fund")
                }
            }
            DealDecision::Signed { deal, signer } => {
                if zh {
                    format!("{deal} 由 {signer} 签约")
                } else {
                    format!("{deal} is signed by {signer}")
                }
            }
            DealDecision::Earned { deal, commission } => {
                if zh {
                    format!("{deal} 提成 {commission} 计入结算")
                } else {
                    format!("{deal}'s commission {commission} is earned")
                }
            }
            DealDecision::Cancelled { deal, unit } => {
                if zh {
                    format!("{deal} 退定,{unit} 重新可售")
                } else {
                    format!("{deal} is cancelled; {unit} is free again")
                }
            }
            DealDecision::ClawedBack {
                deal,
                payee,
                amount,
            } => {
                let who = payee.describe(lang);
                // The line posts a negative amount; the sentence says how much is taken back.
                let back = Fen(amount.0.saturating_neg());
                if zh {
                    format!("{deal} 退定,追回 {who} 提成 {back}")
                } else {
                    format!("{deal} is cancelled: {back} clawed back from {who}")
                }
            }
            DealDecision::RegisterTaken { entries } => {
                if zh {
                    format!("经理收取有效客户登记表,共 {entries} 名客户")
                } else {
                    format!("the manager takes the effective-client register: {entries} clients")
                }
            }
            DealDecision::RulingDepartsFromRegister { deal, registered } => {
                if zh {
                    format!("{deal} 的判定未按有效客户登记表归属 {registered}")
                } else {
                    format!("the ruling on {deal} departs from the effective-client register, which names {registered}")
                }
            }
        }
    }
}
