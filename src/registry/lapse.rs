//! How long a registration protects its owner (P2-2.13, P3-16, P3-19),
//! in the office's local calendar days.

use std::collections::BTreeMap;

use super::Registry;
use crate::policy::Lapse;
use crate::{AgentId, ClientId, Date};

/// The last day `lapse` protects a client registered on `registered` and
/// last contacted on `contact`; `None` when it never lapses. A client is
/// lapsed on any later day: "more than N days" means day N is still
/// protected and day N+1 is not (W11, W12).
pub(crate) fn protected_through(lapse: Lapse, registered: Date, contact: Date) -> Option<Date> {
    // Clamped so that absurd policies cannot overflow the date.
    let days = |d: u32| i32::try_from(d.min(3_000_000)).unwrap_or(i32::MAX);
    match lapse {
        Lapse::Never => None,
        Lapse::Inactivity { days: d } => Some(contact.add_days(days(d))),
        Lapse::FromRegistration { days: d } => Some(registered.add_days(days(d))),
        Lapse::CalendarMonths { months } => Some(registered.add_months_clamped(months.min(12_000))),
    }
}

/// Whether a lapsed client that names its own agent on its next visit is
/// still that agent's: P2-2.13's exception, which belongs to the
/// inactivity model. Fixed windows (P3-19) need a new registration instead.
pub(crate) fn naming_revives(lapse: Lapse) -> bool {
    matches!(lapse, Lapse::Inactivity { .. })
}

/// Whether registering a lapsed client again needs the manager's approval:
/// the fixed windows of P3-19 (必须重新进行登记,并得到项目经理认可).
/// Under the inactivity model a lapsed client is simply a new one (P2-2.13).
pub(crate) fn reregistration_needs_approval(lapse: Lapse) -> bool {
    matches!(
        lapse,
        Lapse::FromRegistration { .. } | Lapse::CalendarMonths { .. }
    )
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
    /// The follow-up reminder list a manager prints: per agent, in roster
    /// order, the clients it owns on `today` whose protection lapses within
    /// the next `days` days (lapsing on `today + 1` to `today + days`).
    pub fn reminders(&self, today: Date, days: u32) -> Vec<AgentReminders> {
        let horizon = i32::try_from(days).unwrap_or(i32::MAX);
        let mut by_agent: BTreeMap<AgentId, Vec<Reminder>> = BTreeMap::new();
        for (c, rec) in &self.clients {
            let Some(agent) = rec.agent().filter(|_| rec.stands()) else {
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
