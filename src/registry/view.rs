//! What an agent's tablet shows of the registry: the clients it owns now,
//! one client's record, and a view in which the agent's own clients are
//! whole and everyone else's masked or absent (P1-20, P3-18).
//!
//! An index by owner keeps "the clients of one agent" from scanning every
//! client: it is kept by [`Registry::set_holder`](super::Registry), the one
//! place a holder changes, and rebuilt when a snapshot is read back.

use std::collections::{BTreeMap, BTreeSet};

use super::client::{Holder, OwnerChange};
use super::{Registry, Standing};
use crate::decision::Missing;
use crate::event::{Channel, Introducer};
use crate::person::{Gender, PersonName, Phone};
use crate::{AgentId, ClientId, Date, Timestamp};

/// Each agent's clients, lapse aside: those an agent holds. Derived from
/// the records, so never serialised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OwnerIndex(BTreeMap<AgentId, BTreeSet<ClientId>>);

impl OwnerIndex {
    /// The index of `clients` as they stand (a snapshot read back).
    #[cfg(feature = "serde")]
    pub fn build(
        clients: &BTreeMap<ClientId, super::client::ClientRecord>,
        roster: &[AgentId],
    ) -> OwnerIndex {
        let mut index = OwnerIndex::default();
        for (c, rec) in clients {
            index.moved(*c, None, rec.agent(roster));
        }
        index
    }

    /// `client` went from agent `from` to agent `to` (either may be none).
    pub fn moved(&mut self, client: ClientId, from: Option<AgentId>, to: Option<AgentId>) {
        if from == to {
            return;
        }
        if let Some(a) = from {
            if let Some(set) = self.0.get_mut(&a) {
                set.remove(&client);
                if set.is_empty() {
                    self.0.remove(&a);
                }
            }
        }
        if let Some(a) = to {
            self.0.entry(a).or_default().insert(client);
        }
    }

    /// The clients `agent` holds, in id order.
    pub(super) fn of(&self, agent: AgentId) -> impl Iterator<Item = ClientId> + '_ {
        self.0.get(&agent).into_iter().flatten().copied()
    }
}

/// Where a client stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "standing", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum ClientStanding {
    /// An agent owns it and its registration protects it.
    Owned {
        /// The owner.
        agent: AgentId,
    },
    /// Its protection lapsed (P2-2.13, P3-16): a visit of it is a new client.
    Lapsed {
        /// The agent who held it, if an agent did.
        last_agent: Option<AgentId>,
    },
    /// In the manager's pool, awaiting a `reassign` (P2-2.6, P2-2.11, P2-2.12).
    Pooled,
    /// Invalid (P2-2.1) or a duplicate (P3-15), or a call awaiting the
    /// manager's confirmation (P2-3.5): it owns nothing.
    NotValid,
}

/// One client's record, whole: its facts as registered, who owns it, since
/// when and why, and when its protection lapses. Only for the client's own
/// agent and the manager: it holds the client's name and phones (P1-20).
///
/// `Debug` masks the name and phones as everywhere, and hides the needs.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ClientCard {
    /// The client.
    pub client: ClientId,
    /// Its registration number (P2-1.2).
    pub number: u32,
    /// Registered from a visit or a call.
    pub channel: Channel,
    /// Its name, as registered.
    pub name: Option<PersonName>,
    /// Its gender.
    pub gender: Option<Gender>,
    /// Its phone numbers, as registered.
    pub phones: Vec<Phone>,
    /// Its basic needs, as registered.
    pub needs: Option<String>,
    /// What the registration lacks (P2-2.1); empty when it is valid.
    pub missing: Vec<Missing>,
    /// Who introduced it (P1-19, P2-1.8).
    pub introduced_by: Option<Introducer>,
    /// The agent who registered it first (first contact, P2-2.2).
    pub registrar: AgentId,
    /// When its current registration began.
    pub registered: Timestamp,
    /// Its owner's last contact (P2-2.13).
    pub last_contact: Timestamp,
    /// Where it stands at the time asked.
    pub standing: ClientStanding,
    /// Who holds it, lapse aside.
    pub holder: Option<Holder>,
    /// The trail entry that made its holder: since when, why, by which rules.
    pub since: Option<OwnerChange>,
    /// The last day its registration protects its owner; `None` if it
    /// never lapses (the policy, or a client who bought, P2-2.7).
    pub protected_through: Option<Date>,
    /// The day it lapses: the day after `protected_through`.
    pub lapses_on: Option<Date>,
}

impl std::fmt::Debug for ClientCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientCard")
            .field("client", &self.client)
            .field("number", &self.number)
            .field("channel", &self.channel)
            .field("name", &self.name)
            .field("gender", &self.gender)
            .field("phones", &self.phones)
            .field("needs", &self.needs.as_ref().map(|_| "…"))
            .field("missing", &self.missing)
            .field("introduced_by", &self.introduced_by)
            .field("registrar", &self.registrar)
            .field("registered", &self.registered)
            .field("last_contact", &self.last_contact)
            .field("standing", &self.standing)
            .field("holder", &self.holder)
            .field("since", &self.since)
            .field("protected_through", &self.protected_through)
            .field("lapses_on", &self.lapses_on)
            .finish()
    }
}

/// Another agent's client, as an agent's view shows it: its id, number and
/// standing, its name and phones masked (`王**`, `138****5678`), so an
/// agent can tell whose a visitor is without learning who it is
/// (P1-10, P1-20, P3-18). Masked before it is built: serialised, it holds
/// nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MaskedClient {
    /// The client.
    pub client: ClientId,
    /// Its registration number (P2-1.2).
    pub number: u32,
    /// Its name, masked.
    pub name: Option<String>,
    /// Its phone numbers, masked.
    pub phones: Vec<String>,
    /// Where it stands at the time asked.
    pub standing: ClientStanding,
}

/// What an agent's view shows of everyone else's clients.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Others {
    /// Listed, masked ([`MaskedClient`]). Lists every client: a view, not
    /// a step of the fold.
    Masked,
    /// Left out: the agent's own clients only, read through the index.
    #[default]
    Absent,
}

/// One agent's view of the registry at a moment: its own clients whole,
/// everyone else's masked or absent ([`Others`]). What a tablet shows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AgentClients {
    /// The agent.
    pub agent: AgentId,
    /// The time the view was taken at.
    pub at: Timestamp,
    /// The clients it owns then, whole, in registration order.
    pub own: Vec<ClientCard>,
    /// Every other client, masked, in registration order (empty with
    /// [`Others::Absent`]).
    pub others: Vec<MaskedClient>,
}

impl Registry {
    fn client_standing(&self, client: ClientId, at: Timestamp) -> ClientStanding {
        match self.standing(client, self.lapse.value, at) {
            Standing::Owned(agent) => ClientStanding::Owned { agent },
            Standing::Lapsed(last_agent) => ClientStanding::Lapsed { last_agent },
            Standing::Pooled => ClientStanding::Pooled,
            Standing::NotValid => ClientStanding::NotValid,
        }
    }

    /// The clients `agent` owns at `at` (valid, unlapsed, held by it; see
    /// [`Registry::owner_of`]), in id order. Reads the agent's own clients
    /// through an index by owner, never every client.
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::{Register, SignIn};
    /// use anchang::{AgentId, Gender, PersonName, Phone};
    ///
    /// // A valid registration: name, gender, a phone and needs (P2-2.1).
    /// fn register(c: &str, agent: AgentId, name: &str, phone: &str) -> Register {
    ///     Register {
    ///         name: Some(PersonName::new(name)),
    ///         gender: Some(Gender::Female),
    ///         phones: vec![Phone::new(phone)],
    ///         needs: Some("三房".into()),
    ///         ..Register::new(c.parse().unwrap(), agent)
    ///     }
    /// }
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let li = "Li".parse().unwrap();
    /// let log = [
    ///     Event::new(1, at, SignIn { agent: li }),
    ///     Event::new(2, at, register("c1", li, "王芳", "13812345678")),
    /// ];
    /// let day = replay(&Policy::p2(), &log).unwrap();
    /// let mine: Vec<_> = day.state.registry().clients_of(li, at).collect();
    /// assert_eq!(mine, ["c1".parse().unwrap()]);
    /// ```
    pub fn clients_of(&self, agent: AgentId, at: Timestamp) -> impl Iterator<Item = ClientId> + '_ {
        self.owners
            .of(agent)
            .filter(move |c| self.owner_of(*c, at) == Some(agent))
    }

    /// One client's record at `at`, whole (see [`ClientCard`]): for its own
    /// agent or the manager. `None` for a client never registered.
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::{Register, SignIn};
    /// # use anchang::{AgentId, Gender, PersonName, Phone};
    /// # fn register(c: &str, agent: AgentId, name: &str, phone: &str) -> Register {
    /// #     Register {
    /// #         name: Some(PersonName::new(name)),
    /// #         gender: Some(Gender::Female),
    /// #         phones: vec![Phone::new(phone)],
    /// #         needs: Some("三房".into()),
    /// #         ..Register::new(c.parse().unwrap(), agent)
    /// #     }
    /// # }
    /// use anchang::registry::ClientStanding;
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let li = "Li".parse().unwrap();
    /// let c1 = "c1".parse().unwrap();
    /// let log = [
    ///     Event::new(1, at, SignIn { agent: li }),
    ///     Event::new(2, at, register("c1", li, "王芳", "13812345678")),
    /// ];
    /// let day = replay(&Policy::p2(), &log).unwrap();
    /// let card = day.state.registry().client(c1, at).unwrap();
    /// assert_eq!(card.standing, ClientStanding::Owned { agent: li });
    /// assert_eq!(card.name.unwrap().expose(), "王芳");
    /// // P2 lapses after 20 days without a contact (P2-2.13).
    /// assert_eq!(card.lapses_on.unwrap().to_string(), "2026-03-23");
    /// ```
    pub fn client(&self, client: ClientId, at: Timestamp) -> Option<ClientCard> {
        let rec = self.clients.get(&client)?;
        let protected_through = self.protection(rec, self.lapse.value);
        let holder = rec.holder(&self.agents);
        let since = holder.and(rec.trail.last().copied());
        Some(ClientCard {
            client,
            number: rec.number,
            channel: rec.details().channel,
            name: rec.details().name.clone(),
            gender: rec.details().gender,
            phones: rec.details().phones.clone(),
            needs: rec.details().needs.clone(),
            missing: rec.missing().to_vec(),
            introduced_by: rec.introduced_by,
            registrar: rec.registrar,
            registered: rec.registered,
            last_contact: rec.last_contact,
            standing: self.client_standing(client, at),
            holder,
            since,
            protected_through,
            lapses_on: protected_through.map(|d| d.add_days(1)),
        })
    }

    /// Another agent's client as a view shows it: masked (see [`MaskedClient`]).
    pub fn masked_client(&self, client: ClientId, at: Timestamp) -> Option<MaskedClient> {
        let rec = self.clients.get(&client)?;
        Some(MaskedClient {
            client,
            number: rec.number,
            name: rec.details().name.as_ref().map(PersonName::masked),
            phones: rec.details().phones.iter().map(Phone::masked).collect(),
            standing: self.client_standing(client, at),
        })
    }

    /// `agent`'s view of the registry at `at`: the clients it owns whole,
    /// everyone else's masked or left out as `others` says. A tablet
    /// shows exactly this (P1-20, P3-18).
    ///
    /// ```
    /// use anchang::{replay, Event, Policy, Timestamp};
    /// use anchang::event::{Register, SignIn};
    /// # use anchang::{AgentId, Gender, PersonName, Phone};
    /// # fn register(c: &str, agent: AgentId, name: &str, phone: &str) -> Register {
    /// #     Register {
    /// #         name: Some(PersonName::new(name)),
    /// #         gender: Some(Gender::Female),
    /// #         phones: vec![Phone::new(phone)],
    /// #         needs: Some("三房".into()),
    /// #         ..Register::new(c.parse().unwrap(), agent)
    /// #     }
    /// # }
    /// use anchang::registry::Others;
    ///
    /// let at: Timestamp = "2026-03-02T09:00:00".parse().unwrap();
    /// let (li, wang) = ("Li".parse().unwrap(), "Wang".parse().unwrap());
    /// let log = [
    ///     Event::new(1, at, SignIn { agent: li }),
    ///     Event::new(2, at, SignIn { agent: wang }),
    ///     Event::new(3, at, register("c1", li, "王芳", "13812345678")),
    ///     Event::new(4, at, register("c2", wang, "赵六", "13900001111")),
    /// ];
    /// let day = replay(&Policy::p2(), &log).unwrap();
    /// let view = day.state.registry().agent_view(li, at, Others::Masked);
    /// assert_eq!(view.own[0].name.as_ref().unwrap().expose(), "王芳");
    /// assert_eq!(view.others[0].name.as_deref(), Some("赵*"));
    /// assert_eq!(view.others[0].phones, ["139****1111"]);
    /// ```
    pub fn agent_view(&self, agent: AgentId, at: Timestamp, others: Others) -> AgentClients {
        let mut own: Vec<ClientCard> = self
            .clients_of(agent, at)
            .filter_map(|c| self.client(c, at))
            .collect();
        own.sort_by_key(|c| c.number);
        let mut rest: Vec<MaskedClient> = match others {
            Others::Absent => Vec::new(),
            Others::Masked => self
                .clients
                .keys()
                .filter(|c| self.owner_of(**c, at) != Some(agent))
                .filter_map(|c| self.masked_client(*c, at))
                .collect(),
        };
        rest.sort_by_key(|c| c.number);
        AgentClients {
            agent,
            at,
            own,
            others: rest,
        }
    }
}
