//! A deal's record: its terms fixed at the deposit, who is credited and
//! why, and the lines it posted to the payees' statements.

use super::statement::StatementLine;
use super::window::{self, AttributionStatus};
use crate::money::{BasisPoints, Fen};
use crate::policy::EarnedAt;
use crate::{AgentId, Claim, ClientId, DealId, EventId, Rules, Timestamp, UnitId};

/// Who is paid: an agent, or the site activity fund (工地活动基金), where a
/// confiscated commission goes (P2-1.6). The fund is a payee like an agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Payee {
    /// An agent.
    Agent(AgentId),
    /// The site activity fund (工地活动基金).
    SiteFund,
}

impl Payee {
    /// The agent, unless this is the fund.
    pub fn agent(self) -> Option<AgentId> {
        match self {
            Payee::Agent(a) => Some(a),
            Payee::SiteFund => None,
        }
    }

    /// The payee in words: the agent's id, or the fund's name.
    pub fn describe(self, lang: crate::Lang) -> String {
        match (self, lang) {
            (Payee::Agent(a), _) => a.to_string(),
            (Payee::SiteFund, crate::Lang::Zh) => "工地活动基金".into(),
            (Payee::SiteFund, crate::Lang::En) => "the site activity fund".into(),
        }
    }
}

/// Why a payee holds a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ShareReason {
    /// It closed the deal: credited by default (P2-1.5).
    Closer,
    /// It stood in for the owner: a shared deal (共单, P3-2, P3-4).
    StandIn,
    /// It owns the client whose stand-in closed: a shared deal (P3-2, P3-4).
    Owner,
    /// It unknowingly received the client's spouse (P3-3).
    Spouse,
    /// The manager's ruling (P2-2.14, P2-2.4, P2-1.6).
    Ruling,
    /// The agents still disagreed after the ruling: confiscated (P2-1.6).
    Confiscated,
}

impl ShareReason {
    /// The reason in words.
    pub fn describe(self, lang: crate::Lang) -> &'static str {
        use crate::Lang::{En, Zh};
        match (self, lang) {
            (ShareReason::Closer, Zh) => "成交业务员",
            (ShareReason::StandIn, Zh) => "代接待共单",
            (ShareReason::Owner, Zh) => "原业务员共单",
            (ShareReason::Spouse, Zh) => "分别接待夫妻共单",
            (ShareReason::Ruling, Zh) => "经理裁定",
            (ShareReason::Confiscated, Zh) => "裁定后仍有异议,提成没收",
            (ShareReason::Closer, En) => "closed the deal",
            (ShareReason::StandIn, En) => "stood in: a shared deal",
            (ShareReason::Owner, En) => "owns the client: a shared deal",
            (ShareReason::Spouse, En) => "received the spouse: a shared deal",
            (ShareReason::Ruling, En) => "the manager's ruling",
            (ShareReason::Confiscated, En) => "confiscated: still disputed after the ruling",
        }
    }
}

/// A payee's share of a deal: never negative, with the rules that give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Share {
    /// Who is paid.
    pub payee: Payee,
    /// Its part of the whole; a deal's shares sum to 10,000.
    pub share: BasisPoints,
    /// Its part of the commission; a deal's amounts sum to the commission.
    pub amount: Fen,
    /// Why.
    pub reason: ShareReason,
    /// The rules that give it.
    pub rules: Rules,
}

/// What decided a deal's current shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "basis", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Basis {
    /// The default: the closer, and the policy's automatic shares (P2-1.5).
    Default,
    /// The manager's ruling, by the event that made it.
    Ruled {
        /// The ruling's event.
        event: EventId,
    },
    /// Confiscated into the site fund after a ruling (P2-1.6).
    Confiscated {
        /// The event recording the disagreement.
        event: EventId,
    },
}

/// Where a deal stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Stage {
    /// A live deposit holds the unit (下定).
    Deposited,
    /// The contract is signed (签约): the unit is sold.
    Signed,
    /// Cancelled: the unit is free again.
    Cancelled,
}

/// An agent whose contribution to the deal the log records, and when it
/// came: its claim on the client, the deposit it took, or its objection.
/// This order, not ids or names, breaks ties when a split is rounded.
///
/// Contributors are ordered by time; at the same second they keep the
/// order they were learnt in: the registry's claims in its order, then the
/// closer, then objectors in log order. (The registry orders claims that
/// arose in the same second by agent, so only there can an id break a
/// tie, and only for events logged in the same second.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Contributor {
    /// The agent.
    pub agent: AgentId,
    /// When its first contribution came.
    pub since: Timestamp,
}

/// An objection accepted inside the window (P2-1.5).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AcceptedObjection {
    /// The event.
    pub event: EventId,
    /// When.
    pub at: Timestamp,
    /// The agent who objects.
    pub agent: AgentId,
}

/// One deal: a deposit and what followed it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Deal {
    pub(super) id: DealId,
    pub(super) client: ClientId,
    pub(super) unit: UnitId,
    pub(super) price: Fen,
    pub(super) closer: AgentId,
    pub(super) opened: EventId,
    pub(super) deposit_at: Timestamp,
    pub(super) commission: Fen,
    pub(super) developer: bool,
    pub(super) window_secs: u32,
    pub(super) window_rules: Rules,
    pub(super) earned_at: EarnedAt,
    pub(super) earned_rules: Rules,
    pub(super) claims: Vec<Claim>,
    pub(super) contributors: Vec<Contributor>,
    pub(super) shares: Vec<Share>,
    pub(super) basis: Basis,
    pub(super) objections: Vec<AcceptedObjection>,
    pub(super) signer: Option<AgentId>,
    pub(super) stage: Stage,
    pub(super) earned: bool,
    pub(super) lines: Vec<StatementLine>,
}

impl Deal {
    /// The deal's id.
    pub fn id(&self) -> DealId {
        self.id
    }
    /// The client who bought.
    pub fn client(&self) -> ClientId {
        self.client
    }
    /// The unit.
    pub fn unit(&self) -> UnitId {
        self.unit
    }
    /// The price.
    pub fn price(&self) -> Fen {
        self.price
    }
    /// The agent who closed (took the deposit).
    pub fn closer(&self) -> AgentId {
        self.closer
    }
    /// The deposit's event.
    pub fn opened_by(&self) -> EventId {
        self.opened
    }
    /// When the deposit was taken.
    pub fn deposit_at(&self) -> Timestamp {
        self.deposit_at
    }
    /// The commission, fixed at the deposit under the policy then in force.
    pub fn commission(&self) -> Fen {
        self.commission
    }
    /// Whether the developer introduced the client (P2-1.8: half commission).
    pub fn developer_client(&self) -> bool {
        self.developer
    }
    /// When commission is earned for this deal (fixed at the deposit).
    pub fn earned_at(&self) -> EarnedAt {
        self.earned_at
    }
    /// Whether the commission has been earned (and posted to statements).
    pub fn is_earned(&self) -> bool {
        self.earned
    }
    /// Every claim the ownership rules gave at the deposit, in the order
    /// they arose (credited or only flagged).
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }
    /// The contributors, earliest first: the order that breaks rounding ties.
    pub fn contributors(&self) -> &[Contributor] {
        &self.contributors
    }
    /// The current shares, earliest contributor first; never negative,
    /// summing to 10,000 basis points and to the commission.
    pub fn shares(&self) -> &[Share] {
        &self.shares
    }
    /// What decided the current shares.
    pub fn basis(&self) -> Basis {
        self.basis
    }
    /// The objections accepted inside the window.
    pub fn objections(&self) -> &[AcceptedObjection] {
        &self.objections
    }
    /// The agent who signed the contract, once signed.
    pub fn signer(&self) -> Option<AgentId> {
        self.signer
    }
    /// Where the deal stands in its life.
    pub fn stage(&self) -> Stage {
        self.stage
    }
    /// Every statement line the deal posted, in order.
    pub fn lines(&self) -> &[StatementLine] {
        &self.lines
    }
    /// The last moment an objection is accepted: the deposit's time plus
    /// the policy's window (P2-1.5: 72 hours, boundary included).
    pub fn window_closes(&self) -> Timestamp {
        window::closes(self.deposit_at, self.window_secs)
    }

    /// The attribution's status at `at`. There is no clock: the window
    /// closes lazily, so the status is a function of the deal and the time
    /// asked about (a query time, or the next event's time).
    ///
    /// A ruling or a confiscation settles the deal; else an accepted
    /// objection keeps it disputed; else the default attribution is open
    /// up to [`Deal::window_closes`] and locked after it.
    pub fn status(&self, at: Timestamp) -> AttributionStatus {
        match self.basis {
            Basis::Confiscated { .. } => AttributionStatus::Confiscated,
            Basis::Ruled { .. } => AttributionStatus::Ruled,
            Basis::Default if !self.objections.is_empty() => AttributionStatus::Disputed,
            Basis::Default if window::in_time(self.deposit_at, self.window_secs, at) => {
                AttributionStatus::Open
            }
            Basis::Default => AttributionStatus::Locked,
        }
    }

    /// Adds `agent` as a contributor at `since`, after everyone who came
    /// at or before it, unless it already is one.
    pub(super) fn add_contributor(list: &mut Vec<Contributor>, agent: AgentId, since: Timestamp) {
        if list.iter().any(|c| c.agent == agent) {
            return;
        }
        let at = list.partition_point(|c| c.since <= since);
        list.insert(at, Contributor { agent, since });
    }

    /// The rules of the window cell this deal was opened under.
    pub(super) fn window_rules(&self) -> Rules {
        self.window_rules
    }
}
