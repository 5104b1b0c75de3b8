//! The agents' and manager's acts on one client: follow-ups (P2-2.13),
//! switches (P1-17, P2-2.5, P2-2.9), consent (P1-10), call confirmation
//! (P2-3.5), re-registration approval (P3-19), identity confirmation
//! (P2-3.1) and the contract signer (P2-2.7).

use super::client::Holder;
use super::{Registry, RegistryError, Standing};
use crate::decision::{ClientDecision, Out, OwnReason, What};
use crate::event::{
    ApproveReregistration, ConfirmCall, ConfirmIdentity, Consent, FollowUp, SwitchAgent,
    SwitchReason,
};
use crate::policy::Policy;
use crate::{rules, AgentId, ClientId, Rules};

pub(super) fn push(out: &mut Out, rules: Rules, what: ClientDecision) {
    out.push(rules, What::Client(what));
}

impl Registry {
    pub(super) fn follow_up(
        &mut self,
        policy: &Policy,
        e: &FollowUp,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        self.known_agent(e.agent, "agent")?;
        if !rec.stands() || rec.agent(&self.agents) != Some(e.agent) {
            return Err(RegistryError::NotOwner {
                client: e.client,
                agent: e.agent,
            });
        }
        let rec = self.clients.get_mut(&e.client).expect("checked");
        // A contact is a fact of the log, recorded whatever the lapse model:
        // whether it restarts the count is read when protection is computed
        // (P2-2.13 counts from it, P3-19 ignores it), so a later change of
        // lapse model still sees it.
        rec.last_contact = out.at;
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
        let from = rec.agent(&self.agents);
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
            // The manager settles a client-agent conflict; its ruling stands (P1-18).
            _ => rules![P1_17, P2_2_9, P1_18],
        };
        let rec = self.clients.get_mut(&e.client).expect("checked");
        if let (SwitchReason::PoorService, Some(f)) = (e.reason, from) {
            rec.links_mut().excluded.insert(f);
        }
        // The new agent registers the client anew (P1-17).
        let reason = OwnReason::Switched { reason: e.reason };
        self.hand_over(e.client, from, e.to, reason, rules, out);
        Ok(())
    }

    /// Gives `client` to agent `to` for `reason`: its protection starts
    /// afresh under either lapse model, as the new agent's own registration
    /// (P1-17; a manager's reassignment likewise), and the change is a
    /// decision.
    pub(super) fn hand_over(
        &mut self,
        client: ClientId,
        from: Option<AgentId>,
        to: AgentId,
        reason: OwnReason,
        rules: Rules,
        out: &mut Out,
    ) {
        if let Some(rec) = self.clients.get_mut(&client) {
            rec.last_contact = out.at;
            rec.registered = out.at;
        }
        let holder = Some(Holder::Agent { agent: to });
        self.set_holder(client, holder, Some(reason), rules, out);
        let what = ClientDecision::OwnerChanged {
            client,
            from,
            to,
            reason,
        };
        push(out, rules, what);
    }

    pub(super) fn consent(&mut self, e: &Consent, out: &mut Out) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        self.known_agent(e.receiver, "receiver")?;
        let owner = rec.agent(&self.agents);
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
            .links_mut()
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

    /// The manager confirms a call's recorded details (P2-3.5). A call
    /// that owns nothing until then (the policy's
    /// `call_needs_confirmation`) goes now, from this moment, to the owner
    /// its registration would have had: its protection starts now and the
    /// call counts as its agent's reception.
    pub(super) fn confirm_call(
        &mut self,
        policy: &Policy,
        e: &ConfirmCall,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        if rec.details().channel != crate::event::Channel::Call {
            return Err(RegistryError::NotACall(e.client));
        }
        let awaiting = rec
            .awaiting_call
            .as_deref()
            .copied()
            .filter(|_| rec.stands());
        let rec = self.clients.get_mut(&e.client).expect("checked");
        rec.call_confirmed = true;
        push(
            out,
            rules![P2_3_5],
            ClientDecision::CallConfirmed { client: e.client },
        );
        // Unconfirmed, the call was void (P2-3.5): another registration of
        // the same number may have become the valid one meanwhile. Then the
        // call is the later registration, flagged, not given (P3-15).
        let crossing = awaiting.and_then(|_| self.crossing(e.client, out.at, policy));
        let rec = self.clients.get_mut(&e.client).expect("checked");
        if let Some(of) = crossing {
            rec.set_crosses(Some(of));
            rec.awaiting_call = None;
            let what = ClientDecision::DuplicateFlagged {
                client: e.client,
                of,
            };
            push(out, rules![P3_15, P2_3_5], what);
        } else if let Some(a) = awaiting {
            rec.registered = out.at;
            rec.last_contact = out.at;
            rec.received(a.agent, false, out.at);
            let rules = a.rules.with(crate::Rule::P2_3_5);
            self.give(e.client, a.holder, a.reason, rules, a.previous, out);
        }
        Ok(())
    }

    pub(super) fn approve_reregistration(
        &mut self,
        policy: &Policy,
        e: &ApproveReregistration,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        let rec = self.record(e.client)?;
        let lapsed = matches!(
            self.standing(e.client, policy.lapse.value, out.at),
            Standing::Lapsed(_)
        );
        let approval =
            policy.reregistration_needs_approval(&policy.lapse_for(rec.details().channel));
        if !lapsed || !approval.value {
            return Err(RegistryError::NotLapsed(e.client));
        }
        self.clients
            .get_mut(&e.client)
            .expect("checked")
            .reregistration_approved = true;
        push(
            out,
            approval.rules.with(crate::Rule::P3_19),
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

    /// Records the contract signer of a client who bought: the client is
    /// the signer's from then on (P2-2.7), a decision in `out`. Unknown or
    /// invalid clients are left alone.
    pub(crate) fn set_signer(&mut self, client: ClientId, agent: AgentId, out: &mut Out) {
        self.see(agent);
        let Some(rec) = self.clients.get_mut(&client) else {
            return;
        };
        rec.set_signer(Some(agent));
        if !rec.stands() {
            return;
        }
        let from = rec.agent(&self.agents);
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
