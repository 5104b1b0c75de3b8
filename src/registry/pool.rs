//! The manager's pool: clients of an agent who leaves (P2-2.11),
//! company-designated relation clients (P2-2.6) and expo leads (P2-2.12)
//! wait there for a `reassign`; the round-robin proposes who gets each.

use super::client::Holder;
use super::ownership::push;
use super::{Registry, RegistryError};
use crate::decision::{ClientDecision, Out, OwnReason, PoolReason};
use crate::event::{Depart, Designate, Reassign};
use crate::{rules, AgentId, ClientId, Rules};

/// The rule that pools a client for `reason`, and that its reassignment cites.
pub(super) fn pool_rules(reason: PoolReason) -> Rules {
    match reason {
        PoolReason::Departed { .. } => rules![P2_2_11],
        PoolReason::Designated => rules![P2_2_6],
        PoolReason::Expo => rules![P2_2_12],
    }
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

    pub(super) fn depart(&mut self, e: &Depart, out: &mut Out) -> Result<(), RegistryError> {
        self.present_agent(e.agent, "agent")?;
        self.departed.insert(e.agent);
        // Its clients from the owner index, not a scan of every client.
        let mut theirs: Vec<(u32, ClientId)> = self
            .owners
            .of(e.agent)
            .map(|c| (c, &self.clients[&c]))
            .filter(|(_, r)| r.stands())
            .map(|(c, r)| (r.number, c))
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
        if let Some(Holder::Pool { .. }) = rec.holder(&self.agents) {
            return Err(RegistryError::AlreadyPooled(e.client));
        }
        let from = rec.agent(&self.agents);
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
        }) = rec.holder(&self.agents).filter(|_| rec.stands())
        else {
            return Err(RegistryError::NotPooled(e.client));
        };
        let rules = pool_rules(pool);
        let reason = OwnReason::Reassigned { pool, proposed };
        self.hand_over(e.client, None, e.to, reason, rules, out);
        Ok(())
    }

    /// A pooled expo lead who comes back naming an agent belongs to that
    /// agent (P2-2.12 如客户再次来访指明某销售人员接待的,原则也归该销售人员所有).
    pub(crate) fn expo_lead_named(&mut self, client: ClientId, agent: AgentId, out: &mut Out) {
        let Some(rec) = self.clients.get(&client).filter(|r| r.stands()) else {
            return;
        };
        if let Some(Holder::Pool {
            reason: PoolReason::Expo,
            ..
        }) = rec.holder(&self.agents)
        {
            let reason = OwnReason::ExpoNamed;
            self.hand_over(client, None, agent, reason, rules![P2_2_12], out);
        }
    }
}
