//! Who is credited: the default attribution (the closer, plus the policy's
//! automatic shared deals), a ruling's shares, and a confiscation.

use super::deal::{Contributor, Deal, Payee, Share, ShareReason};
use super::facts::ClientFacts;
use super::split::split;
use super::DealError;
use crate::event::RulingShare;
use crate::money::{BasisPoints, Fen};
use crate::policy::{AttributionRules, CloserCredit};
use crate::registry::ClaimReason;
use crate::{rules, AgentId, Claim, Rules};

/// An automatic co-sharer the policy gives the closer.
struct CoShare {
    agent: AgentId,
    reason: ShareReason,
    share: BasisPoints,
    rules: Rules,
}

/// The first claim, in the order claims arose, that the policy turns into
/// an automatic shared deal (共单): a stand-in (P3-2, P3-4: when the closer
/// is the stand-in, the owner shares with it) or a spouse's agent (P3-3).
/// Other claims are only flagged for the manager.
fn co_share(closer: AgentId, claims: &[Claim], cells: &AttributionRules) -> Option<CoShare> {
    let whole = BasisPoints::WHOLE.0;
    claims.iter().find_map(|c| match c.reason {
        ClaimReason::StandIn => {
            let s = cells.stand_in_share.value?;
            let other_owner = claims
                .iter()
                .find(|o| o.reason == ClaimReason::Owner && o.agent != closer);
            if c.agent != closer {
                // The 共单 is the owner's and the stand-in's: a third agent
                // who closed shares automatically with neither (flagged).
                if other_owner.is_some() {
                    return None;
                }
                return Some(CoShare {
                    agent: c.agent,
                    reason: ShareReason::StandIn,
                    share: s,
                    rules: cells.stand_in_share.rules,
                });
            }
            // The closer stood in: the owner takes the rest of the 共单.
            other_owner.map(|o| CoShare {
                agent: o.agent,
                reason: ShareReason::Owner,
                share: BasisPoints(whole.saturating_sub(s.0)),
                rules: cells.stand_in_share.rules,
            })
        }
        // The owner by the household rule alone (P2-2.10) received the
        // buyer's spouse, not the buyer: the spouse rule shares (P3-3).
        ClaimReason::Owner if c.agent != closer && c.rules.contains(crate::Rule::P3_3) => {
            cells.spouse_share.value.map(|s| CoShare {
                agent: c.agent,
                reason: ShareReason::Spouse,
                share: s,
                rules: cells.spouse_share.rules,
            })
        }
        ClaimReason::Spouse if c.agent != closer => cells.spouse_share.value.map(|s| CoShare {
            agent: c.agent,
            reason: ShareReason::Spouse,
            share: s,
            rules: cells.spouse_share.rules,
        }),
        _ => None,
    })
}

/// Amounts for explicit basis points, in contribution order.
fn priced(mut shares: Vec<Share>, commission: Fen) -> Result<Vec<Share>, DealError> {
    let weights: Vec<u64> = shares.iter().map(|s| u64::from(s.share.0)).collect();
    let parts = split(&weights, commission)?;
    for (s, p) in shares.iter_mut().zip(parts) {
        debug_assert_eq!(s.share, p.share, "basis points are their own weights");
        s.amount = p.amount;
    }
    Ok(shares)
}

/// The default attribution: the closer takes the whole (P2-1.5), unless
/// the policy shares it automatically with a claimant (P3-2, P3-3, P3-4).
/// Shares are listed in contribution order.
pub(crate) fn default_shares(
    closer: AgentId,
    claims: &[Claim],
    cells: &AttributionRules,
    contributors: &[Contributor],
    commission: Fen,
) -> Result<Vec<Share>, DealError> {
    let closing = rules![P2_1_5];
    // A closer with no claim, another agent owning the client: the policy
    // may credit the owner, as if it had closed (P3-2, P3-4 reading).
    let own_claim = claims.iter().any(|c| c.agent == closer);
    let owner = claims
        .iter()
        .find(|c| c.reason == ClaimReason::Owner && c.agent != closer);
    if let (false, CloserCredit::Owner, Some(o)) =
        (own_claim, cells.closer_without_claim.value, owner)
    {
        let mut shares = default_shares(o.agent, claims, cells, contributors, commission)?;
        for s in &mut shares {
            if s.payee == Payee::Agent(o.agent) {
                s.reason = ShareReason::Owner;
                for r in cells.closer_without_claim.rules.as_slice() {
                    s.rules = s.rules.with(*r);
                }
            }
        }
        return Ok(shares);
    }
    let Some(co) = co_share(closer, claims, cells) else {
        return priced(
            vec![Share {
                payee: Payee::Agent(closer),
                share: BasisPoints::WHOLE,
                amount: commission,
                reason: ShareReason::Closer,
                rules: closing,
            }],
            commission,
        );
    };
    let rank = |a: AgentId| contributors.iter().position(|c| c.agent == a);
    let mut closer_rules = closing;
    for r in co.rules.as_slice() {
        closer_rules = closer_rules.with(*r);
    }
    let mut shares = vec![
        Share {
            payee: Payee::Agent(closer),
            share: BasisPoints(BasisPoints::WHOLE.0 - co.share.0),
            amount: Fen::ZERO,
            reason: ShareReason::Closer,
            rules: closer_rules,
        },
        Share {
            payee: Payee::Agent(co.agent),
            share: co.share,
            amount: Fen::ZERO,
            reason: co.reason,
            rules: co.rules,
        },
    ];
    if rank(co.agent) < rank(closer) {
        shares.swap(0, 1);
    }
    priced(shares, commission)
}

/// A ruling's shares, in contribution order (agents the log never showed
/// contributing come last, in the ruling's order). In basis points the
/// parts must sum to exactly 10,000; as weights they are turned into basis
/// points and the amounts come from the weights' exact ratios.
pub(crate) fn ruling_shares(
    given: &[RulingShare],
    in_basis_points: bool,
    contributors: &[Contributor],
    commission: Fen,
    rules: Rules,
) -> Result<Vec<Share>, DealError> {
    if given.is_empty() {
        return Err(DealError::NoShares);
    }
    for (i, s) in given.iter().enumerate() {
        if given[..i].iter().any(|o| o.agent == s.agent) {
            return Err(DealError::DuplicatePayee(s.agent));
        }
    }
    if in_basis_points {
        let sum: u64 = given.iter().map(|s| u64::from(s.part)).sum();
        if sum != u64::from(BasisPoints::WHOLE.0) {
            return Err(DealError::NotWhole(sum));
        }
    }
    let mut ordered: Vec<(usize, &RulingShare)> = given.iter().enumerate().collect();
    let after = contributors.len();
    ordered.sort_by_key(|(i, s)| {
        contributors
            .iter()
            .position(|c| c.agent == s.agent)
            .unwrap_or(after + i)
    });
    let weights: Vec<u64> = ordered.iter().map(|(_, s)| u64::from(s.part)).collect();
    let parts = split(&weights, commission)?;
    Ok(ordered
        .iter()
        .zip(parts)
        .map(|((_, s), p)| Share {
            payee: Payee::Agent(s.agent),
            share: if in_basis_points {
                BasisPoints(s.part)
            } else {
                p.share
            },
            amount: p.amount,
            reason: ShareReason::Ruling,
            rules,
        })
        .collect())
}

/// The whole commission to the site activity fund (P2-1.6).
pub(crate) fn confiscated(commission: Fen) -> Vec<Share> {
    vec![Share {
        payee: Payee::SiteFund,
        share: BasisPoints::WHOLE,
        amount: commission,
        reason: ShareReason::Confiscated,
        rules: rules![P2_1_6],
    }]
}

/// The split the records give (P2-2.4 按实际接待, P2-1.1): each agent
/// with a claim on the deal, or the closer, weighted by its receptions of
/// the client on record. Agents the registry excludes (P2-2.9) have no
/// claim and so no weight.
pub(crate) fn records(deal: &Deal, facts: &impl ClientFacts) -> Vec<RulingShare> {
    let counts = facts.receptions(deal.client);
    deal.contributors
        .iter()
        .filter(|c| c.agent == deal.closer || deal.claims.iter().any(|k| k.agent == c.agent))
        .filter_map(|c| {
            let n = counts
                .iter()
                .find(|(a, _)| *a == c.agent)
                .map(|(_, n)| *n)?;
            (n > 0).then_some(RulingShare {
                agent: c.agent,
                part: n,
            })
        })
        .collect()
}
