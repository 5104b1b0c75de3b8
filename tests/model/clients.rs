//! The reference model of ownership and the split, from RULES.md: a list
//! of registrations scanned from the start, the first registrant of a
//! number owning it (P2-2.2, P3-15), lapse counted in calendar days from the
//! last contact (P2-2.13) or from registration (P3-16, P3-19), a buyer
//! never lapsing (P2-2.7), and the closer credited with the whole unless
//! the policy shares it with a stand-in (P3-2, P3-4).
//!
//! Readings shared with the engine: a visit received by the client's own
//! agent, or by a stand-in for it, is a contact (P2-2.13); under P2-2.13 a
//! lapsed client naming its agent is still that agent's; a fixed window
//! (P3-19) is not revived by naming.

use anchang::policy::{Lapse, Policy};
use anchang::{AgentId, BasisPoints, ClientId, Date};

#[derive(Debug, Clone)]
pub struct Client {
    pub id: ClientId,
    pub phone: String,
    pub holder: AgentId,
    pub registered: Date,
    /// Contacts that restart P2-2.13's count: follow-ups and visits its
    /// own agent (or a stand-in for it) received.
    pub contacts: Vec<(Date, bool)>,
    pub stand_ins: Vec<AgentId>,
    pub bought: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Clients {
    pub list: Vec<Client>,
    /// Deals: (client, shares in basis points by agent, sorted).
    pub deals: Vec<(ClientId, Vec<(AgentId, u32)>)>,
}

/// The last day `c` is protected: its window, counted from its last
/// contact where contacts restart the count (the `contact_restarts` cell;
/// left to the lapse model, P2-2.13's inactivity only), else from its
/// registration (P3-19).
fn last_protected(c: &Client, policy: &Policy) -> Option<Date> {
    if c.bought {
        return None;
    }
    let restarts = policy.contact_restarts(&policy.lapse).value;
    let last_contact = c
        .contacts
        .iter()
        .map(|(d, _)| *d)
        .chain([c.registered])
        .max()
        .unwrap();
    let from = if restarts { last_contact } else { c.registered };
    match policy.lapse.value {
        Lapse::Never => None,
        Lapse::Inactivity { days } | Lapse::FromRegistration { days } => {
            Some(from.add_days(days as i32))
        }
        Lapse::CalendarMonths { months } => Some(from.add_months_clamped(months)),
        _ => None,
    }
}

impl Clients {
    pub fn get(&self, id: ClientId) -> Option<&Client> {
        self.list.iter().find(|c| c.id == id)
    }

    fn get_mut(&mut self, id: ClientId) -> &mut Client {
        self.list.iter_mut().find(|c| c.id == id).expect("known")
    }

    pub fn lapsed(&self, id: ClientId, policy: &Policy, today: Date) -> bool {
        let c = self.get(id).expect("known");
        last_protected(c, policy).is_some_and(|d| today > d)
    }

    /// Its owner today: the holder while the registration protects it.
    pub fn owner(&self, id: ClientId, policy: &Policy, today: Date) -> Option<AgentId> {
        let c = self.get(id)?;
        (!self.lapsed(id, policy, today)).then_some(c.holder)
    }

    /// The owner a visitor giving the client's number is routed to: its
    /// owner, or under P2-2.13 its lapsed agent if the visitor names it.
    pub fn route_owner(
        &self,
        id: ClientId,
        named: Option<AgentId>,
        policy: &Policy,
        today: Date,
    ) -> Option<AgentId> {
        let c = self.get(id)?;
        if let Some(o) = self.owner(id, policy, today) {
            return Some(o);
        }
        // P2-2.13's exception, where the `naming_keeps` cell holds, and
        // within the office's window after lapsing if it sets one.
        let revives = policy.naming_keeps(&policy.lapse).value;
        let within = match (policy.naming_window_days.value, last_protected(c, policy)) {
            (Some(n), Some(d)) => today.days_since(d) <= n as i32,
            _ => true,
        };
        (revives && within && named == Some(c.holder)).then_some(c.holder)
    }

    /// A lapsed client kept by naming its agent: where contacts do not
    /// restart the count, its window starts afresh from this visit, as the
    /// registration again it spares would (P3-19; the engine's reading).
    pub fn kept_by_naming(&mut self, id: ClientId, policy: &Policy, today: Date) {
        if !policy.contact_restarts(&policy.lapse).value && self.lapsed(id, policy, today) {
            self.get_mut(id).registered = today;
        }
    }

    pub fn register(&mut self, id: ClientId, agent: AgentId, phone: String, today: Date) {
        self.list.push(Client {
            id,
            phone,
            holder: agent,
            registered: today,
            contacts: Vec::new(),
            stand_ins: Vec::new(),
            bought: false,
        });
    }

    /// `agent` received the client; `for_owner` names the agent it stood in for.
    pub fn received(
        &mut self,
        id: ClientId,
        agent: AgentId,
        stood_in_for: Option<AgentId>,
        today: Date,
    ) {
        let c = self.get_mut(id);
        let for_holder = stood_in_for.unwrap_or(agent) == c.holder;
        if for_holder {
            c.contacts.push((today, true));
        }
        if stood_in_for.is_some() && !c.stand_ins.contains(&agent) {
            c.stand_ins.push(agent);
        }
    }

    pub fn follow_up(&mut self, id: ClientId, today: Date) {
        self.get_mut(id).contacts.push((today, false));
    }

    /// A deposit by the client's owner: the whole to it, or the policy's
    /// stand-in share to the first agent who stood in for it (P3-2, P3-4).
    pub fn deposit(&mut self, id: ClientId, closer: AgentId, policy: &Policy) {
        let c = self.get_mut(id);
        c.bought = true;
        let stand_in = c.stand_ins.iter().copied().find(|a| *a != closer);
        let mut shares = match (policy.attribution.stand_in_share.value, stand_in) {
            (Some(BasisPoints(s)), Some(x)) => vec![(closer, 10_000 - s), (x, s)],
            _ => vec![(closer, 10_000)],
        };
        shares.retain(|(_, s)| *s > 0);
        shares.sort();
        self.deals.push((id, shares));
    }
}
