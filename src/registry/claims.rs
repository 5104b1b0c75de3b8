//! Who has a claim on a client's deal, and why: the owner, the agents who
//! also received it or stood in, household members' agents and
//! duplicates' registrars (P2-2.4, P2-2.9, P2-2.10, P3-2, P3-3, P3-4).

use std::collections::BTreeMap;

use super::{Claim, ClaimReason, Registry};
use crate::{rules, AgentId, ClientId, Rules, Timestamp};

fn rules_for(reason: ClaimReason) -> Rules {
    match reason {
        ClaimReason::Owner => rules![P2_2_2],
        ClaimReason::AlsoReceived => rules![P2_2_4],
        ClaimReason::StandIn => rules![P3_2, P3_4, P1_15],
        // A spouse is a family member too: P2-2.10 splits where P3-3 does not share.
        ClaimReason::Spouse => rules![P3_3, P2_2_10],
        ClaimReason::Family => rules![P2_2_10],
        ClaimReason::ClosedWithoutClaim => rules![P3_2, P3_4],
    }
}

/// Which reason wins when an agent has several: the strongest tie.
fn strength(reason: ClaimReason) -> u8 {
    match reason {
        ClaimReason::Owner => 0,
        ClaimReason::StandIn => 1,
        ClaimReason::Spouse => 2,
        ClaimReason::Family => 3,
        ClaimReason::AlsoReceived => 4,
        ClaimReason::ClosedWithoutClaim => 5,
    }
}

impl Registry {
    /// Every agent with a claim on a deal of `client` at `at`, in the order
    /// the claims arose (ties by agent); agents the rules exclude (the first
    /// agent after a switch for poor service, P2-2.9) are left out. One
    /// claim per agent, its strongest: owner, stand-in, spouse, family,
    /// also received. The owner's claim cites the rules of its latest
    /// ownership change.
    pub fn claims(&self, client: ClientId, at: Timestamp) -> Vec<Claim> {
        let Some(rec) = self.clients.get(&client) else {
            return Vec::new();
        };
        let mut best: BTreeMap<AgentId, Claim> = BTreeMap::new();
        let mut offer = |agent: AgentId, reason: ClaimReason, rules: Rules, since: Timestamp| {
            let claim = Claim {
                agent,
                reason,
                rules,
                since,
            };
            best.entry(agent)
                .and_modify(|c| {
                    if strength(reason) < strength(c.reason) {
                        *c = Claim {
                            since: c.since.min(since),
                            ..claim
                        };
                    } else {
                        c.since = c.since.min(since);
                    }
                })
                .or_insert(claim);
        };
        if let Some(owner) = self.owner_of(client, at) {
            let since = rec.trail.last().map_or(rec.first_registered, |t| t.at);
            let rules = rec
                .trail
                .last()
                .map_or(rules_for(ClaimReason::Owner), |t| t.rules);
            // An owner who holds the client only by the household rule,
            // because it registered the client's spouse first, is the
            // spouse's agent on this deal (P3-3), whichever spouse buys:
            // its claim cites P3-3, so the spouse cell shares it.
            let by_spouse = !rec.links().spouses.is_empty()
                && matches!(
                    rec.trail.last().and_then(|t| t.reason),
                    Some(crate::decision::OwnReason::Household { .. })
                )
                && !rec.receptions.contains_key(&owner);
            let rules = if by_spouse {
                rules![P2_2_10, P3_3]
            } else {
                rules
            };
            offer(owner, ClaimReason::Owner, rules, since);
        }
        let spouse = !rec.links().spouses.is_empty();
        let family = if spouse {
            ClaimReason::Spouse
        } else {
            ClaimReason::Family
        };
        for (agent, r) in &rec.receptions {
            let reason = if r.stand_in > 0 {
                ClaimReason::StandIn
            } else if rec.links().household_from.contains(agent) {
                family
            } else {
                ClaimReason::AlsoReceived
            };
            // A stand-in's claim arose when it first stood in, not when
            // it first met the client (a call it took on duty, say).
            let since = match reason {
                ClaimReason::StandIn => r.first_stand_in.unwrap_or(r.first),
                _ => r.first,
            };
            offer(*agent, reason, rules_for(reason), since);
        }
        if let Some(h) = rec.links().household {
            for m in self.households.get(&h).into_iter().flatten() {
                if *m == client {
                    continue;
                }
                let other = &self.clients[m];
                let reason = if rec.links().spouses.contains(m) {
                    ClaimReason::Spouse
                } else {
                    ClaimReason::Family
                };
                offer(
                    other.registrar,
                    reason,
                    rules_for(reason),
                    other.first_registered,
                );
            }
        }
        for d in &rec.links().duplicates {
            let other = &self.clients[d];
            offer(
                other.registrar,
                ClaimReason::Family,
                rules![P2_2_10, P3_15],
                other.first_registered,
            );
        }
        let mut claims: Vec<Claim> = best
            .into_values()
            .filter(|c| !rec.links().excluded.contains(&c.agent))
            .collect();
        claims.sort_by_key(|c| (c.since, c.agent));
        claims
    }
}
