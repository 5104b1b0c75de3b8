//! Households (P2-2.10, P3-3) and duplicates the manager resolves (P3-15).

use super::client::Holder;
use super::ownership::push;
use super::{Registry, RegistryError};
use crate::decision::{ClientDecision, Out, OwnReason};
use crate::event::{LinkFamily, ResolveDuplicate};
use crate::{rules, ClientId};

impl Registry {
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
            self.clients[&e.client].links().household,
            self.clients[&e.other].links().household,
        );
        let id = match (a, b) {
            (Some(x), Some(y)) => {
                let (keep, gone) = (x.min(y), x.max(y));
                if keep != gone {
                    let moved = self.households.remove(&gone).unwrap_or_default();
                    for c in &moved {
                        self.clients
                            .get_mut(c)
                            .expect("member")
                            .links_mut()
                            .household = Some(keep);
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
            self.clients
                .get_mut(&c)
                .expect("checked")
                .links_mut()
                .household = Some(id);
            self.households.entry(id).or_default().insert(c);
        }
        if e.spouse {
            self.clients
                .get_mut(&e.client)
                .expect("checked")
                .links_mut()
                .spouses
                .insert(e.other);
            self.clients
                .get_mut(&e.other)
                .expect("checked")
                .links_mut()
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
            .find_map(|(_, c)| self.clients[c].agent(&self.agents).map(|a| (*c, a)))
        else {
            return;
        };
        for (_, c) in members {
            // A buyer stays with its contract signer (P2-2.7); the household's
            // agent keeps a family claim on its deal for the manager to split
            // (P2-2.10 成交后发现的,由专案经理确认其权重分配).
            if self.clients[&c].bought() {
                continue;
            }
            let from = self.clients[&c].agent(&self.agents);
            // A client switched away from that agent for poor service stays
            // switched: the manager's later act prevails (P2-2.9).
            if from.is_none()
                || from == Some(owner)
                || self.clients[&c].links().excluded.contains(&owner)
            {
                continue;
            }
            let rec = self.clients.get_mut(&c).expect("member");
            if let Some(from) = from {
                rec.links_mut().household_from.insert(from);
            }
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
        if e.distinct && dup.crosses().is_none() {
            return Err(RegistryError::NotFlagged(e.duplicate));
        }
        let decision = ClientDecision::DuplicateResolved {
            client: e.client,
            duplicate: e.duplicate,
            same_person: !e.distinct,
        };
        if e.distinct {
            let rec = self.clients.get_mut(&e.duplicate).expect("checked");
            rec.set_crosses(None);
            let registrar = rec.registrar;
            push(out, rules![P3_15], decision);
            if rec.missing().is_empty() {
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
        rec.set_crosses(None);
        rec.set_same_as(Some(e.client));
        let from = rec.agent(&self.agents);
        self.clients
            .get_mut(&e.client)
            .expect("checked")
            .links_mut()
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
}
