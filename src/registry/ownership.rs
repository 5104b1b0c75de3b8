//! The manager's and agents' acts on a client: follow-ups (P2-2.13),
//! switches (P1-17, P2-2.5, P2-2.9), departures and the pool (P2-2.11),
//! designation (P2-2.6), reassignment, households (P2-2.10), duplicates
//! (P3-15), consent (P1-10), call confirmation (P2-3.5), re-registration
//! approval (P3-19), identity confirmation (P2-3.1), the contract signer
//! (P2-2.7); and the round-robin that proposes agents.

use super::client::Holder;
use super::lapse::{contacts_restart, reregistration_needs_approval};
use super::{Registry, RegistryError, Standing};
use crate::decision::{ClientDecision, Out, OwnReason, PoolReason, What};
use crate::event::{
    ApproveReregistration, ConfirmCall, ConfirmIdentity, Consent, Depart, Designate, FollowUp,
    LinkFamily, Reassign, ResolveDuplicate, SwitchAgent, SwitchReason,
};
use crate::policy::Policy;
use crate::{rules, AgentId, ClientId, Rules};

/// The rule that pools a client for `reason`, and that its reassignment cites.
pub(super) fn pool_rules(reason: PoolReason) -> Rules {
    match reason {
        PoolReason::Departed { .. } => rules![P2_2_11],
        PoolReason::Designated => rules![P2_2_6],
        PoolReason::Expo => rules![P2_2_12],
    }
}

fn push(out: &mut Out, rules: Rules, what: ClientDecision) {
    out.push(rules, What::Client(what));
}

impl Registry {
    /// The next agent of the round-robin after the last one proposed, over
    /// the roster in the order first seen, skipping departed agents and
    /// `skip`. Advances the cursor.
    fn propose(&mut self, skip: Option<AgentId>) -> Option<AgentId> {
        let n = self.agents.len();
        let start = self
            .cursor
            .and_then(|c| self.agents.iter().position(|a| *a == c))
            .map_or(0, |i| i + 1);
        let pick = (0..n)
            .map(|k| self.agents[(start + k) % n])
            .find(|a| !self.departed.contains(a) && Some(*a) != skip);
        if pick.is_some() {
            self.cursor = pick;
        }
        pick
    }

    pub(super) fn follow_up(
        &mut self,
        policy: &Policy,
        e: &FollowUp,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        self.known_agent(e.agent, "agent")?;
        if !rec.stands() || rec.agent() != Some(e.agent) {
            return Err(RegistryError::NotOwner {
                client: e.client,
                agent: e.agent,
            });
        }
        let rec = self.clients.get_mut(&e.client).expect("checked");
        if contacts_restart(policy.lapse.value) {
            rec.last_contact = out.at;
        }
        let until = self.protected_through(e.client);
        push(
            out,
            policy.lapse.rules.with(crate::Rule::P2_2_13),
            ClientDecision::FollowedUp {
                client: e.client,
                agent: e.agent,
                until,
            },
        );
        Ok(())
    }

    pub(super) fn switch_agent(
        &mut self,
        e: &SwitchAgent,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        self.present_agent(e.to, "to")?;
        if !rec.stands() {
            return Err(RegistryError::NotValid(e.client));
        }
        let from = rec.agent();
        if from == Some(e.to) {
            return Err(RegistryError::SameAgent {
                client: e.client,
                agent: e.to,
                field: "to",
            });
        }
        let rules = match e.reason {
            SwitchReason::PoorService => rules![P2_2_9],
            SwitchReason::Relation => rules![P2_2_5, P1_17],
            _ => rules![P1_17, P2_2_9],
        };
        let rec = self.clients.get_mut(&e.client).expect("checked");
        if let (SwitchReason::PoorService, Some(f)) = (e.reason, from) {
            rec.excluded.insert(f);
        }
        // The new agent registers the client anew (P1-17): a fresh start.
        rec.last_contact = out.at;
        let reason = OwnReason::Switched { reason: e.reason };
        self.set_holder(
            e.client,
            Some(Holder::Agent { agent: e.to }),
            Some(reason),
            rules,
            out,
        );
        push(
            out,
            rules,
            ClientDecision::OwnerChanged {
                client: e.client,
                from,
                to: e.to,
                reason,
            },
        );
        Ok(())
    }

    pub(super) fn depart(&mut self, e: &Depart, out: &mut Out) -> Result<(), RegistryError> {
        self.present_agent(e.agent, "agent")?;
        self.departed.insert(e.agent);
        let mut theirs: Vec<(u32, ClientId)> = self
            .clients
            .iter()
            .filter(|(_, r)| r.stands() && r.agent() == Some(e.agent))
            .map(|(c, r)| (r.number, *c))
            .collect();
        theirs.sort();
        let reason = PoolReason::Departed { agent: e.agent };
        for (_, client) in theirs {
            let proposed = self.propose(Some(e.agent));
            self.set_holder(
                client,
                Some(Holder::Pool { reason, proposed }),
                None,
                rules![P2_2_11],
                out,
            );
            push(
                out,
                rules![P2_2_11],
                ClientDecision::Pooled {
                    client,
                    from: Some(e.agent),
                    reason,
                    proposed,
                },
            );
        }
        Ok(())
    }

    pub(super) fn designate(&mut self, e: &Designate, out: &mut Out) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        if !rec.stands() {
            return Err(RegistryError::NotValid(e.client));
        }
        if let Some(Holder::Pool { .. }) = rec.holder {
            return Err(RegistryError::AlreadyPooled(e.client));
        }
        let from = rec.agent();
        let reason = PoolReason::Designated;
        let proposed = self.propose(None);
        self.set_holder(
            e.client,
            Some(Holder::Pool { reason, proposed }),
            None,
            rules![P2_2_6],
            out,
        );
        push(
            out,
            rules![P2_2_6],
            ClientDecision::Pooled {
                client: e.client,
                from,
                reason,
                proposed,
            },
        );
        Ok(())
    }

    pub(super) fn reassign(&mut self, e: &Reassign, out: &mut Out) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        self.present_agent(e.to, "to")?;
        let Some(Holder::Pool {
            reason: pool,
            proposed,
        }) = rec.holder.filter(|_| rec.stands())
        else {
            return Err(RegistryError::NotPooled(e.client));
        };
        let rules = pool_rules(pool);
        let reason = OwnReason::Reassigned { pool, proposed };
        self.clients
            .get_mut(&e.client)
            .expect("checked")
            .last_contact = out.at;
        self.set_holder(
            e.client,
            Some(Holder::Agent { agent: e.to }),
            Some(reason),
            rules,
            out,
        );
        push(
            out,
            rules,
            ClientDecision::OwnerChanged {
                client: e.client,
                from: None,
                to: e.to,
                reason,
            },
        );
        Ok(())
    }

    pub(super) fn consent(&mut self, e: &Consent, out: &mut Out) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        self.known_agent(e.receiver, "receiver")?;
        let owner = rec.agent();
        if owner == Some(e.receiver) {
            return Err(RegistryError::SameAgent {
                client: e.client,
                agent: e.receiver,
                field: "receiver",
            });
        }
        self.clients
            .get_mut(&e.client)
            .expect("checked")
            .consents
            .insert(e.receiver);
        push(
            out,
            rules![P1_10, P2_1_7],
            ClientDecision::ConsentGiven {
                client: e.client,
                owner,
                receiver: e.receiver,
            },
        );
        Ok(())
    }

    pub(super) fn confirm_call(
        &mut self,
        e: &ConfirmCall,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        if rec.details.channel != crate::event::Channel::Call {
            return Err(RegistryError::NotACall(e.client));
        }
        self.clients
            .get_mut(&e.client)
            .expect("checked")
            .call_confirmed = true;
        push(
            out,
            rules![P2_3_5],
            ClientDecision::CallConfirmed { client: e.client },
        );
        Ok(())
    }

    pub(super) fn approve_reregistration(
        &mut self,
        policy: &Policy,
        e: &ApproveReregistration,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        self.record(e.client)?;
        let lapsed = matches!(
            self.standing(e.client, policy.lapse.value, out.at),
            Standing::Lapsed(_)
        );
        if !lapsed || !reregistration_needs_approval(policy.lapse.value) {
            return Err(RegistryError::NotLapsed(e.client));
        }
        self.clients
            .get_mut(&e.client)
            .expect("checked")
            .reregistration_approved = true;
        push(
            out,
            policy.lapse.rules.with(crate::Rule::P3_19),
            ClientDecision::ReregistrationApproved { client: e.client },
        );
        Ok(())
    }

    pub(super) fn confirm_identity(
        &mut self,
        e: &ConfirmIdentity,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        self.record(e.client)?;
        self.confirmed.insert(e.visitor, e.client);
        push(
            out,
            rules![P2_3_1],
            ClientDecision::IdentityConfirmed {
                visitor: e.visitor,
                client: e.client,
            },
        );
        Ok(())
    }

    /// A confirmation for a visitor already present: used up now, its
    /// client returned so the engine can record the reception in progress.
    pub(crate) fn take_confirmation(&mut self, visitor: crate::VisitorId) -> Option<ClientId> {
        self.confirmed.remove(&visitor)
    }

    /// Links two clients into one household; members registered by other
    /// agents pass to the agent who registered the first of them (P2-2.10).
    pub(super) fn link_family(
        &mut self,
        e: &LinkFamily,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        self.record(e.client)?;
        self.record(e.other)?;
        if e.client == e.other {
            return Err(RegistryError::SameClient(e.other));
        }
        let (a, b) = (
            self.clients[&e.client].household,
            self.clients[&e.other].household,
        );
        let id = match (a, b) {
            (Some(x), Some(y)) => {
                let (keep, gone) = (x.min(y), x.max(y));
                if keep != gone {
                    let moved = self.households.remove(&gone).unwrap_or_default();
                    for c in &moved {
                        self.clients.get_mut(c).expect("member").household = Some(keep);
                    }
                    self.households.entry(keep).or_default().extend(moved);
                }
                keep
            }
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => {
                self.next_household += 1;
                self.next_household
            }
        };
        for c in [e.client, e.other] {
            self.clients.get_mut(&c).expect("checked").household = Some(id);
            self.households.entry(id).or_default().insert(c);
        }
        if e.spouse {
            self.clients
                .get_mut(&e.client)
                .expect("checked")
                .spouses
                .insert(e.other);
            self.clients
                .get_mut(&e.other)
                .expect("checked")
                .spouses
                .insert(e.client);
        }
        let rules = if e.spouse {
            rules![P2_2_10, P3_3]
        } else {
            rules![P2_2_10]
        };
        push(
            out,
            rules,
            ClientDecision::HouseholdLinked {
                client: e.client,
                other: e.other,
                spouse: e.spouse,
            },
        );
        self.settle_household(id, out);
        Ok(())
    }

    /// Every member held by an agent passes to the agent of the member
    /// registered first (P2-2.10).
    fn settle_household(&mut self, id: u32, out: &mut Out) {
        let mut members: Vec<(u32, ClientId)> = self.households[&id]
            .iter()
            .map(|c| (self.clients[c].number, *c))
            .filter(|(_, c)| self.clients[c].stands())
            .collect();
        members.sort();
        let Some((first, owner)) = members
            .iter()
            .find_map(|(_, c)| self.clients[c].agent().map(|a| (*c, a)))
        else {
            return;
        };
        for (_, c) in members {
            let from = self.clients[&c].agent();
            // A client switched away from that agent for poor service stays
            // switched: the manager's later act prevails (P2-2.9).
            if from.is_none() || from == Some(owner) || self.clients[&c].excluded.contains(&owner) {
                continue;
            }
            let rec = self.clients.get_mut(&c).expect("member");
            rec.household_from.extend(from);
            let reason = OwnReason::Household { first };
            self.set_holder(
                c,
                Some(Holder::Agent { agent: owner }),
                Some(reason),
                rules![P2_2_10],
                out,
            );
            push(
                out,
                rules![P2_2_10],
                ClientDecision::OwnerChanged {
                    client: c,
                    from,
                    to: owner,
                    reason,
                },
            );
        }
    }

    pub(super) fn resolve_duplicate(
        &mut self,
        e: &ResolveDuplicate,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        self.record(e.client)?;
        let dup = self.record(e.duplicate)?;
        if e.client == e.duplicate {
            return Err(RegistryError::SameClient(e.duplicate));
        }
        if e.distinct && dup.crosses.is_none() {
            return Err(RegistryError::NotFlagged(e.duplicate));
        }
        let decision = ClientDecision::DuplicateResolved {
            client: e.client,
            duplicate: e.duplicate,
            same_person: !e.distinct,
        };
        if e.distinct {
            let rec = self.clients.get_mut(&e.duplicate).expect("checked");
            rec.crosses = None;
            let registrar = rec.registrar;
            push(out, rules![P3_15], decision);
            if rec.missing.is_empty() {
                let reason = OwnReason::NotADuplicate;
                self.set_holder(
                    e.duplicate,
                    Some(Holder::Agent { agent: registrar }),
                    Some(reason),
                    rules![P3_15, P2_2_2],
                    out,
                );
                push(
                    out,
                    rules![P3_15, P2_2_2],
                    ClientDecision::Owned {
                        client: e.duplicate,
                        agent: registrar,
                    },
                );
            }
            return Ok(());
        }
        let rec = self.clients.get_mut(&e.duplicate).expect("checked");
        rec.crosses = None;
        rec.same_as = Some(e.client);
        let from = rec.agent();
        self.clients
            .get_mut(&e.client)
            .expect("checked")
            .duplicates
            .insert(e.duplicate);
        self.set_holder(e.duplicate, None, None, rules![P3_15, P2_2_10], out);
        push(out, rules![P3_15, P2_2_10], decision);
        if let Some(from) = from {
            push(
                out,
                rules![P3_15, P2_2_10],
                ClientDecision::Unowned {
                    client: e.duplicate,
                    from,
                },
            );
        }
        Ok(())
    }

    /// Records the contract signer of a client who bought: the client is
    /// the signer's from then on (P2-2.7), a decision in `out`. Unknown or
    /// invalid clients are left alone.
    // Wired to the deal book by the attribution work.
    #[allow(dead_code)]
    pub(crate) fn set_signer(&mut self, client: ClientId, agent: AgentId, out: &mut Out) {
        self.see(agent);
        let Some(rec) = self.clients.get_mut(&client) else {
            return;
        };
        rec.signer = Some(agent);
        if !rec.stands() {
            return;
        }
        let from = rec.agent();
        if from == Some(agent) {
            return;
        }
        let reason = OwnReason::ContractSigner;
        self.set_holder(
            client,
            Some(Holder::Agent { agent }),
            Some(reason),
            rules![P2_2_7],
            out,
        );
        push(
            out,
            rules![P2_2_7],
            ClientDecision::OwnerChanged {
                client,
                from,
                to: agent,
                reason,
            },
        );
    }
}
