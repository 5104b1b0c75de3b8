//! Recognising a client: by normalised phone number, by the host's word,
//! or as a name-only candidate (P2-3.1); registrations that cross (P3-15).

use std::collections::btree_map::Entry;

use super::client::ClientRecord;
use super::ids::Ids;
use super::{Registry, Standing};
use crate::decision::{ClientDecision, IdentifiedBy};
use crate::event::Arrive;
use crate::person::Line;
use crate::policy::Policy;
use crate::{rules, AgentId, ClientId, Rules, Timestamp};

/// What the engine needs of an arrival: see [`Registry::arrival`].
#[derive(Debug, Default)]
pub(crate) struct Arrival {
    /// The decision explaining who the visitor is, if the registry knows.
    pub note: Option<(Rules, ClientDecision)>,
    /// A client protecting its owner: routed to it (client, owner, deposit paid).
    pub owned: Option<(ClientId, AgentId, bool)>,
    /// A registered client received as new (lapsed, invalid, pooled):
    /// routed by the rotation whatever owner the log states, its reception
    /// still recorded for it.
    pub new_client: Option<ClientId>,
}

/// What the registry makes of an arriving visitor.
pub(crate) enum Recognised {
    /// Nothing known.
    Unknown,
    /// Its name matches these clients: candidates only (P2-3.1).
    /// The latest clients of the name, and how many earlier ones are not listed.
    Candidates(Vec<ClientId>, u32),
    /// A registered client, with how it was recognised and where it stands.
    Client {
        client: ClientId,
        by: IdentifiedBy,
        standing: Standing,
    },
}

impl Registry {
    /// Adds the client's numbers and name to the lookup indexes.
    ///
    /// A client is never in an index when it is added (it is new, or
    /// [`Registry::unindex`] took it out first), and its numbers are added
    /// together: only the list's last entry can already be it (two numbers
    /// with one key). So no list is searched: a common name with
    /// thousands of clients costs what a rare one does.
    pub(super) fn index(&mut self, client: ClientId) {
        let rec = &self.clients[&client];
        for n in &rec.numbers {
            match self.phones.entry(n.key()) {
                Entry::Vacant(v) => {
                    v.insert(Ids::One(client));
                }
                Entry::Occupied(mut o) => {
                    if o.get().as_slice().last() != Some(&client) {
                        o.get_mut().push(client);
                    }
                }
            }
        }
        if let Some(name) = &rec.details().name {
            match self.names.get_mut(name.expose()) {
                Some(ids) => ids.push(client),
                None => {
                    self.names.insert(name.expose().into(), Ids::One(client));
                }
            }
        }
    }

    /// Removes the client from the lookup indexes (before a correction).
    pub(super) fn unindex(&mut self, client: ClientId) {
        let rec = &self.clients[&client];
        for n in &rec.numbers {
            let key = n.key();
            if let Some(ids) = self.phones.get_mut(&key) {
                if !ids.remove(client) {
                    self.phones.remove(&key);
                }
            }
        }
        if let Some(name) = &rec.details().name {
            if let Some(ids) = self.names.get_mut(name.expose()) {
                if !ids.remove(client) {
                    self.names.remove(name.expose());
                }
            }
        }
    }

    /// Clients registered with a number that is the same line as `n`, in
    /// registration order.
    pub(super) fn by_number(&self, n: Line) -> impl Iterator<Item = ClientId> + '_ {
        self.records_by_number(n).map(|(c, _)| c)
    }

    /// [`Registry::by_number`] with each client's record, looked up once.
    fn records_by_number(&self, n: Line) -> impl Iterator<Item = (ClientId, &ClientRecord)> + '_ {
        self.phones
            .get(&n.key())
            .into_iter()
            .flat_map(Ids::as_slice)
            .filter_map(|c| Some((*c, self.clients.get(c)?)))
            .filter(move |(_, rec)| rec.numbers.iter().any(|m| m.same_line(&n)))
    }

    /// The earlier client that `client`'s registration crosses: one with a
    /// number in common that still stands and protects its owner (P3-15).
    /// A lapsed or invalid earlier registration does not block a new one.
    pub(super) fn crossing(
        &self,
        client: ClientId,
        at: Timestamp,
        policy: &Policy,
    ) -> Option<ClientId> {
        let rec = &self.clients[&client];
        rec.numbers
            .iter()
            .flat_map(|n| self.records_by_number(*n))
            .filter(|(c, _)| *c != client)
            .filter(|(_, other)| {
                matches!(
                    self.standing_of(other, policy.lapse.value, at),
                    Standing::Owned(_) | Standing::Pooled
                )
            })
            .min_by_key(|(_, other)| other.number)
            .map(|(c, _)| c)
    }

    /// The registration a duplicate stands for: the one it was resolved
    /// into or crosses (the earlier wins, P3-15).
    fn root(&self, mut client: ClientId) -> ClientId {
        // Chains are short; the bound guards against a cycle.
        for _ in 0..8 {
            let rec = &self.clients[&client];
            match rec.same_as().or(rec.crosses()) {
                Some(c) => client = c,
                None => break,
            }
        }
        client
    }

    /// [`Registry::root`] of `client`, whose record is `rec`, with the
    /// root's record: no lookup when it stands for itself, as most do.
    fn root_record<'a>(
        &'a self,
        client: ClientId,
        rec: &'a ClientRecord,
    ) -> (ClientId, &'a ClientRecord) {
        if rec.same_as().or(rec.crosses()).is_none() {
            return (client, rec);
        }
        let root = self.root(client);
        (root, &self.clients[&root])
    }

    /// What the registry makes of `arrive` at `at`.
    pub(crate) fn recognise(&self, policy: &Policy, arrive: &Arrive, at: Timestamp) -> Recognised {
        let lapse = policy.lapse.value;
        let host = arrive
            .client
            .filter(|c| self.clients.contains_key(c))
            .map(|c| (c, IdentifiedBy::Host));
        let confirmed = || {
            self.confirmed
                .get(&arrive.visitor)
                .map(|c| (*c, IdentifiedBy::Confirmed))
        };
        let phone = || {
            let n = arrive.phone.as_ref()?.line().ok()?;
            let matches = || {
                self.records_by_number(n)
                    .map(|(c, rec)| self.root_record(c, rec))
            };
            // The client that protects its owner, else the latest match.
            matches()
                .find(|(_, rec)| matches!(self.standing_of(rec, lapse, at), Standing::Owned(_)))
                .or_else(|| matches().max_by_key(|(_, rec)| rec.number))
                .map(|(c, _)| (c, IdentifiedBy::Phone))
        };
        if let Some((c, by)) = host.or_else(confirmed).or_else(phone) {
            let client = self.root(c);
            let mut standing = self.standing(client, lapse, at);
            // P2-2.13: a lapsed client that names its own agent stays its
            // agent's, where the policy keeps it so, within its window.
            if let Standing::Lapsed(Some(last)) = standing {
                if arrive.named_agent == Some(last) && self.naming_keeps(policy, client, at) {
                    standing = Standing::Owned(last);
                }
            }
            return Recognised::Client {
                client,
                by,
                standing,
            };
        }
        match arrive
            .name
            .as_ref()
            .and_then(|n| self.names.get(n.expose()))
            .map(Ids::as_slice)
        {
            // The latest few, not the whole list: a common name's list
            // grows with the office, and copying it on every arrival made
            // the step cost grow with the client base (issue 9).
            Some(ids) if !ids.is_empty() => {
                let listed = ids.len().min(crate::decision::NAME_CANDIDATES_LISTED);
                let more = u32::try_from(ids.len() - listed).unwrap_or(u32::MAX);
                Recognised::Candidates(ids[ids.len() - listed..].to_vec(), more)
            }
            _ => Recognised::Unknown,
        }
    }

    /// What the registry makes of an arriving visitor, worked out once:
    /// the decision that explains it, if any (the client recognised,
    /// treated as new, or name-only candidates), and how to route it.
    pub(crate) fn arrival(&self, policy: &Policy, arrive: &Arrive, at: Timestamp) -> Arrival {
        let visitor = arrive.visitor;
        let (client, by, standing) = match self.recognise(policy, arrive, at) {
            Recognised::Unknown => return Arrival::default(),
            Recognised::Candidates(clients, more) => {
                return Arrival {
                    note: Some((
                        rules![P2_3_1],
                        ClientDecision::NameCandidates {
                            visitor,
                            clients,
                            more,
                        },
                    )),
                    ..Arrival::default()
                }
            }
            Recognised::Client {
                client,
                by,
                standing,
            } => (client, by, standing),
        };
        if let Standing::Owned(owner) = standing {
            let note = ClientDecision::Identified {
                visitor,
                client,
                owner,
                by,
            };
            return Arrival {
                note: Some((rules![P2_3_1, P2_3_2], note)),
                owned: Some((client, owner, self.clients[&client].deposit_paid())),
                new_client: None,
            };
        }
        let (rules, last_agent) = match standing {
            Standing::Lapsed(a) => {
                let lapse = policy.lapse_for(self.clients[&client].details().channel);
                (lapse.rules, a)
            }
            Standing::Pooled => (self.pool_rules(client), None),
            // A call the manager has not confirmed is a void reception: its
            // client is a new visitor, and its caller's agent is no owner (P2-3.5).
            _ if self.clients[&client].awaiting_call.is_some() => (
                policy
                    .call_needs_confirmation
                    .rules
                    .with(crate::Rule::P2_3_5),
                None,
            ),
            _ => (
                rules![P2_2_1, P3_15],
                self.clients[&client].agent(&self.agents),
            ),
        };
        let note = ClientDecision::TreatedAsNew {
            visitor,
            client,
            last_agent,
        };
        Arrival {
            note: Some((rules, note)),
            owned: None,
            new_client: Some(client),
        }
    }

    /// The rule that put a pooled client in the pool.
    fn pool_rules(&self, client: ClientId) -> Rules {
        match self.clients[&client].holder(&self.agents) {
            Some(super::Holder::Pool { reason, .. }) => super::pool::pool_rules(reason),
            _ => Rules::NONE,
        }
    }

    /// Registered clients of exactly this name, in registration order:
    /// candidates for the host to confirm (P2-3.1).
    pub fn candidates_by_name(&self, name: &crate::PersonName) -> Vec<ClientId> {
        self.names
            .get(name.expose())
            .map(|ids| ids.as_slice().to_vec())
            .unwrap_or_default()
    }

    /// Registered clients with this phone number, however written, in
    /// registration order (flagged duplicates included).
    pub fn clients_by_phone(&self, phone: &crate::Phone) -> Vec<ClientId> {
        match phone.line() {
            Ok(n) => {
                let mut v: Vec<ClientId> = self.by_number(n).collect();
                v.sort_by_key(|c| self.clients[c].number);
                v
            }
            Err(_) => Vec::new(),
        }
    }
}

impl Registry {
    /// Whether naming its agent keeps lapsed `client` its agent's at `at`:
    /// the policy's `naming_keeps` for the client's lapse model (P2-2.13),
    /// and, where an office limits it, no more than `naming_window_days`
    /// after its protection ended.
    fn naming_keeps(&self, policy: &Policy, client: ClientId, at: Timestamp) -> bool {
        let rec = &self.clients[&client];
        if !policy
            .naming_keeps(&policy.lapse_for(rec.details().channel))
            .value
        {
            return false;
        }
        let Some(window) = policy.naming_window_days.value else {
            return true;
        };
        let through = self.protection(rec, policy.lapse.value);
        through.is_none_or(|d| i64::from(at.date().days_since(d)) <= i64::from(window))
    }
}
