//! A registry's snapshot: written with each client whole (its hot record
//! and its file as one object), read back checked.

use std::collections::{BTreeMap, BTreeSet};

use serde::ser::SerializeStruct;

use super::client::{RecordIn, RecordOut};
use super::ids::Ids;
use super::Registry;
use crate::policy::{Lapse, Ruled};
use crate::{AgentId, ClientId, VisitorId};

/// A registry as serialised, before its cross-references are checked.
#[derive(serde::Deserialize)]
pub(super) struct RegistryData {
    lapse: Ruled<Lapse>,
    #[serde(default)]
    terms: super::lapse::Terms,
    clients: BTreeMap<ClientId, RecordIn>,
    phones: BTreeMap<u64, Ids>,
    names: BTreeMap<Box<str>, Ids>,
    agents: Vec<AgentId>,
    departed: BTreeSet<AgentId>,
    cursor: Option<AgentId>,
    households: BTreeMap<u32, BTreeSet<ClientId>>,
    next_household: u32,
    confirmed: BTreeMap<VisitorId, ClientId>,
    registrations: u32,
}

impl TryFrom<RegistryData> for Registry {
    type Error = String;

    fn try_from(d: RegistryData) -> Result<Registry, String> {
        let known = |c: &ClientId| d.clients.contains_key(c);
        let indexed = d
            .phones
            .values()
            .chain(d.names.values())
            .flat_map(Ids::as_slice);
        let grouped = d.households.values().flatten();
        let named = indexed.chain(grouped).chain(d.confirmed.values());
        if let Some(c) = named.clone().find(|c| !known(c)) {
            return Err(format!(
                "the snapshot names client {c}, which is not registered"
            ));
        }
        for (id, rec) in &d.clients {
            let refs = rec.refers_to();
            if let Some(c) = refs.clone().find(|c| !known(c)) {
                return Err(format!(
                    "client {id} refers to client {c}, which is not registered"
                ));
            }
            if let Some(h) = rec.household().filter(|h| !d.households.contains_key(h)) {
                return Err(format!(
                    "client {id} is in household {h}, which does not exist"
                ));
            }
        }
        // The counters hold the last number handed out, none beyond it.
        if let Some(h) = d.households.keys().find(|h| **h > d.next_household) {
            return Err(format!(
                "household {h} is past the last household number {}",
                d.next_household
            ));
        }
        if let Some((id, rec)) = d.clients.iter().find(|(_, r)| r.number() > d.registrations) {
            return Err(format!(
                "client {id} has number {} past the registrations counted, {}",
                rec.number(),
                d.registrations
            ));
        }
        let mut agents = d.agents;
        let mut clients = BTreeMap::new();
        for (c, r) in d.clients {
            let rec = r
                .into_record(&mut agents)
                .map_err(|why| format!("client {c} {why}"))?;
            clients.insert(c, rec);
        }
        Ok(Registry {
            owners: super::view::OwnerIndex::build(&clients, &agents),
            lapse: d.lapse,
            terms: d.terms,
            clients,
            phones: d.phones,
            names: d.names,
            agents,
            departed: d.departed,
            cursor: d.cursor,
            households: d.households,
            next_household: d.next_household,
            confirmed: d.confirmed,
            registrations: d.registrations,
        })
    }
}

/// Written field by field, in the order `RegistryData` reads them: the
/// clients through `RecordOut`, which reads their holders' agents from
/// the roster.
impl serde::Serialize for Registry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_struct("Registry", 12)?;
        o.serialize_field("lapse", &self.lapse)?;
        o.serialize_field("terms", &self.terms)?;
        o.serialize_field("clients", &Clients(self))?;
        o.serialize_field("phones", &self.phones)?;
        o.serialize_field("names", &self.names)?;
        o.serialize_field("agents", &self.agents)?;
        o.serialize_field("departed", &self.departed)?;
        o.serialize_field("cursor", &self.cursor)?;
        o.serialize_field("households", &self.households)?;
        o.serialize_field("next_household", &self.next_household)?;
        o.serialize_field("confirmed", &self.confirmed)?;
        o.serialize_field("registrations", &self.registrations)?;
        o.end()
    }
}

/// The registry's clients, as the map of whole records a snapshot holds.
struct Clients<'a>(&'a Registry);

impl serde::Serialize for Clients<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let roster = &self.0.agents;
        s.collect_map(
            self.0
                .clients
                .iter()
                .map(|(c, rec)| (c, RecordOut { rec, roster })),
        )
    }
}
