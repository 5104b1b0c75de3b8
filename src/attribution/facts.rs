//! What the deal book asks of the client registry, as a trait so the
//! book's rules can be tested with the facts given as data.

use crate::event::Introducer;
use crate::{AgentId, Claim, ClientId, Registry, Timestamp};

/// The registry's answers the deal book needs.
pub(crate) trait ClientFacts {
    /// Whether `client` was ever registered.
    fn knows(&self, client: ClientId) -> bool;
    /// Who introduced `client` (P2-1.8).
    fn introduced_by(&self, client: ClientId) -> Option<Introducer>;
    /// Every agent's claim on a deal of `client` at `at`, in the order the
    /// claims arose (excluded agents left out, P2-2.9).
    fn claims(&self, client: ClientId, at: Timestamp) -> Vec<Claim>;
    /// How many receptions of `client` each agent has on record (P2-1.1,
    /// P2-2.4), in any order.
    fn receptions(&self, client: ClientId) -> Vec<(AgentId, u32)>;
    /// When `agent` last stood in for `client`'s owner, if it did.
    fn last_stand_in(&self, client: ClientId, agent: AgentId) -> Option<Timestamp> {
        let _ = (client, agent);
        None
    }
}

impl ClientFacts for Registry {
    fn knows(&self, client: ClientId) -> bool {
        Registry::knows(self, client)
    }
    fn introduced_by(&self, client: ClientId) -> Option<Introducer> {
        Registry::introduced_by(self, client)
    }
    fn claims(&self, client: ClientId, at: Timestamp) -> Vec<Claim> {
        Registry::claims(self, client, at)
    }
    fn receptions(&self, client: ClientId) -> Vec<(AgentId, u32)> {
        Registry::receptions(self, client)
            .into_iter()
            .map(|(a, r)| (a, r.count))
            .collect()
    }
    fn last_stand_in(&self, client: ClientId, agent: AgentId) -> Option<Timestamp> {
        Registry::receptions(self, client)
            .into_iter()
            .find(|(a, _)| *a == agent)
            .and_then(|(_, r)| r.last_stand_in)
    }
}
