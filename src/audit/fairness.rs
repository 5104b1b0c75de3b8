//! The fairness report: per agent, what the floor gave it and what it
//! missed, from the decisions of a replay (the recorded receptions
//! included), and the spread between agents.

use std::collections::BTreeMap;

use crate::decision::{Decision, RosterChange, Via, What};
use crate::event::AwayReason;
use crate::policy::PassReason;
use crate::{AgentId, Timestamp};

/// One agent's line of the fairness report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AgentFairness {
    /// Counted receptions (接待指标).
    pub counted: u32,
    /// Receptions and greetings not counted.
    pub uncounted: u32,
    /// Turns skipped while busy with a client or away on the office's
    /// business (a manager's errand, an expo): excused.
    pub skipped_excused: u32,
    /// Turns skipped while away on its own business (a meal, the
    /// washroom, out, P3-13) or declined: unexcused.
    pub skipped_unexcused: u32,
    /// Turns forfeited (轮空): declined, or a visitor taken out of turn (P2-3.7).
    pub forfeits: u32,
    /// Make-ups granted.
    pub makeups_granted: u32,
    /// Make-ups used.
    pub makeups_used: u32,
    /// Make-ups still owed at the end of the period.
    pub makeups_owed: u32,
    /// Seconds signed in and not away.
    pub floor_seconds: i64,
    /// Seconds on the floor and not receiving anyone.
    pub idle_seconds: i64,
}

/// The fairness report for the period audited.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Fairness {
    /// Per agent, by id.
    pub agents: BTreeMap<AgentId, AgentFairness>,
    /// Most minus fewest counted receptions among agents on the floor.
    pub spread: u32,
    /// The same per hour on the floor: the highest minus the lowest
    /// counted receptions per floor hour (0 with fewer than two agents).
    pub spread_per_hour: f64,
}

#[derive(Debug, Clone, Copy, Default)]
struct Clock {
    signed_in: Option<Timestamp>,
    away: Option<Timestamp>,
    busy: Option<Timestamp>,
    signed_secs: i64,
    away_secs: i64,
    busy_secs: i64,
}

fn close(since: &mut Option<Timestamp>, at: Timestamp, total: &mut i64) {
    if let Some(s) = since.take() {
        *total += at.seconds_since(s).max(0);
    }
}

/// Folds decisions into the report.
#[derive(Debug, Default)]
pub(crate) struct FairnessTracker {
    agents: BTreeMap<AgentId, AgentFairness>,
    clocks: BTreeMap<AgentId, Clock>,
    last: Option<Timestamp>,
}

impl FairnessTracker {
    /// `agent` as the period finds it at `at`: signed in, away or busy.
    pub fn on_floor(&mut self, agent: AgentId, status: &crate::queue::Status, at: Timestamp) {
        use crate::queue::Status;
        let c = self.clocks.entry(agent).or_default();
        if *status == Status::SignedOut {
            return;
        }
        c.signed_in = Some(at);
        match status {
            Status::Away { .. } => c.away = Some(at),
            Status::Busy { .. } => c.busy = Some(at),
            _ => {}
        }
        self.agents.entry(agent).or_default();
    }

    pub fn observe(&mut self, d: &Decision, counted_of: impl Fn(AgentId) -> Option<bool>) {
        if let (What::NewDay { .. }, Some(last)) = (&d.what, self.last) {
            // The floor closed with the last event of the day before, not
            // overnight at the new day's first.
            self.close_all(last);
        }
        if !matches!(
            d.what,
            What::Ended {
                at_day_end: true,
                ..
            }
        ) {
            self.last = Some(d.at);
        }
        let at = d.at;
        match &d.what {
            What::Received(r) => {
                let a = self.agents.entry(r.agent).or_default();
                if r.counted {
                    a.counted += 1;
                } else {
                    a.uncounted += 1;
                }
                if matches!(r.via, Via::MakeUp { .. }) {
                    a.makeups_used += 1;
                }
                let c = self.clocks.entry(r.agent).or_default();
                c.busy.get_or_insert(at);
            }
            What::Recorded {
                agent,
                prescribed,
                forfeited,
                ..
            } => {
                let counted = counted_of(*agent).unwrap_or(true);
                if let Some(p) = prescribed {
                    let a = self.agents.entry(*p).or_default();
                    if counted {
                        a.counted = a.counted.saturating_sub(1);
                    } else {
                        a.uncounted = a.uncounted.saturating_sub(1);
                    }
                    let c = self.clocks.entry(*p).or_default();
                    close(&mut c.busy, at, &mut c.busy_secs);
                }
                let a = self.agents.entry(*agent).or_default();
                if counted {
                    a.counted += 1;
                } else {
                    a.uncounted += 1;
                }
                if *forfeited {
                    a.forfeits += 1;
                }
                self.clocks
                    .entry(*agent)
                    .or_default()
                    .busy
                    .get_or_insert(at);
            }
            What::Greeted { agent: Some(a), .. } => {
                self.agents.entry(*a).or_default().uncounted += 1
            }
            What::Declined { agent, .. } => {
                let a = self.agents.entry(*agent).or_default();
                a.counted = a.counted.saturating_sub(1);
                a.forfeits += 1;
                let c = self.clocks.entry(*agent).or_default();
                close(&mut c.busy, at, &mut c.busy_secs);
            }
            What::PassedOver {
                agent,
                reason,
                consequence,
                owed,
                ..
            } => {
                let _ = consequence;
                let a = self.agents.entry(*agent).or_default();
                // Busy with a client or away on the office's business is
                // excused; its own business (a meal, out) is not.
                match reason {
                    PassReason::Away(AwayReason::Meal | AwayReason::Washroom | AwayReason::Out)
                    | PassReason::Declined => a.skipped_unexcused += 1,
                    _ => a.skipped_excused += 1,
                }
                if *owed {
                    a.makeups_granted += 1;
                    a.makeups_owed += 1;
                }
            }
            What::MakeUpGranted { agent, .. } => {
                let a = self.agents.entry(*agent).or_default();
                a.makeups_granted += 1;
                a.makeups_owed += 1;
            }
            What::MakeUpUsed { agent, .. } => {
                self.agents.entry(*agent).or_default().makeups_used += 1
            }
            What::MakeUpLapsed { agent, .. } => {
                let a = self.agents.entry(*agent).or_default();
                a.makeups_owed = a.makeups_owed.saturating_sub(1);
            }
            What::Ended { agent, .. } => {
                let c = self.clocks.entry(*agent).or_default();
                close(&mut c.busy, at, &mut c.busy_secs);
            }
            What::TakenOver { from, to, .. } => {
                let c = self.clocks.entry(*from).or_default();
                close(&mut c.busy, at, &mut c.busy_secs);
                self.clocks.entry(*to).or_default().busy.get_or_insert(at);
            }
            What::Roster { agent, change } => {
                self.agents.entry(*agent).or_default();
                let c = self.clocks.entry(*agent).or_default();
                match change {
                    RosterChange::SignedIn { .. } => {
                        c.signed_in.get_or_insert(at);
                    }
                    RosterChange::SignedOut => {
                        close(&mut c.signed_in, at, &mut c.signed_secs);
                        close(&mut c.away, at, &mut c.away_secs);
                        close(&mut c.busy, at, &mut c.busy_secs);
                    }
                    RosterChange::Away { .. } => {
                        c.away.get_or_insert(at);
                    }
                    RosterChange::Back => close(&mut c.away, at, &mut c.away_secs),
                    _ => {}
                }
            }
            _ => {}
        }
        // A make-up used counts against what is owed.
        if let What::MakeUpUsed { agent, .. }
        | What::Received(crate::decision::Reception {
            agent,
            via: Via::MakeUp { .. },
            ..
        }) = &d.what
        {
            let a = self.agents.entry(*agent).or_default();
            a.makeups_owed = a.makeups_owed.saturating_sub(1);
        }
    }

    fn close_all(&mut self, end: Timestamp) {
        for c in self.clocks.values_mut() {
            close(&mut c.signed_in, end, &mut c.signed_secs);
            close(&mut c.away, end, &mut c.away_secs);
            close(&mut c.busy, end, &mut c.busy_secs);
        }
    }

    pub fn finish(mut self) -> Fairness {
        if let Some(end) = self.last {
            self.close_all(end);
        }
        for (agent, c) in &self.clocks {
            let a = self.agents.entry(*agent).or_default();
            a.floor_seconds = (c.signed_secs - c.away_secs).max(0);
            a.idle_seconds = (a.floor_seconds - c.busy_secs).max(0);
        }
        let on_floor: Vec<&AgentFairness> = self
            .agents
            .values()
            .filter(|a| a.floor_seconds > 0)
            .collect();
        let (spread, spread_per_hour) = if on_floor.len() < 2 {
            (0, 0.0)
        } else {
            let max = on_floor.iter().map(|a| a.counted).max().unwrap_or(0);
            let min = on_floor.iter().map(|a| a.counted).min().unwrap_or(0);
            let rate = |a: &&AgentFairness| f64::from(a.counted) * 3600.0 / a.floor_seconds as f64;
            let hi = on_floor.iter().map(rate).fold(f64::MIN, f64::max);
            let lo = on_floor.iter().map(rate).fold(f64::MAX, f64::min);
            (max - min, ((hi - lo) * 100.0).round() / 100.0)
        };
        Fairness {
            agents: self.agents,
            spread,
            spread_per_hour,
        }
    }
}
