//! Reading a registry back from a snapshot, checked.

use std::collections::{BTreeMap, BTreeSet};

use super::client::ClientRecord;
use super::Registry;
use crate::policy::{Lapse, Ruled};
use crate::{AgentId, ClientId, VisitorId};

/// A registry as serialised, before its cross-references are checked.
#[derive(serde::Deserialize)]
pub(super) struct RegistryData {
    lapse: Ruled<Lapse>,
    #[serde(default)]
    terms: super::lapse::Terms,
    clients: BTreeMap<ClientId, Box<ClientRecord>>,
    phones: BTreeMap<u64, Vec<ClientId>>,
    names: BTreeMap<String, Vec<ClientId>>,
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
        let indexed = d.phones.values().chain(d.names.values()).flatten();
        let grouped = d.households.values().flatten();
        let named = indexed.chain(grouped).chain(d.confirmed.values());
        if let Some(c) = named.clone().find(|c| !known(c)) {
            return Err(format!(
                "the snapshot names client {c}, which is not registered"
            ));
        }
        for (id, rec) in &d.clients {
            let refs = rec
                .crosses
                .iter()
                .chain(&rec.same_as)
                .chain(&rec.duplicates)
                .chain(&rec.spouses);
            if let Some(c) = refs.clone().find(|c| !known(c)) {
                return Err(format!(
                    "client {id} refers to client {c}, which is not registered"
                ));
            }
            if let Some(h) = rec.household.filter(|h| !d.households.contains_key(h)) {
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
        if let Some((id, rec)) = d.clients.iter().find(|(_, r)| r.number > d.registrations) {
            return Err(format!(
                "client {id} has number {} past the registrations counted, {}",
                rec.number, d.registrations
            ));
        }
        Ok(Registry {
            owners: super::view::OwnerIndex::build(&d.clients),
            lapse: d.lapse,
            terms: d.terms,
            clients: d.clients,
            phones: d.phones,
            names: d.names,
            agents: d.agents,
            departed: d.departed,
            cursor: d.cursor,
            households: d.households,
            next_household: d.next_household,
            confirmed: d.confirmed,
            registrations: d.registrations,
        })
    }
}
