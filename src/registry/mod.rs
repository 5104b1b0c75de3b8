//! The client registry: registrations, validity, identity, ownership and
//! lapse (P1, P2, P3 kind R).

use crate::decision::{Out, Via};
use crate::event::{Arrive, EventKind, Introducer};
use crate::policy::Policy;
use crate::{AgentId, ClientId, Rules, Timestamp};

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

/// Why the registry rejects an event. The state is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegistryError {
    /// The event names a client never registered.
    #[error("client {0} is unknown")]
    UnknownClient(ClientId),
}

impl RegistryError {
    /// The event field the error is about.
    pub fn field(&self) -> &'static str {
        match self {
            RegistryError::UnknownClient(_) => "client",
        }
    }
}

/// Every client known to the office.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Registry {}

impl Registry {
    /// The registered client an arriving visitor is, with its owner and
    /// whether it paid a deposit, when the registry knows it.
    pub(crate) fn identify(
        &self,
        _policy: &Policy,
        _arrive: &Arrive,
        _at: crate::Timestamp,
    ) -> Option<(ClientId, AgentId, bool)> {
        None
    }

    /// Records that `agent` received registered client `client` at `at`
    /// (a contact, P2-2.13; the receptions weigh a split, P2-2.4).
    pub(crate) fn record_reception(
        &mut self,
        _client: ClientId,
        _agent: AgentId,
        _via: Via,
        _at: Timestamp,
    ) {
    }

    /// Whether `client` was ever registered.
    pub fn knows(&self, _client: ClientId) -> bool {
        false
    }

    /// The agent who owns `client` at `at`, if its registration is valid
    /// and has not lapsed (None while it is in the manager's pool).
    pub fn owner_of(&self, _client: ClientId, _at: Timestamp) -> Option<AgentId> {
        None
    }

    /// Who introduced `client` (P2-1.8: a developer's client earns half).
    pub fn introduced_by(&self, _client: ClientId) -> Option<Introducer> {
        None
    }

    /// Every agent with a claim on a deal of `client` at `at`, in the order
    /// the claims arose; agents the rules exclude (the first agent after a
    /// switch for poor service, P2-2.9) are left out.
    pub fn claims(&self, _client: ClientId, _at: Timestamp) -> Vec<Claim> {
        Vec::new()
    }

    /// Applies a registry event; other events are ignored.
    pub(crate) fn apply(
        &mut self,
        _policy: &Policy,
        _kind: &EventKind,
        _out: &mut Out,
    ) -> Result<(), RegistryError> {
        Ok(())
    }
}
