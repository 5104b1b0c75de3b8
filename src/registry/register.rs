//! Registrations: new, corrected (P2-1.1), and again after lapsing
//! (P2-2.13, P3-19); who owns a new registration (P2-2.2 and its exceptions).

use super::client::{AwaitingCall, ClientRecord, Details, Held, Holder, NewClient, OwnerChange};
use super::ownership::push;
use super::{validity, Registry, RegistryError};
use crate::decision::{ClientDecision, Out, OwnReason, PoolReason};
use crate::event::{Channel, Introducer, Register};
use crate::policy::Policy;
use crate::{rules, AgentId, Rules};

/// What a registration is, decided before anything changes.
enum Kind {
    New,
    Correction,
    Again,
}

impl Registry {
    pub(super) fn register(
        &mut self,
        policy: &Policy,
        e: &Register,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        let kind = match (self.clients.get(&e.client), e.corrects) {
            (None, None) => Kind::New,
            (None, Some(event)) => {
                return Err(RegistryError::CorrectsUnknown {
                    client: e.client,
                    event,
                })
            }
            (Some(rec), Some(event)) if rec.registered_by(event) => Kind::Correction,
            (Some(_), Some(event)) => {
                return Err(RegistryError::CorrectsUnknown {
                    client: e.client,
                    event,
                })
            }
            (Some(rec), None) => {
                if !rec.stands() || !self.is_lapsed(rec, policy.lapse.value, out.at) {
                    return Err(RegistryError::AlreadyRegistered(e.client));
                }
                let lapse = policy.lapse_for(rec.details().channel);
                if policy.reregistration_needs_approval(&lapse).value
                    && !rec.reregistration_approved
                {
                    return Err(RegistryError::NeedsApproval(e.client));
                }
                Kind::Again
            }
        };
        self.see(e.agent);
        if let Some(n) = e.named_agent {
            self.see(n);
        }
        let (missing, numbers) = validity::check(e);
        let details = Details {
            channel: e.channel,
            name: e.name.clone(),
            gender: e.gender,
            phones: e.phones.clone(),
            needs: e.needs.clone(),
        };
        let at = out.at;
        let number = match kind {
            Kind::Correction => self.clients[&e.client].number,
            _ => {
                self.registrations += 1;
                self.registrations
            }
        };
        let before = self
            .clients
            .get(&e.client)
            .map(|r| (r.agent(&self.agents), r.stands()));
        match kind {
            Kind::New => {
                let rec = ClientRecord::new(NewClient {
                    number,
                    registrar: e.agent,
                    at,
                    event: out.event,
                    details,
                    numbers,
                    missing,
                    introduced_by: e.introduced_by,
                    named_agent: e.named_agent,
                    pre_registered: e.pre_registered,
                    at_expo: e.at_expo,
                });
                self.clients.insert(e.client, rec);
            }
            Kind::Correction | Kind::Again => {
                self.unindex(e.client);
                let rec = self.clients.get_mut(&e.client).expect("checked above");
                rec.registered_again_by(out.event);
                rec.set_details(details);
                rec.numbers = numbers;
                rec.set_missing(missing);
                if e.introduced_by.is_some() {
                    rec.introduced_by = e.introduced_by;
                }
                if let Kind::Again = kind {
                    rec.number = number;
                    rec.registered = at;
                    rec.last_contact = at;
                    rec.reregistration_approved = false;
                    rec.named_agent = e.named_agent;
                    rec.pre_registered = e.pre_registered;
                    rec.at_expo = e.at_expo;
                    rec.remove_links(|l| l.consents.clear());
                    // A new call is confirmed anew (P2-3.5).
                    if e.channel == Channel::Call {
                        rec.call_confirmed = false;
                    }
                }
            }
        }
        self.index(e.client);
        // An unconfirmed call is no reception yet (P2-3.5); the manager's
        // confirmation records it.
        if !e.pre_registered && !self.call_awaits(policy, e) {
            let rec = self.clients.get_mut(&e.client).expect("inserted above");
            rec.received(e.agent, false, at);
        }
        push(
            out,
            rules![P2_1_2],
            ClientDecision::Registered {
                client: e.client,
                agent: e.agent,
                number,
                corrects: e.corrects,
            },
        );
        self.settle(policy, e, kind, before, out);
        Ok(())
    }

    /// Decides who holds the client after a registration: nobody if it is
    /// invalid (P2-2.1) or crosses an earlier one (P3-15), else its owner
    /// by P2-2.2 and the exceptions.
    fn settle(
        &mut self,
        policy: &Policy,
        e: &Register,
        kind: Kind,
        before: Option<(Option<AgentId>, bool)>,
        out: &mut Out,
    ) {
        let rec = &self.clients[&e.client];
        if !rec.missing().is_empty() {
            let missing = rec.missing().to_vec();
            self.disown(e.client, rules![P2_2_1], rules![P2_2_1, P2_1_1], out);
            let what = ClientDecision::Invalid {
                client: e.client,
                missing,
            };
            push(out, rules![P2_2_1], what);
            return;
        }
        let number = rec.number;
        let standing_correction = matches!((&kind, before), (Kind::Correction, Some((_, true))));
        // A correction may also clear a crossing: look again.
        self.clients
            .get_mut(&e.client)
            .expect("known")
            .set_crosses(None);
        let crossing = self
            .crossing(e.client, out.at, policy)
            // A registration that stood only yields to an earlier one.
            .filter(|of| !standing_correction || self.clients[of].number < number);
        if let Some(of) = crossing {
            self.clients
                .get_mut(&e.client)
                .expect("known")
                .set_crosses(Some(of));
            self.disown(e.client, rules![P3_15], rules![P3_15], out);
            let what = ClientDecision::DuplicateFlagged {
                client: e.client,
                of,
            };
            push(out, rules![P3_15], what);
            return;
        }
        // A correction of a registration that already stood keeps its owner.
        if standing_correction {
            return;
        }
        let (holder, reason, mut rules) = first_owner(e);
        let reason = match (&kind, reason) {
            (Kind::Correction, Some(OwnReason::FirstContact)) => {
                rules = rules![P2_1_1, P2_2_2];
                Some(OwnReason::Corrected)
            }
            (Kind::Again, Some(OwnReason::FirstContact)) => {
                rules = policy.lapse_for(e.channel).rules.with(crate::Rule::P2_2_2);
                Some(OwnReason::Reregistered)
            }
            (_, r) => r,
        };
        let previous = before.and_then(|b| b.0);
        if self.call_awaits(policy, e) {
            // P2-3.5: valid, but a void reception until the manager confirms.
            let awaiting = AwaitingCall {
                agent: e.agent,
                holder,
                reason,
                rules,
                previous,
            };
            self.set_holder(e.client, None, None, rules![P2_3_5], out);
            let rec = self.clients.get_mut(&e.client).expect("known");
            rec.awaiting_call = Some(Box::new(awaiting));
            push(
                out,
                policy
                    .call_needs_confirmation
                    .rules
                    .with(crate::Rule::P2_3_5),
                ClientDecision::CallAwaitsConfirmation {
                    client: e.client,
                    agent: e.agent,
                },
            );
            return;
        }
        self.give(e.client, holder, reason, rules, previous, out);
    }

    /// Whether registration `e` is a call that owns nothing until the
    /// manager confirms it: the policy asks it (P2-3.5) and the client's
    /// call is not yet confirmed.
    fn call_awaits(&self, policy: &Policy, e: &Register) -> bool {
        e.channel == Channel::Call
            && policy.call_needs_confirmation.value
            && self
                .clients
                .get(&e.client)
                .is_some_and(|r| !r.call_confirmed)
    }

    /// Makes `holder` hold `client` for `reason` under `rules`, with the
    /// decision that says so: owned, pooled, or changed from `previous`.
    pub(super) fn give(
        &mut self,
        client: crate::ClientId,
        holder: Holder,
        reason: Option<OwnReason>,
        rules: Rules,
        previous: Option<AgentId>,
        out: &mut Out,
    ) {
        self.set_holder(client, Some(holder), reason, rules, out);
        let what = match (holder, reason) {
            (Holder::Pool { reason, proposed }, _) => ClientDecision::Pooled {
                client,
                from: None,
                reason,
                proposed,
            },
            (Holder::Agent { agent }, Some(reason)) if previous.is_some() => {
                ClientDecision::OwnerChanged {
                    client,
                    from: previous,
                    to: agent,
                    reason,
                }
            }
            (Holder::Agent { agent }, _) => ClientDecision::Owned { client, agent },
        };
        push(out, rules, what);
    }

    /// Records a change of holder in the client's trail.
    pub(super) fn set_holder(
        &mut self,
        client: crate::ClientId,
        holder: Option<Holder>,
        reason: Option<OwnReason>,
        rules: Rules,
        out: &Out,
    ) {
        let held = Held::of(holder, &mut self.agents);
        let rec = self.clients.get_mut(&client).expect("known client");
        if rec.held() == Held::Nobody && holder.is_none() {
            return;
        }
        let was = rec.agent(&self.agents);
        rec.set_held(held);
        // Once held, a call awaiting confirmation is settled otherwise.
        if holder.is_some() {
            rec.awaiting_call = None;
        }
        // Whoever is made owner again by a later act has a claim again.
        if let Some(a) = holder.and_then(|h| h.agent()) {
            rec.remove_links(|l| {
                l.excluded.remove(&a);
            });
        }
        // Trails are short: grown one entry at a time, not four.
        rec.trail.reserve_exact(1);
        rec.trail.push(OwnerChange {
            event: out.event,
            at: out.at,
            holder,
            reason,
            rules,
        });
        self.owners
            .moved(client, was, holder.and_then(|h| h.agent()));
    }
}

/// The first owner of a valid new registration: first contact (P2-2.2),
/// unless the client named an agent (P2-2.5; brought by an old client,
/// P2-2.8), was pre-registered with the manager's knowledge (P2-2.8), or
/// is an expo lead (P2-2.12), which waits for the manager unless it named
/// an agent.
fn first_owner(e: &Register) -> (Holder, Option<OwnReason>, Rules) {
    let agent = |agent| Holder::Agent { agent };
    match (e.at_expo, e.named_agent) {
        (true, None) => (
            Holder::Pool {
                reason: PoolReason::Expo,
                proposed: None,
            },
            None,
            rules![P2_2_12],
        ),
        (true, Some(n)) => (agent(n), Some(OwnReason::ExpoNamed), rules![P2_2_12]),
        (false, Some(n)) if e.introduced_by == Some(Introducer::OldClient) => (
            agent(n),
            Some(OwnReason::BroughtByOldClient),
            rules![P2_2_8],
        ),
        (false, Some(n)) => (
            agent(n),
            Some(OwnReason::NamedAtFirstContact),
            rules![P2_2_5],
        ),
        (false, None) if e.pre_registered => (
            agent(e.agent),
            Some(OwnReason::PreRegistered),
            rules![P2_2_8],
        ),
        (false, None) => (
            agent(e.agent),
            Some(OwnReason::FirstContact),
            rules![P2_2_2, P2_1_2],
        ),
    }
}

impl Registry {
    /// Takes `client` from its agent, if it has one, saying so: the trail
    /// under `trail_rules`, the decision under `rules`.
    fn disown(&mut self, client: crate::ClientId, trail_rules: Rules, rules: Rules, out: &mut Out) {
        let from = self.clients[&client].agent(&self.agents);
        self.set_holder(client, None, None, trail_rules, out);
        if let Some(from) = from {
            push(out, rules, ClientDecision::Unowned { client, from });
        }
    }
}
