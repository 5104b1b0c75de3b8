//! The client registry: registrations, validity, identity, ownership and
//! lapse (P1, P2, P3 kind R).
//!
//! A [`Registry`] is a fold over the registry's events. It knows every
//! client ever registered, whether its registration is valid (the three
//! facts of P2-2.1), who holds it (an agent, the manager's pool, or nobody
//! for an invalid or duplicate registration), since when and why (the
//! trail, [`Registry::history`]), and until when the registration
//! protects its owner (the policy's [`policy::Lapse`](crate::policy::Lapse)).
//! The engine asks it who an arriving visitor is, so a returning client is
//! routed to its owner without the log saying who that is.
//!
//! Each handler checks everything before it changes anything, so a
//! rejected event leaves the registry exactly as it was. Maps are ordered
//! and ties are broken by registration number or agent order, never by
//! hash order.
//!
//! **Queries.** [`Registry::owner_of`] and [`Registry::owned_since`] say
//! who owns a client, since when and why; [`Registry::history`] gives the
//! whole trail; [`Registry::claims`] and [`Registry::receptions`] feed
//! attribution; [`Registry::reminders`] is the follow-up reminder list;
//! [`Registry::pool`], [`Registry::unconfirmed_calls`],
//! [`Registry::flagged_duplicate_of`] are the manager's open items;
//! [`Registry::clients_by_phone`] and [`Registry::candidates_by_name`]
//! help the host recognise a visitor (P2-3.1).
//!
//! **Agents.** The registry keeps its own roster: every agent it has seen
//! (signed in, registered a client, or named by one), in the order first
//! seen, with those who left ([`event::Depart`](crate::event::Depart))
//! marked. The round-robin that proposes an agent for a designated client
//! (P2-2.6) or a departed agent's client (P2-2.11) runs over that roster,
//! skipping those who left, from the agent after the last one proposed.
//!
//! **Privacy.** Names and phone numbers are kept whole (the manager's
//! records, and the snapshot of a [`State`](crate::State)) but never appear
//! in decisions or errors, which name clients by id (P1-20, P3-18).

mod claims;
mod client;
mod error;
#[cfg(feature = "gen")]
mod footprint;
mod household;
mod identity;
mod ids;
mod lapse;
mod ownership;
mod pool;
mod register;
#[cfg(feature = "serde")]
mod snapshot;
mod validity;
mod view;

pub use crate::decision::{Fact, IdentifiedBy, Missing, OwnReason, PoolReason};
pub use crate::person::{PhoneNumber, PhoneProblem};
pub use client::{Holder, OwnerChange, Receptions};
pub use error::RegistryError;
#[cfg(feature = "gen")]
#[doc(hidden)]
pub use footprint::Footprint;
pub use lapse::{AgentReminders, Reminder};
pub use view::{AgentClients, ClientCard, ClientStanding, MaskedClient, Others};

use std::collections::{BTreeMap, BTreeSet};

use client::{ClientRecord, Held};

use crate::decision::{ClientDecision, Out, Via};
use crate::event::{EventKind, Introducer};
use crate::policy::{Lapse, Policy, Ruled};
use crate::{rules, AgentId, ClientId, Date, Rules, Timestamp, VisitorId};

/// Why an agent other than the closer may have a claim on a client's deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ClaimReason {
    /// It owns the client (first contact and what follows, P2-2.2).
    Owner,
    /// It also received the client (P2-2.4).
    AlsoReceived,
    /// It stood in for the owner (P3-2, P3-4).
    StandIn,
    /// It unknowingly received the client's spouse (P3-3).
    Spouse,
    /// It registered a family member first or as a duplicate (P2-2.10).
    Family,
    /// It recorded the deposit though it neither owns the client nor stood
    /// in; the policy credits the owner instead (P3-2, P3-4 reading).
    ClosedWithoutClaim,
}

/// An agent's claim on a client's deal, with the rules that give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Claim {
    /// The agent.
    pub agent: AgentId,
    /// Why.
    pub reason: ClaimReason,
    /// The rules that give it.
    pub rules: Rules,
    /// When the claim arose (its first reception or registration).
    pub since: Timestamp,
}

/// Where a client stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// An agent owns it and the registration protects it.
    Owned(AgentId),
    /// It lapsed; its last agent, if an agent held it.
    Lapsed(Option<AgentId>),
    /// In the manager's pool.
    Pooled,
    /// Invalid (P2-2.1) or a duplicate (P3-15): it owns nothing.
    NotValid,
}

/// Every client known to the office.
///
/// ```
/// use anchang::{replay, AgentId, Event, Gender, PersonName, Phone, Policy, Timestamp};
/// use anchang::event::{Arrive, Register, SignIn};
///
/// let t = |s: &str| s.parse::<Timestamp>().unwrap();
/// let li: AgentId = "Li".parse().unwrap();
/// let c1 = "C1".parse().unwrap();
/// let log = [
///     Event::new(1, t("2026-03-02T09:00:00"), SignIn { agent: li }),
///     Event::new(2, t("2026-03-02T09:30:00"), Register {
///         name: Some(PersonName::new("陈明")),
///         gender: Some(Gender::Male),
///         phones: vec![Phone::new("139 0000 1111")],
///         needs: Some("三房".into()),
///         ..Register::new(c1, li)
///     }),
///     // The same client comes back, known by its phone (P2-3.1).
///     Event::new(3, t("2026-03-05T10:00:00"), SignIn { agent: li }),
///     Event::new(4, t("2026-03-05T10:30:00"), Arrive {
///         phone: Some(Phone::new("13900001111")),
///         ..Arrive::walk_in("v9".parse().unwrap())
///     }),
/// ];
/// let day = replay(&Policy::p2(), &log).unwrap();
/// let (registry, now) = (day.state.registry(), day.state.clock().unwrap());
/// assert_eq!(registry.owner_of(c1, now), Some(li)); // first contact (P2-2.2)
/// assert_eq!(registry.clients_of(li, now).collect::<Vec<_>>(), [c1]);
/// assert_eq!(registry.history(c1).len(), 1);
/// // Reception on the 5th renews the 20 days (P2-2.13).
/// assert_eq!(registry.protected_through(c1).unwrap().to_string(), "2026-03-25");
/// ```
///
/// `Debug` shows clients by id with their personal data masked; the
/// lookup indexes, keyed by names and numbers, are shown only as counts.
///
/// A snapshot is checked when read back: every client its indexes,
/// households and cross-references name must be registered, so a corrupt
/// snapshot is refused instead of failing on the next event.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "snapshot::RegistryData"))]
pub struct Registry {
    /// The policy's lapse cell, for queries that take no policy.
    lapse: Ruled<Lapse>,
    /// The lapse cells beside it (a call's model, whether contacts restart).
    #[cfg_attr(feature = "serde", serde(default))]
    terms: lapse::Terms,
    /// Each client's hot record, inline: some 40 bytes beside its id, its
    /// file boxed apart, so the lookups every arrival makes walk nodes of
    /// ids and hot records only.
    clients: BTreeMap<ClientId, ClientRecord>,
    /// Normalised phone key, as a number ([`crate::person::Line::key`]) →
    /// clients with it, in registration order. Serialised as before: JSON
    /// writes a map's number keys as their digits.
    phones: BTreeMap<u64, ids::Ids>,
    /// Name as given → clients of that name, in registration order.
    names: BTreeMap<Box<str>, ids::Ids>,
    /// The agents seen, in the order first seen: also the table a hot
    /// record's agent slots index ([`client::Slot`]).
    agents: Vec<AgentId>,
    departed: BTreeSet<AgentId>,
    /// The agent the round-robin proposed last.
    cursor: Option<AgentId>,
    households: BTreeMap<u32, BTreeSet<ClientId>>,
    next_household: u32,
    /// Visitors the host confirmed as clients before they arrived.
    confirmed: BTreeMap<VisitorId, ClientId>,
    /// Registrations numbered so far (P2-1.2).
    registrations: u32,
    /// Each agent's clients (derived: rebuilt when a snapshot is read).
    #[cfg_attr(feature = "serde", serde(skip))]
    owners: view::OwnerIndex,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("lapse", &self.lapse)
            .field("clients", &self.clients)
            .field("phone_keys", &self.phones.len())
            .field("names", &self.names.len())
            .field("agents", &self.agents)
            .field("departed", &self.departed)
            .field("cursor", &self.cursor)
            .field("households", &self.households)
            .field("confirmed", &self.confirmed)
            .field("registrations", &self.registrations)
            .finish()
    }
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new(&Policy::p1())
    }
}

impl Registry {
    /// An empty registry under `policy`.
    pub fn new(policy: &Policy) -> Registry {
        Registry {
            lapse: policy.lapse,
            terms: lapse::Terms::of(policy),
            clients: BTreeMap::new(),
            phones: BTreeMap::new(),
            names: BTreeMap::new(),
            agents: Vec::new(),
            departed: BTreeSet::new(),
            cursor: None,
            households: BTreeMap::new(),
            next_household: 0,
            confirmed: BTreeMap::new(),
            registrations: 0,
            owners: view::OwnerIndex::default(),
        }
    }

    /// A new policy applies from here on.
    pub(crate) fn policy_changed(&mut self, policy: &Policy) {
        self.lapse = policy.lapse;
        self.terms = lapse::Terms::of(policy);
    }

    /// Adds `agent` to the roster if it is new.
    pub(crate) fn see(&mut self, agent: AgentId) {
        if !self.agents.contains(&agent) {
            self.agents.push(agent);
        }
    }

    /// Whether the office has seen `agent`: signed in, received or
    /// registered a client, or listed on an effective-client register.
    pub(crate) fn knows_agent(&self, agent: AgentId) -> bool {
        self.agents.contains(&agent)
    }

    fn known_agent(&self, agent: AgentId, field: &'static str) -> Result<(), RegistryError> {
        if self.agents.contains(&agent) {
            Ok(())
        } else {
            Err(RegistryError::UnknownAgent { agent, field })
        }
    }

    fn present_agent(&self, agent: AgentId, field: &'static str) -> Result<(), RegistryError> {
        self.known_agent(agent, field)?;
        if self.departed.contains(&agent) {
            return Err(RegistryError::Departed { agent, field });
        }
        Ok(())
    }

    fn record(&self, client: ClientId) -> Result<&ClientRecord, RegistryError> {
        self.clients
            .get(&client)
            .ok_or(RegistryError::UnknownClient(client))
    }

    /// The last day the client's registration protects its owner under
    /// `lapse`, if it lapses at all. A client who bought or paid a deposit
    /// stays its agent's (P2-2.7): no lapse.
    fn protection(&self, rec: &ClientRecord, lapse: Lapse) -> Option<Date> {
        if rec.bought() {
            return None;
        }
        let lapse = self.lapse_of(rec, lapse);
        lapse::protected_through(
            lapse,
            self.restarts(lapse),
            rec.registered.date(),
            rec.last_contact.date(),
        )
    }

    /// Whether a contact restarts the count under `lapse`: left to the
    /// lapse model, the inactivity count only (P2-2.13, P3-19).
    fn restarts(&self, lapse: Lapse) -> bool {
        self.terms
            .restarts
            .unwrap_or(matches!(lapse, Lapse::Inactivity { .. }))
    }

    /// The lapse model of `rec`, `lapse` being the policy's: a call's own
    /// model when the policy gives one (`call_lapse`).
    fn lapse_of(&self, rec: &ClientRecord, lapse: Lapse) -> Lapse {
        match self.terms.call {
            Some(l) if rec.by_call() => l,
            _ => lapse,
        }
    }

    fn is_lapsed(&self, rec: &ClientRecord, lapse: Lapse, at: Timestamp) -> bool {
        self.protection(rec, lapse).is_some_and(|d| at.date() > d)
    }

    pub(crate) fn standing(&self, client: ClientId, lapse: Lapse, at: Timestamp) -> Standing {
        match self.clients.get(&client) {
            Some(rec) => self.standing_of(rec, lapse, at),
            None => Standing::NotValid,
        }
    }

    /// Where the client of `rec` stands at `at` (see [`Registry::standing`]).
    pub(super) fn standing_of(&self, rec: &ClientRecord, lapse: Lapse, at: Timestamp) -> Standing {
        if !rec.stands() {
            return Standing::NotValid;
        }
        match rec.held() {
            Held::Nobody => Standing::NotValid,
            _ if self.is_lapsed(rec, lapse, at) => Standing::Lapsed(rec.agent(&self.agents)),
            Held::Pool { .. } => Standing::Pooled,
            Held::Agent(s) => Standing::Owned(self.agents[s as usize]),
        }
    }

    /// Records that `agent` received registered client `client` at `at`
    /// (a contact, P2-2.13, when the owner or its stand-in receives; the
    /// receptions weigh a split, P2-2.4).
    pub(crate) fn record_reception(
        &mut self,
        client: ClientId,
        agent: AgentId,
        via: Via,
        at: Timestamp,
    ) {
        self.see(agent);
        // A lapsed client routed to its own agent was kept by naming it
        // (P2-2.13's exception, `naming_keeps`): where contacts do not
        // restart the count, its protection starts afresh from this visit,
        // as a registration again would (P3-19).
        let renewed = via == Via::Owner
            && self.clients.get(&client).is_some_and(|rec| {
                let lapse = self.lapse_of(rec, self.lapse.value);
                self.is_lapsed(rec, self.lapse.value, at) && !self.restarts(lapse)
            });
        let Some(rec) = self.clients.get_mut(&client) else {
            return;
        };
        let owner = rec.agent(&self.agents);
        let stand_in = matches!(via, Via::StandIn { .. });
        let for_owner = match via {
            Via::StandIn { owner: o } => Some(o) == owner,
            _ => Some(agent) == owner,
        };
        rec.received(agent, stand_in, at);
        if for_owner {
            rec.last_contact = at;
            if renewed {
                rec.registered = at;
            }
        }
    }

    /// The decision to add when `agent` receives `client` other than as its
    /// owner, its stand-in or by the manager's assignment, without the
    /// owner's consent (P1-10, P2-1.7).
    pub(crate) fn reception_note(
        &self,
        client: ClientId,
        agent: AgentId,
        via: Via,
        at: Timestamp,
    ) -> Option<(Rules, ClientDecision)> {
        let owner = self.owner_of(client, at)?;
        // Phone duty answering a registered caller whose own agent cannot
        // take it is P2-3.4 obeyed, not a reception without consent.
        let excused = matches!(
            via,
            Via::StandIn { .. } | Via::Manager | Via::Owner | Via::PhoneDuty
        );
        let rec = &self.clients[&client];
        if owner == agent || excused || rec.links().consents.contains(&agent) {
            return None;
        }
        Some((
            rules![P1_10, P2_1_7],
            ClientDecision::ReceivedWithoutConsent {
                client,
                owner,
                agent,
            },
        ))
    }

    /// A visitor arrived: a confirmation waiting for it is used up.
    pub(crate) fn arrived(&mut self, visitor: VisitorId) {
        self.confirmed.remove(&visitor);
    }

    /// Whether `client` was ever registered.
    pub fn knows(&self, client: ClientId) -> bool {
        self.clients.contains_key(&client)
    }

    /// The agent who owns `client` at `at`, if its registration is valid
    /// and has not lapsed (None while it is in the manager's pool). `at`
    /// is read against the registry as it stands: a time at or after the
    /// last event applied.
    pub fn owner_of(&self, client: ClientId, at: Timestamp) -> Option<AgentId> {
        match self.standing(client, self.lapse.value, at) {
            Standing::Owned(a) => Some(a),
            _ => None,
        }
    }

    /// Who holds `client` now, lapse aside: an agent, the manager's pool,
    /// or nobody (`None`: an invalid or duplicate registration).
    pub fn holder(&self, client: ClientId) -> Option<Holder> {
        self.clients.get(&client)?.holder(&self.agents)
    }

    /// Who introduced `client` (P2-1.8: a developer's client earns half).
    pub fn introduced_by(&self, client: ClientId) -> Option<Introducer> {
        self.clients.get(&client).and_then(|r| r.introduced_by)
    }

    /// The ownership trail of `client`, oldest first: who held it from
    /// when, why, and by which rules. The last entry is the current holder.
    pub fn history(&self, client: ClientId) -> &[OwnerChange] {
        self.clients
            .get(&client)
            .map(|r| r.trail.as_slice())
            .unwrap_or_default()
    }

    /// Who owns `client` at `at`, since when and why: the trail entry that
    /// made its current owner, when it has one then (see [`Registry::owner_of`]).
    pub fn owned_since(&self, client: ClientId, at: Timestamp) -> Option<&OwnerChange> {
        self.owner_of(client, at)?;
        self.history(client).last()
    }

    /// Each agent's receptions of `client`, by agent.
    pub fn receptions(&self, client: ClientId) -> Vec<(AgentId, Receptions)> {
        self.clients
            .get(&client)
            .map(|r| r.receptions.iter().map(|(a, t)| (*a, *t)).collect())
            .unwrap_or_default()
    }

    /// The client's registration number (P2-1.2).
    pub fn number(&self, client: ClientId) -> Option<u32> {
        self.clients.get(&client).map(|r| r.number)
    }

    /// What a registration lacks (P2-2.1); empty when valid; `None` for an
    /// unknown client.
    pub fn missing(&self, client: ClientId) -> Option<&[Missing]> {
        self.clients.get(&client).map(|r| r.missing())
    }

    /// The earlier registration `client` crosses, while the manager has
    /// not resolved it (P3-15).
    pub fn flagged_duplicate_of(&self, client: ClientId) -> Option<ClientId> {
        self.clients.get(&client).and_then(|r| r.crosses())
    }

    /// The last day `client` is protected, `None` if it never lapses (or is unknown).
    pub fn protected_through(&self, client: ClientId) -> Option<Date> {
        let rec = self.clients.get(&client)?;
        self.protection(rec, self.lapse.value)
    }

    /// Clients registered by call whose details the manager has not yet
    /// confirmed (P2-3.5), in registration order. Under a policy whose
    /// `call_needs_confirmation` is true they own nothing until a
    /// `confirm_call`: no owner, no claim, and a visit of one is a new
    /// visitor for the rotation (the manager may still give it to another
    /// agent with a switch, which settles it).
    pub fn unconfirmed_calls(&self) -> Vec<ClientId> {
        let mut v: Vec<(u32, ClientId)> = self
            .clients
            .iter()
            .filter(|(_, r)| r.by_call() && !r.call_confirmed)
            .map(|(c, r)| (r.number, *c))
            .collect();
        v.sort();
        v.into_iter().map(|(_, c)| c).collect()
    }

    /// Clients waiting in the manager's pool, in registration order, with
    /// why and the round-robin's proposal.
    pub fn pool(&self) -> Vec<(ClientId, PoolReason, Option<AgentId>)> {
        let mut v: Vec<(u32, ClientId, PoolReason, Option<AgentId>)> = self
            .clients
            .iter()
            .filter(|(_, r)| r.stands())
            .filter_map(|(c, r)| match r.holder(&self.agents) {
                Some(Holder::Pool { reason, proposed }) => Some((r.number, *c, reason, proposed)),
                _ => None,
            })
            .collect();
        v.sort_by_key(|x| x.0);
        v.into_iter().map(|(_, c, r, p)| (c, r, p)).collect()
    }

    /// Records whether `client` has paid a deposit (P3-1: receiving it
    /// uses no turn; a buyer does not lapse, P2-2.7).
    pub(crate) fn set_deposit_paid(&mut self, client: ClientId, paid: bool) {
        if let Some(rec) = self.clients.get_mut(&client) {
            rec.set_deposit_paid(paid);
        }
    }

    /// Applies a registry event; other events are ignored.
    ///
    /// # Errors
    /// A [`RegistryError`] naming the field at fault: an unknown client or
    /// agent, a correction naming no earlier registration of the client, a
    /// registration of a protected client naming nothing it corrects, a
    /// lapsed client registered again without the approval P3-19 asks, a
    /// follow-up by an agent that does not own the client, a switch to its
    /// own agent, a reassignment of a client not in the pool, a departed
    /// agent given a client. The registry is then unchanged.
    pub(crate) fn apply(
        &mut self,
        policy: &Policy,
        kind: &EventKind,
        out: &mut Out,
    ) -> Result<(), RegistryError> {
        self.lapse = policy.lapse;
        self.terms = lapse::Terms::of(policy);
        match kind {
            EventKind::Register(e) => self.register(policy, e, out),
            EventKind::FollowUp(e) => self.follow_up(policy, e, out),
            EventKind::LinkFamily(e) => self.link_family(e, out),
            EventKind::ConfirmIdentity(e) => self.confirm_identity(e, out),
            EventKind::ResolveDuplicate(e) => self.resolve_duplicate(e, out),
            EventKind::SwitchAgent(e) => self.switch_agent(e, out),
            EventKind::Depart(e) => self.depart(e, out),
            EventKind::Reassign(e) => self.reassign(e, out),
            EventKind::Designate(e) => self.designate(e, out),
            EventKind::Consent(e) => self.consent(e, out),
            EventKind::ConfirmCall(e) => self.confirm_call(policy, e, out),
            EventKind::ApproveReregistration(e) => self.approve_reregistration(policy, e, out),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
