//! Deal attribution and commission split (P2 and P3 kind A, the manager's
//! acts P2-1.6, P2-2.4, P2-2.14, and unit inventory control P4-5).
//!
//! The [`DealBook`] folds deal events. Precedence, highest first:
//!
//! 1. a manager's [`Ruling`] sets the shares, at any time; agents still
//!    disagreeing after it ([`StillDisagree`]) send the commission to the
//!    site activity fund (P2-1.6);
//! 2. an objection accepted inside the window makes the deal disputed
//!    until a ruling (P2-1.5, P2-2.14); when the client is on the
//!    effective-client register, the dispute follows it (P2-1.6);
//! 3. otherwise the default attribution (the closer, P2-1.5, with the
//!    policy's automatic shared deals, P3-2, P3-3, P3-4) locks when the
//!    window closes; later objections are rejected, citing P2-1.5.
//!
//! **Reading** of P2-1.6: the seed ties confiscation to disputes settled
//! under an effective-client register; the engine confiscates after any
//! ruling, since the log records a lasting disagreement only when the
//! manager applies P2-1.6. A disagreement before any ruling is an error.
//!
//! Terms are fixed at the deposit under the policy then in force: the
//! commission, the window, and when commission is earned. A later policy
//! change applies to later deposits.
//!
//! Money is exact: [`commission`] rounds the exact product down once, and
//! [`split`] apportions by largest remainder, ties going to the earliest
//! contributor in the log (never by id or name).

mod commission;
mod deal;
mod error;
mod facts;
mod inventory;
mod ledger;
mod shares;
mod split;
mod statement;
mod window;

#[cfg(test)]
mod tests;

pub use commission::commission;
pub use deal::{AcceptedObjection, Basis, Contributor, Deal, Payee, Share, ShareReason, Stage};
pub use error::DealError;
pub use split::{split, Part};
pub use statement::{LineKind, Statement, StatementLine};
pub use window::AttributionStatus;

use std::collections::BTreeMap;

use crate::decision::{DealDecision, Out, What};
use crate::event::{
    Cancel, Contract, Deposit, EffectiveRegister, EventKind, Introducer, Objection, Ruling,
    StillDisagree,
};
use crate::money::BasisPoints;
use crate::policy::{EarnedAt, Policy};
use crate::registry::ClaimReason;
use crate::{rules, AgentId, Claim, ClientId, DealId, EventId, Timestamp, UnitId};

use facts::ClientFacts;
use inventory::Inventory;
use ledger::{clawback, credit, earn, reattribute};
use shares::records;

/// A line of the effective-client register (P2-1.6), with the event that
/// recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EffectiveClient {
    /// The agent the client belongs to on the register.
    pub agent: AgentId,
    /// The register's event.
    pub event: EventId,
}

/// Why an objection was not accepted (a decision, not an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "why", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Rejection {
    /// After the window: the client belongs to the closer and the
    /// attribution is locked (P2-1.5).
    WindowClosed {
        /// The window's last moment.
        closed: Timestamp,
    },
    /// The manager already ruled: the ruling stands (P2-2.14); a lasting
    /// disagreement is recorded as such (P2-1.6).
    AlreadyRuled,
}

/// Every deal of the office, the units they hold, and the effective-client
/// register.
///
/// ```
/// use anchang::{replay, AgentId, Event, Fen, Gender, PersonName, Phone, Policy, Timestamp};
/// use anchang::attribution::AttributionStatus;
/// use anchang::event::{Deposit, Register, SignIn};
///
/// let t = |s: &str| s.parse::<Timestamp>().unwrap();
/// let li: AgentId = "Li".parse().unwrap();
/// let (c1, d1) = ("C1".parse().unwrap(), "D1".parse().unwrap());
/// let log = [
///     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: li }),
///     Event::new(2, t("2026-03-02T09:30:00"), Register {
///         name: Some(PersonName::new("陈明")),
///         gender: Some(Gender::Male),
///         phones: vec![Phone::new("13900001111")],
///         needs: Some("三房".into()),
///         ..Register::new(c1, li)
///     }),
///     Event::new(3, t("2026-03-02T15:00:00"), Deposit {
///         deal: d1,
///         client: c1,
///         unit: "3-1502".parse().unwrap(),
///         price: Fen(300_000_000), // ¥3,000,000.00
///         agent: li,
///     }),
/// ];
/// let day = replay(&Policy::p2(), &log).unwrap();
/// let deals = day.state.deals();
/// assert_eq!(deals.deal(d1).unwrap().commission(), Fen(3_000_000)); // 1%
/// // Objections are heard for 72 hours (P2-1.5); then the attribution locks.
/// assert_eq!(deals.status(d1, t("2026-03-03T15:00:00")), Some(AttributionStatus::Open));
/// assert_eq!(deals.status(d1, t("2026-03-06T15:00:01")), Some(AttributionStatus::Locked));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DealBook {
    deals: BTreeMap<DealId, Deal>,
    units: Inventory,
    register: BTreeMap<ClientId, EffectiveClient>,
}

impl DealBook {
    /// The deal `id`, if a deposit opened it.
    pub fn deal(&self, id: DealId) -> Option<&Deal> {
        self.deals.get(&id)
    }

    /// Every deal, by id.
    pub fn deals(&self) -> impl Iterator<Item = &Deal> {
        self.deals.values()
    }

    /// The live deal (deposit or contract) holding `unit`, if any (P4-5).
    pub fn unit_holder(&self, unit: UnitId) -> Option<DealId> {
        self.units.holder(unit)
    }

    /// Every unit taken by a live deal, by unit (P4-5).
    pub fn taken_units(&self) -> impl Iterator<Item = (UnitId, DealId)> + '_ {
        self.units.iter()
    }

    /// The agent `client` belongs to on the effective-client register (P2-1.6).
    pub fn effective_agent(&self, client: ClientId) -> Option<EffectiveClient> {
        self.register.get(&client).copied()
    }

    /// Whether `client` has a live deal (a deposit or contract not cancelled).
    pub fn has_live_deal(&self, client: ClientId) -> bool {
        self.deals
            .values()
            .any(|d| d.client == client && d.stage != Stage::Cancelled)
    }

    /// A household link found after a deposit (P2-2.10 成交后发现的,由专案
    /// 经理确认其权重分配): each live deal of `client` flags, for the
    /// manager's ruling, every agent the link gives a claim that the deal
    /// does not credit. The deal's shares stand until the ruling.
    pub(crate) fn household_found(
        &mut self,
        client: ClientId,
        facts: &impl ClientFacts,
        out: &mut Out,
    ) {
        let claims = facts.claims(client, out.at);
        for deal in self
            .deals
            .values_mut()
            .filter(|d| d.client == client && d.stage != Stage::Cancelled)
        {
            for c in &claims {
                let credited = deal.shares.iter().any(|s| s.payee == Payee::Agent(c.agent));
                let known = deal.claims.iter().any(|k| k.agent == c.agent);
                if credited || known || c.agent == deal.closer {
                    continue;
                }
                deal.claims.push(*c);
                out.push(
                    c.rules.with(crate::Rule::P2_2_10),
                    What::Deal(DealDecision::ClaimFlagged {
                        deal: deal.id,
                        agent: c.agent,
                        claim: c.reason,
                    }),
                );
            }
        }
    }

    /// The attribution status of deal `id` at `at` (see [`Deal::status`]).
    pub fn status(&self, id: DealId, at: Timestamp) -> Option<AttributionStatus> {
        self.deal(id).map(|d| d.status(at))
    }

    /// The statement of `payee` for `[from, to)`: each line its deals
    /// posted in the period, in posting order, and their total.
    ///
    /// # Errors
    /// [`DealError::Overflow`] if the total leaves the range of [`Fen`](crate::Fen).
    pub fn statement(
        &self,
        payee: Payee,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Statement, DealError> {
        statement::build(payee, from, to, self.all_lines())
    }

    /// The statements of every payee with a line in `[from, to)`: agents
    /// by id, then the site activity fund.
    ///
    /// # Errors
    /// [`DealError::Overflow`] if a total leaves the range of [`Fen`](crate::Fen).
    pub fn statements(&self, from: Timestamp, to: Timestamp) -> Result<Vec<Statement>, DealError> {
        let payees: std::collections::BTreeSet<Payee> = self
            .all_lines()
            .filter(|l| from <= l.at && l.at < to)
            .map(|l| l.payee)
            .collect();
        payees
            .into_iter()
            .map(|p| self.statement(p, from, to))
            .collect()
    }

    fn all_lines(&self) -> impl Iterator<Item = &StatementLine> {
        self.deals.values().flat_map(|d| d.lines.iter())
    }

    /// Applies a deal event; other events are ignored.
    pub(crate) fn apply(
        &mut self,
        policy: &Policy,
        registry: &crate::Registry,
        kind: &EventKind,
        out: &mut Out,
    ) -> Result<(), DealError> {
        self.apply_with(policy, registry, kind, out)
    }

    /// [`DealBook::apply`] with the registry's facts given by `facts`.
    /// Every check runs before anything changes.
    pub(crate) fn apply_with(
        &mut self,
        policy: &Policy,
        facts: &impl ClientFacts,
        kind: &EventKind,
        out: &mut Out,
    ) -> Result<(), DealError> {
        match kind {
            EventKind::Deposit(d) => self.deposit(policy, facts, d, out),
            EventKind::Contract(c) => self.contract(c, out),
            EventKind::Objection(o) => self.objection(o, out),
            EventKind::Ruling(r) => self.ruling(facts, r, out),
            EventKind::EffectiveRegister(r) => self.effective_register(r, out),
            EventKind::StillDisagree(s) => self.still_disagree(s, out),
            EventKind::Cancel(c) => self.cancel(c, out),
            _ => Ok(()),
        }
    }

    fn live(&self, id: DealId) -> Result<&Deal, DealError> {
        let deal = self.deals.get(&id).ok_or(DealError::UnknownDeal(id))?;
        if deal.stage == Stage::Cancelled {
            return Err(DealError::Cancelled(id));
        }
        Ok(deal)
    }

    fn deposit(
        &mut self,
        policy: &Policy,
        facts: &impl ClientFacts,
        d: &Deposit,
        out: &mut Out,
    ) -> Result<(), DealError> {
        let cells = &policy.attribution;
        if self.deals.contains_key(&d.deal) {
            return Err(DealError::DuplicateDeal(d.deal));
        }
        if !facts.knows(d.client) {
            return Err(DealError::UnknownClient(d.client));
        }
        if let Some(by) = self.units.holder(d.unit) {
            return Err(DealError::UnitTaken { unit: d.unit, by });
        }
        for share in [cells.stand_in_share.value, cells.spouse_share.value]
            .into_iter()
            .flatten()
        {
            if share > BasisPoints::WHOLE {
                return Err(DealError::BadRate(share));
            }
        }
        let developer = facts.introduced_by(d.client) == Some(Introducer::Developer);
        let factor = if developer {
            cells.developer_client_factor.value
        } else {
            BasisPoints::WHOLE
        };
        let total = commission(d.price, cells.commission_rate.value, factor)?;
        let claims = facts.claims(d.client, out.at);
        let mut contributors = Vec::new();
        for c in &claims {
            Deal::add_contributor(&mut contributors, c.agent, c.since);
        }
        Deal::add_contributor(&mut contributors, d.agent, out.at);
        // A stand-in whose covered visit is older than the policy allows
        // shares nothing automatically: it only also received the client.
        let sharing: Vec<Claim> = claims
            .iter()
            .map(|c| match (c.reason, cells.stand_in_share_days.value) {
                (ClaimReason::StandIn, Some(days)) => {
                    let covered = facts.last_stand_in(d.client, c.agent);
                    let fresh = covered.is_some_and(|t| {
                        i64::from(out.at.date().days_since(t.date())) <= i64::from(days)
                    });
                    if fresh {
                        *c
                    } else {
                        Claim {
                            reason: ClaimReason::AlsoReceived,
                            rules: cells.stand_in_share_days.rules.with(crate::Rule::P2_2_4),
                            ..*c
                        }
                    }
                }
                _ => *c,
            })
            .collect();
        let shares = shares::default_shares(d.agent, &sharing, cells, &contributors, total)?;

        // Valid: from here on nothing fails.
        let mut opened_rules = rules![P4_5];
        if developer {
            opened_rules = opened_rules.with(crate::Rule::P2_1_8);
        }
        out.push(
            opened_rules,
            What::Deal(DealDecision::Opened {
                deal: d.deal,
                client: d.client,
                unit: d.unit,
                closer: d.agent,
                price: d.price,
                commission: total,
                developer,
            }),
        );
        credit(d.deal, &shares, out);
        let mut flagged: Vec<AgentId> = Vec::new();
        // The closer the policy did not credit (P3-2, P3-4 reading).
        if !shares.iter().any(|s| s.payee == Payee::Agent(d.agent)) {
            flagged.push(d.agent);
            out.push(
                cells.closer_without_claim.rules,
                What::Deal(DealDecision::ClaimFlagged {
                    deal: d.deal,
                    agent: d.agent,
                    claim: ClaimReason::ClosedWithoutClaim,
                }),
            );
        }
        for c in &claims {
            let credited = shares.iter().any(|s| s.payee == Payee::Agent(c.agent));
            if credited || flagged.contains(&c.agent) {
                continue;
            }
            flagged.push(c.agent);
            out.push(
                c.rules,
                What::Deal(DealDecision::ClaimFlagged {
                    deal: d.deal,
                    agent: c.agent,
                    claim: c.reason,
                }),
            );
        }
        let mut deal = Deal {
            id: d.deal,
            client: d.client,
            unit: d.unit,
            price: d.price,
            closer: d.agent,
            opened: out.event,
            deposit_at: out.at,
            commission: total,
            developer,
            window_secs: cells.objection_window_secs.value,
            window_rules: cells.objection_window_secs.rules,
            earned_at: cells.earned_at.value,
            earned_rules: cells.earned_at.rules,
            claims,
            contributors,
            shares,
            basis: deal::Basis::Default,
            objections: Vec::new(),
            signer: None,
            stage: Stage::Deposited,
            earned: false,
            lines: Vec::new(),
        };
        if deal.earned_at == EarnedAt::Deposit {
            earn(&mut deal, cells.earned_at.rules, out);
        }
        self.units.take(d.unit, d.deal);
        self.deals.insert(d.deal, deal);
        Ok(())
    }

    fn contract(&mut self, c: &Contract, out: &mut Out) -> Result<(), DealError> {
        let deal = self.live(c.deal)?;
        if deal.stage == Stage::Signed {
            return Err(DealError::AlreadySigned(c.deal));
        }
        let deal = self
            .deals
            .get_mut(&c.deal)
            .ok_or(DealError::UnknownDeal(c.deal))?;
        deal.stage = Stage::Signed;
        deal.signer = Some(c.signer);
        out.push(
            rules![P4_5, P2_2_7],
            What::Deal(DealDecision::Signed {
                deal: c.deal,
                signer: c.signer,
            }),
        );
        if deal.earned_at == EarnedAt::Contract && !deal.earned {
            let rules = deal.earned_rules;
            earn(deal, rules, out);
        }
        Ok(())
    }

    fn objection(&mut self, o: &Objection, out: &mut Out) -> Result<(), DealError> {
        let deal = self.live(o.deal)?;
        let rejection = match deal.basis {
            deal::Basis::Ruled { .. } | deal::Basis::Confiscated { .. } => {
                Some((rules![P2_2_14, P2_1_6], Rejection::AlreadyRuled))
            }
            deal::Basis::Default if !window::in_time(deal.deposit_at, deal.window_secs, out.at) => {
                Some((
                    deal.window_rules().with(crate::Rule::P2_1_5),
                    Rejection::WindowClosed {
                        closed: deal.window_closes(),
                    },
                ))
            }
            deal::Basis::Default => None,
        };
        if let Some((rules, why)) = rejection {
            out.push(
                rules,
                What::Deal(DealDecision::ObjectionRejected {
                    deal: o.deal,
                    agent: o.agent,
                    why,
                }),
            );
            return Ok(());
        }
        let follows = self.register.get(&deal.client).map(|e| e.agent);
        let mut rules = rules![P2_1_5, P2_2_14];
        if follows.is_some() {
            rules = rules.with(crate::Rule::P2_1_6);
        }
        let deal = self
            .deals
            .get_mut(&o.deal)
            .ok_or(DealError::UnknownDeal(o.deal))?;
        deal.objections.push(AcceptedObjection {
            event: out.event,
            at: out.at,
            agent: o.agent,
        });
        Deal::add_contributor(&mut deal.contributors, o.agent, out.at);
        out.push(
            rules,
            What::Deal(DealDecision::ObjectionAccepted {
                deal: o.deal,
                agent: o.agent,
                follows,
            }),
        );
        Ok(())
    }

    fn ruling(
        &mut self,
        facts: &impl ClientFacts,
        r: &Ruling,
        out: &mut Out,
    ) -> Result<(), DealError> {
        let deal = self.live(r.deal)?;
        if matches!(deal.basis, deal::Basis::Confiscated { .. }) {
            return Err(DealError::AlreadyConfiscated(r.deal));
        }
        let mut rules = rules![P2_2_14];
        if self.register.contains_key(&deal.client) {
            rules = rules.with(crate::Rule::P2_1_6);
        }
        let given = if r.by_records {
            if !r.shares.is_empty() {
                return Err(DealError::RecordsAndShares);
            }
            let given = records(deal, facts);
            if given.is_empty() {
                return Err(DealError::NoRecords(r.deal));
            }
            rules = rules.with(crate::Rule::P2_2_4).with(crate::Rule::P2_1_1);
            std::borrow::Cow::Owned(given)
        } else {
            std::borrow::Cow::Borrowed(&r.shares)
        };
        if given.iter().filter(|s| s.part > 0).count() > 1 {
            rules = rules.with(crate::Rule::P2_2_4);
        }
        let family = |c: &crate::Claim| {
            c.reason == ClaimReason::Family || c.rules.contains(crate::Rule::P2_2_10)
        };
        if deal.claims.iter().any(family) {
            rules = rules.with(crate::Rule::P2_2_10);
        }
        let shares = shares::ruling_shares(
            &given,
            r.basis_points && !r.by_records,
            &deal.contributors,
            deal.commission,
            rules,
        )?;
        // Disputes follow the effective-client register (P2-1.6): a ruling
        // that does not give the whole deal to the agent it names is flagged.
        let registered = self.register.get(&deal.client).map(|e| e.agent);
        if let Some(registered) = registered {
            let whole =
                |s: &Share| s.payee == Payee::Agent(registered) && s.share == BasisPoints::WHOLE;
            if !shares.iter().any(whole) {
                let flag = DealDecision::RulingDepartsFromRegister {
                    deal: r.deal,
                    registered,
                };
                out.push(rules![P2_1_6], What::Deal(flag));
            }
        }
        let deal = self
            .deals
            .get_mut(&r.deal)
            .ok_or(DealError::UnknownDeal(r.deal))?;
        credit(r.deal, &shares, out);
        reattribute(
            deal,
            shares,
            deal::Basis::Ruled { event: out.event },
            rules,
            out,
        );
        Ok(())
    }

    fn still_disagree(&mut self, s: &StillDisagree, out: &mut Out) -> Result<(), DealError> {
        let deal = self.live(s.deal)?;
        match deal.basis {
            deal::Basis::Ruled { .. } => {}
            deal::Basis::Confiscated { .. } => return Err(DealError::AlreadyConfiscated(s.deal)),
            deal::Basis::Default => return Err(DealError::NotRuled(s.deal)),
        }
        let shares = shares::confiscated(deal.commission);
        let deal = self
            .deals
            .get_mut(&s.deal)
            .ok_or(DealError::UnknownDeal(s.deal))?;
        out.push(
            rules![P2_1_6],
            What::Deal(DealDecision::Confiscated {
                deal: s.deal,
                amount: deal.commission,
            }),
        );
        credit(s.deal, &shares, out);
        reattribute(
            deal,
            shares,
            deal::Basis::Confiscated { event: out.event },
            rules![P2_1_6],
            out,
        );
        Ok(())
    }

    fn effective_register(
        &mut self,
        r: &EffectiveRegister,
        out: &mut Out,
    ) -> Result<(), DealError> {
        for (i, e) in r.entries.iter().enumerate() {
            if r.entries[..i].iter().any(|o| o.client == e.client) {
                return Err(DealError::DuplicateEntry(e.client));
            }
        }
        for e in &r.entries {
            self.register.insert(
                e.client,
                EffectiveClient {
                    agent: e.agent,
                    event: out.event,
                },
            );
        }
        out.push(
            rules![P2_1_6],
            What::Deal(DealDecision::RegisterTaken {
                entries: r.entries.len(),
            }),
        );
        Ok(())
    }

    fn cancel(&mut self, c: &Cancel, out: &mut Out) -> Result<(), DealError> {
        self.live(c.deal)?;
        let deal = self
            .deals
            .get_mut(&c.deal)
            .ok_or(DealError::UnknownDeal(c.deal))?;
        deal.stage = Stage::Cancelled;
        self.units.free(deal.unit);
        out.push(
            rules![P4_5],
            What::Deal(DealDecision::Cancelled {
                deal: c.deal,
                unit: deal.unit,
            }),
        );
        if deal.earned {
            clawback(deal, out);
        }
        Ok(())
    }
}
