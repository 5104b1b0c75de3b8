//! What the registry keeps of one client.

use std::collections::BTreeSet;

use crate::decision::{Missing, OwnReason, PoolReason};
use crate::event::{Channel, Introducer};
use crate::person::{Gender, PersonName, Phone, PhoneNumber};
use crate::{AgentId, ClientId, EventId, Rules, Timestamp};

/// Who holds a client now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "holder", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Holder {
    /// An agent owns it.
    Agent {
        /// The agent.
        agent: AgentId,
    },
    /// It waits in the manager's pool for a `reassign`.
    Pool {
        /// Why.
        reason: PoolReason,
        /// The agent the round-robin proposes, if the rule assigns in turn.
        proposed: Option<AgentId>,
    },
}

impl Holder {
    /// The owning agent, if an agent owns it.
    pub fn agent(&self) -> Option<AgentId> {
        match self {
            Holder::Agent { agent } => Some(*agent),
            Holder::Pool { .. } => None,
        }
    }
}

/// One entry of a client's ownership trail: from `at` on, `holder` holds
/// it (nobody when `None`: the registration became invalid or a duplicate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OwnerChange {
    /// The event that made the change.
    pub event: EventId,
    /// When.
    pub at: Timestamp,
    /// Who holds the client from then on.
    pub holder: Option<Holder>,
    /// Why an agent holds it (`None` for the pool, whose holder says why,
    /// and for nobody).
    pub reason: Option<OwnReason>,
    /// The rules that made the change.
    pub rules: Rules,
}

/// An agent's receptions of one client (the registration counts as the
/// first): what a split by actual receptions weighs (P2-2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Receptions {
    /// The first.
    pub first: Timestamp,
    /// The latest.
    pub last: Timestamp,
    /// How many.
    pub count: u32,
    /// How many standing in for the owner (P1-15, P3-2, P3-4).
    pub stand_in: u32,
    /// The latest visit it covered standing in, if any: a policy may let
    /// the stand-in share only a deal closed soon after
    /// ([`AttributionRules::stand_in_share_days`](crate::policy::AttributionRules)).
    #[cfg_attr(feature = "serde", serde(default))]
    pub last_stand_in: Option<Timestamp>,
    /// The first visit it covered standing in: when its stand-in claim
    /// arose, which orders the claims a deal reads (P3-2, P3-4: with two
    /// stand-ins, the first shares). `None` in a snapshot written before
    /// the field, read as [`first`](Self::first).
    #[cfg_attr(feature = "serde", serde(default))]
    pub first_stand_in: Option<Timestamp>,
}

/// The registration's details as given; kept whole for the manager's
/// records, masked whenever shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Details {
    pub channel: Channel,
    pub name: Option<PersonName>,
    pub gender: Option<Gender>,
    pub phones: Vec<Phone>,
    pub needs: Option<String>,
}

/// The owner a registration by call would have had, kept until the
/// manager confirms the call (P2-3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct AwaitingCall {
    /// The agent who took the call.
    pub agent: AgentId,
    /// Who holds the client once confirmed.
    pub holder: Holder,
    /// Why.
    pub reason: Option<OwnReason>,
    /// The rules that give it.
    pub rules: Rules,
    /// Its agent before, if registered again after lapsing.
    pub previous: Option<AgentId>,
}

/// Everything the registry keeps of one client. Bounded by the agents and
/// household members it touches, never by the log's length.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct ClientRecord {
    /// Its registration number (P2-1.2): a new one each time it is
    /// registered anew (first, or again after lapsing), kept by corrections.
    pub number: u32,
    /// The agent who registered it first (first contact).
    pub registrar: AgentId,
    /// When it was first registered.
    pub first_registered: Timestamp,
    /// When its current registration began (a fixed window counts from it).
    pub registered: Timestamp,
    /// Its owner's last contact (P2-2.13).
    pub last_contact: Timestamp,
    /// Its registration events, corrections included.
    pub events: Vec<EventId>,
    pub details: Details,
    /// Its phone numbers that can be ones, normalised.
    pub numbers: Vec<PhoneNumber>,
    /// The facts it lacks (P2-2.1); empty when valid.
    pub missing: Vec<Missing>,
    pub holder: Option<Holder>,
    pub introduced_by: Option<Introducer>,
    pub named_agent: Option<AgentId>,
    pub pre_registered: bool,
    pub at_expo: bool,
    /// Flagged: it crosses this earlier registration (P3-15), unresolved.
    pub crosses: Option<ClientId>,
    /// Resolved by the manager as the same person as this client.
    pub same_as: Option<ClientId>,
    /// Registrations the manager found to be this same person.
    pub duplicates: BTreeSet<ClientId>,
    /// Its household, if linked (P2-2.10).
    pub household: Option<u32>,
    /// Its spouses among linked clients (P3-3).
    pub spouses: BTreeSet<ClientId>,
    /// Agents it was moved away from because a household member was
    /// registered first by another (P2-2.10).
    pub household_from: BTreeSet<AgentId>,
    pub receptions: AgentReceptions,
    /// Agents switched away from for poor service: no share (P2-2.9).
    pub excluded: BTreeSet<AgentId>,
    /// Agents the owner consented to receive it (P1-10).
    pub consents: BTreeSet<AgentId>,
    pub deposit_paid: bool,
    pub signer: Option<AgentId>,
    pub call_confirmed: bool,
    /// A registration by call that owns nothing until the manager confirms
    /// it (P2-3.5, [`Policy::call_needs_confirmation`](crate::policy::Policy)):
    /// who it would have gone to.
    #[cfg_attr(feature = "serde", serde(default))]
    pub awaiting_call: Option<AwaitingCall>,
    pub reregistration_approved: bool,
    pub trail: Vec<OwnerChange>,
}

impl ClientRecord {
    /// Valid (P2-2.1) and standing on its own: not a flagged or resolved duplicate.
    pub fn stands(&self) -> bool {
        self.missing.is_empty() && self.crosses.is_none() && self.same_as.is_none()
    }

    /// The agent holding it, if an agent does (lapse aside).
    pub fn agent(&self) -> Option<AgentId> {
        self.holder.and_then(|h| h.agent())
    }

    /// Whether it bought or paid a deposit: a buyer stays its agent's (P2-2.7).
    pub fn bought(&self) -> bool {
        self.deposit_paid || self.signer.is_some()
    }

    pub fn received(&mut self, agent: AgentId, stand_in: bool, at: Timestamp) {
        let r = self.receptions.entry(agent, || Receptions {
            first: at,
            last: at,
            count: 0,
            stand_in: 0,
            last_stand_in: None,
            first_stand_in: None,
        });
        r.last = at;
        r.count += 1;
        if stand_in {
            r.stand_in += 1;
            r.last_stand_in = Some(at);
            r.first_stand_in.get_or_insert(at);
        }
    }
}

/// A client's receptions by agent, in agent order: a sorted list, not a
/// `BTreeMap`, whose first node alone is some 560 bytes for the one or two
/// agents a client usually meets. Serialised as the map it stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AgentReceptions(Vec<(AgentId, Receptions)>);

impl AgentReceptions {
    /// The receptions of `agent`, made by `new` if it has none yet.
    pub fn entry(&mut self, agent: AgentId, new: impl FnOnce() -> Receptions) -> &mut Receptions {
        let i = match self.0.binary_search_by_key(&agent, |e| e.0) {
            Ok(i) => i,
            Err(i) => {
                // Room for two from the first: most clients meet one or two
                // agents, so a second reception costs no allocation.
                if self.0.capacity() == 0 {
                    self.0.reserve_exact(2);
                }
                self.0.insert(i, (agent, new()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// Whether `agent` received it.
    pub fn contains_key(&self, agent: &AgentId) -> bool {
        self.0.binary_search_by_key(agent, |e| e.0).is_ok()
    }

    /// By agent, in agent order.
    pub fn iter(&self) -> impl Iterator<Item = (&AgentId, &Receptions)> {
        self.0.iter().map(|(a, r)| (a, r))
    }
}

impl<'a> IntoIterator for &'a AgentReceptions {
    type Item = (&'a AgentId, &'a Receptions);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (AgentId, Receptions)>,
        fn(&'a (AgentId, Receptions)) -> (&'a AgentId, &'a Receptions),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(a, r)| (a, r))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AgentReceptions {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for AgentReceptions {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = std::collections::BTreeMap::<AgentId, Receptions>::deserialize(d)?;
        Ok(AgentReceptions(map.into_iter().collect()))
    }
}
