//! The reference model of ownership and the split, from RULES.md: a list
//! of registrations scanned from the start, the first registrant of a
//! number owning it (P2-2.2, P3-15), lapse counted in calendar days from the
//! last contact (P2-2.13) or from registration (P3-16, P3-19), a buyer
//! never lapsing (P2-2.7), households passing to the agent of the member
//! registered first (P2-2.10), and the closer credited with the whole
//! unless the policy shares it with a stand-in (P3-2, P3-4) or a spouse's
//! agent (P3-3), or credits the owner when the closer has no claim.
//!
//! Readings shared with the engine: a visit received by the client's own
//! agent, or by a stand-in for it, is a contact (P2-2.13); under P2-2.13 a
//! lapsed client naming its agent is still that agent's; a fixed window
//! (P3-19) is not revived by naming.

use anchang::policy::{CloserCredit, Lapse, Policy};
use anchang::{AgentId, BasisPoints, ClientId, Date, Timestamp};

#[derive(Debug, Clone)]
pub struct Client {
    pub id: ClientId,
    pub phone: String,
    pub holder: AgentId,
    /// When the holder became its holder (registered, or passed to by the
    /// household rule).
    pub holder_since: Timestamp,
    /// Who registered it.
    pub registrar: AgentId,
    pub registered: Date,
    pub registered_at: Timestamp,
    /// Contacts that restart P2-2.13's count: follow-ups and visits its
    /// own agent (or a stand-in for it) received.
    pub contacts: Vec<(Date, bool)>,
    /// Each agent who stood in for its owner, with when it first did.
    pub stand_ins: Vec<(AgentId, Timestamp)>,
    /// Each agent who received it (its registrar at the registration),
    /// with when it first did.
    pub received_by: Vec<(AgentId, Timestamp)>,
    /// Agents it passed from by the household rule (P2-2.10).
    pub moved_from: Vec<AgentId>,
    pub spouses: Vec<ClientId>,
    pub bought: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Clients {
    /// In registration order.
    pub list: Vec<Client>,
    /// Households: each a list of members.
    pub households: Vec<Vec<ClientId>>,
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
    pub fn kept_by_naming(&mut self, id: ClientId, agent: AgentId, policy: &Policy, today: Date) {
        // Only by the agent that still holds it: one it passed from while
        // it waited (a household found meanwhile) keeps nothing.
        if !policy.contact_restarts(&policy.lapse).value
            && self.lapsed(id, policy, today)
            && self.get(id).is_some_and(|c| c.holder == agent)
        {
            self.get_mut(id).registered = today;
        }
    }

    pub fn register(&mut self, id: ClientId, agent: AgentId, phone: String, now: Timestamp) {
        self.list.push(Client {
            id,
            phone,
            holder: agent,
            holder_since: now,
            registrar: agent,
            registered: now.date(),
            registered_at: now,
            contacts: Vec::new(),
            stand_ins: Vec::new(),
            received_by: vec![(agent, now)],
            moved_from: Vec::new(),
            spouses: Vec::new(),
            bought: false,
        });
    }

    /// `agent` received the client; `for_owner` names the agent it stood in for.
    pub fn received(
        &mut self,
        id: ClientId,
        agent: AgentId,
        stood_in_for: Option<AgentId>,
        now: Timestamp,
    ) {
        let c = self.get_mut(id);
        let for_holder = stood_in_for.unwrap_or(agent) == c.holder;
        if for_holder {
            c.contacts.push((now.date(), true));
        }
        if !c.received_by.iter().any(|(a, _)| *a == agent) {
            c.received_by.push((agent, now));
        }
        if stood_in_for.is_some() && !c.stand_ins.iter().any(|(a, _)| *a == agent) {
            c.stand_ins.push((agent, now));
        }
    }

    fn household_of(&self, id: ClientId) -> Option<usize> {
        self.households.iter().position(|h| h.contains(&id))
    }

    /// Two clients found to be one household (spouses or not): every
    /// member not yet bought passes to the agent of the member registered
    /// first (P2-2.10), which remembers the agent it passed from.
    pub fn link(&mut self, a: ClientId, b: ClientId, spouse: bool, now: Timestamp) {
        let h = match (self.household_of(a), self.household_of(b)) {
            (Some(x), Some(y)) if x != y => {
                let moved = self.households.remove(x.max(y));
                self.households[x.min(y)].extend(moved);
                x.min(y)
            }
            (Some(x), _) | (_, Some(x)) => x,
            (None, None) => {
                self.households.push(Vec::new());
                self.households.len() - 1
            }
        };
        for c in [a, b] {
            if !self.households[h].contains(&c) {
                self.households[h].push(c);
            }
        }
        if spouse {
            for (x, y) in [(a, b), (b, a)] {
                let c = self.get_mut(x);
                if !c.spouses.contains(&y) {
                    c.spouses.push(y);
                }
            }
        }
        let members = self.households[h].clone();
        let first = self
            .list
            .iter()
            .find(|c| members.contains(&c.id))
            .expect("a member")
            .holder;
        for m in members {
            let c = self.get_mut(m);
            if !c.bought && c.holder != first {
                let from = c.holder;
                c.moved_from.push(from);
                c.holder = first;
                c.holder_since = now;
            }
        }
    }

    pub fn follow_up(&mut self, id: ClientId, today: Date) {
        self.get_mut(id).contacts.push((today, false));
    }

    /// Every agent's claim on a deal of `id` now, in the order the claims
    /// arose (ties by agent), one per agent, its strongest: the owner; an
    /// agent who stood in (from when it first did); the agent of a spouse
    /// or another member of the household, or the one it passed from by
    /// the household rule (P2-2.10, P3-3); an agent who only received it.
    fn claims(&self, id: ClientId, policy: &Policy, now: Timestamp) -> Vec<ModelClaim> {
        let c = self.get(id).expect("known");
        let mut offers: Vec<ModelClaim> = Vec::new();
        if let Some(o) = self.owner(id, policy, now.date()) {
            // Held only by the household rule and never met: the spouse's
            // agent on this deal (P3-3).
            let by_spouse = !c.spouses.is_empty()
                && !c.moved_from.is_empty()
                && !c.received_by.iter().any(|(a, _)| *a == o);
            let kind = if by_spouse {
                Kind::OwnerBySpouse
            } else {
                Kind::Owner
            };
            offers.push(ModelClaim {
                agent: o,
                kind,
                since: c.holder_since,
            });
        }
        for (a, first) in &c.received_by {
            let (kind, since) = match c.stand_ins.iter().find(|(s, _)| s == a) {
                Some((_, t)) => (Kind::StandIn, *t),
                None if c.moved_from.contains(a) && !c.spouses.is_empty() => (Kind::Spouse, *first),
                None if c.moved_from.contains(a) => (Kind::Family, *first),
                None => (Kind::AlsoReceived, *first),
            };
            offers.push(ModelClaim {
                agent: *a,
                kind,
                since,
            });
        }
        if let Some(h) = self.household_of(id) {
            for m in &self.households[h] {
                if *m == id {
                    continue;
                }
                let other = self.get(*m).expect("member");
                let kind = if c.spouses.contains(m) {
                    Kind::Spouse
                } else {
                    Kind::Family
                };
                offers.push(ModelClaim {
                    agent: other.registrar,
                    kind,
                    since: other.registered_at,
                });
            }
        }
        let mut best: Vec<ModelClaim> = Vec::new();
        for o in offers {
            match best.iter_mut().find(|b| b.agent == o.agent) {
                Some(b) => {
                    let since = b.since.min(o.since);
                    if o.kind.strength() < b.kind.strength() {
                        *b = o;
                    }
                    b.since = since;
                }
                None => best.push(o),
            }
        }
        best.sort_by_key(|b| (b.since, b.agent));
        best
    }

    /// A deposit of `id` recorded by `closer`: the shares the policy gives
    /// (P2-1.5, P3-2, P3-3, P3-4), the client bought (P2-2.7).
    pub fn deposit(&mut self, id: ClientId, closer: AgentId, policy: &Policy, now: Timestamp) {
        let claims = self.claims(id, policy, now);
        let mut shares = shares_for(closer, &claims, policy);
        shares.retain(|(_, s)| *s > 0);
        shares.sort();
        self.get_mut(id).bought = true;
        self.deals.push((id, shares));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Owner,
    /// The owner by the household rule alone, who never met the buyer.
    OwnerBySpouse,
    StandIn,
    Spouse,
    Family,
    AlsoReceived,
}

impl Kind {
    fn strength(self) -> u8 {
        match self {
            Kind::Owner | Kind::OwnerBySpouse => 0,
            Kind::StandIn => 1,
            Kind::Spouse => 2,
            Kind::Family => 3,
            Kind::AlsoReceived => 4,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct ModelClaim {
    agent: AgentId,
    kind: Kind,
    since: Timestamp,
}

/// The shares of a deal `closer` records, given the claims in the order
/// they arose. A closer with no claim while another owns the client: the
/// owner is credited as if it had closed where the policy says so (P3-2,
/// P3-4 reading), else the closer (P2-1.5). The whole is the closer's
/// unless the first claim the policy shares automatically (共单) is met:
/// a stand-in who covered the owner (the owner's when the stand-in
/// closes; none for a third closer while an owner exists), or the agent of
/// the buyer's spouse (P3-3).
fn shares_for(closer: AgentId, claims: &[ModelClaim], policy: &Policy) -> Vec<(AgentId, u32)> {
    let cells = &policy.attribution;
    let whole = 10_000u32;
    let owner = claims
        .iter()
        .find(|c| matches!(c.kind, Kind::Owner | Kind::OwnerBySpouse) && c.agent != closer);
    let has_claim = claims.iter().any(|c| c.agent == closer);
    if !has_claim && cells.closer_without_claim.value == CloserCredit::Owner {
        if let Some(o) = owner {
            return shares_for(o.agent, claims, policy);
        }
    }
    let stand_in = cells.stand_in_share.value.map(|BasisPoints(s)| s);
    let spouse = cells.spouse_share.value.map(|BasisPoints(s)| s);
    for c in claims {
        let co = match c.kind {
            Kind::StandIn => match (stand_in, c.agent == closer, owner) {
                (Some(s), false, None) => Some((c.agent, s)),
                (Some(s), true, Some(o)) => Some((o.agent, whole - s)),
                _ => None,
            },
            Kind::OwnerBySpouse | Kind::Spouse if c.agent != closer => spouse.map(|s| (c.agent, s)),
            _ => None,
        };
        if let Some((a, s)) = co {
            return vec![(closer, whole - s), (a, s)];
        }
    }
    vec![(closer, whole)]
}
