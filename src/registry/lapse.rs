//! How long a registration protects its owner (P2-2.13, P3-16, P3-19),
//! in the office's local calendar days.

use std::collections::BTreeMap;

use super::Registry;
use crate::policy::Lapse;
use crate::{AgentId, ClientId, Date};

/// The last day `lapse` protects a client registered on `registered` and
/// last contacted on `contact`; `None` when it never lapses. The window
/// runs from the last contact when `restarts` (P2-2.13), else from the
/// registration (P3-19). A client is lapsed on any later day: "more than
/// N days" means day N is still protected and day N+1 is not (W11, W12).
pub(crate) fn protected_through(
    lapse: Lapse,
    restarts: bool,
    registered: Date,
    contact: Date,
) -> Option<Date> {
    // Clamped so that absurd policies cannot overflow the date.
    let days = |d: u32| i32::try_from(d.min(3_000_000)).unwrap_or(i32::MAX);
    let from = if restarts { contact } else { registered };
    match lapse {
        Lapse::Never => None,
        Lapse::Inactivity { days: d } | Lapse::FromRegistration { days: d } => {
            Some(from.add_days(days(d)))
        }
        Lapse::CalendarMonths { months } => Some(from.add_months_clamped(months.min(12_000))),
    }
}

/// The policy's lapse cells a query needs when no policy is given (the
/// registry's own copy, refreshed on every event and policy change).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct Terms {
    /// [`Policy::call_lapse`](crate::policy::Policy::call_lapse).
    pub call: Option<Lapse>,
    /// [`Policy::contact_restarts`](crate::policy::Policy::contact_restarts).
    pub restarts: Option<bool>,
}

impl Terms {
    pub fn of(policy: &crate::Policy) -> Terms {
        Terms {
            call: policy.call_lapse.value,
            restarts: policy.contact_restarts.value,
        }
    }
}

/// One line of the follow-up reminder list: a client whose protection
/// lapses soon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reminder {
    /// The client.
    pub client: ClientId,
    /// Its registration number.
    pub number: u32,
    /// The last day it is protected.
    pub protected_through: Date,
    /// The first day it is no longer protected.
    pub lapses_on: Date,
    /// Days from today to `lapses_on` (1 when it lapses tomorrow).
    pub days_left: u32,
}

/// The reminders of one agent, soonest first.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AgentReminders {
    /// The agent.
    pub agent: AgentId,
    /// Its clients lapsing soon, soonest first, then by registration number.
    pub clients: Vec<Reminder>,
}

impl Registry {
    /// Whether any client `agent` holds lapses within `days` of `today`
    /// (as [`Registry::reminders`] would list it), reading that agent's
    /// clients only: the overdue pause (P2-2.13) asks this on a sign-in or
    /// a follow-up, and no step scans every client.
    pub(crate) fn lapses_soon(&self, agent: AgentId, today: Date, days: u32) -> bool {
        let horizon = i64::from(days);
        self.owners.of(agent).any(|c| {
            let rec = &self.clients[&c];
            rec.stands()
                && rec.agent(&self.agents) == Some(agent)
                && self
                    .protection(rec, self.lapse.value)
                    .is_some_and(|through| {
                        let left = i64::from(through.add_days(1).days_since(today));
                        left >= 1 && left <= horizon
                    })
        })
    }

    /// The follow-up reminder list a manager prints: per agent, in roster
    /// order, the clients it owns on `today` whose protection lapses within
    /// the next `days` days (lapsing on `today + 1` to `today + days`).
    pub fn reminders(&self, today: Date, days: u32) -> Vec<AgentReminders> {
        let horizon = i32::try_from(days).unwrap_or(i32::MAX);
        let mut by_agent: BTreeMap<AgentId, Vec<Reminder>> = BTreeMap::new();
        for (c, rec) in &self.clients {
            let Some(agent) = rec.agent(&self.agents).filter(|_| rec.stands()) else {
                continue;
            };
            let Some(through) = self.protection(rec, self.lapse.value) else {
                continue;
            };
            let lapses_on = through.add_days(1);
            let left = lapses_on.days_since(today);
            if left >= 1 && left <= horizon {
                by_agent.entry(agent).or_default().push(Reminder {
                    client: *c,
                    number: rec.number,
                    protected_through: through,
                    lapses_on,
                    days_left: left as u32,
                });
            }
        }
        let mut out: Vec<AgentReminders> = Vec::new();
        for agent in &self.agents {
            if let Some(mut clients) = by_agent.remove(agent) {
                clients.sort_by_key(|r| (r.lapses_on, r.number));
                out.push(AgentReminders {
                    agent: *agent,
                    clients,
                });
            }
        }
        out
    }
}
